import { aksCluster } from './aks-cluster-fixture';
import { reachOfGraph } from '../../../src/review/escalation/reach';
import { AccessGraph } from '../../../src/review/graph/access-graph';
import { buildReport } from '../../../src/review/report/access-report';
import { hclJson, SUB } from '../../policy/rule-fixtures';
import { roleAssignment } from '../ci-secret-stores/store-fixtures';

/**
 * azurerm 4.x names the identity a federated credential is on with `parent_id` (and a
 * `resource_group_name`); later releases of 4.x take `user_assigned_identity_id` instead, which
 * Azure's own samples now write (Azure-Samples/aks-store-demo, infra/terraform/workloadidentity.tf).
 * Either way the credential is the identity's: a pod that runs as the trusted service account
 * signs in as that identity.
 */
function configuration(identityAttribute: string): string {
  return `
${aksCluster()}resource "azurerm_user_assigned_identity" "ops" {
  name                = "uai-ops"
  resource_group_name = "rg-identities"
  location            = "eastus"
}
resource "azurerm_federated_identity_credential" "ops" {
  name     = "ops-operator"
  ${identityAttribute} = azurerm_user_assigned_identity.ops.id
  audience = ["api://AzureADTokenExchange"]
  issuer   = azurerm_kubernetes_cluster.aks.oidc_issuer_url
  subject  = "system:serviceaccount:platform:ops-operator"
}
resource "azuread_group" "dev" {
  display_name     = "dev"
  security_enabled = true
}
${roleAssignment('ops_owner', 'Owner', `"/subscriptions/${SUB}"`, 'azurerm_user_assigned_identity.ops.principal_id')}
${roleAssignment('dev', 'Contributor', `"/subscriptions/${SUB}/resourceGroups/rg-app"`, 'azuread_group.dev.object_id')}`;
}

async function graphOf(identityAttribute: string): Promise<AccessGraph> {
  return AccessGraph.fromDocuments([{ file: 'main.tf', document: await hclJson(configuration(identityAttribute)) }]);
}

describe('the identity of an azurerm_federated_identity_credential, by either attribute', () => {
  test.each(['parent_id', 'user_assigned_identity_id'])('%s: the credential belongs to the identity, and the trust is an edge of reach', async (attribute) => {
    const graph = await graphOf(attribute);
    expect(graph.grants.map((g) => [g.principal.name, g.role.name, g.scope.value])).toEqual([
      ['dev', 'Contributor', `/subscriptions/${SUB}/resourceGroups/rg-app`],
      ['uai-ops', 'Owner', `/subscriptions/${SUB}`],
    ]);
    expect(graph.credentials.map((c) => [c.origin.address, c.owner])).toEqual([
      ['azurerm_federated_identity_credential.ops', '${azurerm_user_assigned_identity.ops.id}'],
    ]);
    expect(graph.workloadTrusts.map((t) => [t.credential.origin.address, t.cluster.name, t.namespace, t.serviceAccount])).toEqual([
      ['azurerm_federated_identity_credential.ops', 'aks-prod', 'platform', 'ops-operator'],
    ]);
    const throughTrust = reachOfGraph(graph).chains.filter((c) => c.principal.name === 'dev' && c.steps.some((s) => s.trust !== undefined));
    expect(throughTrust.length).toBeGreaterThan(0);
    expect(throughTrust.every((c) => c.steps.some((s) => s.description.includes('signs in as uai-ops through its federated credential')))).toBe(true);
    // The report names the identity the credential is on, not the credential itself.
    expect(buildReport(graph).credentials.map((c) => [c.address, c.owner])).toEqual([['azurerm_federated_identity_credential.ops', 'uai-ops']]);
  });
});
