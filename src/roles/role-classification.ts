import { effectivePatterns, isOperationPermitted } from './action-pattern';
import { RolePermission } from './role-permission';
import { RolePlane } from './role-plane';

/** The operation that creates role assignments: whoever holds it can hand out any role. */
export const ROLE_ASSIGNMENT_WRITE = 'Microsoft.Authorization/roleAssignments/write';

/** What a role can do, computed from its permission blocks (never listed by hand). */
export interface RoleClassification {
  readonly plane: RolePlane;
  readonly canGrantAccess: boolean;
  readonly isReadOnly: boolean;
  readonly hasWildcardControlPlane: boolean;
}

/** Actions of every block, minus the notActions of the same block. */
export function effectiveActions(permissions: readonly RolePermission[]): string[] {
  return permissions.flatMap((p) => effectivePatterns(p.actions, p.notActions ?? []));
}

/** Data actions of every block, minus the notDataActions of the same block. */
export function effectiveDataActions(permissions: readonly RolePermission[]): string[] {
  return permissions.flatMap((p) => effectivePatterns(p.dataActions ?? [], p.notDataActions ?? []));
}

function planeOf(hasControl: boolean, hasData: boolean): RolePlane {
  if (hasControl && hasData) return RolePlane.CONTROL_AND_DATA;
  if (hasControl) return RolePlane.CONTROL;
  if (hasData) return RolePlane.DATA;
  return RolePlane.NONE;
}

/** `*\/read`, `Microsoft.Web/sites/read`: the last segment is `read`, nothing else. */
function isReadOperation(pattern: string): boolean {
  return /(^|\/)read$/i.test(pattern);
}

export function classifyPermissions(permissions: readonly RolePermission[]): RoleClassification {
  const actions = effectiveActions(permissions);
  const dataActions = effectiveDataActions(permissions);
  return {
    plane: planeOf(actions.length > 0, dataActions.length > 0),
    // Azure allows an operation when any block allows it and that block does not remove it.
    canGrantAccess: permissions.some((p) =>
      isOperationPermitted(ROLE_ASSIGNMENT_WRITE, p.actions, p.notActions ?? []),
    ),
    isReadOnly: [...actions, ...dataActions].every(isReadOperation),
    hasWildcardControlPlane: actions.includes('*'),
  };
}
