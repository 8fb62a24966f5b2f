/**
 * An AKS cluster with the OIDC issuer and workload identity on, as HCL: the cluster a federated
 * credential's `issuer` names in the workload-identity tests.
 */
export interface ClusterSettings {
  readonly localAccountDisabled?: boolean;
  /** Absent: no Entra integration; else azure_rbac_enabled. */
  readonly azureRbac?: boolean;
}

export function aksCluster(settings: ClusterSettings = {}): string {
  const entra = settings.azureRbac === undefined ? '' : `
  azure_active_directory_role_based_access_control {
    azure_rbac_enabled = ${settings.azureRbac}
  }`;
  return `
resource "azurerm_kubernetes_cluster" "aks" {
  name                      = "aks-prod"
  resource_group_name       = "rg-app"
  location                  = "eastus"
  dns_prefix                = "aks-prod"
  oidc_issuer_enabled       = true
  workload_identity_enabled = true
  ${settings.localAccountDisabled === undefined ? '' : `local_account_disabled = ${settings.localAccountDisabled}`}
  default_node_pool {
    name       = "system"
    vm_size    = "Standard_D2s_v5"
    node_count = 1
  }
  identity {
    type = "SystemAssigned"
  }${entra}
}
`;
}
