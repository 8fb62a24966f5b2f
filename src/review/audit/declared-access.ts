import { isGuid } from '../../model/guid';
import { ScopeLevel } from '../../model/scope-level';
import { AccessGraph } from '../graph/access-graph';
import { GraphPrincipal, GraphRole, GraphScope, Origin } from '../graph/graph-types';

const SYSTEM_ASSIGNED = / \(system-assigned\)$/;

/** A grant or eligibility of the code, as far as it can be compared with the tenant. */
export interface DeclaredAccess {
  readonly kind: 'standing' | 'eligible';
  readonly origin: Origin;
  /** `"Reader" at <scope> for managed identity uai-api`. */
  readonly description: string;
  /** The object ID, when the code writes it. */
  readonly principalId?: string;
  /** Otherwise the name of what the reference leads to (lower case), to look up in the exports. */
  readonly principalName?: string;
  readonly roleGuid?: string;
  /** The scope ID, lower case, when the code writes it. */
  readonly scopeId?: string;
  readonly scopeLevel: ScopeLevel;
  /** Otherwise the scope's own name (lower case); absent for "the provider's subscription". */
  readonly scopeName?: string;
  /** Why it cannot be compared at all, when it cannot. */
  readonly notComparable?: string;
}

/** The code's standing grants and Azure RBAC eligibilities; directory roles and PIM groups are not in ARM exports. */
export function declaredAccessOf(graph: AccessGraph): DeclaredAccess[] {
  const standing = graph.grants.map((g) => declared('standing', g.origin, g.principal, g.role, g.scope));
  const eligible = graph.eligibilities
    .filter((e) => e.kind === 'azure-rbac')
    .map((e) => declared('eligible', e.origin, e.principal, e.role!, e.scope!));
  return [...standing, ...eligible];
}

/**
 * What a declared principal can be looked up by in the exports: its object ID when the code writes
 * it, else the name of what its reference leads to (lower case), else nothing; and its kind in words.
 */
export function principalIdentity(principal: GraphPrincipal): { principalId?: string; principalName?: string; kindName: string } {
  // The ID as written, also when the document declares that principal (a plan names existing ones by ID).
  const literalId = isGuid(principal.key) ? principal.key : isGuid(principal.written) ? principal.written : undefined;
  // A principal "named" by its address has no name the tenant knows.
  const named = principal.definedBy !== undefined && principal.name !== principal.definedBy && principal.kind !== 'unknown';
  const kindName = principal.kind === 'unknown' ? 'principal' : principal.kind.replace('-', ' ');
  if (literalId !== undefined) return { principalId: literalId.toLowerCase(), kindName };
  return named ? { principalName: principal.name.replace(SYSTEM_ASSIGNED, '').toLowerCase(), kindName } : { kindName };
}

/** A scope ID as ARM compares it: without case, without a trailing slash. */
export function normalizeScope(scope: string): string {
  return (scope.length > 1 ? scope.replace(/\/+$/, '') : scope).toLowerCase();
}

function declared(kind: DeclaredAccess['kind'], origin: Origin, principal: GraphPrincipal, role: GraphRole, scope: GraphScope): DeclaredAccess {
  const { principalId: literalPrincipal, principalName, kindName } = principalIdentity(principal);
  const named = principalName !== undefined;
  const literalScope = !scope.value.includes('${') && scope.value !== '';
  const reasons = [
    literalPrincipal === undefined && !named ? `its principal (${principal.name}) is known only after apply and names nothing to look up` : '',
    role.guid === undefined || !isGuid(role.guid) ? `its role (${role.name}) cannot be read` : '',
    !literalScope && scope.level === ScopeLevel.UNKNOWN ? `its scope (${scope.value || 'none'}) cannot be read` : '',
    !literalScope && scope.name === undefined && scope.level !== ScopeLevel.SUBSCRIPTION ? `its scope (${scope.value}) names no resource` : '',
  ].filter((r) => r !== '');
  return {
    kind,
    origin,
    description: `${kind === 'eligible' ? 'eligibility for ' : ''}"${role.name}" at ${scope.value} for ${kindName} ${principal.name}`,
    ...(literalPrincipal !== undefined ? { principalId: literalPrincipal } : named ? { principalName } : {}),
    ...(role.guid !== undefined && isGuid(role.guid) ? { roleGuid: role.guid.toLowerCase() } : {}),
    ...(literalScope ? { scopeId: normalizeScope(scope.value) } : {}),
    scopeLevel: scope.level,
    ...(!literalScope && scope.name !== undefined ? { scopeName: scope.name.toLowerCase() } : {}),
    ...(reasons.length > 0 ? { notComparable: reasons.join('; ') } : {}),
  };
}
