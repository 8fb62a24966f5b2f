import { GraphPrincipal } from './graph-types';

/**
 * `human alice`, `managed identity uai-worker`, `principal of unknown kind <id>`: how findings,
 * chains and reports name a principal, so all of them name it the same way.
 */
export function describePrincipal(principal: GraphPrincipal): string {
  const kind = principal.kind === 'unknown' ? 'principal of unknown kind' : principal.kind.replace('-', ' ');
  return `${kind} ${principal.name}`;
}
