/**
 * The ordering API from "How to Secure Azure Service Accounts with Managed Identities":
 *
 * - the API runs as a user-assigned managed identity that can read secrets from one vault, and
 *   nothing else; the Function App selects it through AZURE_CLIENT_ID (DefaultAzureCredential);
 * - GitHub Actions deploys through a federated credential instead of a CI secret;
 * - the old app registration's client secret is on its way out: allowed until a date, after
 *   which the build fails;
 * - the platform team holds Owner and User Access Administrator only as eligible, activated
 *   for an hour at most, approved by security, with MFA and a justification;
 * - the guard checks all of it at synth.
 */
import { Application } from '@cdktf/provider-azuread/lib/application';
import { ApplicationPasswordA as ApplicationPassword } from '@cdktf/provider-azuread/lib/application-password';
import { AzureadProvider } from '@cdktf/provider-azuread/lib/provider';
import { KeyVault } from '@cdktf/provider-azurerm/lib/key-vault';
import { LinuxFunctionApp } from '@cdktf/provider-azurerm/lib/linux-function-app';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import { ServicePlan } from '@cdktf/provider-azurerm/lib/service-plan';
import { StorageAccount } from '@cdktf/provider-azurerm/lib/storage-account';
import { Aspects, LocalBackend, TerraformOutput, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import {
  AccessGuard,
  BuiltInRole,
  Duration,
  JustInTimeAccess,
  Principal,
  Scope,
  SystemAssignedIdentity,
  WorkloadIdentity,
} from '../../src';

/** The tenant and the two groups of the scenario (synthesized IDs, as in the shared samples). */
export const TENANT_ID = 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee';
export const PLATFORM_GROUP_ID = 'cccccccc-1111-2222-3333-dddddddddddd';
export const SECURITY_GROUP_ID = 'dddddddd-1111-2222-3333-eeeeeeeeeeee';
/** The last day the legacy client secret may exist; after it, synth fails (AZA005 and AZA012). */
export const SECRET_MIGRATION_ENDS = '2027-06-30';
/**
 * The day `npm run example` judges the example against: inside the migration window, so the
 * quick start shows an open window on any date instead of failing by design from July 2027.
 * A real app leaves `today` unset (the guard then judges against the current date).
 */
export const EXAMPLE_TODAY = '2026-11-27';

export interface OrderingApiStackProps {
  /** The day the guard judges dates against; a test pins it. @default - today */
  readonly today?: string;
}

export class OrderingApiStack extends TerraformStack {
  public readonly api: WorkloadIdentity;
  public readonly vault: KeyVault;
  public readonly resourceGroup: ResourceGroup;
  public readonly platformAdmins: JustInTimeAccess;

  constructor(scope: Construct, id: string, props: OrderingApiStackProps = {}) {
    super(scope, id);
    new AzurermProvider(this, 'azurerm', { features: [{}] });
    new AzureadProvider(this, 'azuread', {});
    // cdktf's default local backend writes an absolute path into the JSON; a relative one keeps
    // the synthesized output the same on every machine.
    new LocalBackend(this, { path: 'terraform.ordering-api.tfstate' });

    this.resourceGroup = new ResourceGroup(this, 'rg', { name: 'rg-ordering-api', location: 'eastus' });
    const rg = this.resourceGroup;
    this.vault = new KeyVault(this, 'vault', {
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
      appSettings: { KEY_VAULT_URL: this.vault.vaultUri },
    });

    // The API's identity: no secret to store or rotate.
    this.api = new WorkloadIdentity(this, 'OrderingApi', {
      name: 'uai-ordering-api',
      resourceGroupName: 'rg-shared-identities',
      location: 'eastus',
      owner: 'team-ordering@contoso.example',
    });
    this.api.attachTo(functionApp);
    this.api.grant(BuiltInRole.KEY_VAULT_SECRETS_USER, Scope.of(this.vault)).applyBefore(functionApp);
    this.api.trustGitHubActions('github-prod', { repository: 'contoso/ordering-api', environment: 'prod' });

    // The Functions host reaches its own storage as the app's system-assigned identity
    // (storage_uses_managed_identity), so no storage key sits in app settings or state.
    SystemAssignedIdentity.enable(functionApp).grant(BuiltInRole.STORAGE_BLOB_DATA_OWNER, Scope.of(storage));

    // The old way, on its way out: the pipeline's app registration and its client secret.
    const legacy = new Application(this, 'legacy-pipeline', { displayName: 'contoso-deploy-pipeline' });
    const secret = new ApplicationPassword(this, 'legacy-pipeline-secret', {
      applicationId: legacy.id,
      displayName: 'ci',
      endDate: '2027-06-30T00:00:00Z',
    });
    AccessGuard.suppress(secret, 'AZA005', {
      reason: 'deploys move to the github-prod federated credential of uai-ordering-api',
      until: SECRET_MIGRATION_ENDS,
    });

    // People: eligible, never standing.
    this.platformAdmins = new JustInTimeAccess(this, 'PlatformAdmins', {
      principals: [Principal.group(PLATFORM_GROUP_ID, 'platform-admins')],
      roles: [BuiltInRole.OWNER, BuiltInRole.USER_ACCESS_ADMINISTRATOR],
      scope: Scope.of(rg),
      eligibleFor: Duration.days(180),
      activation: {
        maxDuration: Duration.hours(1),
        approvers: [Principal.group(SECURITY_GROUP_ID, 'security')],
        requireMfa: true,
        requireJustification: true,
      },
    });

    Aspects.of(this).add(new AccessGuard({ today: props.today }));

    new TerraformOutput(this, 'ordering_api_client_id', { value: this.api.clientId });
    new TerraformOutput(this, 'ordering_api_principal_id', { value: this.api.principalId });
  }
}
