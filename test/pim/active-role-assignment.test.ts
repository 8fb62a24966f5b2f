import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { Aspects } from 'cdktf';
import { newStack, only, OWNER_GUID, RG_SCOPE_ID, resourceGroup, SUB, synth, USER } from './pim-test-support';
import { AccessGuard, ActiveRoleAssignment, PimSchedule } from '../../src';
import { Principal } from '../../src/identity/principal';
import { Duration } from '../../src/model/duration';
import { BuiltInRole } from '../../src/roles/built-in-role.generated';
import { Scope } from '../../src/scope/scope';

const TYPE = 'azurerm_pim_active_role_assignment';

describe('ActiveRoleAssignment', () => {
  test('synthesizes time-bound active access for a break-glass account', () => {
    const { stack } = newStack();
    new ActiveRoleAssignment(stack, 'BreakGlass', {
      principal: Principal.user(USER, 'break-glass-1'),
      role: BuiltInRole.OWNER,
      scope: Scope.fromId(RG_SCOPE_ID),
      justification: 'Migration window',
      schedule: PimSchedule.afterDuration(Duration.hours(8), { startDateTime: '2025-07-01T20:00:00Z' }),
      ticket: { number: 'INC0001', system: 'ServiceNow' },
    });
    const json = synth(stack);
    expect(json).toMatchSnapshot();
    const resource = only(json, TYPE);
    expect(resource.scope).toBe(RG_SCOPE_ID);
    expect(resource.role_definition_id).toBe(`/subscriptions/${SUB}/providers/Microsoft.Authorization/roleDefinitions/${OWNER_GUID}`);
    expect(resource.schedule).toEqual({ start_date_time: '2025-07-01T20:00:00Z', expiration: { duration_hours: 8 } });
    expect(resource.ticket).toEqual({ number: 'INC0001', system: 'ServiceNow' });
  });

  test('ends at a date-time, at a scope from the stack', () => {
    const { stack } = newStack();
    const rg = resourceGroup(stack);
    new ActiveRoleAssignment(stack, 'Migration', {
      principal: Principal.user(USER),
      role: BuiltInRole.CONTRIBUTOR,
      scope: Scope.of(rg),
      justification: 'Migration',
      schedule: PimSchedule.until('2025-07-02T06:00:00Z', { startDateTime: '2025-07-01T20:00:00Z' }),
    });
    const resource = only(synth(stack), TYPE);
    expect(resource.scope).toBe('${azurerm_resource_group.rg.id}');
    expect(resource.schedule.expiration).toEqual({ end_date_time: '2025-07-02T06:00:00Z' });
  });

  test.each([
    ['no expiry', PimSchedule.noExpiration('forever'), /pim\/Active: an active assignment must expire; got PimSchedule\.noExpiration\(\)\. Accepted: PimSchedule\.afterDuration\(Duration\.hours\(n\) or Duration\.days\(n\)\) or PimSchedule\.until/],
    ['no schedule', undefined, /pim\/Active: an active assignment must expire; got no schedule\. Accepted: PimSchedule\.afterDuration/],
  ])('refuses %s', (_name, schedule, message) => {
    const { stack } = newStack();
    expect(
      () =>
        new ActiveRoleAssignment(stack, 'Active', {
          principal: Principal.user(USER),
          role: BuiltInRole.OWNER,
          scope: Scope.fromId(RG_SCOPE_ID),
          justification: 'ops',
          schedule: schedule as PimSchedule,
        }),
    ).toThrow(message);
  });

  test('refuses a workload', () => {
    const { stack } = newStack();
    expect(
      () =>
        new ActiveRoleAssignment(stack, 'Active', {
          principal: Principal.existingManagedIdentity(USER, 'uai-batch'),
          role: BuiltInRole.OWNER,
          scope: Scope.fromId(RG_SCOPE_ID),
          justification: 'ops',
          schedule: PimSchedule.afterDuration(Duration.hours(1)),
        }),
    ).toThrow(/pim\/Active: principal uai-batch is of kind "managed-identity"; PIM is for people\. Accepted: a user \(human\) or a group \(group\)/);
  });
});

describe('ActiveRoleAssignment at a wide scope: the same decision (AZA001) as a standing RoleGrant', () => {
  function activeReaderAtSubscription() {
    const { app, stack } = newStack();
    new AzurermProvider(stack, 'azurerm', { features: [{}] });
    const active = new ActiveRoleAssignment(stack, 'Inventory', {
      principal: Principal.user(USER, 'auditor-1'),
      role: BuiltInRole.READER,
      scope: Scope.subscription(SUB),
      justification: 'Quarterly inventory',
      schedule: PimSchedule.afterDuration(Duration.hours(8), { startDateTime: '2025-07-01T20:00:00Z' }),
    });
    return { app, stack, active };
  }

  test('without a guard, synthesis fails naming AZA001, the construct path and the fix', () => {
    const { app } = activeReaderAtSubscription();
    expect(() => app.synth()).toThrow(
      `[pim/Inventory] [AZA001] human auditor-1 holds "Reader" at subscription scope /subscriptions/${SUB}. Fix: Grant the role at the resource`,
    );
  });

  test('a suppression with a reason accepts it, and travels in the JSON for the guard and the command', () => {
    const { app, stack, active } = activeReaderAtSubscription();
    AccessGuard.suppress(active, 'AZA001', { reason: 'auditors read the whole subscription' });
    expect(() => app.synth()).not.toThrow();
    expect(only(synth(stack), TYPE).scope).toBe(`/subscriptions/${SUB}`);
  });

  test('the guard\'s allowedWideScopes applies to it as to any grant', () => {
    const { app, stack } = activeReaderAtSubscription();
    Aspects.of(stack).add(new AccessGuard({ today: '2026-11-30', allowedWideScopes: [`/subscriptions/${SUB}`] }));
    expect(() => app.synth()).not.toThrow();
    expect(AccessGuard.findingsOf(stack).filter((f) => f.ruleId === 'AZA001')).toEqual([]);
  });
});
