import { AppPermission } from './app-permission';
import { DelegatedScopeRecord } from './delegated-scope-record';
import { DELEGATED_SCOPE_RECORDS } from './delegated-scopes.generated';
import { GraphPermissionCatalog } from './graph-permission-catalog';
import { PrivilegeTier, tierOfLevel } from './privilege-tier';

/** The tier a delegated Microsoft Graph scope is judged by, and what it was taken from. */
export interface DelegatedScopeTier {
  readonly tier: PrivilegeTier;
  /** The application permission of the same name whose tier it takes; undefined when there is none. */
  readonly permission?: AppPermission;
  /** Whether anything classifies it (the reviewed table, or a permission of its name); if not, it counts as tier 0. */
  readonly classified: boolean;
}

const BY_NAME = new Map<string, DelegatedScopeRecord>(DELEGATED_SCOPE_RECORDS.map((r) => [r.name, r]));
const BY_ID = new Map<string, DelegatedScopeRecord>(DELEGATED_SCOPE_RECORDS.map((r) => [r.id, r]));

/**
 * The name of a delegated Microsoft Graph scope by its ID (the same in every tenant), as
 * `required_resource_access` writes it: from the reviewed table (data/graph-delegated-scopes.json);
 * undefined for an ID the table does not list.
 */
export function delegatedScopeNameOfId(id: string): string | undefined {
  return BY_ID.get(id.trim().toLowerCase())?.name;
}

/**
 * The tier of a delegated (on behalf of a user) Microsoft Graph scope. entraops classifies
 * application permissions only, so the tier comes from two places. First the reviewed table
 * (data/graph-delegated-scopes.json): the scopes of signing a user in and reading that user's
 * own profile (`openid`, `profile`, `email`, `offline_access`, `User.Read`) reach nothing of
 * anyone else, tier 2. Otherwise a delegated scope acts with the signed-in user's rights and
 * never more than the application permission of the same name, so that permission's tier is an
 * upper bound, and is used (`Directory.ReadWrite.All`, `RoleManagement.ReadWrite.Directory` are
 * tier 0 either way). A scope with neither is classified by no one and counts as tier 0, the
 * wider case: the finding says it was not classified. Names are matched as written.
 */
export function delegatedScopeTier(name: string): DelegatedScopeTier {
  const reviewed = BY_NAME.get(name)?.tier;
  if (reviewed !== undefined) return { tier: tierOfLevel(reviewed), classified: true };
  const permission = GraphPermissionCatalog.builtIn().tryFromName(name);
  if (permission === undefined) return { tier: PrivilegeTier.CONTROL_PLANE, classified: false };
  return { tier: permission.tier, permission, classified: true };
}
