/**
 * The Azure Resource Manager type of the azurerm types whose type decides what can be done at a
 * scope: an escalation path that needs a key vault, a storage account or an AKS cluster within
 * the scope opens nothing at a scope that is one resource of another type. A type not listed is
 * known not to be one of these (nor a parent of one); listing a type here is how a new condition
 * learns it. Sources: the `id` formats in the azurerm provider documentation of each resource.
 */
const ARM_TYPE_OF: ReadonlyMap<string, string> = new Map([
  ['azurerm_key_vault', 'Microsoft.KeyVault/vaults'],
  ['azurerm_key_vault_secret', 'Microsoft.KeyVault/vaults/secrets'],
  ['azurerm_key_vault_key', 'Microsoft.KeyVault/vaults/keys'],
  ['azurerm_key_vault_certificate', 'Microsoft.KeyVault/vaults/certificates'],
  ['azurerm_key_vault_access_policy', 'Microsoft.KeyVault/vaults/accessPolicies'],
  ['azurerm_storage_account', 'Microsoft.Storage/storageAccounts'],
  ['azurerm_storage_container', 'Microsoft.Storage/storageAccounts/blobServices/containers'],
  ['azurerm_storage_queue', 'Microsoft.Storage/storageAccounts/queueServices/queues'],
  ['azurerm_storage_share', 'Microsoft.Storage/storageAccounts/fileServices/shares'],
  ['azurerm_storage_table', 'Microsoft.Storage/storageAccounts/tableServices/tables'],
  ['azurerm_kubernetes_cluster', 'Microsoft.ContainerService/managedClusters'],
  ['azurerm_kubernetes_cluster_node_pool', 'Microsoft.ContainerService/managedClusters/agentPools'],
]);

/** The ARM type of an azurerm type (data sources too), lower case, or undefined when not listed. */
export function armTypeOfTerraformType(type: string): string | undefined {
  return ARM_TYPE_OF.get(type)?.toLowerCase();
}

/** Whether the table knows an azurerm type's ARM type; an unlisted one is none of those types. */
export function isListedTerraformType(type: string): boolean {
  return ARM_TYPE_OF.has(type);
}

/**
 * Whether a scope that is one resource of ARM type `scopeType` holds a resource of ARM type
 * `wanted`: the same type, or one of its child types (`Microsoft.KeyVault/vaults` holds
 * `Microsoft.KeyVault/vaults/secrets`). Case does not matter, as in ARM.
 */
export function resourceTypeHolds(scopeType: string, wanted: string): boolean {
  const scope = scopeType.toLowerCase();
  const want = wanted.toLowerCase();
  return want === scope || want.startsWith(`${scope}/`);
}
