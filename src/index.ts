// The public surface of cdktf-azure-access, named export by export: what is not listed here
// (helpers, tables, constants) can change without breaking users.

// Model: values both the constructs and the review side use.
export { Duration } from './model/duration';
export type { IPrincipal } from './model/principal';
export { PrincipalKind, PrincipalType } from './model/principal-kind';
export { RuleId } from './model/rule-id';
export { ScopeLevel } from './model/scope-level';
export { Severity } from './model/severity';

// Roles: the generated catalogs and their classification.
export { AppPermission } from './roles/app-permission';
export type { ApiPermissionProps } from './roles/app-permission';
export { BuiltInRole } from './roles/built-in-role.generated';
export { DirectoryRole } from './roles/directory-role.generated';
export { EntraRole } from './roles/entra-role';
export { EntraRoleCatalog } from './roles/entra-role-catalog';
export { GraphPermission } from './roles/graph-permission.generated';
export { PrivilegeTier } from './roles/privilege-tier';
export { Role } from './roles/role';
export type { CustomRoleProps } from './roles/role';
export { RoleCatalog } from './roles/role-catalog';
export type { RolePermission } from './roles/role-permission';
export { RolePlane } from './roles/role-plane';

// Scopes.
export { Scope } from './scope/scope';

// Workload identities and principals.
export { FederatedCredentialSubject } from './identity/federated-credential-subject';
export type { GitHubActionsTrustProps, KubernetesServiceAccountTrustProps, OidcTrustProps } from './identity/federated-credential-subject';
export { Principal } from './identity/principal';
export type { IGrantable, PrincipalLookupOptions, PrincipalProps } from './identity/principal';
export { SystemAssignedIdentity } from './identity/system-assigned-identity';
export { WorkloadIdentity } from './identity/workload-identity';
export type { AttachOptions, FederatedCredentialOptions, WorkloadIdentityProps } from './identity/workload-identity';

// Standing grants.
export { AppPermissionGrant } from './grants/app-permission-grant';
export type { AppPermissionGrantProps } from './grants/app-permission-grant';
export type { AppPermissionGrantOptions } from './grants/app-permission-options';
export type { GrantOptions } from './grants/grant-options';
export { Access } from './grants/access-intents.generated';
export { RoleGrant } from './grants/role-grant';
export type { RoleGrantProps } from './grants/role-grant';

// Just-in-time access through PIM.
export type { ActivationRules } from './pim/activation-rules';
export { ActiveRoleAssignment } from './pim/active-role-assignment';
export type { ActiveRoleAssignmentProps } from './pim/active-role-assignment';
export type { ActiveAssignmentRules, EligibleAssignmentRules } from './pim/assignment-rules';
export { DirectoryRoleEligibility } from './pim/directory-role-eligibility';
export type { DirectoryRoleEligibilityProps } from './pim/directory-role-eligibility';
export { EligibleRoleAssignment } from './pim/eligible-role-assignment';
export type { EligibleRoleAssignmentProps } from './pim/eligible-role-assignment';
export { GroupAssignmentType } from './pim/group-assignment-type';
export { GroupActivationPolicy } from './pim/group-activation-policy';
export type { GroupActivationPolicyProps } from './pim/group-activation-policy';
export { GroupEligibility } from './pim/group-eligibility';
export type { GroupEligibilityProps } from './pim/group-eligibility';
export { JustInTimeAccess } from './pim/just-in-time-access';
export type { JustInTimeAccessProps } from './pim/just-in-time-access';
export { PimNotificationLevel } from './pim/notification-rules';
export type { PimNotificationRules, PimNotificationSettings, PimNotificationTarget } from './pim/notification-rules';
export { PimExpirationType } from './pim/pim-expiration-type';
export type { PimRoleAssignmentProps } from './pim/pim-role-assignment-props';
export { PimSchedule } from './pim/pim-schedule';
export type { PimScheduleOptions } from './pim/pim-schedule';
export { RoleActivationPolicy } from './pim/role-activation-policy';
export type { RoleActivationPolicyProps } from './pim/role-activation-policy';
export type { PimTicket } from './pim/ticket';

// The guard and its findings.
export { AccessGuard } from './policy/access-guard';
export type { AccessGuardProps, SuppressionOptions } from './policy/access-guard';
export type { Finding } from './model/finding';

// Assertions for users' own tests.
export { GrantInventory } from './testing/grant-inventory';
export { GrantKind } from './testing/grant-kind';
export type { ExpectedGrant, GrantRecord } from './testing/grant-record';
