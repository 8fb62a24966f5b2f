import { AccessGraph } from '../../../src/review/graph/access-graph';
import { hclJson, SUB } from '../../policy/rule-fixtures';

/**
 * Some resources make managed identities for a part of themselves and expose each principal in a
 * computed `*_identity` block: Databricks' storage account and managed disk identities, an AKS
 * extension's identity. A grant to one is a managed identity's, not a person's (AZA010 said so).
 */
const SA = `/subscriptions/${SUB}/resourceGroups/rg-app/providers/Microsoft.Storage/storageAccounts/sa`;

test('a *_identity block\'s principal_id is a managed identity of that resource, named by its part', async () => {
  const grant = (name: string, principal: string) => `
resource "azurerm_role_assignment" "${name}" {
  scope                = "${SA}"
  role_definition_name = "Storage Blob Data Contributor"
  principal_id         = ${principal}
}`;
  const hcl = `
resource "azurerm_databricks_workspace" "d" {
  name                = "dbw"
  resource_group_name = "rg-app"
  location            = "eastus"
  sku                 = "premium"
}
resource "azurerm_kubernetes_cluster_extension" "flux" {
  name           = "flux"
  cluster_id     = "/subscriptions/${SUB}/resourceGroups/rg-app/providers/Microsoft.ContainerService/managedClusters/aks"
  extension_type = "microsoft.flux"
}
${grant('storage', 'azurerm_databricks_workspace.d.storage_account_identity[0].principal_id')}
${grant('disk', 'azurerm_databricks_workspace.d.managed_disk_identity[0].principal_id')}
${grant('extension', 'azurerm_kubernetes_cluster_extension.flux.aks_assigned_identity[0].principal_id')}
`;
  const g = AccessGraph.fromDocuments([{ file: 'main.tf', document: await hclJson(hcl) }]);
  expect(g.grants.map((x) => [x.origin.address, x.principal.name, x.principal.kind, x.scope.value])).toEqual([
    ['azurerm_role_assignment.disk', 'dbw (managed_disk_identity)', 'managed-identity', SA],
    ['azurerm_role_assignment.extension', 'flux (aks_assigned_identity)', 'managed-identity', SA],
    ['azurerm_role_assignment.storage', 'dbw (storage_account_identity)', 'managed-identity', SA],
  ]);
});
