import { PrincipalKind } from '../../src/model/principal-kind';
import { ScopeLevel } from '../../src/model/scope-level';
import { DocumentIndex } from '../../src/review/graph/document-index';
import { resolvePrincipal } from '../../src/review/graph/resolve-principal';
import { resolveRole } from '../../src/review/graph/resolve-role';
import { parseReference, scopeLevelOfValue } from '../../src/review/reference';

const SUB = '11111111-2222-3333-4444-555555555555';

describe('scope references', () => {
  test.each([
    ['${azurerm_key_vault.kv.id}', ScopeLevel.RESOURCE],
    ['${azurerm_resource_group.rg.id}', ScopeLevel.RESOURCE_GROUP],
    ['${data.azurerm_resource_group.rg.id}', ScopeLevel.RESOURCE_GROUP],
    ['${data.azurerm_subscription.current.id}', ScopeLevel.SUBSCRIPTION],
    ['${azurerm_management_group.platform.id}', ScopeLevel.MANAGEMENT_GROUP],
    ['${data.azurerm_management_group.platform.id}', ScopeLevel.MANAGEMENT_GROUP],
    ['${azurerm_resource_group.rg.id}/providers/Microsoft.KeyVault/vaults/kv', ScopeLevel.RESOURCE],
    ['/subscriptions/${var.subscription_id}/resourceGroups/rg', ScopeLevel.RESOURCE_GROUP],
    ['/subscriptions/${var.subscription_id}', ScopeLevel.SUBSCRIPTION],
    [`/subscriptions/${SUB}/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/st`, ScopeLevel.RESOURCE],
    ['/', ScopeLevel.ROOT],
    // Each element data.azurerm_resources lists is a resource, whichever element and however it is picked.
    ['${data.azurerm_resources.app.resources[0].id}', ScopeLevel.RESOURCE],
    ['${data.azurerm_resources.app.resources.3.id}', ScopeLevel.RESOURCE],
    ['${data.azurerm_resources.app.resources[count.index].id}', ScopeLevel.RESOURCE],
    ['${module.app["a"].data.azurerm_resources.app[0].resources[1].id}', ScopeLevel.RESOURCE],
  ])('%s is %s', (value, level) => {
    expect(scopeLevelOfValue(value)).toBe(level);
  });

  test.each([
    ['${var.scope}'],
    ['${local.scope}'],
    ['${azurerm_key_vault.kv.name}'],
    ['${azurerm_subscription.sub.id}'], // the alias, not the subscription
    ['${data.azurerm_client_config.current.subscription_id}'],
    ['${azuread_group.g.object_id}'],
    ['${module.app.scope}'],
    ['${azurerm_resource_group.rg.id}/anything'],
    ['/subscriptions/not-a-guid'],
    [''],
    // Another attribute of a listed resource, or a list that is not one of resources.
    ['${data.azurerm_resources.app.resources[0].name}'],
    ['${data.azurerm_resources.app.resources[0].id}/x'],
    ['${data.azurerm_subscriptions.all.subscriptions[0].subscription_id}'],
    ['${azurerm_resources.app.resources[0].id}'],
  ])('%j stays UNKNOWN', (value) => {
    expect(scopeLevelOfValue(value)).toBe(ScopeLevel.UNKNOWN);
  });

  test('parseReference reads whole references only', () => {
    expect(parseReference('${data.azurerm_subscription.current.id}')).toEqual({
      address: 'data.azurerm_subscription.current', modulePrefix: '', type: 'azurerm_subscription', isData: true, attribute: 'id',
    });
    expect(parseReference('${module.app["a"].module.inner[0].azurerm_user_assigned_identity.id["x"].principal_id}')).toEqual({
      address: 'module.app["a"].module.inner[0].azurerm_user_assigned_identity.id["x"]',
      modulePrefix: 'module.app["a"].module.inner[0].',
      type: 'azurerm_user_assigned_identity',
      isData: false,
      attribute: 'principal_id',
    });
    expect(parseReference('${azurerm_linux_function_app.api.identity[0].principal_id}')?.attribute).toBe('identity.0.principal_id');
    expect(parseReference('${azurerm_key_vault.kv.id}/x')).toBeUndefined();
    expect(parseReference('${var.x}')).toBeUndefined();
  });
});

describe('principal references', () => {
  const index = new DocumentIndex('main.tf.json', {
    resource: {
      azurerm_user_assigned_identity: { api: { name: 'uai-api' } },
      azurerm_linux_function_app: { func: { name: 'func-api', identity: { type: 'SystemAssigned' } } },
      azuread_group: { admins: { display_name: 'platform-admins' } },
      azuread_service_principal: { app: {} },
    },
    data: { azuread_user: { ada: [{ user_principal_name: 'ada@contoso.example' }] } },
  });

  test.each([
    ['${azurerm_user_assigned_identity.api.principal_id}', PrincipalKind.MANAGED_IDENTITY, 'uai-api'],
    ['${azurerm_linux_function_app.func.identity[0].principal_id}', PrincipalKind.MANAGED_IDENTITY, 'func-api (system-assigned)'],
    ['${azurerm_linux_function_app.func.identity.0.principal_id}', PrincipalKind.MANAGED_IDENTITY, 'func-api (system-assigned)'],
    ['${azuread_group.admins.object_id}', PrincipalKind.GROUP, 'platform-admins'],
    ['${data.azuread_user.ada.object_id}', PrincipalKind.HUMAN, 'ada@contoso.example'],
    ['${azuread_service_principal.app.object_id}', PrincipalKind.APPLICATION, 'azuread_service_principal.app'],
  ])('%s is a %s named %s', (value, kind, name) => {
    const principal = resolvePrincipal(value, undefined, index);
    expect([principal.kind, principal.name]).toEqual([kind, name]);
  });

  test('both spellings of a system-assigned identity are one principal', () => {
    expect(resolvePrincipal('${azurerm_linux_function_app.func.identity[0].principal_id}', undefined, index).key).toBe(
      resolvePrincipal('${azurerm_linux_function_app.func.identity.0.principal_id}', undefined, index).key,
    );
  });

  test('a literal object ID is known by its principal_type only', () => {
    expect(resolvePrincipal('CCCCCCCC-1111-2222-3333-DDDDDDDDDDDD', 'Group', index)).toEqual({
      key: 'cccccccc-1111-2222-3333-dddddddddddd',
      name: 'CCCCCCCC-1111-2222-3333-DDDDDDDDDDDD',
      kind: PrincipalKind.GROUP,
      written: 'CCCCCCCC-1111-2222-3333-DDDDDDDDDDDD',
    });
    expect(resolvePrincipal('cccccccc-1111-2222-3333-dddddddddddd', undefined, index).kind).toBe('unknown');
    expect(resolvePrincipal('${var.principal}', undefined, index).kind).toBe('unknown');
  });
});

describe('role references', () => {
  const index = new DocumentIndex('main.tf.json', {
    resource: {
      azurerm_role_definition: {
        deployer: { name: 'Deployer', permissions: [{ actions: ['Microsoft.Authorization/roleAssignments/write'] }] },
      },
    },
    data: { azurerm_role_definition: { kv: { name: 'Key Vault Secrets User' } } },
  });
  const custom = new Map();
  const guid = '4633458b-17de-408a-b874-0445c86b69e6';

  test.each([
    [{ role_definition_name: 'Key Vault Secrets User' }],
    [{ role_definition_id: guid }],
    [{ role_definition_id: `/providers/Microsoft.Authorization/roleDefinitions/${guid}` }],
    [{ role_definition_id: `/subscriptions/${SUB}/providers/Microsoft.Authorization/roleDefinitions/${guid}` }],
    [{ role_definition_id: `/subscriptions/\${element(split("/", azurerm_key_vault.kv.id), 2)}/providers/Microsoft.Authorization/roleDefinitions/${guid}` }],
    [{ role_definition_id: '${data.azurerm_role_definition.kv.id}' }],
  ])('%j is Key Vault Secrets User', (body) => {
    expect(resolveRole(body, index, custom).name).toBe('Key Vault Secrets User');
  });

  test('an unreadable role is unknown and counts as the most powerful', () => {
    const role = resolveRole({ role_definition_id: '${var.role}' }, index, custom);
    expect(role).toMatchObject({ known: false, canGrantAccess: true, hasWildcardControlPlane: true });
    expect(resolveRole({ role_definition_name: 'No Such Role' }, index, custom).known).toBe(false);
  });
});
