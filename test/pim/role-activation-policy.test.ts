import { TerraformStack } from 'cdktf';
import { newStack, only, OWNER_GUID, RG_SCOPE_ID, resourceGroup, SECURITY_GROUP, SUB, synth, USER } from './pim-test-support';
import { ActivationRules, PimNotificationLevel, RoleActivationPolicy, RoleActivationPolicyProps } from '../../src';
import { Principal } from '../../src/identity/principal';
import { Duration } from '../../src/model/duration';
import { BuiltInRole } from '../../src/roles/built-in-role.generated';
import { Scope } from '../../src/scope/scope';

const TYPE = 'azurerm_role_management_policy';

function policy(stack: TerraformStack, props: Partial<RoleActivationPolicyProps>, id = 'Policy'): RoleActivationPolicy {
  return new RoleActivationPolicy(stack, id, {
    role: BuiltInRole.OWNER,
    scope: Scope.fromId(RG_SCOPE_ID),
    ...props,
  });
}

function activation(rules: ActivationRules): void {
  const { stack } = newStack();
  policy(stack, { activation: rules }, 'Bad');
}

describe('RoleActivationPolicy', () => {
  test('synthesizes every rule block', () => {
    const { stack } = newStack();
    policy(stack, {
      activation: {
        maxDuration: Duration.hours(1),
        approvers: [Principal.group(SECURITY_GROUP, 'security'), Principal.user(USER, 'ciso')],
        requireMfa: true,
        requireJustification: true,
        requireTicketInfo: true,
      },
      eligibleAssignments: { expireAfter: Duration.days(180) },
      activeAssignments: { expireAfter: Duration.days(15), requireJustification: true, requireMfa: true, requireTicketInfo: false },
      notifications: {
        eligibleActivations: {
          admin: { level: PimNotificationLevel.ALL, additionalRecipients: ['secops@contoso.example'] },
          approver: { level: PimNotificationLevel.CRITICAL, defaultRecipients: false },
        },
        activeAssignments: { admin: { level: PimNotificationLevel.ALL } },
      },
    });
    const json = synth(stack);
    expect(json).toMatchSnapshot();
    const resource = only(json, TYPE);
    expect(resource.scope).toBe(RG_SCOPE_ID);
    expect(resource.role_definition_id).toBe(`/subscriptions/${SUB}/providers/Microsoft.Authorization/roleDefinitions/${OWNER_GUID}`);
    expect(resource.activation_rules).toEqual({
      maximum_duration: 'PT1H',
      require_approval: true,
      approval_stage: {
        primary_approver: [
          { object_id: SECURITY_GROUP, type: 'Group' },
          { object_id: USER, type: 'User' },
        ],
      },
      require_multifactor_authentication: true,
      require_justification: true,
      require_ticket_info: true,
    });
    expect(resource.eligible_assignment_rules).toEqual({ expiration_required: true, expire_after: 'P180D' });
    expect(resource.active_assignment_rules).toEqual({
      expiration_required: true,
      expire_after: 'P15D',
      require_justification: true,
      require_multifactor_authentication: true,
      require_ticket_info: false,
    });
    expect(resource.notification_rules.eligible_activations.admin_notifications).toEqual({
      notification_level: 'All',
      default_recipients: true,
      additional_recipients: ['secops@contoso.example'],
    });
  });

  test('replaces MFA by a Conditional Access authentication context; defaults ask for a justification', () => {
    const { stack } = newStack();
    const rg = resourceGroup(stack);
    policy(stack, { scope: Scope.of(rg), activation: { authenticationContext: 'c1' } });
    const resource = only(synth(stack), TYPE);
    expect(resource.scope).toBe('${azurerm_resource_group.rg.id}');
    expect(resource.activation_rules).toEqual({
      require_approval: false,
      required_conditional_access_authentication_context: 'c1',
      require_justification: true,
      require_ticket_info: false,
    });
  });

  test.each(['PT30M', 'PT1H', 'PT1H30M', 'PT8H', 'PT23H', 'PT23H30M', 'P1D'])('accepts maxDuration %s', (text) => {
    const { stack } = newStack();
    policy(stack, { activation: { maxDuration: Duration.parse(text) } });
    expect(only(synth(stack), TYPE).activation_rules.maximum_duration).toBe(text);
  });

  test.each([Duration.minutes(15), Duration.minutes(45), Duration.minutes(29), Duration.parse('PT23H45M'), Duration.parse('P1DT30M'), Duration.days(2)])(
    'refuses maxDuration %s',
    (duration) => {
      expect(() => activation({ maxDuration: duration })).toThrow(
        /pim\/Bad: activation maxDuration .* is not accepted\. Accepted: PT30M to PT23H30M in 30-minute steps \(PT30M, PT1H, PT1H30M, \.\.\., PT23H, PT23H30M\), or P1D\./,
      );
    },
  );

  test.each([
    ['approval without an approver', { requireApproval: true }, /pim\/Bad: activation requires approval but lists no approver\. Accepted: one or more approvers \(users or groups\)/],
    ['approval with an empty list', { requireApproval: true, approvers: [] }, /pim\/Bad: activation requires approval but lists no approver/],
    ['approvers with approval off', { requireApproval: false, approvers: [Principal.group(SECURITY_GROUP)] }, /pim\/Bad: activation lists 1 approver\(s\) but requireApproval is false\. Accepted: /],
    [
      'a workload as approver',
      { approvers: [Principal.existingManagedIdentity(USER, 'uai')] },
      /pim\/Bad: approver 0 \(uai\) is of kind "managed-identity"\. Accepted: users \(human\) or groups \(group\)/,
    ],
    [
      'MFA and an authentication context',
      { requireMfa: true, authenticationContext: 'c1' },
      /pim\/Bad: activation asks for both MFA and the Conditional Access authentication context "c1"\. Accepted: requireMfa or authenticationContext, not both/,
    ],
    ['an empty authentication context', { authenticationContext: ' ' }, /pim\/Bad: authenticationContext is empty\. Accepted: a Conditional Access authentication context ID/],
  ])('refuses %s', (_name, rules, message) => {
    expect(() => activation(rules as ActivationRules)).toThrow(message);
  });

  test.each([15, 30, 90, 180, 365])('accepts expireAfter P%iD', (days) => {
    const { stack } = newStack();
    policy(stack, { eligibleAssignments: { expireAfter: Duration.days(days) }, activeAssignments: { expireAfter: Duration.days(days) } });
    const resource = only(synth(stack), TYPE);
    expect(resource.eligible_assignment_rules.expire_after).toBe(`P${days}D`);
    expect(resource.active_assignment_rules.expire_after).toBe(`P${days}D`);
  });

  test.each([
    ['eligible 60 days', { eligibleAssignments: { expireAfter: Duration.days(60) } }, /pim\/Bad: eligibleAssignments expireAfter 60 days \(P60D\) is not accepted\. Accepted: P15D, P30D, P90D, P180D or P365D/],
    ['eligible 8 hours', { eligibleAssignments: { expireAfter: Duration.hours(8) } }, /pim\/Bad: eligibleAssignments expireAfter 8 hours \(PT8H\) is not accepted\. Accepted: P15D, P30D, P90D, P180D or P365D/],
    ['active 1 year', { activeAssignments: { expireAfter: Duration.days(366) } }, /pim\/Bad: activeAssignments expireAfter 366 days \(P366D\) is not accepted\. Accepted: P15D, P30D, P90D, P180D or P365D/],
    [
      'an expiry with permanent assignments allowed',
      { eligibleAssignments: { expirationRequired: false, expireAfter: Duration.days(30) } },
      /pim\/Bad: eligibleAssignments sets expireAfter 30 days \(P30D\) but expirationRequired false.*Accepted: expirationRequired true \(or unset\) with expireAfter P15D, P30D, P90D, P180D or P365D/,
    ],
    ['no rule at all', {}, /pim\/Bad: the policy for "Owner" at .* sets no rule\. Accepted: one or more of activation, eligibleAssignments, activeAssignments, notifications/],
    ['notifications without event', { notifications: {} }, /pim\/Bad: notifications set no event\. Accepted: one or more of activeAssignments, eligibleActivations, eligibleAssignments/],
    [
      'notifications without recipient',
      { notifications: { eligibleAssignments: {} } },
      /pim\/Bad: notifications\.eligibleAssignments sets no recipient\. Accepted: one or more of admin, approver, assignee/,
    ],
    [
      'an unknown notification level',
      { notifications: { eligibleAssignments: { admin: { level: 'Some' } } } },
      /pim\/Bad: notifications\.eligibleAssignments\.admin: level "Some" is not accepted\. Accepted: All, Critical/,
    ],
    [
      'a recipient that is not an email address',
      { notifications: { eligibleAssignments: { admin: { level: PimNotificationLevel.ALL, additionalRecipients: ['secops'] } } } },
      /pim\/Bad: notifications\.eligibleAssignments\.admin: additional recipient "secops" is not an email address\. Accepted: addresses such as/,
    ],
    ['the tenant root', { scope: Scope.root(), activation: {} }, /pim\/Bad: scope "\/" is the tenant root.*Accepted: a management group, subscription, resource group or resource scope/],
  ])('refuses %s', (_name, props, message) => {
    const { stack } = newStack();
    expect(() => policy(stack, props as Partial<RoleActivationPolicyProps>, 'Bad')).toThrow(message);
  });

  test('refuses two policies for the same role and scope in one app, even in two stacks', () => {
    const { app, stack } = newStack();
    policy(stack, { activation: { maxDuration: Duration.hours(1) } }, 'First');
    const other = new TerraformStack(app, 'other');
    expect(() =>
      new RoleActivationPolicy(other, 'Second', {
        role: BuiltInRole.OWNER,
        scope: Scope.fromId(RG_SCOPE_ID.toUpperCase().replace('SUBSCRIPTIONS', 'subscriptions')),
        activation: { maxDuration: Duration.hours(2) },
      }),
    ).toThrow(
      /other\/Second: a policy for "Owner" at .* is already declared at pim\/First; Azure keeps one policy per role and scope.*Accepted: one RoleActivationPolicy per role and scope in an app/,
    );
  });

  test('refuses two policies for the same role at the same resource of the stack', () => {
    const { stack } = newStack();
    const rg = resourceGroup(stack);
    policy(stack, { scope: Scope.of(rg), activation: {} }, 'First');
    expect(() => policy(stack, { scope: Scope.of(rg), activation: {} }, 'Second')).toThrow(/pim\/Second: a policy for "Owner" .* is already declared at pim\/First/);
  });

  test('allows the same role at two scopes, and two roles at one scope', () => {
    const { stack } = newStack();
    policy(stack, { activation: {} }, 'A');
    policy(stack, { scope: Scope.subscription(SUB), activation: {} }, 'B');
    policy(stack, { role: BuiltInRole.USER_ACCESS_ADMINISTRATOR, activation: {} }, 'C');
    const json = synth(stack);
    expect(Object.keys(json.resource[TYPE])).toHaveLength(3);
  });
});
