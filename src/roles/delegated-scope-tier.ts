import { AppPermission } from './app-permission';
import { GraphPermissionCatalog } from './graph-permission-catalog';
import { PrivilegeTier } from './privilege-tier';

/** The tier a delegated Microsoft Graph scope is judged by, and what it was taken from. */
export interface DelegatedScopeTier {
  readonly tier: PrivilegeTier;
  /** The application permission of the same name whose tier it takes; undefined when there is none. */
  readonly permission?: AppPermission;
  /** Whether anything classifies it (a sign-in scope, or a permission of its name); if not, it counts as tier 0. */
  readonly classified: boolean;
}

/**
 * The scopes of signing a user in and reading that user's own profile: the OpenID Connect scopes
 * (`openid`, `profile`, `email`, `offline_access`, OpenID Connect Core 1.0 section 5.4 and 11)
 * and Microsoft Graph's `User.Read`, which every application that signs users in asks for. They
 * reach nothing of anyone else: tier 2.
 */
const SIGN_IN_SCOPES: ReadonlySet<string> = new Set(['openid', 'profile', 'email', 'offline_access', 'User.Read']);

/**
 * The tier of a delegated (on behalf of a user) Microsoft Graph scope. The catalog classifies
 * application permissions only: entraops has no tiers for delegated scopes. A delegated scope
 * acts with the signed-in user's rights and never more than the application permission of the
 * same name, so that permission's tier is an upper bound, and is used (`Directory.ReadWrite.All`,
 * `RoleManagement.ReadWrite.Directory` are tier 0 either way). The sign-in scopes are tier 2. Any
 * other scope with no application permission of its name is not classified by anyone, and counts
 * as tier 0, the wider case: the finding says it was not classified.
 */
export function delegatedScopeTier(name: string): DelegatedScopeTier {
  if (SIGN_IN_SCOPES.has(name)) return { tier: PrivilegeTier.USER_ACCESS, classified: true };
  const permission = GraphPermissionCatalog.builtIn().tryFromName(name);
  if (permission === undefined) return { tier: PrivilegeTier.CONTROL_PLANE, classified: false };
  return { tier: permission.tier, permission, classified: true };
}
