import { effectivePatterns, isOperationPermitted, patternMatches } from './action-pattern';
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

/**
 * Operations named as actions that only read, by Microsoft's description of each (the resource
 * provider operations list): "Gets a secret" (a secret's value), "List or view the properties of a
 * secret, but not its value", "Returns a user delegation key for the blob service" (which signs a
 * SAS that can do no more than its holder's own roles allow). Exact names, lower case.
 */
export const READ_ACTIONS: ReadonlySet<string> = new Set([
  'microsoft.keyvault/vaults/secrets/getsecret/action',
  'microsoft.keyvault/vaults/secrets/readmetadata/action',
  'microsoft.storage/storageaccounts/blobservices/generateuserdelegationkey/action',
]);

/** `*\/read`, `Microsoft.Web/sites/read` (the last segment is `read`), or an action listed as reading only. */
function isReadOperation(pattern: string): boolean {
  return /(^|\/)read$/i.test(pattern) || READ_ACTIONS.has(pattern.toLowerCase());
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

/**
 * The fields of an escalation path (data/azure-escalation-actions.json) that decide whether a
 * role opens it. The rest of a path (title, effect, sources) is for people, not for matching.
 */
export interface EscalationPathCriteria {
  readonly id: string;
  /** Where `actions` are granted: `control` reads actions/notActions, `data` dataActions/notDataActions. */
  readonly plane: 'control' | 'data';
  /** Alternatives: holding any one of them triggers the path. */
  readonly actions: readonly string[];
  /** Control-plane operations that are all needed as well. */
  readonly requires: readonly string[];
  /** When not empty, at least one of these control-plane operations is needed as well. */
  readonly requiresAny: readonly string[];
}

// A `*` between two slashes may also stand for no segment at all: Managed Identity Operator's
// `userAssignedIdentities/*/assign/action` is what grants `userAssignedIdentities/assign/action`,
// which is why Microsoft names that role as the one needed to use an identity.
function matchesAllowingEmptySegments(pattern: string, operation: string): boolean {
  if (patternMatches(pattern, operation)) return true;
  for (let at = pattern.indexOf('/*/'); at !== -1; at = pattern.indexOf('/*/', at + 1)) {
    if (matchesAllowingEmptySegments(pattern.slice(0, at) + pattern.slice(at + 2), operation)) return true;
  }
  return false;
}

/**
 * Whether the permission blocks grant one concrete operation on a plane: some block allows it
 * and that same block does not take it away (blocks are combined by union, as Azure does).
 */
export function grantsOperation(permissions: readonly RolePermission[], operation: string, plane: 'control' | 'data'): boolean {
  return permissions.some((p) => {
    const allowed = plane === 'data' ? p.dataActions ?? [] : p.actions;
    const removed = plane === 'data' ? p.notDataActions ?? [] : p.notActions ?? [];
    return allowed.some((a) => matchesAllowingEmptySegments(a, operation))
      && !removed.some((r) => matchesAllowingEmptySegments(r, operation));
  });
}

/**
 * The escalation paths the permissions open: one of a path's actions is granted, all of its
 * `requires`, and one of its `requiresAny` when that list is not empty. Scope, ABAC conditions
 * and the state of resources are not considered here; the reach computation adds scope.
 */
export function openedEscalationPaths(
  permissions: readonly RolePermission[],
  paths: readonly EscalationPathCriteria[],
): string[] {
  const held = (operation: string, plane: 'control' | 'data') => grantsOperation(permissions, operation, plane);
  return paths
    .filter((path) => path.actions.some((a) => held(a, path.plane)))
    .filter((path) => path.requires.every((r) => held(r, 'control')))
    .filter((path) => path.requiresAny.length === 0 || path.requiresAny.some((r) => held(r, 'control')))
    .map((path) => path.id);
}
