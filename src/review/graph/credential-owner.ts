import { GraphCredential, GraphPrincipal } from './graph-types';
import { documentKeyOf } from './origin';
import { parseReference } from '../reference';

/** What a graph knows to name a credential's owner by: its directory objects and identities. */
interface NamedObject {
  readonly origin: { readonly file: string; readonly stack?: string; readonly address: string };
  readonly name: string;
}

interface Named {
  readonly directoryObjects: readonly SigningObject[];
  readonly identities: readonly SigningObject[];
}

// The objects of a graph by document and address, made once per graph: a stack of thousands of
// credentials asks once per credential, and a scan of every object each time was quadratic.
const INDEXES = new WeakMap<object, { objects: Map<string, SigningObject>; identities: Map<string, SigningObject> }>();

function keyOf(document: string, address: string): string {
  return `${document}\u0000${address}`;
}

function indexOf(graph: { readonly directoryObjects: readonly SigningObject[]; readonly identities: readonly SigningObject[] }) {
  let index = INDEXES.get(graph);
  if (index !== undefined) return index;
  const byKey = (list: readonly SigningObject[]) => {
    const map = new Map<string, SigningObject>();
    // The first of an address wins, as a find over the list did.
    for (const o of list) {
      const key = keyOf(documentKeyOf(o.origin), o.origin.address);
      if (!map.has(key)) map.set(key, o);
    }
    return map;
  };
  index = { objects: byKey(graph.directoryObjects), identities: byKey(graph.identities) };
  INDEXES.set(graph, index);
  return index;
}

/**
 * The name of what a credential belongs to, as the configuration names it: an application's
 * `display_name`, an identity's `name`; the value as written when the configuration has no name
 * for it (a literal object ID, an object declared elsewhere).
 */
export function credentialOwnerName(credential: GraphCredential, graph: Named): string {
  const reference = parseReference(credential.owner);
  if (reference === undefined) return credential.owner;
  const { objects, identities } = indexOf(graph);
  const key = keyOf(documentKeyOf(credential.origin), reference.address);
  return (objects.get(key) ?? identities.get(key))?.name ?? credential.owner;
}

interface SigningObject extends NamedObject {
  readonly principal?: GraphPrincipal;
}

/**
 * The principal a credential signs in as: the service principal it belongs to, the one the
 * configuration declares for the application it belongs to, or the user-assigned identity a
 * federated credential is on (`parent_id`); undefined when the configuration declares none (the
 * credential still signs in, as a principal this review cannot see).
 */
export function credentialPrincipal(credential: GraphCredential,
  graph: { readonly directoryObjects: readonly SigningObject[]; readonly identities: readonly SigningObject[] }): GraphPrincipal | undefined {
  // An inline password's owner is the application's own address; the others reference it.
  const address = parseReference(credential.owner)?.address ?? credential.owner;
  const { objects, identities } = indexOf(graph);
  const key = keyOf(documentKeyOf(credential.origin), address);
  return objects.get(key)?.principal ?? identities.get(key)?.principal;
}
