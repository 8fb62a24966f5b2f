import { readFileSync } from 'fs';
import * as path from 'path';
import { AppConfiguration } from '@cdktf/provider-azurerm/lib/app-configuration';
import { ContainerRegistry } from '@cdktf/provider-azurerm/lib/container-registry';
import { DataAzurermKeyVault } from '@cdktf/provider-azurerm/lib/data-azurerm-key-vault';
import { Eventhub } from '@cdktf/provider-azurerm/lib/eventhub';
import { EventhubNamespace } from '@cdktf/provider-azurerm/lib/eventhub-namespace';
import { KeyVaultCertificate } from '@cdktf/provider-azurerm/lib/key-vault-certificate';
import { KeyVaultKey } from '@cdktf/provider-azurerm/lib/key-vault-key';
import { KeyVaultSecret } from '@cdktf/provider-azurerm/lib/key-vault-secret';
import { ServicebusNamespace } from '@cdktf/provider-azurerm/lib/servicebus-namespace';
import { ServicebusQueue } from '@cdktf/provider-azurerm/lib/servicebus-queue';
import { ServicebusTopic } from '@cdktf/provider-azurerm/lib/servicebus-topic';
import { StorageContainer } from '@cdktf/provider-azurerm/lib/storage-container';
import { StorageQueue } from '@cdktf/provider-azurerm/lib/storage-queue';
import { TerraformResource, TerraformStack } from 'cdktf';
import { ACCESS_INTENTS_DATA, ACCESS_INTENTS_MODULE, ACCESS_TABLE_HEADER, checkAccessIntents, parseAccessIntents, renderAccessIntentsModule, renderAccessTable, withAccessTable } from '../../scripts/render-access-intents';
import { Access, BuiltInRole, Principal, Scope, SystemAssignedIdentity, WorkloadIdentity } from '../../src';
import { RuleId } from '../../src/model/rule-id';
import { evaluate } from '../../src/policy/evaluate';
import { AccessGraph } from '../../src/review/graph/access-graph';
import { appResources, newStack, resourcesOf, synthJson } from '../support/stack';

const ROOT = path.resolve(__dirname, '../..');

// The reviewed expectation, one line per Access: the role each is granted as. A new Access
// fails 'every Access has a row here' until it is reviewed and added.
const EXPECTED: Array<[Access, string, string]> = [
  [Access.SECRETS_READ, 'Key Vault Secrets User', '4633458b-17de-408a-b874-0445c86b69e6'],
  [Access.KEYS_READ, 'Key Vault Crypto User', '12338af0-0e69-4776-bea7-57ae8d297424'],
  [Access.CERTIFICATES_READ, 'Key Vault Certificate User', 'db79e9a7-68ee-4b58-9aeb-b90e7c24fcba'],
  [Access.BLOBS_READ, 'Storage Blob Data Reader', '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1'],
  [Access.BLOBS_WRITE, 'Storage Blob Data Contributor', 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'],
  [Access.QUEUE_SEND, 'Storage Queue Data Message Sender', 'c6a89b2d-59bc-44d0-9896-0f6e12d7b80a'],
  [Access.QUEUE_RECEIVE, 'Storage Queue Data Message Processor', '8a0f0c08-91a1-4084-bc3d-661d67233fed'],
  [Access.IMAGES_PULL, 'AcrPull', '7f951dda-4ed3-4680-a7ca-43fe172d538d'],
  [Access.IMAGES_PUSH, 'AcrPush', '8311e382-0749-4cb8-b61a-304f252e45ec'],
  [Access.CONFIGURATION_READ, 'App Configuration Data Reader', '516239f1-63e1-4d78-a4de-a74fb236a071'],
  [Access.SERVICE_BUS_SEND, 'Azure Service Bus Data Sender', '69a216fc-b8fb-44d8-bc22-1f3c2cd27a39'],
  [Access.SERVICE_BUS_RECEIVE, 'Azure Service Bus Data Receiver', '4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0'],
  [Access.EVENT_HUBS_SEND, 'Azure Event Hubs Data Sender', '2b629674-e913-4c01-ae53-ef4638d8f975'],
  [Access.EVENT_HUBS_RECEIVE, 'Azure Event Hubs Data Receiver', 'a638d3c7-ab3a-418d-83e6-5f17a39d4fde'],
];

// Each resource type an Access applies to, made in a stack, with the attribute that holds its
// ARM ID (the scope a grant on it must carry).
type Maker = (stack: TerraformStack) => { resource: TerraformResource; attribute: string };
const MAKERS: Record<string, Maker> = {
  azurerm_key_vault: (s) => ({ resource: appResources(s).vault, attribute: 'id' }),
  azurerm_key_vault_secret: (s) => ({ resource: new KeyVaultSecret(s, 'secret', { name: 'db-password', keyVaultId: appResources(s).vault.id, value: 'x' }), attribute: 'resource_versionless_id' }),
  azurerm_key_vault_key: (s) => ({ resource: new KeyVaultKey(s, 'key', { name: 'cmk', keyVaultId: appResources(s).vault.id, keyType: 'RSA', keySize: 2048, keyOpts: ['wrapKey', 'unwrapKey'] }), attribute: 'resource_versionless_id' }),
  azurerm_key_vault_certificate: (s) => ({ resource: new KeyVaultCertificate(s, 'cert', { name: 'tls', keyVaultId: appResources(s).vault.id }), attribute: 'resource_manager_versionless_id' }),
  azurerm_storage_account: (s) => ({ resource: appResources(s).storage, attribute: 'id' }),
  azurerm_storage_container: (s) => ({ resource: new StorageContainer(s, 'container', { name: 'orders', storageAccountId: appResources(s).storage.id }), attribute: 'id' }),
  azurerm_storage_queue: (s) => ({ resource: new StorageQueue(s, 'queue', { name: 'orders', storageAccountId: appResources(s).storage.id }), attribute: 'id' }),
  azurerm_container_registry: (s) => ({ resource: new ContainerRegistry(s, 'acr', { name: 'crordering', resourceGroupName: 'rg-ordering', location: 'eastus', sku: 'Basic' }), attribute: 'id' }),
  azurerm_app_configuration: (s) => ({ resource: new AppConfiguration(s, 'appcs', { name: 'appcs-ordering', resourceGroupName: 'rg-ordering', location: 'eastus' }), attribute: 'id' }),
  azurerm_servicebus_namespace: (s) => ({ resource: serviceBus(s), attribute: 'id' }),
  azurerm_servicebus_queue: (s) => ({ resource: new ServicebusQueue(s, 'sbq', { name: 'orders', namespaceId: serviceBus(s).id }), attribute: 'id' }),
  azurerm_servicebus_topic: (s) => ({ resource: new ServicebusTopic(s, 'sbt', { name: 'order-events', namespaceId: serviceBus(s).id }), attribute: 'id' }),
  azurerm_eventhub_namespace: (s) => ({ resource: eventHubs(s), attribute: 'id' }),
  azurerm_eventhub: (s) => ({ resource: new Eventhub(s, 'eh', { name: 'telemetry', namespaceId: eventHubs(s).id, partitionCount: 2, messageRetention: 1 }), attribute: 'id' }),
};

function serviceBus(s: TerraformStack) {
  return new ServicebusNamespace(s, 'sb', { name: 'sb-ordering', resourceGroupName: 'rg-ordering', location: 'eastus', sku: 'Standard' });
}

function eventHubs(s: TerraformStack) {
  return new EventhubNamespace(s, 'ehns', { name: 'evhns-ordering', resourceGroupName: 'rg-ordering', location: 'eastus', sku: 'Standard' });
}

function identity(stack: TerraformStack) {
  return new WorkloadIdentity(stack, 'OrderingApi', { name: 'uai-ordering-api', resourceGroupName: 'rg-ordering', location: 'eastus', owner: 'team-ordering@contoso.example' });
}

const data = parseAccessIntents(readFileSync(path.join(ROOT, ACCESS_INTENTS_DATA), 'utf8'));
const rows = data.intents.flatMap((row) => row.resourceTypes.map((type) => [row.access, type] as [Access, string]));
const expected = (access: Access) => EXPECTED.find(([a]) => a === access)!;

/** The one role assignment of a stack. */
function onlyAssignment(json: any): any {
  const all = Object.values(resourcesOf(json, 'azurerm_role_assignment'));
  expect(all).toHaveLength(1);
  return all[0];
}

describe('the access table', () => {
  test('every Access has a reviewed row here, and every row of the data is an Access', () => {
    expect(EXPECTED.map(([a]) => a).sort()).toEqual(Object.values(Access).sort());
    expect(data.intents.map((r) => r.access).sort()).toEqual(Object.values(Access).sort());
    expect(rows.length).toBeGreaterThanOrEqual(EXPECTED.length);
  });

  test('the data names each role by its catalog GUID and name, with a Microsoft source', () => {
    for (const row of data.intents) {
      const [, name, guid] = expected(row.access as Access);
      expect([row.access, row.role]).toEqual([row.access, { name, id: guid }]);
      expect(row.source).toMatch(/^https:\/\/learn\.microsoft\.com\/azure\//);
    }
  });

  test(`${ACCESS_INTENTS_MODULE} is what the generator makes of ${ACCESS_INTENTS_DATA} (npm run generate:access-intents)`, () => {
    const data_ = readFileSync(path.join(ROOT, ACCESS_INTENTS_DATA), 'utf8');
    expect(readFileSync(path.join(ROOT, ACCESS_INTENTS_MODULE), 'utf8')).toBe(renderAccessIntentsModule(data_));
  });

  test('README.md\'s access table is what the generator makes of the data (npm run generate:access-intents)', () => {
    const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const table = renderAccessTable(readFileSync(path.join(ROOT, ACCESS_INTENTS_DATA), 'utf8'));
    expect(table.trim().split('\n').slice(2)).toHaveLength(EXPECTED.length);
    expect(readme).toContain(ACCESS_TABLE_HEADER);
    expect(withAccessTable(readme, table)).toBe(readme);
  });

  test.each([
    ['a GUID the catalog lacks', { id: '00000000-0000-0000-0000-00000000abcd' }, /SECRETS_READ: role 00000000-0000-0000-0000-00000000abcd \("Key Vault Secrets User"\) is not in the built-in catalog/],
    ['a name that is not the GUID\'s', { name: 'Key Vault Secrets Officer' }, /SECRETS_READ: role 4633458b-17de-408a-b874-0445c86b69e6 is "Key Vault Secrets User" in the built-in catalog, not "Key Vault Secrets Officer"/],
  ])('generation fails on %s', (_what, role, message) => {
    const broken = { ...data, intents: [{ ...data.intents[0], role: { ...data.intents[0].role, ...role } }] };
    expect(() => checkAccessIntents(broken)).toThrow(message);
  });

  test('generation fails on a resource type the role grants nothing on', () => {
    const broken = { ...data, intents: [{ ...data.intents[0], resourceTypes: ['azurerm_key_vault', 'azurerm_storage_account'] }] };
    expect(() => checkAccessIntents(broken)).toThrow(/SECRETS_READ: "Key Vault Secrets User" holds no Microsoft.Storage operation, so it grants nothing on azurerm_storage_account/);
  });
});

describe('grantOn', () => {
  test.each(rows)('%s on %s: the row\'s role, scoped exactly to the resource', (access, type) => {
    const stack = newStack();
    const { resource, attribute } = MAKERS[type](stack);
    expect(resource.terraformResourceType).toBe(type);
    const [, name, guid] = expected(access);
    const grant = identity(stack).grantOn(resource, access);
    expect(grant.role.name).toBe(name);
    expect(grant.role.guid).toBe(guid);
    const assignment = onlyAssignment(synthJson(stack));
    expect(assignment.scope).toBe(`\${${type}.${resource.friendlyUniqueId}.${attribute}}`);
    expect(assignment.role_definition_id).toMatch(new RegExp(`/providers/Microsoft\\.Authorization/roleDefinitions/${guid}$`));
    expect(assignment.principal_id).toMatch(/^\$\{azurerm_user_assigned_identity\.[^.]+\.principal_id\}$/);
  });

  test('a data source is granted on like the resource (an existing vault)', () => {
    const stack = newStack();
    const vault = new DataAzurermKeyVault(stack, 'existing', { name: 'kv-shared', resourceGroupName: 'rg-shared' });
    identity(stack).grantOn(vault, Access.SECRETS_READ);
    const assignment = onlyAssignment(synthJson(stack));
    expect(assignment.scope).toBe(`\${data.azurerm_key_vault.${vault.friendlyUniqueId}.id}`);
    expect(assignment.role_definition_id).toMatch(/4633458b-17de-408a-b874-0445c86b69e6$/);
  });

  test('a system-assigned identity and a principal by object ID grant the same way', () => {
    const stack = newStack();
    const { vault, functionApp } = appResources(stack);
    SystemAssignedIdentity.enable(functionApp).grantOn(vault, Access.SECRETS_READ);
    Principal.group('cccccccc-1111-2222-3333-dddddddddddd', 'ordering-readers').grantOn(vault, Access.CERTIFICATES_READ, { justification: 'on-call reads TLS certs' });
    const assignments = Object.values(resourcesOf(synthJson(stack), 'azurerm_role_assignment')) as any[];
    expect(assignments.map((a) => [a.scope, a.role_definition_id.slice(-36), a.principal_id]).sort((x, y) => x[1].localeCompare(y[1]))).toEqual([
      [`\${azurerm_key_vault.${vault.friendlyUniqueId}.id}`, '4633458b-17de-408a-b874-0445c86b69e6', `\${azurerm_linux_function_app.${functionApp.friendlyUniqueId}.identity[0].principal_id}`],
      [`\${azurerm_key_vault.${vault.friendlyUniqueId}.id}`, 'db79e9a7-68ee-4b58-9aeb-b90e7c24fcba', 'cccccccc-1111-2222-3333-dddddddddddd'],
    ]);
  });

  // One refusal per Access: a resource of another provider, where its role would grant nothing.
  const WRONG: Record<string, string> = {
    SECRETS_READ: 'azurerm_storage_account',
    KEYS_READ: 'azurerm_key_vault_secret',
    CERTIFICATES_READ: 'azurerm_key_vault_key',
    BLOBS_READ: 'azurerm_storage_queue',
    BLOBS_WRITE: 'azurerm_key_vault',
    QUEUE_SEND: 'azurerm_servicebus_queue',
    QUEUE_RECEIVE: 'azurerm_storage_container',
    IMAGES_PULL: 'azurerm_storage_account',
    IMAGES_PUSH: 'azurerm_app_configuration',
    CONFIGURATION_READ: 'azurerm_key_vault',
    SERVICE_BUS_SEND: 'azurerm_eventhub',
    SERVICE_BUS_RECEIVE: 'azurerm_storage_queue',
    EVENT_HUBS_SEND: 'azurerm_servicebus_topic',
    EVENT_HUBS_RECEIVE: 'azurerm_servicebus_namespace',
  };
  test.each(Object.values(Access).map((a) => [a, WRONG[a]]))('%s on %s is refused with path, type, access, accepted types and why', (access, type) => {
    const stack = newStack();
    const { resource } = MAKERS[type](stack);
    const row = data.intents.find((r) => r.access === access)!;
    expect(row.resourceTypes).not.toContain(type);
    const uai = identity(stack);
    const act = () => uai.grantOn(resource, access as Access);
    expect(act).toThrow(`${resource.node.path}: grantOn(Access.${access}) on ${type}: Access.${access} applies to ${row.resourceTypes.join(', ')} only.`);
    expect(act).toThrow(`"${expected(access as Access)[1]}", granted there would be accepted by Azure and grant nothing (rule AZA018`);
    expect(Object.values(resourcesOf(synthJson(stack), 'azurerm_role_assignment'))).toEqual([]);
  });

  test('a value that is no Access (from JavaScript) is refused with the accepted values', () => {
    const stack = newStack();
    const { vault } = appResources(stack);
    expect(() => identity(stack).grantOn(vault, 'SECRETS_WRITE' as Access)).toThrow(/grantOn\("SECRETS_WRITE"\): not an Access; accepted: Access.SECRETS_READ, Access.KEYS_READ/);
  });
});

describe('the review of grantOn grants', () => {
  test('check finds no wildcard, no grant of access and no data role on another provider in any row', () => {
    // Each maker makes its own resources; one stack per type keeps their construct IDs apart.
    const documents = Object.keys(MAKERS).map((type) => {
      const s = newStack(`s-${type.replace(/_/g, '-')}`);
      const { resource } = MAKERS[type](s);
      const holder = identity(s);
      for (const row of data.intents.filter((r) => r.resourceTypes.includes(type))) holder.grantOn(resource, row.access as Access);
      return { file: `${type}.tf.json`, document: synthJson(s) };
    });
    const graph = AccessGraph.fromDocuments(documents);
    expect(graph.grants).toHaveLength(rows.length);
    const findings = evaluate(graph, { today: '2026-12-06' }).findings;
    const ids = [RuleId.WORKLOAD_WILDCARD, RuleId.WORKLOAD_CAN_GRANT_ACCESS, RuleId.DATA_ROLE_ELSEWHERE];
    expect(findings.filter((f) => ids.includes(f.ruleId as RuleId))).toEqual([]);
  });

  test('the same review does find AZA018 when a row\'s role is granted on another provider by hand (the check can fail)', () => {
    const s = newStack();
    const { storage } = appResources(s);
    identity(s).grant(BuiltInRole.KEY_VAULT_SECRETS_USER, Scope.of(storage));
    const graph = AccessGraph.fromDocuments([{ file: 'main.tf.json', document: synthJson(s) }]);
    const findings = evaluate(graph, { today: '2026-12-06' }).findings;
    expect(findings.map((f) => f.ruleId)).toContain(RuleId.DATA_ROLE_ELSEWHERE);
  });
});
