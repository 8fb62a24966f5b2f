import { KeyVault } from '@cdktf/provider-azurerm/lib/key-vault';
import { LinuxVirtualMachine } from '@cdktf/provider-azurerm/lib/linux-virtual-machine';
import { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import { AnnotationMetadataEntryType, Aspects, TerraformStack } from 'cdktf';
import { AccessGuard, BuiltInRole, Principal, Scope, WorkloadIdentity } from '../../../src';
import { RuleId } from '../../../src/model/rule-id';
import { newStack, TENANT } from '../../support/stack';

const ALICE = 'eeeeeeee-1111-2222-3333-ffffffffffff';

/** The example as constructs: alice can run commands on a VM whose identity reads the payments vault. */
function example(stack: TerraformStack) {
  const app = new ResourceGroup(stack, 'app', { name: 'rg-app', location: 'eastus' });
  const payments = new ResourceGroup(stack, 'payments', { name: 'rg-payments', location: 'eastus' });
  const vault = new KeyVault(stack, 'kv', {
    name: 'kv-payments', location: 'eastus', resourceGroupName: payments.name, tenantId: TENANT, skuName: 'standard', enableRbacAuthorization: true,
  });
  const worker = new WorkloadIdentity(stack, 'Worker', {
    name: 'uai-worker', resourceGroupName: app.name, location: 'eastus', owner: 'team-payments@contoso.example',
  });
  const vm = new LinuxVirtualMachine(stack, 'vm', {
    name: 'vm-worker',
    location: 'eastus',
    resourceGroupName: app.name,
    size: 'Standard_B2s',
    adminUsername: 'azureuser',
    networkInterfaceIds: [],
    osDisk: { caching: 'ReadWrite', storageAccountType: 'Standard_LRS' },
  });
  worker.attachTo(vm);
  worker.grant(BuiltInRole.KEY_VAULT_SECRETS_OFFICER, Scope.of(vault));
  const alice = Principal.user(ALICE, 'alice').grant(BuiltInRole.VIRTUAL_MACHINE_CONTRIBUTOR, Scope.of(app));
  return { alice };
}

function escalationErrors(stack: TerraformStack): { path: string; message: string }[] {
  const aspect = new AccessGuard({ today: '2026-11-27' });
  Aspects.of(stack).add(aspect);
  aspect.visit(stack);
  return stack.node.findAll().flatMap((c) => c.node.metadata
    .filter((m) => m.type === AnnotationMetadataEntryType.ERROR && String(m.data).startsWith(`[${RuleId.ESCALATION_CHAIN}]`))
    .map((m) => ({ path: c.node.path, message: String(m.data) })));
}

describe('the AccessGuard and escalation chains', () => {
  test('fails synthesis on the chain, at the grant it starts from, naming every step', () => {
    const stack = newStack('escalation');
    const { alice } = example(stack);
    const errors = escalationErrors(stack);
    expect(errors).toHaveLength(1);
    expect(errors[0].path).toBe(alice.assignment.node.path);
    expect(errors[0].message).toContain(
      'holds "Virtual Machine Contributor" at rg-app → runs as uai-worker on vm-worker (Microsoft.Compute/virtualMachines/runCommand/action) '
      + '→ uai-worker holds "Key Vault Secrets Officer" at kv-payments.',
    );
  });

  test('passes when the chain is suppressed on that grant with a reason', () => {
    const stack = newStack('escalation');
    const { alice } = example(stack);
    AccessGuard.suppress(alice, RuleId.ESCALATION_CHAIN, { reason: 'alice operates the payments batch VM' });
    expect(escalationErrors(stack)).toEqual([]);
  });
});
