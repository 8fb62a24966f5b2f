import { diffEscalations } from '../../../src/review/escalation/chain-diff';
import { reachOfGraph } from '../../../src/review/escalation/reach';
import { isReportedChain } from '../../../src/review/escalation/reported-chain';
import { rootCausesOfGraph } from '../../../src/review/escalation/root-causes';
import { AccessGraph } from '../../../src/review/graph/access-graph';
import { hclJson, ruleFindings, SUB } from '../../policy/rule-fixtures';
import { roleAssignment } from '../ci-secret-stores/store-fixtures';
import { aksCluster, ClusterSettings } from '../graph/aks-cluster-fixture';

/**
 * A federated credential that trusts an AKS cluster's service account (workload identity) is an
 * edge of reach (AZAuthenticatesTo): whoever can run a pod as that service account in that
 * namespace signs in as the credential's principal. Who can depends on the cluster: its admin
 * credential while local accounts are on, its user credential when it has no Entra integration,
 * Kubernetes data roles while Azure RBAC authorizes in it (at a namespace, there only).
 */

const RG = `/subscriptions/${SUB}/resourceGroups/rg-app`;
const ADMIN = 'Microsoft.ContainerService/managedClusters/listClusterAdminCredential/action';

/**
 * uai-ops holds Owner at the subscription and trusts `platform:ops-operator` of aks-prod (issuer
 * written as `issuer`). It is in a group of its own: a Contributor of rg-app cannot attach it to a
 * resource there, so the trust is the only way to it.
 */
function trusted(issuer = 'azurerm_kubernetes_cluster.aks.oidc_issuer_url'): string {
  return `
resource "azurerm_user_assigned_identity" "ops" {
  name                = "uai-ops"
  resource_group_name = "rg-identities"
  location            = "eastus"
}
resource "azurerm_federated_identity_credential" "ops" {
  name                = "ops-operator"
  resource_group_name = "rg-app"
  parent_id           = azurerm_user_assigned_identity.ops.id
  audience            = ["api://AzureADTokenExchange"]
  issuer              = ${issuer}
  subject             = "system:serviceaccount:platform:ops-operator"
}
${roleAssignment('ops_owner', 'Owner', `"/subscriptions/${SUB}"`, 'azurerm_user_assigned_identity.ops.principal_id')}`;
}

const DEV = 'azuread_group.dev.object_id';
const DEV_GROUP = `
resource "azuread_group" "dev" {
  display_name     = "dev"
  security_enabled = true
}
`;

async function graphOf(hcl: string): Promise<AccessGraph> {
  return AccessGraph.fromDocuments([{ file: 'main.tf', document: await hclJson(hcl) }]);
}

/** The group's reported chains through the trust that end in uai-ops's Owner, as their steps' words. */
function devChains(graph: AccessGraph): string[][] {
  return reachOfGraph(graph).chains
    .filter((c) => c.principal.name === 'dev' && isReportedChain(c) && c.steps.some((s) => s.trust !== undefined) && c.steps.length === 3)
    .map((c) => c.steps.map((s) => s.description));
}

function grantsOf(graph: AccessGraph): string[][] {
  return graph.grants.map((g) => [g.principal.name, g.role.name, g.scope.name ?? g.scope.value]).sort();
}

describe('who can run a pod as a trusted service account signs in as the identity', () => {
  test('a Contributor on the cluster\'s group uses the admin credential while local accounts are on', async () => {
    const hcl = aksCluster() + trusted() + DEV_GROUP + roleAssignment('dev', 'Contributor', `"${RG}"`, DEV);
    const graph = await graphOf(hcl);
    expect(grantsOf(graph)).toEqual([['dev', 'Contributor', 'rg-app'], ['uai-ops', 'Owner', SUB]]);
    const trusts = graph.workloadTrusts.map((t) => [t.cluster.name, t.namespace, t.serviceAccount, t.cluster.localAccountsDisabled,
      t.cluster.entraIntegrated]);
    expect(trusts).toEqual([['aks-prod', 'platform', 'ops-operator', false, false]]);
    expect(devChains(graph)).toEqual([[
      'holds "Contributor" at rg-app',
      `runs a pod as service account platform:ops-operator on aks-prod and signs in as uai-ops through its federated credential (${ADMIN})`,
      `uai-ops holds "Owner" at subscription ${SUB}`,
    ]]);
    const step = reachOfGraph(graph).chains.flatMap((c) => c.steps).find((s) => s.trust !== undefined)!;
    expect(step.edgeKind).toBe('AZAuthenticatesTo');
    // The trust is the workload's design, not a root cause by count: the finding points at a grant, its path through the trust.
    const findings = await ruleFindings(hcl, 'AZA013');
    const through = findings.filter((f) => f.message.includes('runs a pod as service account platform:ops-operator'));
    expect(through.length).toBeGreaterThan(0);
    expect(through.every((f) => f.address.startsWith('azurerm_role_assignment.'))).toBe(true);
    expect(rootCausesOfGraph(graph).some((c) => c.edge.kind === 'federated-trust')).toBe(false);
  });

  test('with local accounts off and Azure RBAC on, the admin credential gives nothing to a role that cannot turn them back on', async () => {
    const hcl = aksCluster({ localAccountDisabled: true, azureRbac: true }) + trusted() + DEV_GROUP
      + roleAssignment('dev', 'Azure Kubernetes Service Cluster Admin Role', 'azurerm_kubernetes_cluster.aks.id', DEV);
    const graph = await graphOf(hcl);
    expect(grantsOf(graph)).toEqual([['dev', 'Azure Kubernetes Service Cluster Admin Role', 'aks-prod'], ['uai-ops', 'Owner', SUB]]);
    expect(graph.workloadTrusts).toHaveLength(1);
    expect(devChains(graph)).toEqual([]);
  });

  test('a Contributor writes the cluster, so it turns local accounts back on and takes the admin credential: the step says both', async () => {
    const hcl = aksCluster({ localAccountDisabled: true, azureRbac: true }) + trusted() + DEV_GROUP
      + roleAssignment('dev', 'Contributor', `"${RG}"`, DEV);
    const graph = await graphOf(hcl);
    expect(grantsOf(graph)).toEqual([['dev', 'Contributor', 'rg-app'], ['uai-ops', 'Owner', SUB]]);
    expect(devChains(graph).map((c) => c[1])).toEqual([
      'runs a pod as service account platform:ops-operator on aks-prod and signs in as uai-ops through its federated credential '
      + `(Microsoft.ContainerService/managedClusters/write to turn local accounts back on, then ${ADMIN})`,
    ]);
  });

  test('a namespace of another cluster of the same name (another group) satisfies nothing here', async () => {
    const elsewhere = `"/subscriptions/${SUB}/resourceGroups/rg-other/providers/Microsoft.ContainerService/managedClusters/aks-prod/namespaces/platform"`;
    const here = `"/subscriptions/${SUB}/resourceGroups/rg-app/providers/Microsoft.ContainerService/managedClusters/aks-prod/namespaces/platform"`;
    const at = (scope: string) => aksCluster({ localAccountDisabled: true, azureRbac: true }) + trusted() + DEV_GROUP
      + roleAssignment('dev', 'Azure Kubernetes Service RBAC Writer', scope, DEV);
    const other = await graphOf(at(elsewhere));
    expect(grantsOf(other)[0]).toEqual(['dev', 'Azure Kubernetes Service RBAC Writer', 'platform']);
    expect(devChains(other)).toEqual([]);
    expect(devChains(await graphOf(at(here)))).toHaveLength(1);
  });

  test('Kubernetes RBAC Writer at the namespace reaches it; at another namespace it does not; at the cluster it does', async () => {
    const settings = { localAccountDisabled: true, azureRbac: true };
    const at = (scope: string) => aksCluster(settings) + trusted() + DEV_GROUP + roleAssignment('dev', 'Azure Kubernetes Service RBAC Writer', scope, DEV);
    const inNamespace = await graphOf(at('"${azurerm_kubernetes_cluster.aks.id}/namespaces/platform"'));
    expect(grantsOf(inNamespace)).toEqual([
      ['dev', 'Azure Kubernetes Service RBAC Writer', 'platform'],
      ['uai-ops', 'Owner', SUB],
    ]);
    expect(devChains(inNamespace).map((c) => c[1])).toEqual([
      'runs a pod as service account platform:ops-operator on aks-prod and signs in as uai-ops through its federated credential '
      + '(Microsoft.ContainerService/managedClusters/pods/write)',
    ]);
    const elsewhere = await graphOf(at('"${azurerm_kubernetes_cluster.aks.id}/namespaces/web"'));
    expect(grantsOf(elsewhere)[0]).toEqual(['dev', 'Azure Kubernetes Service RBAC Writer', 'web']);
    expect(devChains(elsewhere)).toEqual([]);
    const wholeCluster = await graphOf(at('azurerm_kubernetes_cluster.aks.id'));
    expect(grantsOf(wholeCluster)[0]).toEqual(['dev', 'Azure Kubernetes Service RBAC Writer', 'aks-prod']);
    expect(devChains(wholeCluster)).toHaveLength(1);
  });

  test('without Azure RBAC in the cluster, Kubernetes data roles authorize nothing there', async () => {
    const hcl = aksCluster({ localAccountDisabled: true, azureRbac: false }) + trusted() + DEV_GROUP
      + roleAssignment('dev', 'Azure Kubernetes Service RBAC Writer', 'azurerm_kubernetes_cluster.aks.id', DEV);
    const graph = await graphOf(hcl);
    expect(grantsOf(graph)).toEqual([['dev', 'Azure Kubernetes Service RBAC Writer', 'aks-prod'], ['uai-ops', 'Owner', SUB]]);
    expect(devChains(graph)).toEqual([]);
  });

  test('the user credential is an admin\'s on a cluster without Entra integration, and nothing more with it', async () => {
    const user = (settings: ClusterSettings) => aksCluster(settings) + trusted() + DEV_GROUP
      + roleAssignment('dev', 'Azure Kubernetes Service Cluster User Role', 'azurerm_kubernetes_cluster.aks.id', DEV);
    const local = await graphOf(user({}));
    expect(grantsOf(local)[0]).toEqual(['dev', 'Azure Kubernetes Service Cluster User Role', 'aks-prod']);
    expect(devChains(local).map((c) => c[1])).toEqual([
      'runs a pod as service account platform:ops-operator on aks-prod and signs in as uai-ops through its federated credential '
      + '(Microsoft.ContainerService/managedClusters/listClusterUserCredential/action)',
    ]);
    const entra = await graphOf(user({ azureRbac: true }));
    expect(grantsOf(entra)[0]).toEqual(['dev', 'Azure Kubernetes Service Cluster User Role', 'aks-prod']);
    expect(devChains(entra)).toEqual([]);
  });

  test('an issuer written as a URL names no declared cluster: no edge, the credential stays a credential', async () => {
    const hcl = aksCluster() + trusted('"https://eastus.oic.prod-aks.azure.com/tenant/issuer/"') + DEV_GROUP + roleAssignment('dev', 'Contributor', `"${RG}"`, DEV);
    const graph = await graphOf(hcl);
    expect(grantsOf(graph)).toEqual([['dev', 'Contributor', 'rg-app'], ['uai-ops', 'Owner', SUB]]);
    expect(graph.credentials.filter((c) => c.kind === 'federated')).toHaveLength(1);
    expect(graph.workloadTrusts).toEqual([]);
    expect(devChains(graph)).toEqual([]);
  });

  test('a change that adds the trust opens the escalation at the federated credential', async () => {
    const readers = DEV_GROUP + roleAssignment('dev', 'Contributor', `"${RG}"`, DEV);
    const base = await graphOf(aksCluster() + trusted().replace(/resource "azurerm_federated_identity_credential"[\s\S]*?\n}\n/, '') + readers);
    const head = await graphOf(aksCluster() + trusted() + readers);
    expect(base.workloadTrusts).toEqual([]);
    const { opened } = diffEscalations(base, head);
    expect(opened.map((o) => [o.status, o.cause.edge.kind, o.cause.edge.origin.address, o.cause.edge.description])).toEqual([[
      'new', 'federated-trust', 'azurerm_federated_identity_credential.ops', 'managed identity uai-ops trusts service account platform:ops-operator of aks-prod',
    ]]);
  });
});

describe('the admin credential works only while local accounts are on', () => {
  const KUBELET_OPENED = /cluster-admin|as cluster-admin runs pods as/;

  test('a role that lists the admin credential but cannot write the cluster opens no cluster-admin where local accounts are off', async () => {
    const ADMIN_ROLE = 'Azure Kubernetes Service Cluster Admin Role';
    const on = await graphOf(aksCluster() + DEV_GROUP + roleAssignment('dev', ADMIN_ROLE, 'azurerm_kubernetes_cluster.aks.id', DEV));
    const off = await graphOf(aksCluster({ localAccountDisabled: true, azureRbac: true }) + DEV_GROUP
      + roleAssignment('dev', ADMIN_ROLE, 'azurerm_kubernetes_cluster.aks.id', DEV));
    for (const graph of [on, off]) expect(grantsOf(graph)).toEqual([['dev', ADMIN_ROLE, 'aks-prod']]);
    const opened = (graph: AccessGraph) => reachOfGraph(graph).chains.filter((c) => c.steps.some((s) => KUBELET_OPENED.test(s.description)));
    expect(opened(on).length).toBeGreaterThan(0);
    expect(opened(off)).toEqual([]);
    expect(off.kubernetesClusters.map((c) => [c.name, c.localAccountsDisabled, c.entraIntegrated, c.azureRbac])).toEqual([['aks-prod', true, true, true]]);
  });
  test('a Contributor there can turn local accounts back on: what it opens says so, as the trust\'s step does', async () => {
    const graph = await graphOf(aksCluster({ localAccountDisabled: true, azureRbac: true }) + DEV_GROUP
      + roleAssignment('dev', 'Contributor', 'azurerm_kubernetes_cluster.aks.id', DEV));
    expect(grantsOf(graph)).toEqual([['dev', 'Contributor', 'aks-prod']]);
    const opens = reachOfGraph(graph).chains.map((c) => c.trail.step.description).filter((d) => d.includes('cluster-admin on AKS clusters'));
    expect(opens).toEqual(['can reach cluster-admin on AKS clusters at aks-prod (Microsoft.ContainerService/managedClusters/write to turn local accounts '
      + `back on, then ${ADMIN})`]);
  });
});
