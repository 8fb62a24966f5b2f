import { PrincipalKind } from '../../model/principal-kind';
import { GraphPrincipal } from '../../review/graph/graph-types';

/** People and groups of people; an unknown principal counts as one (the wider case). */
export function isHumanOrGroup(principal: GraphPrincipal): boolean {
  return principal.kind === PrincipalKind.HUMAN || principal.kind === PrincipalKind.GROUP || principal.kind === 'unknown';
}

/** Managed identities and applications' service principals. */
export function isWorkload(principal: GraphPrincipal): boolean {
  return principal.kind === PrincipalKind.MANAGED_IDENTITY || principal.kind === PrincipalKind.APPLICATION;
}
