import { AccessGraph } from '../../../src/review/graph/access-graph';
import { hclJson, SUB } from '../../policy/rule-fixtures';

/**
 * An azapi resource may attach managed identities in its ARM body, as ARM takes them:
 * `azapi_update_resource` has no `identity` block, so that is how it gives an existing resource an
 * identity (Azure-Samples/aks-workload-identity-terraform attaches a MySQL server's this way).
 * Whoever runs code on the resource acts as those identities: the attachment is access, read as the
 * `identity` block is.
 */
const RG = `/subscriptions/${SUB}/resourceGroups/rg-app`;

const HCL = `
resource "azurerm_user_assigned_identity" "db" {
  name                = "id-db"
  resource_group_name = "rg-app"
  location            = "eastus"
}
resource "azapi_update_resource" "mysql" {
  type        = "Microsoft.DBforMySQL/flexibleServers@2021-12-01-preview"
  resource_id = "${RG}/providers/Microsoft.DBforMySQL/flexibleServers/mysql1"
  body = {
    identity = {
      type                   = "UserAssigned"
      userAssignedIdentities = { (azurerm_user_assigned_identity.db.id) = {} }
    }
  }
}
resource "azapi_resource" "app" {
  type      = "Microsoft.Web/sites@2022-09-01"
  name      = "app1"
  parent_id = "${RG}"
  location  = "eastus"
  body = {
    identity = { type = "SystemAssigned" }
    properties = {}
  }
}
resource "azurerm_role_assignment" "app_reads_blobs" {
  scope                = "${RG}"
  role_definition_name = "Storage Blob Data Reader"
  principal_id         = azapi_resource.app.output.identity.principalId
}
`;

describe('identities an azapi body attaches', () => {
  test('a user-assigned identity in userAssignedIdentities is attached to the resource, and the attachment is reviewed', async () => {
    const g = AccessGraph.fromDocuments([{ file: 'main.tf', document: await hclJson(HCL) }]);
    const db = g.identities.find((i) => i.name === 'id-db');
    expect(db?.attachedTo.map((r) => r.address)).toEqual(['azapi_update_resource.mysql']);
    const coverage = g.coverage.map((c) => [c.origin.address, c.via, c.reviewed]);
    expect(coverage).toContainEqual(['azapi_update_resource.mysql', 'body:identity', true]);
    expect(coverage).toContainEqual(['azapi_resource.app', 'body:identity', true]);
    expect(g.notReviewed).toEqual([]);
  });

  test('a SystemAssigned type is the resource\'s own identity, and a grant to output.identity.principalId is that identity\'s', async () => {
    const g = AccessGraph.fromDocuments([{ file: 'main.tf', document: await hclJson(HCL) }]);
    const own = g.identities.filter((i) => i.kind === 'system-assigned');
    expect(own.map((i) => [i.name, i.resource.address, i.attachedTo.map((r) => r.address)])).toEqual([
      ['app1 (system-assigned)', 'azapi_resource.app', ['azapi_resource.app']],
    ]);
    const ownKey = own[0].principal.key;
    const grants = g.grants.map((x) => [x.origin.address, x.principal.name, x.principal.kind, x.principal.key === ownKey, x.scope.value]);
    expect(grants).toEqual([
      ['azurerm_role_assignment.app_reads_blobs', 'app1 (system-assigned)', 'managed-identity', true, RG],
    ]);
  });
});
