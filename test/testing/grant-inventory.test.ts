import {
  ActiveRoleAssignment,
  BuiltInRole,
  DirectoryRole,
  DirectoryRoleEligibility,
  Duration,
  EligibleRoleAssignment,
  GrantInventory,
  GrantKind,
  GroupEligibility,
  PimSchedule,
  Principal,
  RoleGrant,
  Scope,
  ScopeLevel,
  WorkloadIdentity,
} from '../../src';
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
      ['auditors', 'Reader', 'control', ScopeLevel.SUBSCRIPTION],
    ]);
    expect(inventory.grants.map((g) => g.scope)).toEqual(['${azurerm_key_vault.kv.id}', '${azurerm_resource_group.rg.id}', `/subscriptions/${SUBSCRIPTION}`]);
    expect(inventory.grants[0].address).toMatch(/^azurerm_role_assignment\.Api_KeyVaultSecretsUser-kv_Assignment_[0-9A-F]{8}$/);
    expect(inventory.grants[0].constructPath).toBe('test/Api/KeyVaultSecretsUser-kv/Assignment');
  });

  test('assertAllScopesAtMost names every grant that is wider', () => {
    expect(() => inventory.assertAllScopesAtMost(ScopeLevel.SUBSCRIPTION)).not.toThrow();
    expect(() => inventory.assertAllScopesAtMost(ScopeLevel.RESOURCE)).toThrow(
      /2 grant\(s\) wider than resource:\n {2}azurerm_role_assignment\.Api_Reader-rg_[^:]+: Reader for uai-api at resource-group \$\{azurerm_resource_group\.rg\.id\} \(role-assignment\)\n {2}azurerm_role_assignment\.Auditors_[^:]+: Reader for auditors at subscription \/subscriptions\/11111111-2222-3333-4444-555555555555 \(role-assignment\)$/,
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

describe('GrantInventory sees every kind of grant the library makes', () => {
  const USER = 'eeeeeeee-1111-2222-3333-ffffffffffff';
  const PIM_GROUP = 'ffffffff-1111-2222-3333-aaaaaaaaaaaa';
  const AU = '99999999-8888-7777-6666-555555555555';
  const stack = newStack();
  const { vault, rg } = appResources(stack);
  const api = new WorkloadIdentity(stack, 'Api', { name: 'uai-api', resourceGroupName: 'rg', location: 'eastus', owner: 'team' });
  api.grant(BuiltInRole.KEY_VAULT_SECRETS_USER, Scope.of(vault));
  const person = Principal.user(USER, 'on-call-1');
  const pimGroup = Principal.group(PIM_GROUP, 'pim-operators');
  new ActiveRoleAssignment(stack, 'Incident', {
    principal: person,
    role: BuiltInRole.CONTRIBUTOR,
    scope: Scope.of(rg),
    justification: 'INC-42',
    schedule: PimSchedule.afterDuration(Duration.hours(8), { startDateTime: '2026-12-01T08:00:00Z' }),
  });
  new EligibleRoleAssignment(stack, 'Operator', {
    principal: pimGroup,
    role: BuiltInRole.VIRTUAL_MACHINE_CONTRIBUTOR,
    scope: Scope.of(rg),
    justification: 'operations',
    schedule: PimSchedule.afterDuration(Duration.days(180)),
  });
  new DirectoryRoleEligibility(stack, 'AppAdmin', {
    principal: person, role: DirectoryRole.APPLICATION_ADMINISTRATOR, justification: 'app registrations',
  });
  new DirectoryRoleEligibility(stack, 'AuHelpdesk', {
    principal: person, role: DirectoryRole.HELPDESK_ADMINISTRATOR, justification: 'one office', directoryScopeId: `/administrativeUnits/${AU}`,
  });
  new GroupEligibility(stack, 'JoinOperators', {
    group: pimGroup, principal: person, justification: 'rotation', schedule: PimSchedule.afterDuration(Duration.days(90)),
  });
  new GroupEligibility(stack, 'JoinElsewhere', {
    group: Principal.group(GROUP, 'defined-elsewhere'), principal: person, justification: 'rotation', schedule: PimSchedule.afterDuration(Duration.days(90)),
  });
  const inventory = GrantInventory.fromStack(stack);

  test('each with its kind, role, scope and scope level', () => {
    expect(inventory.grants.map((g) => [g.kind, g.principalName, g.roleName, g.scope, g.scopeLevel, g.expiry])).toEqual([
      [GrantKind.ROLE_ASSIGNMENT, 'uai-api', 'Key Vault Secrets User', '${azurerm_key_vault.kv.id}', ScopeLevel.RESOURCE, undefined],
      [GrantKind.ACTIVE_ASSIGNMENT, 'on-call-1', 'Contributor', '${azurerm_resource_group.rg.id}', ScopeLevel.RESOURCE_GROUP, 'PT8H'],
      [GrantKind.ELIGIBLE_ASSIGNMENT, 'pim-operators', 'Virtual Machine Contributor', '${azurerm_resource_group.rg.id}', ScopeLevel.RESOURCE_GROUP, 'P180D'],
      [GrantKind.DIRECTORY_ROLE_ELIGIBILITY, 'on-call-1', 'Application Administrator', '/', ScopeLevel.ROOT, undefined],
      [GrantKind.DIRECTORY_ROLE_ELIGIBILITY, 'on-call-1', 'Helpdesk Administrator', `/administrativeUnits/${AU}`, ScopeLevel.RESOURCE_GROUP, undefined],
      // The group holds Virtual Machine Contributor at the resource group (eligible), so joining it reaches that far.
      [GrantKind.GROUP_ELIGIBILITY, 'on-call-1', `member of ${PIM_GROUP}`, PIM_GROUP, ScopeLevel.RESOURCE_GROUP, 'P90D'],
      // What a group defined elsewhere holds is unknown here: the widest.
      [GrantKind.GROUP_ELIGIBILITY, 'on-call-1', `member of ${GROUP}`, GROUP, ScopeLevel.UNKNOWN, 'P90D'],
    ]);
  });

  test('assertAllScopesAtMost covers eligibilities and directory roles, and names them', () => {
    expect(() => inventory.assertAllScopesAtMost(ScopeLevel.ROOT)).toThrow(
      /^1 grant\(s\) wider than root:\n {2}azuread_privileged_access_group_eligibility_schedule\.JoinElsewhere_[^:]+: member of cccccccc-1111-2222-3333-dddddddddddd for on-call-1 at unknown cccccccc-1111-2222-3333-dddddddddddd \(group-eligibility\)$/,
    );
    expect(() => inventory.assertAllScopesAtMost(ScopeLevel.SUBSCRIPTION)).toThrow(/^2 grant\(s\) wider than subscription:\n.*Application Administrator for on-call-1 at root \/ \(directory-role-eligibility\)\n.*JoinElsewhere/);
    expect(() => inventory.assertAllScopesAtMost(ScopeLevel.UNKNOWN)).toThrow(/UNKNOWN is no limit/);
    const withoutGroups = inventory.ofKinds(GrantKind.ROLE_ASSIGNMENT, GrantKind.ACTIVE_ASSIGNMENT, GrantKind.ELIGIBLE_ASSIGNMENT);
    expect(withoutGroups.grants).toHaveLength(3);
    expect(() => withoutGroups.assertAllScopesAtMost(ScopeLevel.RESOURCE_GROUP)).not.toThrow();
    expect(() => withoutGroups.assertAllScopesAtMost(ScopeLevel.RESOURCE)).toThrow(/^2 grant\(s\) wider than resource:/);
    expect(() => inventory.ofKinds()).toThrow(/name at least one GrantKind/);
  });

  test('assertHoldsExactly covers every kind a principal holds', () => {
    const onCall = [
      { roleName: 'Contributor', scope: inventory.resolve(Scope.of(rg).id) },
      { roleName: 'Application Administrator', scope: '/' },
      { roleName: 'Helpdesk Administrator', scope: `/administrativeUnits/${AU}` },
      { roleName: `member of ${PIM_GROUP}`, scope: PIM_GROUP },
      { roleName: `member of ${GROUP}`, scope: GROUP },
    ];
    expect(() => inventory.assertHoldsExactly(person, onCall)).not.toThrow();
    expect(() => inventory.assertHoldsExactly(person, onCall.slice(1))).toThrow(
      'on-call-1 does not hold exactly the expected grants.\n  not expected:\n    contributor @ ${azurerm_resource_group.rg.id}',
    );
    expect(() => inventory.ofKinds(GrantKind.ACTIVE_ASSIGNMENT).assertHoldsExactly(person, onCall)).toThrow(/missing:\n {4}application administrator @ \//);
    expect(inventory.grantsOf(pimGroup).map((g) => g.kind)).toEqual([GrantKind.ELIGIBLE_ASSIGNMENT]);
  });
});
