/**
 * The ordering API from "How to Secure Azure Service Accounts with Managed Identities", as a
 * cdktf app. `npm run example` synthesizes it into cdktf.out/.
 *
 * The API runs as a user-assigned managed identity that can read secrets from one vault and
 * nothing else; GitHub Actions deploys through a federated credential instead of a CI secret.
 */
import { KeyVault } from '@cdktf/provider-azurerm/lib/key-vault';
import { LinuxFunctionApp } from '@cdktf/provider-azurerm/lib/linux-function-app';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import { ServicePlan } from '@cdktf/provider-azurerm/lib/service-plan';
import { StorageAccount } from '@cdktf/provider-azurerm/lib/storage-account';
import { App, LocalBackend, TerraformOutput, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { BuiltInRole, Scope, SystemAssignedIdentity, WorkloadIdentity } from '../../src';

const TENANT_ID = 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee';

export class OrderingApiStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new AzurermProvider(this, 'azurerm', { features: [{}] });
    // cdktf's default local backend writes an absolute path into the JSON; a relative one keeps
    // the synthesized output the same on every machine.
    new LocalBackend(this, { path: 'terraform.ordering-api.tfstate' });

    const rg = new ResourceGroup(this, 'rg', { name: 'rg-ordering-api', location: 'eastus' });
    const vault = new KeyVault(this, 'vault', {
      name: 'kv-ordering-api',
      location: rg.location,
      resourceGroupName: rg.name,
      tenantId: TENANT_ID,
      skuName: 'standard',
      // Access by Azure RBAC, so "Key Vault Secrets User" on this vault is all the API needs.
      enableRbacAuthorization: true,
    });
    const plan = new ServicePlan(this, 'plan', {
      name: 'asp-ordering-api', location: rg.location, resourceGroupName: rg.name, osType: 'Linux', skuName: 'Y1',
    });
    const storage = new StorageAccount(this, 'storage', {
      name: 'stordering', location: rg.location, resourceGroupName: rg.name, accountTier: 'Standard', accountReplicationType: 'LRS',
    });
    const functionApp = new LinuxFunctionApp(this, 'api', {
      name: 'func-ordering-api',
      location: rg.location,
      resourceGroupName: rg.name,
      servicePlanId: plan.id,
      storageAccountName: storage.name,
      storageUsesManagedIdentity: true,
      siteConfig: { applicationStack: { nodeVersion: '20' } },
      appSettings: { KEY_VAULT_URL: vault.vaultUri },
    });

    const api = new WorkloadIdentity(this, 'OrderingApi', {
      name: 'uai-ordering-api',
      resourceGroupName: 'rg-shared-identities',
      location: 'eastus',
      owner: 'team-ordering@contoso.example',
    });
    // The app reads secrets with DefaultAzureCredential: attachTo sets AZURE_CLIENT_ID.
    api.attachTo(functionApp);
    api.grant(BuiltInRole.KEY_VAULT_SECRETS_USER, Scope.of(vault)).applyBefore(functionApp);
    api.trustGitHubActions('github-prod', { repository: 'contoso/ordering-api', environment: 'prod' });

    // The Functions host reaches its own storage as the app's system-assigned identity
    // (storage_uses_managed_identity), so no storage key sits in app settings or state.
    const host = SystemAssignedIdentity.enable(functionApp);
    host.grant(BuiltInRole.STORAGE_BLOB_DATA_OWNER, Scope.of(storage));

    new TerraformOutput(this, 'ordering_api_client_id', { value: api.clientId });
    new TerraformOutput(this, 'ordering_api_principal_id', { value: api.principalId });
  }
}

const app = new App();
new OrderingApiStack(app, 'ordering-api');
app.synth();
console.log(`Synthesized ${app.outdir}/stacks/ordering-api/cdk.tf.json`);
