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
 * rules about people's standing access leave them to AZA031, whose fix (a managed identity, the
 * account deleted) is the one decision; making such an account eligible through PIM is no fix.
 */
export function serviceAccountUsers(graph: AccessGraph): ReadonlySet<string> {
  const keys = new Set<string>();
  for (const o of graph.directoryObjects) if (o.serviceAccountSigns !== undefined && o.principal !== undefined) keys.add(o.principal.key);
  return keys;
}
