import { principalIdentity } from './declared-access';
import { ScopeLevel } from '../../model/scope-level';
import { PrivilegeTier } from '../../roles/privilege-tier';
import { AccessGraph } from '../graph/access-graph';
import { describeDirectoryScope } from '../graph/describe-directory-scope';
import { GraphEntraRole, GraphPrincipal, GraphScope, Origin } from '../graph/graph-types';

/** An Entra directory role (standing or eligible) the code declares, as far as it can be compared with the tenant. */
export interface DeclaredDirectoryRole {
  readonly kind: 'standing' | 'eligible';
  readonly origin: Origin;
  /** `"Global Administrator" at the tenant (/) for user ...`. */
  readonly description: string;
  /** The object ID, when the code writes it. */
  readonly principalId?: string;
  /** Otherwise the name of what the reference leads to (lower case), to look up in the exports. */
  readonly principalName?: string;
  /** The role's template ID (lower case): a built-in role's role definition ID in every tenant. */
  readonly roleTemplateId?: string;
  /** The directory scope as written, lower case, when it is literal. */
  readonly directoryScopeId?: string;
  /** Why it cannot be compared at all, when it cannot. */
  readonly notComparable?: string;
}

const UNREAD_ROLE: GraphEntraRole = { name: '(no role written)', tier: PrivilegeTier.CONTROL_PLANE, known: false };

/**
 * The code's standing directory roles (role assignments, role members, administrative-unit role
 * members) and directory role eligibilities, each with what the tenant's Graph exports can be
 * searched for: the principal, the role's template ID and the directory scope.
 */
export function declaredDirectoryRolesOf(graph: AccessGraph): DeclaredDirectoryRole[] {
  const standing = graph.directoryRoles.map((d) => declared('standing', d.origin, d.principal, d.role, d.scope));
  const eligible = graph.eligibilities
    .filter((e) => e.kind === 'entra-directory-role')
    // The graph resolves both for every directory role eligibility; without them it is not comparable.
    .map((e) => declared('eligible', e.origin, e.principal, e.entraRole ?? UNREAD_ROLE, e.scope ?? { value: '', level: ScopeLevel.UNKNOWN }));
  return [...standing, ...eligible];
}

function declared(kind: DeclaredDirectoryRole['kind'], origin: Origin, principal: GraphPrincipal, role: GraphEntraRole, scope: GraphScope): DeclaredDirectoryRole {
  const { principalId, principalName, kindName } = principalIdentity(principal);
  const literalScope = !scope.value.includes('${') && scope.value !== '';
  const reasons = [
    principalId === undefined && principalName === undefined ? `its principal (${principal.name}) is known only after apply and names nothing to look up` : '',
    role.templateId === undefined ? `its role (${role.name}) is known only after apply or cannot be read` : '',
    !literalScope ? `its directory scope (${scope.value || 'none'}) is known only after apply` : '',
  ].filter((r) => r !== '');
  return {
    kind,
    origin,
    description: `${kind === 'eligible' ? 'eligibility for ' : ''}the Entra role "${role.name}" at ${describeDirectoryScope(scope)} for ${kindName} ${principal.name}`,
    ...(principalId !== undefined ? { principalId } : principalName !== undefined ? { principalName } : {}),
    ...(role.templateId === undefined ? {} : { roleTemplateId: role.templateId.toLowerCase() }),
    ...(literalScope ? { directoryScopeId: scope.value.toLowerCase() } : {}),
    ...(reasons.length > 0 ? { notComparable: reasons.join('; ') } : {}),
  };
}
