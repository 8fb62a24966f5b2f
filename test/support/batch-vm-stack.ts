import { KeyVault } from '@cdktf/provider-azurerm/lib/key-vault';
import { LinuxVirtualMachine } from '@cdktf/provider-azurerm/lib/linux-virtual-machine';
import { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import { TerraformStack } from 'cdktf';
import { TENANT } from './stack';
import { BuiltInRole, Principal, Scope, WorkloadIdentity } from '../../src';

export const ALICE = 'eeeeeeee-1111-2222-3333-ffffffffffff';

/**
 * The escalation example as constructs: alice can run commands on a VM whose identity reads the
 * payments vault; widened, the identity reads every vault in rg-payments.
 */
export function batchVmStack(stack: TerraformStack, options: { widened?: boolean } = {}) {
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
  if (options.widened) worker.grant(BuiltInRole.KEY_VAULT_SECRETS_OFFICER, Scope.of(payments));
  const alice = Principal.user(ALICE, 'alice').grant(BuiltInRole.VIRTUAL_MACHINE_CONTRIBUTOR, Scope.of(app));
  return { alice };
}
