import { Group } from '@cdktf/provider-azuread/lib/group';
import { DataAzurermClientConfig } from '@cdktf/provider-azurerm/lib/data-azurerm-client-config';
import { DataAzurermSubscription } from '@cdktf/provider-azurerm/lib/data-azurerm-subscription';
import { KeyVault } from '@cdktf/provider-azurerm/lib/key-vault';
import { KeyVaultCertificate } from '@cdktf/provider-azurerm/lib/key-vault-certificate';
import { KeyVaultKey } from '@cdktf/provider-azurerm/lib/key-vault-key';
import { KeyVaultSecret } from '@cdktf/provider-azurerm/lib/key-vault-secret';
import { ManagementGroup } from '@cdktf/provider-azurerm/lib/management-group';
import { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import { StorageAccount } from '@cdktf/provider-azurerm/lib/storage-account';
import { StorageBlob } from '@cdktf/provider-azurerm/lib/storage-blob';
import { StorageContainer } from '@cdktf/provider-azurerm/lib/storage-container';
import { StorageQueue } from '@cdktf/provider-azurerm/lib/storage-queue';
import { StorageShare } from '@cdktf/provider-azurerm/lib/storage-share';
import { StorageTable } from '@cdktf/provider-azurerm/lib/storage-table';
import { Subscription } from '@cdktf/provider-azurerm/lib/subscription';
import { TerraformStack, TerraformVariable, Testing } from 'cdktf';
import { Scope, ScopeLevel } from '../../src';
import { resolveIn } from '../support/resolve';

const SUB = '11111111-2222-3333-4444-555555555555';

describe('Scope.fromId', () => {
  test.each([
    ['/', ScopeLevel.ROOT, '/'],
    ['/providers/Microsoft.Management/managementGroups/mg-platform', ScopeLevel.MANAGEMENT_GROUP, '/providers/Microsoft.Management/managementGroups/mg-platform'],
    ['/providers/microsoft.management/MANAGEMENTGROUPS/mg-platform', ScopeLevel.MANAGEMENT_GROUP, '/providers/Microsoft.Management/managementGroups/mg-platform'],
    [`/subscriptions/${SUB.toUpperCase()}`, ScopeLevel.SUBSCRIPTION, `/subscriptions/${SUB}`],
    [`/subscriptions/${SUB}/resourcegroups/rg-app`, ScopeLevel.RESOURCE_GROUP, `/subscriptions/${SUB}/resourceGroups/rg-app`],
    [`/SUBSCRIPTIONS/${SUB}/RESOURCEGROUPS/rg-app/`, ScopeLevel.RESOURCE_GROUP, `/subscriptions/${SUB}/resourceGroups/rg-app`],
    [
      `/subscriptions/${SUB}/resourceGroups/rg-app/providers/Microsoft.KeyVault/vaults/kv-ordering`,
      ScopeLevel.RESOURCE,
      `/subscriptions/${SUB}/resourceGroups/rg-app/providers/Microsoft.KeyVault/vaults/kv-ordering`,
    ],
    [
      `/subscriptions/${SUB}/resourceGroups/rg-net/PROVIDERS/Microsoft.Network/virtualNetworks/vnet/subnets/app`,
      ScopeLevel.RESOURCE,
      `/subscriptions/${SUB}/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworks/vnet/subnets/app`,
    ],
    [
      `/subscriptions/${SUB}/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/st/blobServices/default/containers/orders`,
      ScopeLevel.RESOURCE,
      `/subscriptions/${SUB}/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/st/blobServices/default/containers/orders`,
    ],
    [
      `/subscriptions/${SUB}/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm/providers/Microsoft.Insights/diagnosticSettings/ds`,
      ScopeLevel.RESOURCE,
      `/subscriptions/${SUB}/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm/providers/Microsoft.Insights/diagnosticSettings/ds`,
    ],
    [`/subscriptions/${SUB}/providers/Microsoft.Consumption/budgets/monthly`, ScopeLevel.RESOURCE, `/subscriptions/${SUB}/providers/Microsoft.Consumption/budgets/monthly`],
  ])('%s is %s', (id, level, normalized) => {
    const scope = Scope.fromId(id);
    expect(scope.level).toBe(level);
    expect(scope.id).toBe(normalized);
    expect(scope.isLiteral).toBe(true);
  });

  test('exposes the parts of a resource ID', () => {
    const scope = Scope.fromId(`/subscriptions/${SUB}/resourceGroups/rg-app/providers/Microsoft.KeyVault/vaults/kv-ordering`);
    expect(scope.subscriptionId).toBe(SUB);
    expect(scope.resourceGroupName).toBe('rg-app');
    expect(scope.resourceType).toBe('Microsoft.KeyVault/vaults');
    expect(scope.resourceName).toBe('kv-ordering');
    expect(Scope.fromId('/providers/Microsoft.Management/managementGroups/mg').managementGroupId).toBe('mg');
  });

  test.each([
    ['', /the scope is empty/],
    ['   ', /the scope is empty/],
    ['/subscriptions/not-a-guid', /"not-a-guid" is not a subscription ID/],
    [`/subscriptions/${SUB}/resourceGroups`, /the resource group has no name/],
    [`/subscriptions/${SUB}/resourceGroups/`, /the resource group has no name/],
    [`/subscriptions/${SUB}/resourceGroups/bad name`, /"bad name" is not a resource group name/],
    [`/subscriptions/${SUB}/resourceGroups/ends-with-dot.`, /is not a resource group name/],
    [`/subscriptions/${SUB}/resourceGroups/rg/providers/Microsoft.KeyVault/vaults`, /resource type "vaults" has no resource name/],
    [`/subscriptions/${SUB}/resourceGroups/rg/providers/KeyVault/vaults/kv`, /"KeyVault" is not a resource provider namespace/],
    [`/subscriptions/${SUB}/resourceGroups/rg/things/x`, /expected "providers" but found "things"/],
    [`/subscriptions/${SUB}//resourceGroups/rg`, /segment 3 is empty/],
    ['subscriptions/' + SUB, /an ARM ID starts with "\/"/],
    ['/tenants/x', /"tenants" is not "subscriptions" or "providers"/],
    ['/providers/Microsoft.Web/sites/x', /only management groups can be addressed at tenant level/],
  ])('rejects %j', (id, reason) => {
    expect(() => Scope.fromId(id)).toThrow(reason);
    expect(() => Scope.fromId(id)).toThrow(/Accepted forms:\n {2}\/ \(root\)\n {2}\/providers\/Microsoft\.Management/);
    expect(() => Scope.fromId(id)).toThrow(`Invalid Azure scope ${JSON.stringify(id)}`);
  });
});

describe('factories', () => {
  test('literal factories validate and normalize', () => {
    expect(Scope.root().level).toBe(ScopeLevel.ROOT);
    expect(Scope.subscription(SUB.toUpperCase()).id).toBe(`/subscriptions/${SUB}`);
    expect(Scope.resourceGroup(SUB, 'rg-app').id).toBe(`/subscriptions/${SUB}/resourceGroups/rg-app`);
    expect(Scope.managementGroup('mg-platform').level).toBe(ScopeLevel.MANAGEMENT_GROUP);
    expect(() => Scope.subscription('nope')).toThrow(/"nope" is not a subscription ID/);
    expect(() => Scope.resourceGroup('nope', 'rg')).toThrow(/"nope" is not a subscription ID/);
  });

  test('a token subscription keeps its level', () => {
    const stack = new TerraformStack(Testing.app(), 'test');
    const client = new DataAzurermClientConfig(stack, 'client');
    const sub = Scope.subscription(client.subscriptionId);
    expect(sub.level).toBe(ScopeLevel.SUBSCRIPTION);
    expect(sub.isLiteral).toBe(false);
    expect(Scope.resourceGroup(client.subscriptionId, 'rg').level).toBe(ScopeLevel.RESOURCE_GROUP);
  });
});

describe('Scope.of and tokens', () => {
  const stack = new TerraformStack(Testing.app(), 'scopes');
  const rg = new ResourceGroup(stack, 'rg', { name: 'rg-app', location: 'eastus' });
  const kv = new KeyVault(stack, 'kv', {
    name: 'kv-ordering',
    location: 'eastus',
    resourceGroupName: rg.name,
    tenantId: '00000000-0000-0000-0000-000000000000',
    skuName: 'standard',
  });

  test('reads the level from the Terraform type', () => {
    expect(Scope.of(rg).level).toBe(ScopeLevel.RESOURCE_GROUP);
    expect(Scope.of(kv).level).toBe(ScopeLevel.RESOURCE);
    expect(Scope.of(kv).terraformType).toBe('azurerm_key_vault');
    expect(Scope.of(new DataAzurermSubscription(stack, 'current', {})).level).toBe(ScopeLevel.SUBSCRIPTION);
    expect(Scope.of(new ManagementGroup(stack, 'mg', { displayName: 'Platform' })).level).toBe(ScopeLevel.MANAGEMENT_GROUP);
  });

  test('uses the id token, and the subscription GUID of an azurerm_subscription', () => {
    expect(resolveIn(stack, Scope.of(kv).id)).toBe('${azurerm_key_vault.kv.id}');
    const sub = new Subscription(stack, 'sub', { subscriptionName: 'app' });
    expect(resolveIn(stack, Scope.of(sub).id)).toBe('/subscriptions/${azurerm_subscription.sub.subscription_id}');
  });

  test('uses the attribute that holds the ARM ID where `id` is a data-plane URL', () => {
    const secret = new KeyVaultSecret(stack, 'secret', { name: 'db', value: 'x', keyVaultId: kv.id });
    const key = new KeyVaultKey(stack, 'key', { name: 'sign', keyVaultId: kv.id, keyType: 'RSA', keyOpts: ['sign'], keySize: 2048 });
    const certificate = new KeyVaultCertificate(stack, 'cert', { name: 'tls', keyVaultId: kv.id, certificate: { contents: 'x' } });
    const storage = { storageAccountName: 'stordering' };
    const queue = new StorageQueue(stack, 'queue', { name: 'orders', ...storage });
    const share = new StorageShare(stack, 'share', { name: 'files', quota: 5, ...storage });
    const table = new StorageTable(stack, 'table', { name: 'audit', ...storage });
    expect([secret, key, certificate, queue, share, table].map((r) => [resolveIn(stack, Scope.of(r).id), Scope.of(r).level])).toEqual([
      ['${azurerm_key_vault_secret.secret.resource_versionless_id}', ScopeLevel.RESOURCE],
      ['${azurerm_key_vault_key.key.resource_versionless_id}', ScopeLevel.RESOURCE],
      ['${azurerm_key_vault_certificate.cert.resource_manager_versionless_id}', ScopeLevel.RESOURCE],
      ['${azurerm_storage_queue.queue.resource_manager_id}', ScopeLevel.RESOURCE],
      ['${azurerm_storage_share.share.resource_manager_id}', ScopeLevel.RESOURCE],
      ['${azurerm_storage_table.table.resource_manager_id}', ScopeLevel.RESOURCE],
    ]);
  });

  test('a storage container, queue or share: `id` with storage_account_id (azurerm 4.x), resource_manager_id with storage_account_name', () => {
    const account = new StorageAccount(stack, 'account', {
      name: 'stordering', resourceGroupName: rg.name, location: 'eastus', accountTier: 'Standard', accountReplicationType: 'LRS',
    });
    const byId = new StorageContainer(stack, 'byId', { name: 'orders', storageAccountId: account.id });
    const byName = new StorageContainer(stack, 'byName', { name: 'legacy', storageAccountName: account.name });
    const queueById = new StorageQueue(stack, 'queueById', { name: 'jobs', storageAccountId: account.id });
    const shareById = new StorageShare(stack, 'shareById', { name: 'docs', quota: 5, storageAccountId: account.id });
    expect([byId, byName, queueById, shareById].map((r) => resolveIn(stack, Scope.of(r).id))).toEqual([
      '${azurerm_storage_container.byId.id}',
      '${azurerm_storage_container.byName.resource_manager_id}',
      '${azurerm_storage_queue.queueById.id}',
      '${azurerm_storage_share.shareById.id}',
    ]);
  });

  test('refuses a resource whose id is a URL, saying where Azure RBAC applies instead', () => {
    const blob = new StorageBlob(stack, 'blob', { name: 'a.txt', storageAccountName: 'stordering', storageContainerName: 'orders', type: 'Block' });
    expect(() => Scope.of(blob)).toThrow(
      'Scope.of(scopes/blob): resource azurerm_storage_blob is not an Azure Resource Manager scope: it has a URL as its id; Azure RBAC applies at the blob\'s container or storage account (Scope.of(container)).',
    );
  });

  test('from JavaScript, a value that is no resource gets an error that says what was given', () => {
    const variable = new TerraformVariable(stack, 'vault_id', { type: 'string' });
    expect(() => Scope.of(variable as any)).toThrow('Scope.of(scopes/vault_id): expected an azurerm resource or data source, got a TerraformVariable. For an ID held in a variable or a string, use Scope.fromId(value).');
    expect(() => Scope.of('/subscriptions/x' as any)).toThrow('Scope.of(/subscriptions/x): expected an azurerm resource or data source, got "/subscriptions/x".');
    expect(() => Scope.of(undefined as any)).toThrow('Scope.of(undefined): expected an azurerm resource or data source, got undefined.');
  });

  test('refuses what is not an ARM scope', () => {
    expect(() => Scope.of(new Group(stack, 'g', { displayName: 'g', securityEnabled: true }))).toThrow(
      /Scope\.of\(scopes\/g\): resource azuread_group is not an Azure Resource Manager scope/,
    );
    expect(() => Scope.of(new DataAzurermClientConfig(stack, 'cc', {}))).toThrow(/Scope\.of\(scopes\/cc\): data source azurerm_client_config is not/);
  });

  test('a bare token is UNKNOWN; literal text around a token tells the level', () => {
    const token = rg.id;
    expect(Scope.fromId(token).level).toBe(ScopeLevel.UNKNOWN);
    expect(Scope.fromId(`${token}/providers/Microsoft.KeyVault/vaults/kv`).level).toBe(ScopeLevel.RESOURCE);
    expect(Scope.fromId(`/subscriptions/${token}`).level).toBe(ScopeLevel.SUBSCRIPTION);
    expect(Scope.fromId(`/subscriptions/${token}/resourceGroups/rg`).level).toBe(ScopeLevel.RESOURCE_GROUP);
    expect(Scope.fromId(`${token}/anything`).level).toBe(ScopeLevel.UNKNOWN);
  });
});

describe('ordering and containment', () => {
  const root = Scope.root();
  const mg = Scope.managementGroup('mg');
  const sub = Scope.subscription(SUB);
  const rg = Scope.resourceGroup(SUB, 'rg-app');
  const kv = Scope.fromId(`${rg.id}/providers/Microsoft.KeyVault/vaults/kv`);
  const secret = Scope.fromId(`${kv.id}/secrets/db`);

  test('levels are ordered RESOURCE < RESOURCE_GROUP < SUBSCRIPTION < MANAGEMENT_GROUP < ROOT < UNKNOWN', () => {
    const ordered = [
      ScopeLevel.RESOURCE, ScopeLevel.RESOURCE_GROUP, ScopeLevel.SUBSCRIPTION,
      ScopeLevel.MANAGEMENT_GROUP, ScopeLevel.ROOT, ScopeLevel.UNKNOWN,
    ];
    expect(ordered.map((l) => Scope.levelRank(l))).toEqual([0, 1, 2, 3, 4, 5]);
    expect(sub.isWiderThan(rg)).toBe(true);
    expect(rg.isWiderThan(sub)).toBe(false);
    expect(Scope.fromId('${TfToken[TOKEN.1]}').isWiderThan(root)).toBe(true);
  });

  test('contains() follows the ID hierarchy, ignoring case', () => {
    expect(root.contains(kv)).toBe(true);
    expect(sub.contains(kv)).toBe(true);
    expect(rg.contains(kv)).toBe(true);
    expect(kv.contains(secret)).toBe(true);
    expect(kv.contains(rg)).toBe(false);
    expect(Scope.resourceGroup(SUB, 'RG-APP').contains(kv)).toBe(true);
    expect(Scope.resourceGroup(SUB, 'rg-app2').contains(kv)).toBe(false);
    expect(Scope.fromId(`${rg.id}/providers/Microsoft.KeyVault/vaults/k`).contains(kv)).toBe(false);
    // Which subscriptions sit under a management group is not in any ID.
    expect(mg.contains(sub)).toBe(false);
    expect(mg.contains(mg)).toBe(true);
  });

  test('contains() refuses token scopes', () => {
    expect(() => rg.contains(Scope.fromId('${TfToken[TOKEN.2]}'))).toThrow(/needs two literal scopes/);
  });
});
