import { ScopeLevel } from '../../model/scope-level';
import { PermissionTier, tierLabel } from '../../roles/permission-tier';
import { GraphAppPermission, GraphDirectoryRole, GraphScope } from '../graph/graph-types';

/**
 * How the report and the diff name the Entra half of access, so a row reads the same in both:
 * `Global Administrator (directory role)` at `/ (tenant)`, `User.Read.All (application
 * permission)` on `Microsoft Graph`, and the tier beside them.
 */

/** `Global Administrator (directory role)`. */
export function describeDirectoryRole(d: Pick<GraphDirectoryRole, 'role'>): string {
  return `${d.role.name} (directory role)`;
}

/** `/ (tenant)` for the whole tenant; an administrative unit or one object as written. */
export function describeDirectoryScope(scope: Pick<GraphScope, 'value'>): string {
  return scope.value === '/' ? '/ (tenant)' : scope.value;
}

/**
 * What a directory scope's level stands for: the tenant, an administrative unit, one object
 * (see model/directory-scope.ts for how they rank against Azure's levels), or unknown.
 */
export function directoryScopeKind(level: ScopeLevel): string {
  switch (level) {
    case ScopeLevel.ROOT: return 'tenant';
    case ScopeLevel.RESOURCE_GROUP: return 'administrative unit';
    case ScopeLevel.RESOURCE: return 'object';
    default: return 'unknown directory scope';
  }
}

/** `User.Read.All (application permission)`. */
export function describeAppPermission(p: Pick<GraphAppPermission, 'name'>): string {
  return `${p.name} (application permission)`;
}

/** `tier 0 (ControlPlane)`: the number a reviewer knows and the entraops name; `application-defined (no directory privilege)` apart from them. */
export function describeTier(tier: PermissionTier): string {
  return tierLabel(tier);
}
