/**
 * What the AccessGraph reads, in the vocabulary of the reviewed list
 * (data/access-resource-types.json): an input block of a listed type that is not here is
 * reported as "not reviewed" instead of being silently left out. A test builds a graph from one
 * block of each and checks that each became part of the graph.
 */
export interface ReadAccessType {
  readonly type: string;
  readonly armType?: string;
  readonly via: string;
}

export const READ_ACCESS_TYPES: readonly ReadAccessType[] = [
  { type: 'azurerm_role_assignment', via: 'resource' },
  { type: 'azurerm_pim_active_role_assignment', via: 'resource' },
  { type: 'azurerm_pim_eligible_role_assignment', via: 'resource' },
  { type: 'azurerm_role_management_policy', via: 'resource' },
  { type: 'azurerm_role_definition', via: 'resource' },
  { type: 'azurerm_user_assigned_identity', via: 'resource' },
  { type: 'azurerm_federated_identity_credential', via: 'resource' },
  { type: 'azuread_directory_role_eligibility_schedule_request', via: 'resource' },
  { type: 'azuread_privileged_access_group_eligibility_schedule', via: 'resource' },
  { type: 'azuread_privileged_access_group_assignment_schedule', via: 'resource' },
  { type: 'azuread_group_role_management_policy', via: 'resource' },
  { type: 'azuread_directory_role_assignment', via: 'resource' },
  { type: 'azuread_directory_role_member', via: 'resource' },
  { type: 'azuread_app_role_assignment', via: 'resource' },
  { type: 'azuread_administrative_unit_role_member', via: 'resource' },
  { type: 'azuread_custom_directory_role', via: 'resource' },
  { type: 'azuread_application_password', via: 'resource' },
  { type: 'azuread_service_principal_password', via: 'resource' },
  { type: 'azuread_application_certificate', via: 'resource' },
  { type: 'azuread_service_principal_certificate', via: 'resource' },
  { type: 'azuread_application_federated_identity_credential', via: 'resource' },
  { type: 'azuread_application_flexible_federated_identity_credential', via: 'resource' },
  { type: 'azuread_service_principal_delegated_permission_grant', via: 'resource' },
  { type: 'azuread_application_api_access', via: 'resource' },
  { type: 'azuread_application', via: 'block:password' },
  // A user account's sign-in credential (its password, a workload that signs in as it): user-service-accounts.ts, AZA031.
  { type: 'azuread_user', via: 'resource' },
  // Owners and members: read by entra-directory.ts, followed by the reach engine.
  { type: 'azuread_application', via: 'attribute:owners' },
  { type: 'azuread_service_principal', via: 'attribute:owners' },
  { type: 'azuread_group', via: 'attribute:owners' },
  { type: 'azuread_group', via: 'attribute:members' },
  { type: 'azuread_application_owner', via: 'resource' },
  { type: 'azuread_group_member', via: 'resource' },
  { type: 'azuread_administrative_unit', via: 'attribute:members' },
  { type: 'azuread_administrative_unit_member', via: 'resource' },
  { type: 'azurerm_marketplace_role_assignment', via: 'resource' },
  { type: 'azurerm_synapse_role_assignment', via: 'resource' },
  { type: 'azurerm_cosmosdb_sql_role_assignment', via: 'resource' },
  { type: 'azurerm_key_vault_access_policy', via: 'resource' },
  { type: 'azurerm_key_vault', via: 'block:access_policy' },
  // CI secret stores: read by ci-secret-stores.ts, each with the credential it keeps, if any.
  ...['github_actions_secret', 'github_actions_environment_secret', 'github_actions_organization_secret', 'github_actions_variable',
    'github_actions_environment_variable', 'github_actions_organization_variable', 'azuredevops_serviceendpoint_azurerm'].map((type) => ({ type, via: 'resource' })),
  { type: 'azuredevops_variable_group', via: 'block:variable' },
  // An identity written in the ARM body: access-graph.ts, readIdentities (azapi-access.ts, azapiBodyIdentity).
  { type: 'azapi_resource', via: 'body:identity' },
  { type: 'azapi_update_resource', via: 'body:identity' },
  ...['azapi_resource', 'azapi_update_resource'].flatMap((type) => [
    'Microsoft.Authorization/roleAssignments',
    'Microsoft.Authorization/roleDefinitions',
    'Microsoft.Authorization/roleEligibilityScheduleRequests',
    'Microsoft.Authorization/roleAssignmentScheduleRequests',
    'Microsoft.Authorization/roleManagementPolicies',
    'Microsoft.ManagedIdentity/userAssignedIdentities',
    'Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials',
  ].map((armType) => ({ type, armType, via: 'resource' }))),
];

/** The graph reads the `identity` block of every resource, whatever its type (access-graph.ts, readIdentities). */
export const IDENTITY_BLOCK = 'block:identity';

const READ = new Set(READ_ACCESS_TYPES.map((r) => readKey(r.type, r.armType, r.via)));

export function readKey(type: string, armType: string | undefined, via: string): string {
  return `${type}|${(armType ?? '').toLowerCase()}|${via}`;
}

/** Whether the graph reads this part of this type. */
export function isRead(type: string, armType: string | undefined, via: string): boolean {
  return via === IDENTITY_BLOCK || (READ_TYPES.has(type) && READ.has(readKey(type, armType, via)));
}

// Most blocks of a large input are of types the list does not name at all: answer those at once.
const READ_TYPES: ReadonlySet<string> = new Set(READ_ACCESS_TYPES.map((r) => r.type));
