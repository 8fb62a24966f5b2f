import { holdingsOf, widestHolding } from './principal-holdings';
import { describeReach } from '../../review/escalation/describe-root-cause';
import { storeReaderNames } from '../../review/escalation/store-readers';
import { AccessGraph } from '../../review/graph/access-graph';
import { credentialOwnerName, credentialPrincipal } from '../../review/graph/credential-owner';
import { describeCredentialStore, isKeptInAzure, storeBreadthNote, whoCanUseStore } from '../../review/graph/describe-credential-store';
import { describePrincipal } from '../../review/graph/describe-principal';
import { GraphCredential, GraphCredentialStore, GraphPrincipal } from '../../review/graph/graph-types';
import { RuleHit } from '../rule';

/** How many stores a message names one by one; the report's Credentials section names them all. */
const STORES_NAMED = 3;
/** How many of a vault's readers a message names. */
const READERS_NAMED = 3;

/** `which holds "Owner" at sub-prod and 2 other grants`: the widest of what the principal holds, or that the configuration gives it nothing. */
function holdsText(principal: GraphPrincipal | undefined, graph: AccessGraph): string {
  const holdings = principal === undefined ? [] : holdingsOf(principal, graph);
  const widest = widestHolding(holdings);
  if (widest === undefined) return 'which holds no grant this configuration declares';
  const others = holdings.length - 1;
  return `which holds ${describeReach(widest)}${others === 0 ? '' : ` and ${others} other grant${others === 1 ? '' : 's'}`}`;
}

/**
 * Who can use a store: for CI, who runs jobs there; for a vault, whoever can read its secrets,
 * and who that is in this configuration (`uai-app, group ops`), so the reader need not look.
 */
function whoCanUse(store: GraphCredentialStore, graph: AccessGraph): string {
  if (!isKeptInAzure(store)) return whoCanUseStore(store);
  const readers = storeReaderNames(graph, store);
  const named = readers.slice(0, READERS_NAMED).join(', ');
  const more = readers.length - READERS_NAMED;
  return `${whoCanUseStore(store)} (${readers.length === 0 ? 'no one this configuration grants it to' : `${named}${more > 0 ? ` and ${more} more` : ''}`})`;
}

/** `whoever can run a workflow there (no required reviewers: as wide as a repository secret)`. */
function whoWithNote(store: GraphCredentialStore, graph: AccessGraph, separator: string): string {
  const note = storeBreadthNote(store);
  return note === undefined ? whoCanUse(store, graph) : `${whoCanUse(store, graph)}${separator}${note}`;
}

/** The principal a secret signs in as, in words: the service principal, or whose it is when the configuration declares none. */
function signsInAsText(credential: GraphCredential, graph: AccessGraph): { principal?: GraphPrincipal; text: string } {
  const principal = credentialPrincipal(credential, graph);
  return principal === undefined
    ? { text: `the service principal of ${credentialOwnerName(credential, graph)}` }
    : { principal, text: describePrincipal(principal) };
}

/**
 * The sentence AZA005 adds for a secret kept in CI stores: each store (a few by name) and who
 * can use it, the principal they sign in as, and the widest thing it holds.
 * `Kept in GitHub Actions secret AZURE_CLIENT_SECRET of repository infra: whoever can run a
 * workflow there signs in as application deploy, which holds "Owner" at sub-prod.`
 */
export function keptInStoresText(credential: GraphCredential, stores: readonly GraphCredentialStore[], graph: AccessGraph): string {
  const signsInAs = signsInAsText(credential, graph);
  const holds = holdsText(signsInAs.principal, graph);
  if (stores.length === 1) {
    const note = storeBreadthNote(stores[0]);
    return `Kept in ${describeCredentialStore(stores[0])}: ${whoCanUse(stores[0], graph)}${note === undefined ? '' : ` (${note})`} `
      + `signs in as ${signsInAs.text}, ${holds}.`;
  }
  const named = stores.slice(0, STORES_NAMED).map((s) => `${describeCredentialStore(s)} (${whoWithNote(s, graph, '; ')})`);
  const more = stores.length - named.length;
  const where = stores.every((s) => !isKeptInAzure(s)) ? 'CI stores' : 'places';
  return `Kept in ${stores.length} ${where}: ${named.join(', ')}${more === 0 ? '' : `, and ${more} more`}. `
    + `Whoever can use one signs in as ${signsInAs.text}, ${holds}.`;
}

/** Each store as a path of two steps, for tools that show a finding as steps (SARIF code flows): the store, then the secret. */
export function keptInStoresFlows(credential: GraphCredential, stores: readonly GraphCredentialStore[], graph: AccessGraph): RuleHit['flows'] {
  const signsInAs = signsInAsText(credential, graph).text;
  return stores.map((s) => ({
    steps: [
      { where: s.origin, message: `${describeCredentialStore(s)}: ${whoWithNote(s, graph, ', ')} can use it` },
      { where: credential.origin, message: `the secret it keeps signs in as ${signsInAs}` },
    ],
  }));
}

/** The fix for a secret kept somewhere: sign in without one, then delete the secret and every place it is kept. */
export function keptInStoresFix(stores: readonly GraphCredentialStore[]): string {
  const addresses = [...new Set(stores.map((s) => s.origin.address))];
  const vault = stores.some(isKeptInAzure)
    ? 'Run the workload that reads it where it is kept as a managed identity (WorkloadIdentity) with the roles the secret\'s principal holds. ' : '';
  if (stores.every(isKeptInAzure)) return `${vault}Then delete the secret and where it is kept: ${addresses.join(', ')}.`;
  return `${vault}Sign in from CI with a federated credential instead (GitHub: azuread_application_federated_identity_credential for the `
    + 'repository or environment; Azure DevOps: a service connection with service_endpoint_authentication_scheme = "WorkloadIdentityFederation"), '
    + `then delete the secret and where it is kept: ${addresses.join(', ')}.`;
}
