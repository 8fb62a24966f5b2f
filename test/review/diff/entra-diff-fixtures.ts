/**
 * One directory for the diff tests of the Entra half (the command's and the model's): a person, a
 * workload identity, Microsoft Graph and an administrative unit, and the Entra access either is given.
 */

/** A person, a workload identity, Microsoft Graph and an administrative unit, for the Entra rows to refer to. */
export const DIRECTORY = `
data "azuread_service_principal" "msgraph" {
  client_id = "00000003-0000-0000-c000-000000000000"
}
resource "azuread_user" "ops" {
  user_principal_name = "ops@contoso.example"
  display_name        = "Ops Admin"
}
resource "azuread_administrative_unit" "hr" {
  display_name = "HR"
}
resource "azurerm_user_assigned_identity" "sync" {
  name                = "uai-directory-sync"
  resource_group_name = "rg-sync"
  location            = "eastus"
}
`;

/** A standing directory role of the person, at the tenant or a directory scope. */
export function directoryRole(name: string, roleId: string, scope?: string): string {
  return `resource "azuread_directory_role_assignment" "${name}" {\n  role_id = "${roleId}"\n  principal_object_id = azuread_user.ops.object_id\n`
    + `${scope === undefined ? '' : `  directory_scope_id = "${scope}"\n`}}\n`;
}

/** A Microsoft Graph application permission of the workload identity. */
export function graphPermission(name: string, permission: string): string {
  return `resource "azuread_app_role_assignment" "${name}" {\n`
    + `  app_role_id = data.azuread_service_principal.msgraph.app_role_ids["${permission}"]\n`
    + '  principal_object_id = azurerm_user_assigned_identity.sync.principal_id\n'
    + '  resource_object_id = data.azuread_service_principal.msgraph.object_id\n}\n';
}
