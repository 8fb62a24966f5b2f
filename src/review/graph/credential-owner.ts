import { GraphCredential, GraphPrincipal } from './graph-types';
import { documentKeyOf } from './origin';
import { parseReference } from '../reference';

/** What a graph knows to name a credential's owner by: its directory objects and identities. */
interface NamedObject {
  readonly origin: { readonly file: string; readonly stack?: string; readonly address: string };
  readonly name: string;
}

interface Named {
  readonly directoryObjects: readonly NamedObject[];
  readonly identities: readonly NamedObject[];
}

/**
 * The name of what a credential belongs to, as the configuration names it: an application's
 * `display_name`, an identity's `name`; the value as written when the configuration has no name
 * for it (a literal object ID, an object declared elsewhere).
 */
export function credentialOwnerName(credential: GraphCredential, graph: Named): string {
  const reference = parseReference(credential.owner);
  if (reference === undefined) return credential.owner;
  const document = documentKeyOf(credential.origin);
  const named = [...graph.directoryObjects, ...graph.identities]
    .find((o) => o.origin.address === reference.address && documentKeyOf(o.origin) === document);
  return named?.name ?? credential.owner;
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
  const document = documentKeyOf(credential.origin);
  const owner = (o: SigningObject) => o.origin.address === address && documentKeyOf(o.origin) === document;
  return graph.directoryObjects.find(owner)?.principal ?? graph.identities.find(owner)?.principal;
}
