import { PrincipalKind } from '../../model/principal-kind';
import { AccessGraph } from '../../review/graph/access-graph';
import { GraphPrincipal } from '../../review/graph/graph-types';

/** People and groups of people; an unknown principal counts as one (the wider case). */
export function isHumanOrGroup(principal: GraphPrincipal): boolean {
  return principal.kind === PrincipalKind.HUMAN || principal.kind === PrincipalKind.GROUP || principal.kind === 'unknown';
}

/** Managed identities and applications' service principals. */
export function isWorkload(principal: GraphPrincipal): boolean {
  return principal.kind === PrincipalKind.MANAGED_IDENTITY || principal.kind === PrincipalKind.APPLICATION;
}

/**
 * The principal keys of user accounts the configuration uses as service accounts (AZA031): the
 * rule about a person's standing write access (AZA010, itself a guess at a user-based service
 * account) leaves them to AZA031, whose fix (a managed identity, the account deleted) is the one
 * decision. A standing role that can grant access stays AZA002's: a suppression of AZA031 during
 * a migration must not hide an Owner.
 */
export function serviceAccountUsers(graph: AccessGraph): ReadonlySet<string> {
  const keys = new Set<string>();
  for (const o of graph.directoryObjects) if (o.accountSigns?.serviceAccount === true && o.principal !== undefined) keys.add(o.principal.key);
  return keys;
}
