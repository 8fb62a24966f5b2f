import { AppPermission } from './app-permission';
import { GraphPermissionCatalog } from './graph-permission-catalog';
import { PrivilegeTier } from './privilege-tier';

/** The tier a delegated Microsoft Graph scope is judged by, and what it was taken from. */
export interface DelegatedScopeTier {
  readonly tier: PrivilegeTier;
  /** The application permission of the same name whose tier it takes; undefined when there is none. */
  readonly permission?: AppPermission;
}

/**
 * The tier of a delegated (on behalf of a user) Microsoft Graph scope. The catalog classifies
 * application permissions only: entraops has no tiers for delegated scopes. A delegated scope
 * acts with the signed-in user's rights and never more than the application permission of the
 * same name, so that permission's tier is an upper bound, and is used (`Directory.ReadWrite.All`,
 * `RoleManagement.ReadWrite.Directory` are tier 0 either way). A scope with no application
 * permission of its name (`User.Read`, `openid`, `offline_access`) is not classified by anyone,
 * and counts as tier 0, the wider case: the finding says it was not classified.
 */
export function delegatedScopeTier(name: string): DelegatedScopeTier {
  const permission = GraphPermissionCatalog.builtIn().tryFromName(name);
  return permission === undefined ? { tier: PrivilegeTier.CONTROL_PLANE } : { tier: permission.tier, permission };
}
