import { HeldScopes } from './held-scopes';
import { ScopeLevel } from '../../model/scope-level';
import { isOperationPermitted } from '../../roles/action-pattern';
import { AccessGraph } from '../graph/access-graph';
import { describePrincipal } from '../graph/describe-principal';
import { GraphCredentialStore, GraphGrant, GraphPlacement } from '../graph/graph-types';
import { documentKeyOf } from '../graph/origin';

// An access policy's grant comes from an azurerm_key_vault_access_policy, or from an access_policy block of the vault itself.
const ACCESS_POLICY_BLOCK = /(?:^|\.)azurerm_key_vault(?:_access_policy)?\.[^.[]+(?:\[[^\]]*\])?$/;

/** Reading a secret's value, as Key Vault Secrets User holds it and an access policy's secret Get gives it. */
export const READ_SECRET = 'Microsoft.KeyVault/vaults/secrets/getSecret/action';

/**
 * The standing and active grants whose role reads secret values at a scope that holds the vault
 * of a Key Vault secret store: Key Vault Secrets User or Officer, Key Vault Administrator, a
 * custom role with `getSecret`, or an access policy with secret Get, at the vault or above it; a
 * vault that authorizes with access policies is read through them alone, one with Azure RBAC
 * through roles alone. A role that cannot be read counts as one that reads (the wider case). Eligible grants are not
 * here: they read nothing until activated, and the chains name what activation needs.
 */
export function secretReadersOf(graph: AccessGraph, store: GraphCredentialStore): GraphGrant[] {
  if (store.vaultPlacement === undefined) return [];
  // The secrets of one vault share their readers: worked out once per vault (by its placement,
  // one object per written vault ID) and way of authorizing, from the grants that read secrets at all.
  const cache = readersByVault(graph);
  const key = `${documentKeyOf(store.origin)}\u0000${String(store.vaultUsesRbac)}`;
  const byPlacement = cache.byVault.get(key) ?? new Map<GraphPlacement, GraphGrant[]>();
  cache.byVault.set(key, byPlacement);
  let readers = byPlacement.get(store.vaultPlacement);
  if (readers === undefined) {
    readers = readersOf(cache.reading, store);
    byPlacement.set(store.vaultPlacement, readers);
  }
  return readers;
}

const CACHES = new WeakMap<AccessGraph, { reading: GraphGrant[]; byVault: Map<string, Map<GraphPlacement, GraphGrant[]>> }>();

function readersByVault(graph: AccessGraph) {
  let cache = CACHES.get(graph);
  if (cache === undefined) {
    cache = { reading: graph.grants.filter((g) => g.via !== 'pim-eligible' && readsSecrets(g)), byVault: new Map() };
    CACHES.set(graph, cache);
  }
  return cache;
}

function readersOf(reading: readonly GraphGrant[], store: GraphCredentialStore): GraphGrant[] {
  const document = documentKeyOf(store.origin);
  return reading.filter((grant) => documentKeyOf(grant.origin) === document && readsStoreAt(grant, grant.scopePlacement, document, store));
}

/**
 * Whether a grant that reads secrets reaches this store's vault: the one test of who reads a
 * vault's secrets, asked of each reader by the report and of each grant by reach. A vault
 * authorizes one way: data roles with Azure RBAC, access policies otherwise (both when it cannot
 * be told). A scope that cannot be read may hold the vault: the wider case.
 */
function readsStoreAt(grant: GraphGrant, placement: GraphPlacement, document: string, store: GraphCredentialStore): boolean {
  if (store.vaultPlacement === undefined) return false;
  const policy = ACCESS_POLICY_BLOCK.test(grant.origin.address);
  if ((store.vaultUsesRbac === true && policy) || (store.vaultUsesRbac === false && !policy)) return false;
  if (placement.level === ScopeLevel.UNKNOWN) return true;
  const held = new HeldScopes();
  held.add(document, placement);
  return held.contain(document, store.vaultPlacement);
}

/**
 * For reach: the Key Vault secret stores a grant (standing, active or eligible) reads, in store
 * order, by the same test as `secretReadersOf`. The grants of one role system at one scope read
 * the same stores, so the answer is worked out once per document, placement and way of
 * authorizing; a graph without stores answers nothing at once.
 */
export function secretStoresReadBy(graph: AccessGraph): (grant: GraphGrant, document: string) => readonly GraphCredentialStore[] {
  const stores = graph.credentialStores.filter((s) => s.kind === 'key-vault-secret' && s.credential !== undefined && s.vaultPlacement !== undefined);
  if (stores.length === 0) return () => NONE;
  const byDocument = new Map<string, GraphCredentialStore[]>();
  for (const store of stores) {
    const key = documentKeyOf(store.origin);
    byDocument.set(key, [...(byDocument.get(key) ?? []), store]);
  }
  const answers = new Map<string, Map<GraphPlacement, readonly GraphCredentialStore[]>>();
  const reads = new Map<GraphGrant['role'], boolean>();
  return (grant, document) => {
    const within = byDocument.get(document);
    if (within === undefined) return NONE;
    let reading = reads.get(grant.role);
    if (reading === undefined) reads.set(grant.role, (reading = readsSecrets(grant)));
    if (!reading) return NONE;
    const key = `${document}\u0000${String(ACCESS_POLICY_BLOCK.test(grant.origin.address))}`;
    const byPlacement = answers.get(key) ?? new Map<GraphPlacement, readonly GraphCredentialStore[]>();
    answers.set(key, byPlacement);
    let found = byPlacement.get(grant.scopePlacement);
    if (found === undefined) {
      found = within.filter((store) => readsStoreAt(grant, grant.scopePlacement, document, store));
      byPlacement.set(grant.scopePlacement, found.length === 0 ? NONE : found);
    }
    return found;
  };
}

const NONE: readonly GraphCredentialStore[] = [];

function readsSecrets(grant: GraphGrant): boolean {
  const role = grant.role.role;
  if (role === undefined) return true;
  return role.permissions.some((p) => isOperationPermitted(READ_SECRET, p.dataActions ?? [], p.notDataActions ?? []));
}

const NAMES = new WeakMap<GraphGrant[], string[]>();

/**
 * Who reads a Key Vault secret store, each named once (`managed identity uai-app`, `group ops`),
 * in grant order: the same list for every secret of the vault, so named once per vault.
 */
export function secretReaderNames(graph: AccessGraph, store: GraphCredentialStore): string[] {
  const readers = secretReadersOf(graph, store);
  let names = NAMES.get(readers);
  if (names === undefined) {
    names = [...new Set(readers.map((g) => describePrincipal(g.principal)))];
    NAMES.set(readers, names);
  }
  return names;
}
