import { AccessGraph } from '../../../src/review/graph/access-graph';
import { TerraformDocument } from '../../../src/review/terraform-json';
import { hclJson, SUB } from '../../policy/rule-fixtures';

const APP = `
variable "group" {
  default = "RG-Identities"
}
resource "azurerm_resource_group" "app" {
  name     = "rg-app"
  location = "eastus"
}
resource "azurerm_user_assigned_identity" "api" {
  name                = "uai-api"
  resource_group_name = var.group
  location            = "eastus"
}
resource "azurerm_storage_account" "code" {
  name                     = "stcode"
  resource_group_name      = azurerm_resource_group.app.name
  location                 = "eastus"
  account_tier             = "Standard"
  account_replication_type = "LRS"
}
resource "azurerm_linux_function_app" "by_reference" {
  name                 = "func-ref"
  resource_group_name  = azurerm_resource_group.app.name
  location             = "eastus"
  storage_account_name = azurerm_storage_account.code.name
  identity {
    type         = "SystemAssigned, UserAssigned"
    identity_ids = [azurerm_user_assigned_identity.api.id]
  }
}
resource "azurerm_linux_function_app" "by_name" {
  name                 = "func-name"
  resource_group_name  = "rg-elsewhere"
  location             = "eastus"
  storage_account_name = "stcode"
  identity {
    type = "SystemAssigned"
  }
}
resource "azurerm_linux_function_app" "undeclared" {
  name                 = "func-undeclared"
  resource_group_name  = var.unknown
  location             = "eastus"
  storage_account_name = "stother"
  identity {
    type = "SystemAssigned"
  }
}
resource "azurerm_role_assignment" "by_literal_id" {
  scope                = "/subscriptions/${SUB}/resourceGroups/rg-app/providers/Microsoft.Storage/storageAccounts/stcode"
  role_definition_name = "Reader"
  principal_id         = azurerm_user_assigned_identity.api.principal_id
}
`;

async function graphOf(hcl: string): Promise<AccessGraph> {
  return AccessGraph.fromDocuments([{ file: 'main.tf', document: (await hclJson(hcl)) as TerraformDocument }]);
}

describe('placement in the AccessGraph', () => {
  test('a user-assigned identity is placed in its group, read through a variable default', async () => {
    const api = (await graphOf(APP)).identities.find((i) => i.name === 'uai-api');
    expect(api?.resource).toEqual({
      address: 'azurerm_user_assigned_identity.api', origin: api?.origin, type: 'azurerm_user_assigned_identity', name: 'uai-api', group: 'rg-identities',
    });
  });

  test('the resources an identity runs on carry their group and the storage account they name', async () => {
    const graph = await graphOf(APP);
    const account = { name: 'stcode', address: 'azurerm_storage_account.code', group: 'rg-app' };
    expect(graph.identities.find((i) => i.name === 'uai-api')?.attachedTo).toEqual([
      {
        address: 'azurerm_linux_function_app.by_reference',
        origin: expect.objectContaining({ address: 'azurerm_linux_function_app.by_reference', file: 'main.tf' }),
        type: 'azurerm_linux_function_app',
        name: 'func-ref',
        group: 'rg-app',
        storageAccount: account,
      },
    ]);
    const own = (name: string) => graph.identities.find((i) => i.name === `${name} (system-assigned)`);
    expect(own('func-ref')?.attachedTo).toEqual([own('func-ref')?.resource]);
    expect(own('func-name')?.resource).toMatchObject({ group: 'rg-elsewhere', storageAccount: account });
  });

  test('what cannot be read stays unknown: no group, an account only by the name written', async () => {
    const graph = await graphOf(APP);
    const resource = graph.identities.find((i) => i.name === 'func-undeclared (system-assigned)')?.resource;
    expect(resource).toEqual({
      address: 'azurerm_linux_function_app.undeclared',
      origin: expect.objectContaining({ address: 'azurerm_linux_function_app.undeclared' }),
      type: 'azurerm_linux_function_app',
      name: 'func-undeclared',
      storageAccount: { name: 'stother' },
    });
  });

  test('a grant\'s scope is placed: a literal resource ID finds the declared resource by group and name', async () => {
    const [grant] = (await graphOf(APP)).grants;
    // Its ARM type from the ID: what can be done at a scope that is one resource depends on it.
    expect(grant.scopePlacement).toEqual({ level: 'resource', group: 'rg-app', name: 'stcode', address: 'azurerm_storage_account.code', armType: 'microsoft.storage/storageaccounts' });
  });
});
