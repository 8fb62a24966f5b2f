import { AzureadProvider } from '@cdktf/provider-azuread/lib/provider';
import { TerraformStack } from 'cdktf';
import { newStack, only, PLATFORM_GROUP, SECURITY_GROUP, synth, USER } from './pim-test-support';
import { GroupActivationPolicy, GroupActivationPolicyProps, GroupAssignmentType, GroupEligibility, PimNotificationLevel, PimSchedule } from '../../src';
import { Principal } from '../../src/identity/principal';
import { Duration } from '../../src/model/duration';
import { evaluate } from '../../src/policy/evaluate';
import { AccessGraph } from '../../src/review/graph/access-graph';
import { buildReport } from '../../src/review/report/access-report';
import { synthError } from '../support/stack';

const TYPE = 'azuread_group_role_management_policy';
const OPS = Principal.group(PLATFORM_GROUP, 'ops-admins');
const STRONG: GroupActivationPolicyProps['activation'] = {
  maxDuration: Duration.hours(2),
  approvers: [Principal.group(SECURITY_GROUP, 'security-approvers')],
  requireMfa: true,
  requireJustification: true,
};

function policy(stack: TerraformStack, props: Partial<GroupActivationPolicyProps>, id = 'OpsPolicy'): GroupActivationPolicy {
  return new GroupActivationPolicy(stack, id, { group: OPS, ...props });
}

function eligibility(stack: TerraformStack, days: number, assignmentType = GroupAssignmentType.MEMBER, id = 'OnCall'): GroupEligibility {
  return new GroupEligibility(stack, id, {
    group: OPS,
    principal: Principal.user(USER, 'on-call'),
    assignmentType,
    justification: 'on-call rotation',
    schedule: PimSchedule.afterDuration(Duration.days(days)),
  });
}

describe('GroupActivationPolicy: PIM for Groups settings, with the checks of RoleActivationPolicy', () => {
  test('synthesizes the member policy of a group: activation, assignment expiry, notifications, approvers recorded by name', () => {
    const { stack } = newStack();
    const made = policy(stack, {
      activation: STRONG,
      eligibleAssignments: { expireAfter: Duration.days(90) },
      notifications: { eligibleActivations: { approver: { level: PimNotificationLevel.CRITICAL } } },
    });
    const resource = only(synth(stack), TYPE);
    expect(resource.group_id).toBe(PLATFORM_GROUP);
    expect(resource.role_id).toBe('member');
    expect(made.assignmentType).toBe(GroupAssignmentType.MEMBER);
    expect(resource.activation_rules).toEqual({
      maximum_duration: 'PT2H',
      require_approval: true,
      approval_stage: { primary_approver: [{ object_id: SECURITY_GROUP, type: 'Group' }] },
      require_multifactor_authentication: true,
      require_justification: true,
      require_ticket_info: false,
    });
    expect(resource.eligible_assignment_rules).toEqual({ expiration_required: true, expire_after: 'P90D' });
    expect(resource.notification_rules.eligible_activations.approver_notifications.notification_level).toBe('Critical');
    const full = stack.toTerraform() as any;
    expect(Object.values<any>(full.resource[TYPE])[0]['//']['cdktf-azure-access'].approvers)
      .toEqual([{ id: SECURITY_GROUP, kind: 'group', name: 'security-approvers' }]);
  });

  test('the review reads it as the policy of the group\'s eligibilities: AZA027 quiet, the row names the approvers', () => {
    const { stack } = newStack();
    policy(stack, {
      activation: STRONG, eligibleAssignments: { expireAfter: Duration.days(90) }, activeAssignments: { expireAfter: Duration.days(15) },
    });
    eligibility(stack, 60);
    const graph = AccessGraph.fromDocuments([{ file: 'cdk.tf.json', document: stack.toTerraform() as Record<string, unknown> }]);
    expect(graph.groupPolicies).toHaveLength(1);
    expect(evaluate(graph, { today: '2026-11-27' }).findings.filter((f) => f.ruleId === 'AZA027')).toEqual([]);
    const rows = buildReport(graph).rows.filter((r) => r.access === 'eligible');
    expect(rows.map((r) => [r.role, r.scope, r.activation])).toEqual([
      ['member of ops-admins (PIM for Groups)', 'ops-admins', 'at most PT2H, approval by group security-approvers, MFA, justification'],
    ]);
  });

  test('a weak policy is what AZA027 reports, as it would report the same resource written by hand', () => {
    const { stack } = newStack();
    policy(stack, { activation: { maxDuration: Duration.hours(8), requireApproval: false, requireMfa: false, requireJustification: false } });
    const graph = AccessGraph.fromDocuments([{ file: 'cdk.tf.json', document: stack.toTerraform() as Record<string, unknown> }]);
    const findings = evaluate(graph, { today: '2026-11-27' }).findings.filter((f) => f.ruleId === 'AZA027');
    expect(findings.map((f) => [f.constructPath, f.message])).toEqual([[
      'pim/OpsPolicy/Resource',
      'the PIM for Groups policy for member of group ops-admins has no approval by named approvers, no MFA or authentication context, '
        + 'no justification, no required end for eligible assignments, no required end for active assignments.',
    ]]);
  });

  test('governs GroupEligibility of the same group and role: an eligibility longer than its expiry fails synth, as Entra would fail the apply', () => {
    const { app, stack } = newStack();
    policy(stack, { eligibleAssignments: { expireAfter: Duration.days(90) } });
    eligibility(stack, 180);
    expect(synthError(app)).toContain('[pim/OnCall] schedule lasts 180 days (P180D), longer than the eligible assignment expiry of the members of this group '
      + '(90 days (P90D), set by the policy pim/OpsPolicy); Entra refuses it at apply (the policy\'s ExpirationRule fails).');
  });

  test('an ownership eligibility is not governed by the membership policy, nor an eligibility within the expiry', () => {
    const { app, stack } = newStack();
    policy(stack, { eligibleAssignments: { expireAfter: Duration.days(90) } });
    eligibility(stack, 180, GroupAssignmentType.OWNER, 'Owner');
    eligibility(stack, 90, GroupAssignmentType.MEMBER, 'Member');
    new AzureadProvider(stack, 'azuread');
    expect(synthError(app)).toBeUndefined();
  });

  test.each<[string, Partial<GroupActivationPolicyProps>, string]>([
    ['no rule', {},
      'pim/Bad: the policy for the members of group ops-admins sets no rule. Accepted: one or more of activation, eligibleAssignments, activeAssignments, notifications.'],
    ['a user as the group', { group: Principal.user(USER, 'alice'), activation: STRONG },
      'pim/Bad: group alice is of kind "human". Accepted: a group (group), e.g. Principal.group(\'<object-id>\').'],
    ['an assignment type that is neither member nor owner', { assignmentType: 'admin' as GroupAssignmentType, activation: STRONG },
      'pim/Bad: assignmentType "admin" is not accepted. Accepted: member, owner (GroupAssignmentType).'],
    ['approval without an approver', { activation: { requireApproval: true } },
      'pim/Bad: activation requires approval but lists no approver.'],
    ['an activation of 25 hours', { activation: { maxDuration: Duration.hours(25), requireApproval: false } },
      'pim/Bad: activation maxDuration 25 hours (P1DT1H) is not accepted. Accepted: PT30M to PT23H30M in 30-minute steps'],
    ['an assignment expiry Entra does not offer', { eligibleAssignments: { expireAfter: Duration.days(60) } },
      'pim/Bad: eligibleAssignments'],
  ])('refuses %s, with the construct path and what is accepted', (_, props, message) => {
    const { stack } = newStack();
    expect(() => policy(stack, props, 'Bad')).toThrow(message);
    // Nothing is claimed by a policy that failed: a correct one for the same group and role follows.
    expect(() => policy(stack, { activation: STRONG }, 'Good')).not.toThrow();
  });

  test('refuses a second policy for the same group and role in one app, naming the first', () => {
    const { stack } = newStack();
    policy(stack, { activation: STRONG });
    policy(stack, { activation: STRONG, assignmentType: GroupAssignmentType.OWNER }, 'OwnerPolicy');
    expect(() => policy(stack, { eligibleAssignments: { expireAfter: Duration.days(90) } }, 'Again')).toThrow(
      'pim/Again: a policy for the members of group ops-admins is already declared at pim/OpsPolicy; Entra keeps one policy per group and role',
    );
  });
});
