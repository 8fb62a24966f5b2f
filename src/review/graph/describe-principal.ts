import { GraphPrincipal } from './graph-types';
import { PrincipalKind } from '../../model/principal-kind';

// A report names a principal once per row and chain: the words for each kind are made once.
const KIND_WORDS: ReadonlyMap<PrincipalKind | 'unknown', string> = new Map<PrincipalKind | 'unknown', string>([
  ...Object.values(PrincipalKind).map((kind): [PrincipalKind, string] => [kind, kind.replace('-', ' ')]),
  ['unknown', 'principal of unknown kind'],
]);

/**
 * `human alice`, `managed identity uai-worker`, `principal of unknown kind <id>`: how findings,
 * chains and reports name a principal, so all of them name it the same way.
 */
export function describePrincipal(principal: GraphPrincipal): string {
  // `unknown principal (module input var.x)` already says what it is.
  if (principal.kind === 'unknown' && principal.name.startsWith('unknown principal')) return principal.name;
  return `${KIND_WORDS.get(principal.kind)} ${principal.name}`;
}
