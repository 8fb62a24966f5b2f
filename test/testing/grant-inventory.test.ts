import { BuiltInRole, GrantInventory, Principal, RoleGrant, Scope, ScopeLevel, WorkloadIdentity } from '../../src';
import { appResources, newStack, SUBSCRIPTION } from '../support/stack';

const GROUP = 'cccccccc-1111-2222-3333-dddddddddddd';

describe('GrantInventory', () => {
  const stack = newStack();
  const { vault, rg } = appResources(stack);
  const api = new WorkloadIdentity(stack, 'Api', { name: 'uai-api', resourceGroupName: 'rg', location: 'eastus', owner: 'team' });
  api.grant(BuiltInRole.KEY_VAULT_SECRETS_USER, Scope.of(vault));
  api.grant(BuiltInRole.READER, Scope.of(rg));
  new RoleGrant(stack, 'Auditors', {
    principal: Principal.group(GROUP, 'auditors'),
    role: BuiltInRole.READER,
    scope: Scope.subscription(SUBSCRIPTION),
    justification: 'quarterly audit',
  });
  const inventory = GrantInventory.fromStack(stack);

  test('lists every grant with principal, role, plane, scope and level', () => {
    expect(inventory.grants.map((g) => [g.principalName, g.roleName, g.plane, g.scopeLevel])).toEqual([
      ['uai-api', 'Key Vault Secrets User', 'data', ScopeLevel.RESOURCE],
      ['uai-api', 'Reader', 'control', ScopeLevel.RESOURCE_GROUP],
      [GROUP, 'Reader', 'control', ScopeLevel.SUBSCRIPTION],
    ]);
    expect(inventory.grants.map((g) => g.scope)).toEqual(['${azurerm_key_vault.kv.id}', '${azurerm_resource_group.rg.id}', `/subscriptions/${SUBSCRIPTION}`]);
    expect(inventory.grants[0].address).toMatch(/^azurerm_role_assignment\.Api_KeyVaultSecretsUser-kv_Assignment_[0-9A-F]{8}$/);
    expect(inventory.grants[0].constructPath).toBe('test/Api/KeyVaultSecretsUser-kv/Assignment');
  });

  test('assertAllScopesAtMost names every grant that is wider', () => {
    expect(() => inventory.assertAllScopesAtMost(ScopeLevel.SUBSCRIPTION)).not.toThrow();
    expect(() => inventory.assertAllScopesAtMost(ScopeLevel.RESOURCE)).toThrow(
      /2 grant\(s\) wider than resource:\n {2}azurerm_role_assignment\.Api_Reader-rg_[^:]+: Reader for uai-api at resource-group \$\{azurerm_resource_group\.rg\.id\}\n {2}azurerm_role_assignment\.Auditors_[^:]+: Reader for .* at subscription/,
    );
  });

  test('assertHoldsExactly reports what is missing and what is not expected', () => {
    expect(() =>
      inventory.assertHoldsExactly(api, [
        inventory.expectedGrant(BuiltInRole.KEY_VAULT_SECRETS_USER, Scope.of(vault)),
        inventory.expectedGrant(BuiltInRole.READER, Scope.of(rg)),
      ]),
    ).not.toThrow();
    expect(() => inventory.assertHoldsExactly(api, [inventory.expectedGrant(BuiltInRole.KEY_VAULT_SECRETS_OFFICER, Scope.of(vault))])).toThrow(
      'uai-api does not hold exactly the expected grants.\n  missing:\n    key vault secrets officer @ ${azurerm_key_vault.kv.id}\n' +
        '  not expected:\n    key vault secrets user @ ${azurerm_key_vault.kv.id}\n    reader @ ${azurerm_resource_group.rg.id}',
    );
  });

  test('grantsAt finds the grants of one scope', () => {
    expect(inventory.grantsAt(Scope.of(vault)).map((g) => g.roleName)).toEqual(['Key Vault Secrets User']);
  });

  test('reads hcl2json-shaped JSON and role names too', () => {
    const fromHcl = GrantInventory.fromJson({
      resource: {
        azurerm_role_assignment: {
          reader: [{ scope: '${azurerm_resource_group.rg.id}/providers/Microsoft.KeyVault/vaults/kv', role_definition_name: 'Reader', principal_id: GROUP }],
        },
      },
    });
    expect(fromHcl.grants).toEqual([
      expect.objectContaining({ address: 'azurerm_role_assignment.reader', roleName: 'Reader', scopeLevel: ScopeLevel.RESOURCE }),
    ]);
    expect(() => fromHcl.resolve('${TfToken[TOKEN.1]}')).toThrow(/only be resolved for an inventory made with fromStack/);
    expect(() => GrantInventory.fromJson('[]')).toThrow(/expected a Terraform JSON object/);
  });
});
