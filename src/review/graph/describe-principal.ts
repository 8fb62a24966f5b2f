import { GraphPrincipal } from './graph-types';

/**
 * `human alice`, `managed identity uai-worker`, `principal of unknown kind <id>`: how findings,
 * chains and reports name a principal, so all of them name it the same way.
 */
export function describePrincipal(principal: GraphPrincipal): string {
  // `unknown principal (module input var.x)` already says what it is.
  if (principal.kind === 'unknown' && principal.name.startsWith('unknown principal')) return principal.name;
  const kind = principal.kind === 'unknown' ? 'principal of unknown kind' : principal.kind.replace('-', ' ');
  return `${kind} ${principal.name}`;
}
