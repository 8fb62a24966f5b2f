import { DataAzurermResourceGroup } from '@cdktf/provider-azurerm/lib/data-azurerm-resource-group';
import { App, TerraformStack, TerraformVariable } from 'cdktf';
import { newStack, only, OWNER_GUID, PLATFORM_GROUP, RG_SCOPE_ID, resourceGroup, resources, SUB, synth, UAA_GUID, USER } from './pim-test-support';
import { EligibleRoleAssignment, JustInTimeAccess, PimSchedule } from '../../src';
import { Principal } from '../../src/identity/principal';
import { Duration } from '../../src/model/duration';
import { BuiltInRole } from '../../src/roles/built-in-role.generated';
import { Scope } from '../../src/scope/scope';

const TYPE = 'azurerm_pim_eligible_role_assignment';
// The delegation example of Microsoft's docs: role assignments of Backup Contributor or Backup Reader only.
const CONSTRAIN_ROLES =
  "((!(ActionMatches{'Microsoft.Authorization/roleAssignments/write'})) OR " +
  '(@Request[Microsoft.Authorization/roleAssignments:RoleDefinitionId] ForAnyOfAnyValues:GuidEquals {5e467623-bb1f-42f4-a55d-6e525e11384b, a795c7a0-d4a2-40c1-ae25-d81f01202912}))';

describe('EligibleRoleAssignment', () => {
  test('synthesizes an eligibility with a duration in days, a ticket and a condition', () => {
    const { stack } = newStack();
    new EligibleRoleAssignment(stack, 'PlatformOwner', {
      principal: Principal.group(PLATFORM_GROUP, 'platform-admins'),
      role: BuiltInRole.USER_ACCESS_ADMINISTRATOR,
      scope: Scope.fromId(RG_SCOPE_ID),
      justification: 'Platform on-call',
      schedule: PimSchedule.afterDuration(Duration.days(180), { startDateTime: '2025-07-01T08:00:00Z' }),
      ticket: { number: 'CHG0012345', system: 'ServiceNow' },
      condition: CONSTRAIN_ROLES,
    });
    const json = synth(stack);
    expect(json).toMatchSnapshot();
    const resource = only(json, TYPE);
    expect(resource.scope).toBe(RG_SCOPE_ID);
    expect(resource.role_definition_id).toBe(`/subscriptions/${SUB}/providers/Microsoft.Authorization/roleDefinitions/${UAA_GUID}`);
    expect(resource.principal_id).toBe(PLATFORM_GROUP);
    expect(resource.schedule).toEqual({ start_date_time: '2025-07-01T08:00:00Z', expiration: { duration_days: 180 } });
    expect(resource.ticket).toEqual({ number: 'CHG0012345', system: 'ServiceNow' });
    expect(resource.condition).toBe(CONSTRAIN_ROLES);
    expect(resource.condition_version).toBe('2.0');
  });

  test.each([
    [PimSchedule.afterDuration(Duration.hours(36)), { expiration: { duration_hours: 36 } }],
    [PimSchedule.afterDuration(Duration.days(2)), { expiration: { duration_days: 2 } }],
    [PimSchedule.until('2026-01-01T00:00:00Z'), { expiration: { end_date_time: '2026-01-01T00:00:00Z' } }],
  ])('writes exactly one expiration: %#', (schedule, expected) => {
    const { stack } = newStack();
    new EligibleRoleAssignment(stack, 'E', {
      principal: Principal.user(USER),
      role: BuiltInRole.OWNER,
      scope: Scope.subscription(SUB),
      justification: 'ops',
      schedule,
    });
    const resource = only(synth(stack), TYPE);
    expect(resource.schedule).toEqual(expected);
    expect(resource.scope).toBe(`/subscriptions/${SUB}`);
  });

  test('derives the subscription in Terraform when the scope is a resource group of the stack', () => {
    const { stack } = newStack();
    const rg = resourceGroup(stack);
    new EligibleRoleAssignment(stack, 'E', {
      principal: Principal.group(PLATFORM_GROUP),
      role: BuiltInRole.OWNER,
      scope: Scope.of(rg),
      justification: 'ops',
      schedule: PimSchedule.afterDuration(Duration.days(30)),
    });
    const resource = only(synth(stack), TYPE);
    expect(resource.scope).toBe('${azurerm_resource_group.rg.id}');
    expect(resource.role_definition_id).toBe(
      `/subscriptions/\${element(split("/", azurerm_resource_group.rg.id), 2)}/providers/Microsoft.Authorization/roleDefinitions/${OWNER_GUID}`,
    );
  });

  test('chooses the role definition form at apply time for a scope of unknown level', () => {
    const { stack } = newStack();
    const data = new DataAzurermResourceGroup(stack, 'rg', { name: 'rg-platform' });
    new EligibleRoleAssignment(stack, 'E', {
      principal: Principal.group(PLATFORM_GROUP),
      role: BuiltInRole.OWNER,
      scope: Scope.fromId(data.id),
      justification: 'ops',
      schedule: PimSchedule.afterDuration(Duration.days(30)),
    });
    const resource = only(synth(stack), TYPE);
    expect(resource.scope).toBe('${data.azurerm_resource_group.rg.id}');
    expect(resource.role_definition_id).toContain('startswith(lower(data.azurerm_resource_group.rg.id), "/subscriptions/")');
  });

  test('uses the tenant form of the role definition at a management group', () => {
    const { stack } = newStack();
    new EligibleRoleAssignment(stack, 'E', {
      principal: Principal.group(PLATFORM_GROUP),
      role: BuiltInRole.OWNER,
      scope: Scope.managementGroup('mg-platform'),
      justification: 'ops',
      schedule: PimSchedule.afterDuration(Duration.days(30)),
    });
    const resource = only(synth(stack), TYPE);
    expect(resource.scope).toBe('/providers/Microsoft.Management/managementGroups/mg-platform');
    expect(resource.role_definition_id).toBe(`/providers/Microsoft.Authorization/roleDefinitions/${OWNER_GUID}`);
  });

  test('permanent eligibility only when asked for, with its reason in the JSON', () => {
    const { stack } = newStack();
    const eligibility = new EligibleRoleAssignment(stack, 'E', {
      principal: Principal.group(PLATFORM_GROUP),
      role: BuiltInRole.READER,
      scope: Scope.fromId(RG_SCOPE_ID),
      justification: 'ops',
      schedule: PimSchedule.noExpiration('Auditors read the platform all year'),
    });
    const resource = only(synth(stack), TYPE);
    expect(eligibility.isPermanent).toBe(true);
    expect(resource.schedule).toBeUndefined();
    expect(resource.scope).toBe(RG_SCOPE_ID);
    // Testing.synth strips "//" metadata; the stack's own JSON keeps it, as cdktf synth does.
    const raw = only(stack.toTerraform(), TYPE);
    expect(raw['//']['cdktf-azure-access'].permanentEligibility).toEqual({ reason: 'Auditors read the platform all year' });
  });

  describe('refuses', () => {
    function make(overrides: Record<string, unknown>): void {
      const { stack } = newStack();
      new EligibleRoleAssignment(stack, 'Bad', {
        principal: Principal.group(PLATFORM_GROUP),
        role: BuiltInRole.OWNER,
        scope: Scope.fromId(RG_SCOPE_ID),
        justification: 'ops',
        schedule: PimSchedule.afterDuration(Duration.days(30)),
        ...overrides,
      });
    }

    test.each([
      ['a managed identity', { principal: Principal.existingManagedIdentity(USER) }, /pim\/Bad: principal .* is of kind "managed-identity"; PIM is for people\. Accepted: a user \(human\) or a group \(group\)\..*RoleGrant/],
      ['an application', { principal: Principal.servicePrincipal(USER) }, /pim\/Bad: principal .* is of kind "application"; PIM is for people.*Accepted: a user \(human\) or a group \(group\)/],
      ['the tenant root', { scope: Scope.root() }, /pim\/Bad: scope "\/" is the tenant root.*Accepted: a management group, subscription, resource group or resource scope/],
      ['an empty justification', { justification: '  ' }, /pim\/Bad: justification "  " is empty\. Accepted: a non-empty reason/],
      ['a missing schedule', { schedule: undefined }, /pim\/Bad: schedule is missing\. Accepted: PimSchedule\.afterDuration.*PimSchedule\.until.*PimSchedule\.noExpiration/],
      ['minutes', { schedule: PimSchedule.afterDuration(Duration.minutes(90)) }, /pim\/Bad: schedule duration 90 minutes \(PT1H30M\) is not whole hours.*Accepted: Duration\.days\(n\) or Duration\.hours\(n\)/],
      ['a start that is not ISO 8601', { schedule: PimSchedule.afterDuration(Duration.days(1), { startDateTime: '01/07/2025 08:00' }) }, /pim\/Bad: schedule start "01\/07\/2025 08:00" is not an ISO 8601 date-time\. Accepted: an ISO 8601 date-time with seconds and a UTC offset, e\.g\. 2025-07-01T08:00:00Z/],
      ['a start without offset', { schedule: PimSchedule.afterDuration(Duration.days(1), { startDateTime: '2025-07-01T08:00:00' }) }, /pim\/Bad: schedule start "2025-07-01T08:00:00" is not an ISO 8601 date-time\. Accepted: /],
      ['a day the month lacks', { schedule: PimSchedule.until('2025-02-29T00:00:00Z') }, /pim\/Bad: schedule end "2025-02-29T00:00:00Z" has day 29, which 2025-02 does not have\. Accepted: an ISO 8601 date-time/],
      ['month 13', { schedule: PimSchedule.until('2025-13-01T00:00:00Z') }, /pim\/Bad: schedule end "2025-13-01T00:00:00Z" has month 13\. Accepted: /],
      [
        'an end before the start',
        { schedule: PimSchedule.until('2025-07-01T09:00:00+02:00', { startDateTime: '2025-07-01T08:00:00Z' }) },
        /pim\/Bad: schedule end "2025-07-01T09:00:00\+02:00" is not after its start "2025-07-01T08:00:00Z"\. Accepted: an end later than the start/,
      ],
      ['a permanent schedule without reason', { schedule: PimSchedule.noExpiration('') }, /pim\/Bad: PimSchedule\.noExpiration\(\) was given an empty justification\. Accepted: the written reason/],
      ['a ticket without system', { ticket: { number: 'CHG1', system: '' } }, /pim\/Bad: ticket system "" is empty\. Accepted: a ticket with both a number and a system/],
      ['a condition version other than 2.0', { condition: CONSTRAIN_ROLES, conditionVersion: '1.0' }, /pim\/Bad: conditionVersion "1\.0" is not accepted\. Accepted: "2\.0"/],
      ['a condition version without condition', { conditionVersion: '2.0' }, /pim\/Bad: conditionVersion "2\.0" was given without a condition\. Accepted: a condition with version "2\.0", or neither/],
    ])('%s', (_name, overrides, message) => {
      expect(() => make(overrides)).toThrow(message);
    });
  });

  test('accepts a token start, e.g. time_static.rfc3339', () => {
    const { stack } = newStack();
    const rg = resourceGroup(stack);
    new EligibleRoleAssignment(stack, 'E', {
      principal: Principal.group(PLATFORM_GROUP),
      role: BuiltInRole.OWNER,
      scope: Scope.fromId(RG_SCOPE_ID),
      justification: 'ops',
      schedule: PimSchedule.afterDuration(Duration.days(30), { startDateTime: rg.name }),
    });
    expect(only(synth(stack), TYPE).schedule.start_date_time).toBe('${azurerm_resource_group.rg.name}');
  });
});

test('a condition that is not the condition language is refused; the documented one, and a token, are written', () => {
  const { stack } = newStack();
  const rg = resourceGroup(stack);
  const make = (id: string, condition: string) => new EligibleRoleAssignment(stack, id, {
    principal: Principal.group(PLATFORM_GROUP),
    role: BuiltInRole.USER_ACCESS_ADMINISTRATOR,
    scope: Scope.of(rg),
    justification: 'Platform on-call',
    schedule: PimSchedule.afterDuration(Duration.days(30)),
    condition,
  });
  expect(() => make('Bad', "((!(ActionMatches{'Microsoft.Authorization/roleAssignments/write'}))")).toThrow(
    'pim/Bad: condition "((!(ActionMatches{\'Microsoft.Authorization/roleAssignments/write\'}))" is not the ABAC condition language: ' +
      'a "(" is never closed at character 1, near "((!(ActionMatches{\'Microsoft.A". ' +
      "Accepted: a condition in the role assignment condition format, e.g. ((!(ActionMatches{'<action>'})) OR (@Resource[<attribute>] StringEquals '<value>')). " +
      'Azure error: "The given role assignment condition is invalid." (400, at apply).',
  );
  make('Documented', CONSTRAIN_ROLES);
  const fromVariable = new TerraformVariable(stack, 'uaa_condition', { type: 'string' });
  new EligibleRoleAssignment(stack, 'FromVariable', {
    principal: Principal.user(USER),
    role: BuiltInRole.USER_ACCESS_ADMINISTRATOR,
    scope: Scope.of(rg),
    justification: 'ops',
    schedule: PimSchedule.afterDuration(Duration.days(30)),
    condition: fromVariable.stringValue,
  });
  expect(resources(synth(stack), TYPE).map((r) => [r.scope, r.condition])).toEqual([
    ['${azurerm_resource_group.rg.id}', CONSTRAIN_ROLES],
    ['${azurerm_resource_group.rg.id}', '${var.uaa_condition}'],
  ]);
});

describe('two eligibilities for the same principal, role and scope in one stack (409 RoleAssignmentExists)', () => {
  const props = (principal: Principal, scope: Scope, role = BuiltInRole.OWNER) => ({
    principal, role, scope, justification: 'ops', schedule: PimSchedule.afterDuration(Duration.days(30)),
  });

  test('a standalone eligibility twice: the principal ID in another case and the scope read twice from one resource are the same', () => {
    const { stack } = newStack();
    const rg = resourceGroup(stack);
    new EligibleRoleAssignment(stack, 'First', props(Principal.group(PLATFORM_GROUP, 'platform-admins'), Scope.of(rg)));
    // Another role, another scope or another principal is another eligibility.
    new EligibleRoleAssignment(stack, 'OtherRole', props(Principal.group(PLATFORM_GROUP), Scope.of(rg), BuiltInRole.USER_ACCESS_ADMINISTRATOR));
    new EligibleRoleAssignment(stack, 'OtherScope', props(Principal.group(PLATFORM_GROUP), Scope.fromId(RG_SCOPE_ID)));
    new EligibleRoleAssignment(stack, 'OtherPrincipal', props(Principal.user(USER), Scope.of(rg)));
    expect(() => new EligibleRoleAssignment(stack, 'Second', props(Principal.group(PLATFORM_GROUP.toUpperCase(), 'platform-admins'), Scope.of(rg)))).toThrow(
      'pim/Second: platform-admins is already eligible for "Owner" at azurerm_resource_group pim/rg (pim/First). ' +
        'The same principal, role and scope twice fails at apply with 409 RoleAssignmentExists. Accepted: one eligibility per principal, role and scope; keep one of them.',
    );
    const scopes = resources(synth(stack), TYPE).map((r) => r.scope).sort();
    expect(scopes).toEqual(['${azurerm_resource_group.rg.id}', '${azurerm_resource_group.rg.id}', '${azurerm_resource_group.rg.id}', RG_SCOPE_ID]);
  });

  test('an eligibility JustInTimeAccess made, and one made beside it', () => {
    const { stack } = newStack();
    const rg = resourceGroup(stack);
    const jit = new JustInTimeAccess(stack, 'PlatformAdmins', {
      principals: [Principal.group(PLATFORM_GROUP, 'platform-admins')],
      roles: [BuiltInRole.OWNER],
      scope: Scope.of(rg),
      eligibleFor: Duration.days(30),
      activation: { maxDuration: Duration.hours(1), requireMfa: true },
    });
    expect(() => new EligibleRoleAssignment(stack, 'Extra', props(Principal.group(PLATFORM_GROUP), Scope.of(rg)))).toThrow(
      `pim/Extra: ${PLATFORM_GROUP} is already eligible for "Owner" at azurerm_resource_group pim/rg (${jit.eligibilities[0].node.path}). The same principal, role and scope twice fails at apply with 409 RoleAssignmentExists.`,
    );
    // The same eligibility in another stack is another Terraform configuration's.
    const other = new TerraformStack(stack.node.root as App, 'other');
    new EligibleRoleAssignment(other, 'Extra', props(Principal.group(PLATFORM_GROUP), Scope.fromId(RG_SCOPE_ID)));
    new EligibleRoleAssignment(stack, 'Literal', props(Principal.group(PLATFORM_GROUP), Scope.fromId(RG_SCOPE_ID)));
    expect(() => new EligibleRoleAssignment(other, 'Again', props(Principal.group(PLATFORM_GROUP), Scope.fromId(RG_SCOPE_ID)))).toThrow(
      /^other\/Again: .* is already eligible for "Owner" at .*rg-platform \(other\/Extra\)/,
    );
    expect(resources(synth(stack), TYPE).map((r) => r.scope).sort()).toEqual(['${azurerm_resource_group.rg.id}', RG_SCOPE_ID]);
  });
});
