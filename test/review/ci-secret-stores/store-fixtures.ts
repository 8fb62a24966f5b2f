/**
 * The HCL the credential-store tests share: the application `deploy` with its service principal
 * and a client secret (what a store keeps), and role assignments written one line each.
 */

/** The application `deploy` and the service principal it signs in as. */
export const DEPLOY_APPLICATION = `
resource "azuread_application_registration" "deploy" {
  display_name = "deploy"
}
resource "azuread_service_principal" "deploy" {
  client_id = azuread_application_registration.deploy.client_id
}
`;

/** A client secret of `deploy`: `azuread_application_password.deploy.value` is what the stores keep. */
export const DEPLOY_PASSWORD = `
resource "azuread_application_password" "deploy" {
  application_id = azuread_application_registration.deploy.id
}
`;

/** `azurerm_role_assignment.<name>`: `role` at `scope` (an ID in quotes, or a reference) for `principal` (a reference). */
export function roleAssignment(name: string, role: string, scope: string, principal = 'azuread_service_principal.deploy.object_id'): string {
  return `
resource "azurerm_role_assignment" "${name}" {
  scope                = ${scope}
  role_definition_name = "${role}"
  principal_id         = ${principal}
}
`;
}

/** `azurerm_user_assigned_identity.<name>`, `uai-<name>` in rg-app: a reader the tests grant things to. */
export function readerIdentity(name: string): string {
  return `
resource "azurerm_user_assigned_identity" "${name}" {
  name                = "uai-${name}"
  resource_group_name = "rg-app"
  location            = "eastus"
}
`;
}

/** The principal of `readerIdentity(name)`, as a role assignment references it. */
export const readerPrincipal = (name: string): string => `azurerm_user_assigned_identity.${name}.principal_id`;

/**
 * The vault `kv-ops` of rg-app, with `body` inside it: how it authorizes (Azure RBAC unless told
 * otherwise) and any access policies.
 */
export function opsVault(body = '  rbac_authorization_enabled = true'): string {
  return `
resource "azurerm_key_vault" "ops" {
  name                = "kv-ops"
  resource_group_name = "rg-app"
  location            = "eastus"
  tenant_id           = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee"
  sku_name            = "standard"
${body}
}
`;
}

/** The Key Vault secret `deploy-client-secret` of `kv-ops`, keeping `value` (by default, deploy's client secret). */
export function keptSecret(value = 'azuread_application_password.deploy.value'): string {
  return `
resource "azurerm_key_vault_secret" "deploy" {
  name         = "deploy-client-secret"
  value        = ${value}
  key_vault_id = azurerm_key_vault.ops.id
}
`;
}
