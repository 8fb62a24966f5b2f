import { escalationPathById } from './escalation-catalog';
import { HeldScopes } from './held-scopes';
import { PlacedIndex } from './placed-index';
import { ScopeLevel } from '../../model/scope-level';
import { grantsOperation } from '../../roles/role-classification';
import { AccessGraph } from '../graph/access-graph';
import { describePrincipal } from '../graph/describe-principal';
import { GraphCredentialStore, GraphGrant, GraphPlacement, GraphRole } from '../graph/graph-types';
import { documentKeyOf } from '../graph/origin';
import { setAndReturn } from '../set-and-return';

// An access policy's grant comes from an azurerm_key_vault_access_policy, or from an access_policy block of the vault itself.
const ACCESS_POLICY_BLOCK = /(?:^|\.)azurerm_key_vault(?:_access_policy)?\.[^.[]+(?:\[[^\]]*\])?$/;

/** Reading a secret's value, as Key Vault Secrets User holds it and an access policy's secret Get gives it. */
export const READ_SECRET = 'Microsoft.KeyVault/vaults/secrets/getSecret/action';
const LIST_APP_SETTINGS = 'Microsoft.Web/sites/config/list/action';
const LIST_SLOT_SETTINGS = 'Microsoft.Web/sites/slots/config/list/action';
const READ_KEY_VALUES = 'Microsoft.AppConfiguration/configurationStores/keyValues/read';
const LIST_ACCESS_KEYS = 'Microsoft.AppConfiguration/configurationStores/ListKeys/action';
/** Running a runbook as the account, which reads its credentials and encrypted variables (`Get-AutomationPSCredential`). */
const RUNBOOK_PATH = escalationPathById('automation-runbook-exec');
/** Reading the account's variables: an unencrypted one's value comes back with it. */
const READ_VARIABLES = 'Microsoft.Automation/automationAccounts/variables/read';

/** One way to read what a store keeps: an operation of a plane (the first of those a role holds is named in the chain). */
interface ReadingOperation {
  readonly operation: string;
  readonly plane: 'control' | 'data';
}

/**
 * How each kind of store in Azure is read, the one table of it: the report's readers, AZA005's
 * names and reach's steps all ask here.
 * - a Key Vault secret: `getSecret` (Key Vault Secrets User, Officer, Administrator; an access policy with secret Get);
 * - an app setting or connection string: listing the app's (or slot's) configuration (Website Contributor, Contributor);
 * - an App Configuration key: reading key values (App Configuration Data Reader), or listing the access keys where local auth is on;
 * - an Automation asset: running a runbook as the account (the `automation-runbook-exec` path of the escalation table).
 */
function readingOperations(store: GraphCredentialStore): readonly ReadingOperation[] {
  switch (store.kind) {
    case 'key-vault-secret':
      return [{ operation: READ_SECRET, plane: 'data' }];
    case 'app-setting':
      return [{ operation: store.placement?.terraformType?.endsWith('_slot') ? LIST_SLOT_SETTINGS : LIST_APP_SETTINGS, plane: 'control' }];
    case 'app-configuration-key':
      return store.localAuthDisabled === true ? [{ operation: READ_KEY_VALUES, plane: 'data' }]
        : [{ operation: READ_KEY_VALUES, plane: 'data' }, { operation: LIST_ACCESS_KEYS, plane: 'control' }];
    case 'automation-asset':
      return [
        ...(store.plainText ? [{ operation: READ_VARIABLES, plane: 'control' as const }] : []),
        ...(RUNBOOK_PATH === undefined ? [] : RUNBOOK_PATH.actions.map((operation) => ({ operation, plane: RUNBOOK_PATH.plane }))),
      ];
    default:
      return [];
  }
}

/**
 * The operation by which a role reads what a store keeps, or undefined when it does not. A role
 * that cannot be read reads it (the wider case), named by the first operation. Running a runbook
 * needs the path's other operations too (starting the job), as the escalation table says.
 */
export function readingOperationOf(role: GraphRole, store: GraphCredentialStore): string | undefined {
  const operations = readingOperations(store);
  if (role.role === undefined) return operations[0]?.operation;
  const { permissions } = role.role;
  if (store.kind === 'automation-asset') {
    if (store.plainText && grantsOperation(permissions, READ_VARIABLES, 'control')) return READ_VARIABLES;
    // The runbook path opens only with every operation it requires, as the table matched it for the role.
    if (!role.role.escalationPaths.includes('automation-runbook-exec')) return undefined;
  }
  return operations.find((o) => o.operation !== READ_VARIABLES && grantsOperation(permissions, o.operation, o.plane))?.operation;
}

/**
 * Whether a grant reaches this store's resource, the one test of who reads a store: asked of each
 * reader by the report and of each grant by reach. A vault authorizes one way: data roles with
 * Azure RBAC, access policies otherwise (both when it cannot be told); an access policy reads
 * nothing but its own vault. A scope that cannot be read may hold the resource: the wider case.
 */
function readsStoreAt(grant: GraphGrant, placement: GraphPlacement, document: string, store: GraphCredentialStore): boolean {
  if (store.placement === undefined) return false;
  return readsPlace(grant, placement, document, store, store.placement)
    || (store.alsoAt !== undefined && readsPlace(grant, placement, document, store, store.alsoAt));
}

/** Whether a grant, held at `placement`, reads the store through one place of it (its resource, or the other place a grant reaches it at). */
function readsPlace(grant: GraphGrant, placement: GraphPlacement, document: string, store: GraphCredentialStore, place: GraphPlacement): boolean {
  const policy = ACCESS_POLICY_BLOCK.test(grant.origin.address);
  if (store.kind !== 'key-vault-secret' && policy) return false;
  if ((store.vaultUsesRbac === true && policy) || (store.vaultUsesRbac === false && !policy)) return false;
  if (placement.level === ScopeLevel.UNKNOWN) return true;
  const held = new HeldScopes();
  held.add(document, placement);
  return held.contain(document, place);
}

/**
 * The standing and active grants that read what a store in Azure keeps, at a scope that holds
 * its resource. Eligible grants are not here: they read nothing until activated, and the chains
 * name what activation needs. Which grants' roles read a kind of store is worked out once per
 * way of reading (role by role); the stores of one resource share their readers, worked out once
 * per resource (by its placement, one object per written ID) and way of authorizing.
 */
export function storeReadersOf(graph: AccessGraph, store: GraphCredentialStore): GraphGrant[] {
  if (store.placement === undefined) return [];
  const cache = cacheOf(graph);
  const way = readingKey(store);
  let reading = cache.reading.get(way);
  if (reading === undefined) {
    const byRole = new Map<GraphRole, boolean>();
    const reads = (role: GraphRole) => byRole.get(role) ?? setAndReturn(byRole, role, readingOperationOf(role, store) !== undefined);
    reading = new GrantsByPlace(graph.grants.filter((grant) => grant.via !== 'pim-eligible' && reads(grant.role)));
    cache.reading.set(way, reading);
  }
  const document = documentKeyOf(store.origin);
  const key = `${way}\u0000${document}\u0000${String(store.vaultUsesRbac)}`;
  // The readers of the store's resource, once per resource: the secrets of one vault share the vault's.
  const byPlace = cache.byResource.get(key) ?? setAndReturn(cache.byResource, key, new Map<GraphPlacement, GraphGrant[]>());
  const atResource = byPlace.get(store.placement) ?? setAndReturn(byPlace, store.placement, reading.around(document, store.placement)
    .filter((grant) => documentKeyOf(grant.origin) === document && readsPlace(grant, grant.scopePlacement, document, store, store.placement!)));
  // Besides them, the grants held at the other place itself (a secret's own, a slot's app's): its group and wider scopes
  // are the resource's too, and counted already.
  const atAlso = store.alsoAt === undefined ? [] : reading.exactlyAt(document, store.alsoAt)
    .filter((grant) => readsPlace(grant, grant.scopePlacement, document, store, store.alsoAt!) && !atResource.includes(grant));
  return atAlso.length === 0 ? atResource : reading.inOrder([...atResource, ...atAlso]);
}

/**
 * Grants by where they are held, so the grants that may hold a resource are a few lookups, not a
 * scan of every grant for every resource: those at that resource, at its group, and the wider or
 * unreadable ones. What they return is then tested exactly (`readsStoreAt`).
 */
class GrantsByPlace {
  private readonly byAddress = new Map<string, number[]>();
  private readonly byGroup = new Map<string, number[]>();
  private readonly everywhere: number[] = [];
  private order?: Map<GraphGrant, number>;

  constructor(private readonly grants: readonly GraphGrant[]) {
    grants.forEach((grant, i) => {
      const { level, address, group } = grant.scopePlacement;
      if (level === ScopeLevel.RESOURCE && address !== undefined) push(this.byAddress, `${documentKeyOf(grant.origin)}\u0000${address}`, i);
      else if (level === ScopeLevel.RESOURCE_GROUP && group !== undefined) push(this.byGroup, group, i);
      // Wider scopes, scopes that cannot be read, and resources known only by name and group: tested one by one.
      else this.everywhere.push(i);
    });
  }

  /** The grants held at this resource of a document itself. */
  public exactlyAt(document: string, place: GraphPlacement): GraphGrant[] {
    if (place.level !== ScopeLevel.RESOURCE || place.address === undefined) return [];
    return (this.byAddress.get(`${document}\u0000${place.address}`) ?? []).map((i) => this.grants[i]);
  }

  /** Some of these grants, in grant order. */
  public inOrder(some: readonly GraphGrant[]): GraphGrant[] {
    this.order ??= new Map(this.grants.map((g, i) => [g, i]));
    return [...some].sort((a, b) => this.order!.get(a)! - this.order!.get(b)!);
  }

  /** The grants that may hold one of the places of a document, each once, in grant order. */
  public around(document: string, ...places: (GraphPlacement | undefined)[]): GraphGrant[] {
    const indexes = new Set<number>(this.everywhere);
    for (const place of places) {
      if (place === undefined) continue;
      if (place.level !== ScopeLevel.RESOURCE || place.address === undefined) return [...this.grants];
      for (const i of this.byAddress.get(`${document}\u0000${place.address}`) ?? []) indexes.add(i);
      for (const i of place.group === undefined ? [] : this.byGroup.get(place.group) ?? []) indexes.add(i);
    }
    return [...indexes].sort((a, b) => a - b).map((i) => this.grants[i]);
  }
}

function push<T>(map: Map<string, T[]>, key: string, item: T): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [item]);
  else list.push(item);
}

/** What decides which roles read a store: its kind, a slot's own operation, and whether access keys still work. */
function readingKey(store: GraphCredentialStore): string {
  return `${store.kind}\u0000${String(store.placement?.terraformType?.endsWith('_slot'))}\u0000${String(store.localAuthDisabled)}\u0000${String(store.plainText)}`;
}

interface ReaderCache {
  /** The grants whose role reads a way of reading (readingKey), by where they are held. */
  readonly reading: Map<string, GrantsByPlace>;
  readonly byResource: Map<string, Map<GraphPlacement, GraphGrant[]>>;
}

const CACHES = new WeakMap<AccessGraph, ReaderCache>();

function cacheOf(graph: AccessGraph): ReaderCache {
  let cache = CACHES.get(graph);
  if (cache === undefined) CACHES.set(graph, (cache = { reading: new Map(), byResource: new Map() }));
  return cache;
}

/** What grants of one way of authorizing read, by role, then by where they are held. */
type ByRole = Map<GraphRole, Map<GraphPlacement, readonly StoreRead[]>>;

/** A store a grant reads, and the operation it reads it by. */
export interface StoreRead {
  readonly store: GraphCredentialStore;
  readonly operation: string;
}

const NONE: readonly StoreRead[] = [];

/** A document's stores: those at a declared resource by where it is, the others, and the order of all. */
interface DocumentStores {
  readonly index: PlacedIndex<GraphCredentialStore>;
  readonly others: GraphCredentialStore[];
  readonly order: Map<GraphCredentialStore, number>;
}

/**
 * For reach: the stores in Azure a grant (standing, active or eligible) reads, in store order,
 * by the same tests as `storeReadersOf`. The grants of one role at one scope read the same
 * stores, so the answer is worked out once per document, role, placement and way of
 * authorizing; a graph without such stores answers nothing at once.
 */
export function storesReadBy(graph: AccessGraph): (grant: GraphGrant, document: string) => readonly StoreRead[] {
  const stores = graph.credentialStores.filter((s) => s.credential !== undefined && s.placement !== undefined);
  if (stores.length === 0) return () => NONE;
  // Per document: stores placed at a declared resource by where it is; the others, tested one by one.
  const byDocument = new Map<string, DocumentStores>();
  stores.forEach((store, i) => {
    const key = documentKeyOf(store.origin);
    const within = byDocument.get(key) ?? setAndReturn(byDocument, key, { index: new PlacedIndex(), others: [], order: new Map() } as DocumentStores);
    within.order.set(store, i);
    // Indexed where it is, and where a grant reaches it besides (the secret, a slot's app).
    const places = [store.placement!, ...(store.alsoAt === undefined ? [] : [store.alsoAt])];
    if (places.every((p) => p.level === ScopeLevel.RESOURCE && p.address !== undefined)) {
      for (const p of places) within.index.add(store, p.address!, p.group);
    } else {within.others.push(store);}
  });
  // What a role reads of each way of reading (the operation, or none), then where: each once.
  const operations = new Map<GraphRole, Map<string, string | undefined>>();
  const answers = new Map<string, ByRole[]>();
  // One store of each way of reading the graph's stores: a role that reads none of them reads nothing
  // anywhere, and most grants (Reader, a VM's contributor) are answered before any key is made.
  const ways = new Map<string, GraphCredentialStore>();
  // Each store's way of reading, worked out once (not a key string made per grant that asks).
  const wayOf = new Map<GraphCredentialStore, string>();
  for (const store of stores) {
    const way = readingKey(store);
    wayOf.set(store, way);
    if (!ways.has(way)) ways.set(way, store);
  }
  const readsAny = new Map<GraphRole, boolean>();
  const readsSome = (role: GraphRole): boolean => {
    let reads = readsAny.get(role);
    if (reads === undefined) {
      const ofRole = operations.get(role) ?? setAndReturn(operations, role, new Map<string, string | undefined>());
      reads = false;
      for (const [way, store] of ways) {
        if (!ofRole.has(way)) ofRole.set(way, readingOperationOf(role, store));
        reads ||= ofRole.get(way) !== undefined;
      }
      readsAny.set(role, reads);
    }
    return reads;
  };
  return (grant, document) => {
    const within = byDocument.get(document);
    if (within === undefined || !readsSome(grant.role)) return NONE;
    // By document, then by whether the grant is an access policy (no key string made and hashed per grant).
    const byPolicy = answers.get(document) ?? setAndReturn(answers, document, [new Map(), new Map()] as ByRole[]);
    const byRole = byPolicy[ACCESS_POLICY_BLOCK.test(grant.origin.address) ? 1 : 0];
    const byPlacement = byRole.get(grant.role) ?? setAndReturn(byRole, grant.role, new Map<GraphPlacement, readonly StoreRead[]>());
    let found = byPlacement.get(grant.scopePlacement);
    if (found === undefined) {
      const ofRole = operations.get(grant.role) ?? setAndReturn(operations, grant.role, new Map<string, string | undefined>());
      const place = grant.scopePlacement;
      const near = place.level === ScopeLevel.RESOURCE && place.address === undefined ? undefined : within.index.within(place);
      // Most resources keep one store, found where it is: nothing to merge or order then.
      const candidates = near === undefined ? [...within.order.keys()]
        : near.assumed.length === 0 && within.others.length === 0 && near.placed.length <= 1 ? near.placed
          : [...new Set([...near.placed, ...near.assumed, ...within.others])].sort((a, b) => within.order.get(a)! - within.order.get(b)!);
      const reads: StoreRead[] = [];
      for (const store of candidates) {
        const way = wayOf.get(store)!;
        if (!ofRole.has(way)) ofRole.set(way, readingOperationOf(grant.role, store));
        const operation = ofRole.get(way);
        if (operation !== undefined && readsStoreAt(grant, place, document, store)) reads.push({ store, operation });
      }
      found = reads.length === 0 ? NONE : reads;
      byPlacement.set(place, found);
    }
    return found;
  };
}

const NAMES = new WeakMap<GraphGrant[], string[]>();

/**
 * Who reads a store in Azure, each named once (`managed identity uai-app`, `group ops`), in grant
 * order: the same list for every store of the resource, so named once per resource.
 */
export function storeReaderNames(graph: AccessGraph, store: GraphCredentialStore): string[] {
  const readers = storeReadersOf(graph, store);
  let names = NAMES.get(readers);
  if (names === undefined) {
    names = [...new Set(readers.map((g) => describePrincipal(g.principal)))];
    NAMES.set(readers, names);
  }
  return names;
}
