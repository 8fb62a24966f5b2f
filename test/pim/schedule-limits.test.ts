import { AzureadProvider } from '@cdktf/provider-azuread/lib/provider';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { only, PLATFORM_GROUP, RG_SCOPE_ID, newStack as pimStack, synth, USER } from './pim-test-support';
import {
  ActiveRoleAssignment,
  BuiltInRole,
  Duration,
  EligibleRoleAssignment,
  GroupEligibility,
  PimSchedule,
  Principal,
  RoleActivationPolicy,
  Scope,
} from '../../src';
import { synthError } from '../support/stack';

const REFUSED = 'Azure refuses it at apply (RoleAssignmentRequestPolicyValidationFailed: ExpirationRule)';

function newStack() {
  const { app, stack } = pimStack();
  new AzurermProvider(stack, 'azurerm', { features: [{}] });
  new AzureadProvider(stack, 'azuread', {});
  return { app, stack };
}

function eligibleOwner(stack: ConstructorParameters<typeof EligibleRoleAssignment>[0], schedule: PimSchedule) {
  return new EligibleRoleAssignment(stack, 'Owner', {
    principal: Principal.group(PLATFORM_GROUP, 'platform-admins'),
    role: BuiltInRole.OWNER,
    scope: Scope.fromId(RG_SCOPE_ID),
    justification: 'platform on-call',
    schedule,
  });
}

describe('PIM schedules Azure would refuse fail synthesis, naming the limit and who set it', () => {
  test('an eligibility longer than any expiry a policy allows (3650 days)', () => {
    const { app } = newStack();
    const { stack } = { stack: app.node.children.find((c) => c.node.id === 'pim') as any };
    eligibleOwner(stack, PimSchedule.afterDuration(Duration.days(3650)));
    expect(synthError(app)).toContain(
      `[pim/Owner] schedule lasts 3650 days (P3650D), longer than 365 days (P365D), the longest expiry a role management policy allows for an assignment that must end; ${REFUSED}. ` +
        'Accepted: at most 365 days (P365D), or a policy in this app that allows permanent assignments (expirationRequired false).',
    );
  });

  test('an end 8,000 years after a written start', () => {
    const { app, stack } = newStack();
    eligibleOwner(stack, PimSchedule.until('9999-12-31T00:00:00Z', { startDateTime: '2026-12-01T00:00:00Z' }));
    expect(synthError(app)).toContain('[pim/Owner] schedule lasts 2912108 days (2026-12-01T00:00:00Z to 9999-12-31T00:00:00Z), longer than 365 days (P365D)');
  });

  test('longer than the role\'s policy at the same scope allows, wherever the policy is declared', () => {
    const { app, stack } = newStack();
    eligibleOwner(stack, PimSchedule.afterDuration(Duration.days(200)));
    new RoleActivationPolicy(stack, 'OwnerPolicy', {
      role: BuiltInRole.OWNER,
      scope: Scope.fromId(RG_SCOPE_ID),
      eligibleAssignments: { expireAfter: Duration.days(180) },
    });
    expect(synthError(app)).toContain(
      `[pim/Owner] schedule lasts 200 days (P200D), longer than the eligible assignment expiry of "Owner" at this scope (180 days (P180D), set by the policy pim/OwnerPolicy); ${REFUSED}.`,
    );
  });

  test('a permanent eligibility where the policy requires an end', () => {
    const { app, stack } = newStack();
    eligibleOwner(stack, PimSchedule.noExpiration('break-glass group'));
    new RoleActivationPolicy(stack, 'OwnerPolicy', {
      role: BuiltInRole.OWNER, scope: Scope.fromId(RG_SCOPE_ID), eligibleAssignments: { expirationRequired: true, expireAfter: Duration.days(365) },
    });
    expect(synthError(app)).toContain(`[pim/Owner] schedule never ends, but eligible assignments of "Owner" at this scope must end by the policy pim/OwnerPolicy; ${REFUSED}.`);
  });

  test('what the policy allows synthesizes: within its expiry, or long where it allows permanent assignments', () => {
    const within = newStack();
    eligibleOwner(within.stack, PimSchedule.afterDuration(Duration.days(180)));
    new RoleActivationPolicy(within.stack, 'OwnerPolicy', {
      role: BuiltInRole.OWNER, scope: Scope.fromId(RG_SCOPE_ID), eligibleAssignments: { expireAfter: Duration.days(180) },
    });
    expect(synthError(within.app)).toBeUndefined();
    expect(only(synth(within.stack), 'azurerm_pim_eligible_role_assignment').schedule.expiration).toEqual({ duration_days: 180 });

    const permanentAllowed = newStack();
    eligibleOwner(permanentAllowed.stack, PimSchedule.afterDuration(Duration.days(400)));
    new RoleActivationPolicy(permanentAllowed.stack, 'OwnerPolicy', {
      role: BuiltInRole.OWNER, scope: Scope.fromId(RG_SCOPE_ID), eligibleAssignments: { expirationRequired: false },
    });
    expect(synthError(permanentAllowed.app)).toBeUndefined();
  });

  test('an active assignment against the policy\'s active rules, not its eligible ones', () => {
    const { app, stack } = newStack();
    new ActiveRoleAssignment(stack, 'Migration', {
      principal: Principal.user(USER, 'migrator'),
      role: BuiltInRole.CONTRIBUTOR,
      scope: Scope.fromId(RG_SCOPE_ID),
      justification: 'migration',
      schedule: PimSchedule.afterDuration(Duration.days(30)),
    });
    new RoleActivationPolicy(stack, 'ContributorPolicy', {
      role: BuiltInRole.CONTRIBUTOR,
      scope: Scope.fromId(RG_SCOPE_ID),
      eligibleAssignments: { expireAfter: Duration.days(365) },
      activeAssignments: { expireAfter: Duration.days(15) },
    });
    expect(synthError(app)).toContain(
      '[pim/Migration] schedule lasts 30 days (P30D), longer than the active assignment expiry of "Contributor" at this scope (15 days (P15D), set by the policy pim/ContributorPolicy)',
    );
  });

  test('a PIM for Groups eligibility of 3650 days', () => {
    const { app, stack } = newStack();
    new GroupEligibility(stack, 'Join', {
      group: Principal.group(PLATFORM_GROUP, 'pim-operators'),
      principal: Principal.user(USER, 'on-call-1'),
      justification: 'rotation',
      schedule: PimSchedule.afterDuration(Duration.days(3650)),
    });
    expect(synthError(app)).toContain('[pim/Join] schedule lasts 3650 days (P3650D), longer than 365 days (P365D)');
  });
});

describe('Duration refuses lengths no setting accepts', () => {
  test.each([
    [() => Duration.days(1e12), 'Duration: 1000000000000 days is longer than 36500 days (a century), which no Azure access setting accepts. Give a real length.'],
    [() => Duration.parse('P40000D'), 'Duration: 57600000 minutes is longer than 36500 days (a century)'],
  ])('%#', (make, message) => {
    expect(make).toThrow(message);
  });
});
