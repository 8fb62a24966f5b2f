import { Group } from '@cdktf/provider-azuread/lib/group';
import { DataAzurermSubscription } from '@cdktf/provider-azurerm/lib/data-azurerm-subscription';
import { KeyVaultSecret } from '@cdktf/provider-azurerm/lib/key-vault-secret';
import { ManagementGroupPolicyAssignment } from '@cdktf/provider-azurerm/lib/management-group-policy-assignment';
import { StorageContainer } from '@cdktf/provider-azurerm/lib/storage-container';
import { StorageQueue } from '@cdktf/provider-azurerm/lib/storage-queue';
import { StorageShare } from '@cdktf/provider-azurerm/lib/storage-share';
import { Aspects, TerraformStack, Token as TfToken } from 'cdktf';
import { Construct } from 'constructs';
import {
  AccessGuard,
  AccessGuardProps,
  BuiltInRole,
  GrantInventory,
  Principal,
  RoleGrant,
  Scope,
  ScopeLevel,
  Severity,
  SystemAssignedIdentity,
  WorkloadIdentity,
} from '../../src';
import { ROLE_ASSIGNMENT_NAMESPACE, uuidv5 } from '../../src/grants/assignment-name';
import { appResources, newStack, onlyResource, resourcesOf, SUBSCRIPTION, synthError, synthJson } from '../support/stack';

const GROUP_ID = 'cccccccc-1111-2222-3333-dddddddddddd';
const USER_ID = 'eeeeeeee-1111-2222-3333-ffffffffffff';
const RG_SCOPE = `/subscriptions/${SUBSCRIPTION}/resourceGroups/rg-ordering`;

function workload(stack: TerraformStack, id = 'OrderingApi') {
  return new WorkloadIdentity(stack, id, { name: 'uai-ordering-api', resourceGroupName: 'rg-shared-identities', location: 'eastus', owner: 'team-ordering' });
}

function assignments(stack: TerraformStack): any[] {
  return Object.values(resourcesOf(synthJson(stack), 'azurerm_role_assignment'));
}

describe('a grant to a managed identity of this stack', () => {
  const stack = newStack();
  const { vault } = appResources(stack);
  const uai = workload(stack);
  const grant = uai.grant(BuiltInRole.KEY_VAULT_SECRETS_USER, Scope.of(vault));
  const json = onlyResource(synthJson(stack), 'azurerm_role_assignment');
  const ref = `azurerm_user_assigned_identity.${uai.resource.friendlyUniqueId}`;

  test('is scoped to the vault only', () => {
    expect(json.scope).toBe('${azurerm_key_vault.kv.id}');
    const inventory = GrantInventory.fromStack(stack);
    expect(inventory.grants.map((g) => [g.roleName, g.scopeLevel, g.scope])).toEqual([
      ['Key Vault Secrets User', ScopeLevel.RESOURCE, '${azurerm_key_vault.kv.id}'],
    ]);
    inventory.assertAllScopesAtMost(ScopeLevel.RESOURCE);
  });

  test('names the principal, its type, and skips the Entra replication check', () => {
    expect(json.principal_id).toBe(`\${${ref}.principal_id}`);
    expect(json.principal_type).toBe('ServicePrincipal');
    expect(json.skip_service_principal_aad_check).toBe(true);
  });

  test('uses the role definition ID of the scope\'s subscription, read at apply time', () => {
    expect(json.role_definition_id).toBe(
      '/subscriptions/${element(split("/", azurerm_key_vault.kv.id), 2)}/providers/Microsoft.Authorization/roleDefinitions/4633458b-17de-408a-b874-0445c86b69e6',
    );
  });

  test('is named by uuidv5 over scope, role and principal when they are known only at apply', () => {
    expect(json.name).toBe(
      `\${uuidv5("${ROLE_ASSIGNMENT_NAMESPACE}", lower("\${azurerm_key_vault.kv.id}|4633458b-17de-408a-b874-0445c86b69e6|\${${ref}.principal_id}"))}`,
    );
  });

  test('keeps every reference a reference inside the name, also within literal text', () => {
    const inner = newStack();
    const { rg } = appResources(inner);
    const identity = workload(inner);
    identity.grant(BuiltInRole.KEY_VAULT_SECRETS_USER, Scope.fromId(`${rg.id}/providers/Microsoft.KeyVault/vaults/kv-legacy`));
    const assignment = onlyResource(synthJson(inner), 'azurerm_role_assignment');
    expect(assignment.scope).toBe('${azurerm_resource_group.rg.id}/providers/Microsoft.KeyVault/vaults/kv-legacy');
    // The subscription is read from the scope's text at apply time; written without cdktf's Fn,
    // which warns that its output may be incorrect for a token mixed with literal text.
    expect(assignment.role_definition_id).toBe(
      '/subscriptions/${element(split("/", "${azurerm_resource_group.rg.id}/providers/Microsoft.KeyVault/vaults/kv-legacy"), 2)}' +
        '/providers/Microsoft.Authorization/roleDefinitions/4633458b-17de-408a-b874-0445c86b69e6',
    );
    expect(assignment.name).toBe(
      `\${uuidv5("${ROLE_ASSIGNMENT_NAMESPACE}", lower("\${azurerm_resource_group.rg.id}/providers/Microsoft.KeyVault/vaults/kv-legacy|` +
        `4633458b-17de-408a-b874-0445c86b69e6|\${azurerm_user_assigned_identity.${identity.resource.friendlyUniqueId}.principal_id}"))}`,
    );
  });

  test('records what was granted', () => {
    expect(grant.role).toBe(BuiltInRole.KEY_VAULT_SECRETS_USER);
    expect(grant.principal).toBe(uai);
    expect(grant.scope.level).toBe(ScopeLevel.RESOURCE);
    expect(grant.node.path).toBe('test/OrderingApi/KeyVaultSecretsUser-kv');
  });

  test('snapshot', () => {
    expect(json).toMatchSnapshot();
  });
});

describe('literal grants', () => {
  test('get a GUID name computed at synth, the same Terraform would compute', () => {
    const stack = newStack();
    new RoleGrant(stack, 'Readers', { principal: Principal.group(GROUP_ID), role: BuiltInRole.READER, scope: Scope.fromId(RG_SCOPE) });
    const json = onlyResource(synthJson(stack), 'azurerm_role_assignment');
    const expected = uuidv5(ROLE_ASSIGNMENT_NAMESPACE, `${RG_SCOPE}|acdd72a7-3385-48ef-bd42-f606fba81ae7|${GROUP_ID}`.toLowerCase());
    expect(json.name).toBe(expected);
    expect(json.name).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(json.scope).toBe(RG_SCOPE);
    expect(json.role_definition_id).toBe(`/subscriptions/${SUBSCRIPTION}/providers/Microsoft.Authorization/roleDefinitions/acdd72a7-3385-48ef-bd42-f606fba81ae7`);
    expect(json.principal_type).toBe('Group');
    expect(json).not.toHaveProperty('skip_service_principal_aad_check');
    GrantInventory.fromStack(stack).assertAllScopesAtMost(ScopeLevel.RESOURCE_GROUP);
  });

  test('the namespace is uuidv5 of the URL namespace and the library\'s URL', () => {
    expect(uuidv5('6ba7b811-9dad-11d1-80b4-00c04fd430c8', 'https://cdktf-azure-access/role-assignment')).toBe(ROLE_ASSIGNMENT_NAMESPACE);
    expect(uuidv5('6ba7b810-9dad-11d1-80b4-00c04fd430c8', 'python.org')).toBe('886313e1-3b8a-5372-9b90-0c9aee199e5d');
  });

  test('the same grant written in another case keeps its name', () => {
    const names = [RG_SCOPE, RG_SCOPE.toUpperCase().replace('RESOURCEGROUPS', 'resourcegroups')].map((scope) => {
      const stack = newStack();
      new RoleGrant(stack, 'g', { principal: Principal.user(USER_ID.toUpperCase()), role: BuiltInRole.READER, scope: Scope.fromId(scope) });
      return onlyResource(synthJson(stack), 'azurerm_role_assignment').name;
    });
    expect(names[0]).toBe(names[1]);
  });
});

describe('principal types', () => {
  test.each([
    ['a user', Principal.user(USER_ID), 'User'],
    ['a group', Principal.group(GROUP_ID), 'Group'],
    ['an application', Principal.servicePrincipal(USER_ID), 'ServicePrincipal'],
    ['a managed identity from outside the stack', Principal.existingManagedIdentity(USER_ID), 'ServicePrincipal'],
  ])('%s gets principal_type and never skip_service_principal_aad_check', (_, principal, type) => {
    const stack = newStack();
    new RoleGrant(stack, 'g', { principal, role: BuiltInRole.READER, scope: Scope.fromId(RG_SCOPE) });
    const json = onlyResource(synthJson(stack), 'azurerm_role_assignment');
    expect(json.principal_type).toBe(type);
    expect(json).not.toHaveProperty('skip_service_principal_aad_check');
    expect(json.scope).toBe(RG_SCOPE);
  });

  test('an azuread group of the stack', () => {
    const stack = newStack();
    const { rg } = appResources(stack);
    const group = new Group(stack, 'admins', { displayName: 'platform-admins', securityEnabled: true });
    Principal.fromAzureadObject(group).grant(BuiltInRole.READER, Scope.of(rg));
    const json = onlyResource(synthJson(stack), 'azurerm_role_assignment');
    expect(json.principal_id).toBe('${azuread_group.admins.object_id}');
    expect(json.principal_type).toBe('Group');
    expect(json.scope).toBe('${azurerm_resource_group.rg.id}');
    const [record] = GrantInventory.fromStack(stack).grants;
    expect(record.principalName).toBe('platform-admins');
    expect(record.scopeLevel).toBe(ScopeLevel.RESOURCE_GROUP);
  });

  test('lookups synthesize their data sources', () => {
    const stack = newStack();
    const { rg } = appResources(stack);
    Principal.userByPrincipalName(stack, 'ada@contoso.example').grant(BuiltInRole.READER, Scope.of(rg));
    Principal.groupByDisplayName(stack, 'platform admins').grant(BuiltInRole.READER, Scope.of(rg));
    Principal.servicePrincipalByClientId(stack, '22223333-cccc-4444-dddd-5555eeee6666').grant(BuiltInRole.READER, Scope.of(rg));
    const json = synthJson(stack);
    expect(json.data.azuread_user['User-ada-contoso-example'].user_principal_name).toBe('ada@contoso.example');
    expect(json.data.azuread_group['Group-platform-admins']).toEqual({ display_name: 'platform admins', security_enabled: true });
    expect(json.data.azuread_service_principal['ServicePrincipal-22223333-cccc-4444-dddd-5555eeee6666'].client_id).toBe(
      '22223333-cccc-4444-dddd-5555eeee6666',
    );
    const grants = Object.values(resourcesOf(json, 'azurerm_role_assignment')) as any[];
    expect(grants.map((g) => [g.principal_type, g.scope]).sort()).toEqual([
      ['Group', '${azurerm_resource_group.rg.id}'],
      ['ServicePrincipal', '${azurerm_resource_group.rg.id}'],
      ['User', '${azurerm_resource_group.rg.id}'],
    ]);
  });

  test('a lookup by a token needs options.id: a token has no text to name the data source by', () => {
    const stack = newStack();
    const { rg } = appResources(stack);
    const upn = TfToken.asString(TfToken.asAny('${var.oncall_upn}'));
    expect(() => Principal.userByPrincipalName(stack, upn)).toThrow(
      'test: Principal.userByPrincipalName(userPrincipalName): a token (resolved only at synth) where a literal string is needed. ' +
        'Accepted: the name written in the code, or options.id to name the lookup when the value is a token.',
    );
    expect(() => Principal.groupByDisplayName(stack, TfToken.asString(TfToken.asAny('${var.group}')))).toThrow(/^test: Principal\.groupByDisplayName\(displayName\): a token/);
    expect(() => Principal.servicePrincipalByClientId(stack, TfToken.asString(TfToken.asAny('${var.app}')))).toThrow(/^test: Principal\.servicePrincipalByClientId\(clientId\): a token/);
    // With an ID the lookup is named, and the token is the looked-up value.
    Principal.userByPrincipalName(stack, upn, { id: 'OnCall' }).grant(BuiltInRole.READER, Scope.of(rg));
    const json = synthJson(stack);
    expect(json.data.azuread_user.OnCall.user_principal_name).toBe('${var.oncall_upn}');
    expect(onlyResource(json, 'azurerm_role_assignment').scope).toBe('${azurerm_resource_group.rg.id}');
  });

  test('an object ID must be a GUID', () => {
    expect(() => Principal.user('ada@contoso.example')).toThrow(
      /"ada@contoso\.example" is not an Entra object ID: expected a GUID .* use Principal\.userByPrincipalName\(\)/,
    );
  });

  test('a principal and a scope that both live outside any stack need an explicit RoleGrant', () => {
    expect(() => Principal.user(USER_ID).grant(BuiltInRole.READER, Scope.fromId(RG_SCOPE))).toThrow(
      /neither the principal nor the scope belongs to a stack\. Create it with new RoleGrant\(stack, id/,
    );
  });

  test('a principal given by object ID grants under the scope\'s stack', () => {
    const stack = newStack();
    const { vault } = appResources(stack);
    const grant = Principal.group(GROUP_ID, 'ordering-readers').grant(BuiltInRole.KEY_VAULT_READER, Scope.of(vault));
    expect(grant.node.path).toBe('test/KeyVaultReader-kv-ordering-readers');
    expect(onlyResource(synthJson(stack), 'azurerm_role_assignment').scope).toBe('${azurerm_key_vault.kv.id}');
  });
});

describe('the scope is checked on every grant', () => {
  test.each([
    ['subscription', Scope.subscription(SUBSCRIPTION), 'at subscription scope /subscriptions/11111111-2222-3333-4444-555555555555.'],
    ['management group', Scope.managementGroup('mg-platform'), 'at management-group scope /providers/Microsoft.Management/managementGroups/mg-platform.'],
    ['root', Scope.root(), 'at root scope /.'],
  ])('a %s scope without justification fails synthesis with AZA001, the path, the scope and the fix', (_, scope, where) => {
    const stack = newStack();
    const grant = workload(stack).grant(BuiltInRole.READER, scope);
    const error = synthError(stack);
    expect(error).toContain(`[${grant.node.path}] [AZA001] managed identity uai-ordering-api holds "Reader" ${where}`);
    expect(error).toContain('Fix: Grant the role at the resource (or resource group) that needs it; for a real need, give the grant a justification');
  });

  test('an UNKNOWN scope is treated as the widest', () => {
    const stack = newStack();
    const uai = workload(stack);
    const unknown = Scope.fromId(new DataAzurermSubscription(stack, 'sub', {}).subscriptionId);
    expect(unknown.level).toBe(ScopeLevel.UNKNOWN);
    uai.grant(BuiltInRole.READER, unknown);
    expect(synthError(stack)).toContain('[AZA001] managed identity uai-ordering-api holds "Reader" at a scope that cannot be read (given as a token; unknown counts as the widest).');
  });

  test('a description is not a justification', () => {
    const stack = newStack();
    workload(stack).grant(BuiltInRole.READER, Scope.subscription(SUBSCRIPTION), { description: 'inventory export' });
    expect(synthError(stack)).toContain('[AZA001]');
  });

  test('a narrow grant and a justified wide one synthesize', () => {
    const stack = newStack();
    const { vault } = appResources(stack);
    const uai = workload(stack);
    uai.grant(BuiltInRole.KEY_VAULT_SECRETS_USER, Scope.of(vault));
    uai.grant(BuiltInRole.READER, Scope.subscription(SUBSCRIPTION), { justification: 'inventory export' });
    expect(synthError(stack)).toBeUndefined();
    expect(assignments(stack).map((a) => a.scope).sort()).toEqual(['${azurerm_key_vault.kv.id}', `/subscriptions/${SUBSCRIPTION}`]);
  });

  describe('one decision: the stack\'s AccessGuard settings apply to this library\'s grants as to any other', () => {
    function wideReader(guard?: AccessGuardProps) {
      const stack = newStack();
      workload(stack).grant(BuiltInRole.READER, Scope.subscription(SUBSCRIPTION));
      if (guard) Aspects.of(stack).add(new AccessGuard({ today: '2026-11-30', ...guard }));
      return stack;
    }

    test('allowedWideScopes lets the grant through without a justification', () => {
      const stack = wideReader({ allowedWideScopes: [`/subscriptions/${SUBSCRIPTION.toUpperCase()}`] });
      expect(synthError(stack)).toBeUndefined();
      expect(AccessGuard.findingsOf(stack)).toEqual([]);
      expect(assignments(stack).map((a) => a.scope)).toEqual([`/subscriptions/${SUBSCRIPTION}`]);
    });

    test('a guard without the allowance fails synthesis naming AZA001, the construct path and the fix', () => {
      const stack = wideReader({ allowedWideScopes: ['/subscriptions/99999999-2222-3333-4444-555555555555'] });
      expect(synthError(stack)).toMatch(
        /\[test\/OrderingApi\/Reader-sub-11111111\/Assignment\] \[AZA001\] managed identity uai-ordering-api holds "Reader" at subscription scope \/subscriptions\/11111111-2222-3333-4444-555555555555\. Fix: Grant the role at the resource/,
      );
      expect(AccessGuard.findingsOf(stack).map((f) => f.ruleId)).toEqual(['AZA001']);
    });

    test('a severity override and a disabled rule apply too', () => {
      const warned = wideReader({ severityOverrides: { AZA001: Severity.WARNING } });
      expect(synthError(warned)).toBeUndefined();
      expect(AccessGuard.findingsOf(warned).map((f) => [f.ruleId, f.severity])).toEqual([['AZA001', Severity.WARNING]]);
      const disabled = wideReader({ disabledRules: ['AZA001'] });
      expect(synthError(disabled)).toBeUndefined();
      expect(AccessGuard.findingsOf(disabled)).toEqual([]);
    });

    test('cdktf runs only a stack\'s own aspects: a guard added to the App judges nothing, so the grants keep their own check', () => {
      const stack = wideReader();
      Aspects.of(stack.node.root).add(new AccessGuard({ today: '2026-11-30', allowedWideScopes: [`/subscriptions/${SUBSCRIPTION}`] }));
      expect(synthError(stack)).toContain('[AZA001] managed identity uai-ordering-api holds "Reader" at subscription scope');
      expect(AccessGuard.findingsOf(stack)).toEqual([]);
    });
  });

  test('an empty justification is refused', () => {
    const stack = newStack();
    expect(() => workload(stack).grant(BuiltInRole.READER, Scope.subscription(SUBSCRIPTION), { justification: '  ' })).toThrow(
      'test/OrderingApi/Reader-sub-11111111: justification is empty. Say why "Reader" is needed at /subscriptions/11111111-2222-3333-4444-555555555555.',
    );
  });

  test('a written justification goes into the description and into the JSON as the accepted exception', () => {
    const stack = newStack();
    const uai = workload(stack);
    uai.grant(BuiltInRole.READER, Scope.subscription(SUBSCRIPTION), { justification: 'inventory export', description: 'nightly job' });
    const json = stack.toTerraform() as any;
    const assignment = Object.values(json.resource.azurerm_role_assignment)[0] as any;
    expect(assignment.scope).toBe(`/subscriptions/${SUBSCRIPTION}`);
    expect(assignment.description).toBe('nightly job Justification: inventory export');
    expect(assignment['//']['cdktf-azure-access']).toEqual({ suppressions: [{ ruleId: 'AZA001', reason: 'inventory export' }] });
    expect(GrantInventory.fromStack(stack).grants[0].scopeLevel).toBe(ScopeLevel.SUBSCRIPTION);
  });

  test('management-group and root grants use the tenant form of the role definition ID', () => {
    const stack = newStack();
    const uai = workload(stack);
    uai.grant(BuiltInRole.READER, Scope.managementGroup('mg-platform'), { justification: 'estate-wide inventory' });
    const json = onlyResource(synthJson(stack), 'azurerm_role_assignment');
    expect(json.scope).toBe('/providers/Microsoft.Management/managementGroups/mg-platform');
    expect(json.role_definition_id).toBe('/providers/Microsoft.Authorization/roleDefinitions/acdd72a7-3385-48ef-bd42-f606fba81ae7');
  });

  test('a resource of a management group gets the tenant form too (it is in no subscription)', () => {
    const stack = newStack();
    const assignment = new ManagementGroupPolicyAssignment(stack, 'policy', {
      name: 'deny-public-ip', managementGroupId: '/providers/Microsoft.Management/managementGroups/mg', policyDefinitionId: '/providers/x',
    });
    workload(stack).grant(BuiltInRole.READER, Scope.of(assignment));
    const json = onlyResource(synthJson(stack), 'azurerm_role_assignment');
    expect(json.scope).toBe('${azurerm_management_group_policy_assignment.policy.id}');
    expect(json.role_definition_id).toBe('/providers/Microsoft.Authorization/roleDefinitions/acdd72a7-3385-48ef-bd42-f606fba81ae7');
  });

  test('an UNKNOWN scope chooses the role definition ID form at apply time', () => {
    const stack = newStack();
    const sub = new DataAzurermSubscription(stack, 'sub', {});
    workload(stack).grant(BuiltInRole.READER, Scope.fromId(sub.subscriptionId), { justification: 'whatever the pipeline targets' });
    const json = onlyResource(synthJson(stack), 'azurerm_role_assignment');
    expect(json.scope).toBe('${data.azurerm_subscription.sub.subscription_id}');
    expect(json.role_definition_id).toBe(
      '${startswith(lower(data.azurerm_subscription.sub.subscription_id), "/subscriptions/") ? ' +
        '"/subscriptions/${element(split("/", data.azurerm_subscription.sub.subscription_id), 2)}/providers/Microsoft.Authorization/roleDefinitions/acdd72a7-3385-48ef-bd42-f606fba81ae7" : ' +
        '"/providers/Microsoft.Authorization/roleDefinitions/acdd72a7-3385-48ef-bd42-f606fba81ae7"}',
    );
  });
});

describe('options', () => {
  test('an ABAC condition defaults to version 2.0; a version without condition is refused', () => {
    const stack = newStack();
    const { storage } = appResources(stack);
    const condition = "@Resource[Microsoft.Storage/storageAccounts/blobServices/containers:name] StringEquals 'orders'";
    workload(stack).grant(BuiltInRole.STORAGE_BLOB_DATA_READER, Scope.of(storage), { condition });
    const json = onlyResource(synthJson(stack), 'azurerm_role_assignment');
    expect(json).toMatchObject({ condition, condition_version: '2.0', scope: '${azurerm_storage_account.st.id}' });
    expect(() => workload(newStack()).grant(BuiltInRole.READER, Scope.fromId(RG_SCOPE), { conditionVersion: '2.0' })).toThrow(
      'test/OrderingApi/Reader-rg-ordering: conditionVersion "2.0" was given without a condition.',
    );
  });

  test('the same principal, role and scope twice is refused before Azure answers 409', () => {
    const stack = newStack();
    const { vault } = appResources(stack);
    const uai = workload(stack);
    uai.grant(BuiltInRole.KEY_VAULT_SECRETS_USER, Scope.of(vault));
    expect(() => uai.grant(BuiltInRole.KEY_VAULT_SECRETS_USER, Scope.of(vault))).toThrow(
      /test\/OrderingApi: uai-ordering-api is already granted "Key Vault Secrets User" at .* RoleAssignmentExists/,
    );
  });

  test('applyBefore makes the consumer wait for its access', () => {
    const stack = newStack();
    const { vault, functionApp } = appResources(stack);
    const uai = workload(stack);
    uai.grant(BuiltInRole.KEY_VAULT_SECRETS_USER, Scope.of(vault)).applyBefore(functionApp);
    const json = synthJson(stack);
    const [address] = Object.keys(resourcesOf(json, 'azurerm_role_assignment'));
    expect(onlyResource(json, 'azurerm_linux_function_app').depends_on).toEqual([`azurerm_role_assignment.${address}`]);
    expect(assignments(stack).map((a) => a.scope)).toEqual(['${azurerm_key_vault.kv.id}']);
  });

  test('applyBefore refuses a consumer the grant itself refers to (a dependency cycle)', () => {
    const stack = newStack();
    const { storage, functionApp } = appResources(stack);
    const host = SystemAssignedIdentity.enable(functionApp);
    const grant = host.grant(BuiltInRole.STORAGE_BLOB_DATA_OWNER, Scope.of(storage));
    expect(() => grant.applyBefore(functionApp)).toThrow(
      'test/func/StorageBlobDataOwner-st: applyBefore(test/func) would make a dependency cycle: the grant refers to test/func itself',
    );
    expect(onlyResource(synthJson(stack), 'azurerm_role_assignment')).toMatchObject({
      scope: '${azurerm_storage_account.st.id}',
      principal_id: '${azurerm_linux_function_app.func.identity[0].principal_id}',
      skip_service_principal_aad_check: true,
    });
  });
});

describe('grants on resources whose id is not their ARM ID write the ARM ID attribute as the scope', () => {
  test('a Key Vault secret, a storage container of each form, a queue and a share', () => {
    const stack = newStack();
    const { vault, storage } = appResources(stack);
    const uai = workload(stack);
    const secret = new KeyVaultSecret(stack, 'dbPassword', { name: 'db-password', value: 'x', keyVaultId: vault.id });
    const containerById = new StorageContainer(stack, 'orders', { name: 'orders', storageAccountId: storage.id });
    const containerByName = new StorageContainer(stack, 'legacy', { name: 'legacy', storageAccountName: storage.name });
    const queue = new StorageQueue(stack, 'jobs', { name: 'jobs', storageAccountId: storage.id });
    const share = new StorageShare(stack, 'docs', { name: 'docs', quota: 5, storageAccountName: storage.name });
    uai.grant(BuiltInRole.KEY_VAULT_SECRETS_USER, Scope.of(secret));
    uai.grant(BuiltInRole.STORAGE_BLOB_DATA_READER, Scope.of(containerById));
    uai.grant(BuiltInRole.STORAGE_BLOB_DATA_READER, Scope.of(containerByName));
    uai.grant(BuiltInRole.STORAGE_QUEUE_DATA_MESSAGE_PROCESSOR, Scope.of(queue));
    uai.grant(BuiltInRole.STORAGE_FILE_DATA_SMB_SHARE_READER, Scope.of(share));
    expect(assignments(stack).map((a) => a.scope).sort()).toEqual([
      '${azurerm_key_vault_secret.dbPassword.resource_versionless_id}',
      '${azurerm_storage_container.legacy.resource_manager_id}',
      '${azurerm_storage_container.orders.id}',
      '${azurerm_storage_queue.jobs.id}',
      '${azurerm_storage_share.docs.resource_manager_id}',
    ]);
    // The review side reads the same attributes as resource scopes.
    const inventory = GrantInventory.fromStack(stack);
    expect(inventory.grants).toHaveLength(5);
    inventory.assertAllScopesAtMost(ScopeLevel.RESOURCE);
  });
});

describe('what Azure would refuse is refused first, naming what was given', () => {
  test.each([
    [{ condition: '' }, 'test/OrderingApi/KeyVaultSecretsUser-kv: condition is empty. Accepted: an ABAC condition expression, or no condition.'],
    [{ condition: '@Resource[x] StringEquals \'y\'', conditionVersion: '1.0' }, 'test/OrderingApi/KeyVaultSecretsUser-kv: conditionVersion "1.0" is not accepted. Accepted: "2.0".'],
    [{ conditionVersion: '2.0' }, 'test/OrderingApi/KeyVaultSecretsUser-kv: conditionVersion "2.0" was given without a condition.'],
  ])('an ABAC condition as Azure accepts it: %j', (options, message) => {
    const stack = newStack();
    const { vault } = appResources(stack);
    expect(() => workload(stack).grant(BuiltInRole.KEY_VAULT_SECRETS_USER, Scope.of(vault), options)).toThrow(message);
  });

  test('a condition that is not the condition language is refused with where it goes wrong, cut at 200 characters', () => {
    const stack = newStack();
    const { storage } = appResources(stack);
    const prose = `only the orders container, please ${'and nothing else '.repeat(20)}`;
    let message = '';
    try {
      workload(stack).grant(BuiltInRole.STORAGE_BLOB_DATA_READER, Scope.of(storage), { condition: prose });
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toBe(
      `test/OrderingApi/StorageBlobDataReader-st: condition ${JSON.stringify(prose.slice(0, 200))}… (${prose.length} characters) is not the ABAC condition language: ` +
        'expected ActionMatches{...}, SubOperationMatches{...}, Exists, "(", NOT or an attribute such as @Resource[...], found "only" at character 1, near "only the orders container, ple". ' +
        "Accepted: a condition in the role assignment condition format, e.g. ((!(ActionMatches{'<action>'})) OR (@Resource[<attribute>] StringEquals '<value>')). " +
        'Azure error: "The given role assignment condition is invalid." (400, at apply).',
    );
    const documented =
      "((!(ActionMatches{'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read'} AND NOT SubOperationMatches{'Blob.List'})) " +
      "OR (@Resource[Microsoft.Storage/storageAccounts/blobServices/containers:name] StringEquals 'orders'))";
    workload(stack, 'Reports').grant(BuiltInRole.STORAGE_BLOB_DATA_READER, Scope.of(storage), { condition: documented });
    expect(assignments(stack).map((a) => [a.scope, a.condition])).toEqual([['${azurerm_storage_account.st.id}', documented]]);
  });

  test('the nil GUID is no principal', () => {
    expect(() => Principal.group('00000000-0000-0000-0000-000000000000', 'placeholder')).toThrow(
      '"00000000-0000-0000-0000-000000000000" is the nil GUID, which names no principal: a placeholder left in? Azure refuses a role assignment to it (PrincipalNotFound).',
    );
  });

  test('a duplicate grant names the scope\'s resource, the principal and the first grant, never a token', () => {
    const stack = newStack();
    const { vault } = appResources(stack);
    const uai = workload(stack);
    uai.grant(BuiltInRole.KEY_VAULT_SECRETS_USER, Scope.of(vault));
    let message = '';
    try {
      uai.grant(BuiltInRole.KEY_VAULT_SECRETS_USER, Scope.of(vault));
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toBe(
      'test/OrderingApi: uai-ordering-api is already granted "Key Vault Secrets User" at azurerm_key_vault test/kv (test/OrderingApi/KeyVaultSecretsUser-kv). ' +
        'The same principal, role and scope twice fails at apply with 409 RoleAssignmentExists. Accepted: one role assignment per principal, role and scope; keep one of them.',
    );
    expect(message).not.toContain('TfToken');
  });

  test('the same principal, role and scope under another ID is the same assignment', () => {
    const stack = newStack();
    const principal = Principal.group(GROUP_ID, 'platform-admins');
    new RoleGrant(stack, 'First', { principal, role: BuiltInRole.READER, scope: Scope.fromId(RG_SCOPE) });
    new RoleGrant(stack, 'Contributor', { principal, role: BuiltInRole.CONTRIBUTOR, scope: Scope.fromId(RG_SCOPE) });
    expect(() => new RoleGrant(stack, 'Second', { principal: Principal.group(GROUP_ID.toUpperCase()), role: BuiltInRole.READER, scope: Scope.fromId(RG_SCOPE.toLowerCase()) })).toThrow(
      `test/Second: ${GROUP_ID} is already granted "Reader" at ${RG_SCOPE} (test/First). The same principal, role and scope twice fails at apply with 409 RoleAssignmentExists.`,
    );
    expect(assignments(stack).map((a) => [a.scope, a.role_definition_name ?? a.role_definition_id])).toHaveLength(2);
  });

  test('a default ID another grant already has is no duplicate: it needs options.id, not RoleAssignmentExists', () => {
    const stack = newStack();
    const uai = workload(stack);
    // Two vaults whose construct IDs are both "kv", under different parents.
    const vaults = ['a', 'b'].map((team) => appResources(new Construct(stack, team) as TerraformStack).vault);
    uai.grant(BuiltInRole.KEY_VAULT_SECRETS_USER, Scope.of(vaults[0]));
    expect(() => uai.grant(BuiltInRole.KEY_VAULT_SECRETS_USER, Scope.of(vaults[1]))).toThrow(
      'test/OrderingApi: the grant of "Key Vault Secrets User" to uai-ordering-api at azurerm_key_vault test/b/kv would take the construct ID KeyVaultSecretsUser-kv, ' +
        'which test/OrderingApi/KeyVaultSecretsUser-kv already has. Accepted: options.id naming this grant.',
    );
    uai.grant(BuiltInRole.KEY_VAULT_SECRETS_USER, Scope.of(vaults[1]), { id: 'KeyVaultSecretsUser-kv-b' });
    expect(assignments(stack).map((a) => a.scope).sort()).toEqual(['${azurerm_key_vault.a_kv_7F77A18D.id}', '${azurerm_key_vault.b_kv_7BB6F6EF.id}']);
  });
});

