import { KubernetesCluster } from '@cdktf/provider-azurerm/lib/kubernetes-cluster';
import { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import { AnnotationMetadataEntryType, Aspects, TerraformStack } from 'cdktf';
import { AccessGuard, BuiltInRole, FederatedCredentialSubject, Principal, Scope, WorkloadIdentity } from '../../../src';
import { RuleId } from '../../../src/model/rule-id';
import { batchVmStack } from '../../support/batch-vm-stack';
import { newStack, resourcesOf, SUBSCRIPTION, synthJson, TENANT } from '../../support/stack';

const GROUP = 'cccccccc-1111-2222-3333-dddddddddddd';

/** The example as constructs: alice can run commands on a VM whose identity reads the payments vault. */
const example = (stack: TerraformStack) => batchVmStack(stack);

function escalationErrors(stack: TerraformStack): { path: string; message: string }[] {
  const aspect = new AccessGuard({ today: '2026-11-27' });
  Aspects.of(stack).add(aspect);
  aspect.visit(stack);
  return stack.node.findAll().flatMap((c) => c.node.metadata
    .filter((m) => m.type === AnnotationMetadataEntryType.ERROR && String(m.data).startsWith(`[${RuleId.ESCALATION_CHAIN}]`))
    .map((m) => ({ path: c.node.path, message: String(m.data) })));
}

describe('the AccessGuard and escalation chains', () => {
  test('fails synthesis on the escalation, at its root cause (the grant nearest the privileged end), naming every step', () => {
    const stack = newStack('escalation');
    example(stack);
    const errors = escalationErrors(stack);
    expect(errors).toHaveLength(1);
    expect(errors[0].path).toBe('escalation/Worker/KeyVaultSecretsOfficer-kv/Assignment');
    expect(errors[0].message).toContain(
      'holds "Virtual Machine Contributor" at rg-app → runs as uai-worker on vm-worker (Microsoft.Compute/virtualMachines/runCommand/action) '
      + '→ uai-worker holds "Key Vault Secrets Officer" at kv-payments.',
    );
  });

  test('passes when the path is suppressed on the grant it starts from, as before root causes', () => {
    const stack = newStack('escalation');
    const { alice } = example(stack);
    AccessGuard.suppress(alice, RuleId.ESCALATION_CHAIN, { reason: 'alice operates the payments batch VM' });
    expect(escalationErrors(stack)).toEqual([]);
  });
});

describe('the AccessGuard follows a workload identity trusted by an AKS service account', () => {
  /** uai-ops (Owner on the subscription, in rg-identities) trusts platform:ops-operator of aks-prod; a group is Contributor on rg-app. */
  function aksStack(options: { localAccountDisabled?: boolean } = {}) {
    const stack = newStack('aks');
    const app = new ResourceGroup(stack, 'app', { name: 'rg-app', location: 'eastus' });
    const identities = new ResourceGroup(stack, 'identities', { name: 'rg-identities', location: 'eastus' });
    const cluster = new KubernetesCluster(stack, 'aks', {
      name: 'aks-prod',
      location: 'eastus',
      resourceGroupName: app.name,
      dnsPrefix: 'aks-prod',
      oidcIssuerEnabled: true,
      workloadIdentityEnabled: true,
      ...(options.localAccountDisabled === undefined ? {} : {
        localAccountDisabled: options.localAccountDisabled,
        azureActiveDirectoryRoleBasedAccessControl: { azureRbacEnabled: true, tenantId: TENANT },
      }),
      defaultNodePool: { name: 'system', vmSize: 'Standard_D2s_v5', nodeCount: 1 },
      identity: { type: 'SystemAssigned' },
    });
    const ops = new WorkloadIdentity(stack, 'Ops', {
      name: 'uai-ops', resourceGroupName: identities.name, location: 'eastus', owner: 'platform@contoso.example',
    });
    ops.addFederatedCredential('ops-operator', FederatedCredentialSubject.kubernetesServiceAccount({
      issuerUrl: cluster.oidcIssuerUrl, namespace: 'platform', serviceAccountName: 'ops-operator',
    }));
    ops.grant(BuiltInRole.OWNER, Scope.subscription(SUBSCRIPTION), { justification: 'platform operator' });
    Principal.group(GROUP, 'dev').grant(BuiltInRole.CONTRIBUTOR, Scope.of(app));
    return stack;
  }

  test('the stack grants Owner on the subscription to uai-ops and Contributor on rg-app to the group, nothing else', () => {
    const assignments = Object.values(resourcesOf(synthJson(aksStack()), 'azurerm_role_assignment'));
    // Contributor (b24988ac-…) and Owner (8e3af657-…), by role definition ID.
    expect(assignments.map((a: any) => [String(a.role_definition_id).split('/').pop(), a.scope]).sort()).toEqual([
      ['8e3af657-a8ff-443c-a75c-2fe8c4bcb635', `/subscriptions/${SUBSCRIPTION}`],
      ['b24988ac-6180-42a0-ab88-20f7382dd24c', '${azurerm_resource_group.app.id}'],
    ]);
  });

  test('a Contributor of the cluster\'s group runs a pod as the service account while local accounts are on: the guard names the path', () => {
    const errors = escalationErrors(aksStack());
    const through = errors.filter((e) => e.message.includes('runs a pod as service account platform:ops-operator on aks-prod and signs in as uai-ops'));
    expect(through.length).toBeGreaterThan(0);
    expect(through[0].message).toContain('Microsoft.ContainerService/managedClusters/listClusterAdminCredential/action');
  });

  test('with local accounts off, the Contributor still gets there by turning them back on, and the guard says that step', () => {
    const errors = escalationErrors(aksStack({ localAccountDisabled: true }));
    const through = errors.filter((e) => e.message.includes('runs a pod as service account platform:ops-operator'));
    expect(through.length).toBeGreaterThan(0);
    expect(through[0].message).toContain('(Microsoft.ContainerService/managedClusters/write to turn local accounts back on, then '
      + 'Microsoft.ContainerService/managedClusters/listClusterAdminCredential/action)');
  });
});
