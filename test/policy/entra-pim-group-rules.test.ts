import { hclJson, ruleFindings, strongActivationRules, TODAY, USER } from './rule-fixtures';
import { evaluate } from '../../src/policy/evaluate';
import { AccessGraph } from '../../src/review/graph/access-graph';
import { groupPolicyFor } from '../../src/review/graph/entra-pim-groups';
import { entraGraphOf } from '../review/graph/entra-fixtures';

const GROUP = `
resource "azuread_group" "ops" {
  display_name       = "ops-admins"
  security_enabled   = true
  assignable_to_role = true
}
resource "azuread_directory_role_assignment" "ops" {
  role_id             = "62e90394-69f5-4237-9190-012177145e10"
  principal_object_id = azuread_group.ops.object_id
}
`;

/** An active PIM for Groups assignment of the user to the group, with these schedule arguments. */
function active(schedule: string): string {
  return `${GROUP}
resource "azuread_privileged_access_group_assignment_schedule" "alice" {
  group_id        = azuread_group.ops.object_id
  principal_id    = "${USER}"
  assignment_type = "member"
${schedule}
}
`;
}

describe('AZA026: an active PIM for Groups assignment without an end', () => {
  test('is read with its group and end', async () => {
    const g = await entraGraphOf(active('  duration = "PT8H"'), ['groupAssignments']);
    const read = g.groupAssignments.map((a) =>
      [a.principal.key, a.group.name, a.group.kind, a.assignmentType, a.expiry.permanent, a.expiry.duration?.toIsoString()]);
    expect(read).toEqual([[USER, 'ops-admins', 'group', 'member', false, 'PT8H']]);
    // The group's own role is keyed as the assignment's group: what the member gets can be followed.
    expect(g.groupAssignments[0].group.key).toBe(g.directoryRoles[0].principal.key);
    expect(g.notReviewed).toEqual([]);
  });

  test('fires when permanent, when no end is written, when the end cannot be read, or beyond a year', async () => {
    const cases: [string, string][] = [
      ['  permanent_assignment = true', 'with no end (or one that cannot be read)'],
      ['', 'with no end (or one that cannot be read)'],
      ['  duration = var.how_long', 'with no end (or one that cannot be read)'],
      ['  duration = "P400D"', 'for P400D, longer than 365 days'],
    ];
    for (const [schedule, why] of cases) {
      expect((await ruleFindings(active(schedule), 'AZA026')).map((f) => [f.severity, f.message]))
        .toEqual([['error', `principal of unknown kind ${USER} is an active member of group ops-admins ${why}.`]]);
    }
  });

  test('is silent for a short duration or a near end date', async () => {
    expect(await ruleFindings(active('  duration = "PT8H"'), 'AZA026')).toEqual([]);
    expect(await ruleFindings(active('  expiration_date = "2026-12-01T00:00:00Z"'), 'AZA026')).toEqual([]);
  });
});

/** A group role-management policy for membership of the group, with these rule blocks. */
function policy(blocks: string): string {
  return `${GROUP}
resource "azuread_group_role_management_policy" "member" {
  group_id = azuread_group.ops.object_id
  role_id  = "member"
${blocks}
}
`;
}

const STRICT = `
${strongActivationRules('PT4H', [{ objectId: `"${USER}"`, type: 'User' }, { objectId: 'azuread_group.ops.object_id', type: 'Group' }])}  eligible_assignment_rules {
    expiration_required = true
    expire_after        = "P180D"
  }
  active_assignment_rules {
    expiration_required = true
    expire_after        = "P15D"
  }
`;

describe('AZA027: PIM for Groups policies are judged as Azure activation policies are', () => {
  test('a strict policy is read with its approvers, and is silent', async () => {
    const g = await entraGraphOf(policy(STRICT), ['groupPolicies']);
    const [p] = g.groupPolicies;
    expect([p.group.name, p.assignmentType, p.maximumActivation?.toIsoString(), p.requireApproval, p.approverCount,
      p.requireMfa, p.requireJustification])
      .toEqual(['ops-admins', 'member', 'PT4H', true, 2, true, true]);
    expect(p.approvers.map((a) => [a.principal.key, a.principal.kind, a.type]))
      .toEqual([[USER, 'human', 'User'], [g.directoryRoles[0].principal.key, 'group', 'Group']]);
    expect([p.eligibleAssignments.expirationRequired, p.eligibleAssignments.expireAfter?.toIsoString(), p.activeAssignments.expirationRequired])
      .toEqual([true, 'P180D', true]);
    expect(g.notReviewed).toEqual([]);
    expect(await ruleFindings(policy(STRICT), 'AZA027')).toEqual([]);
  });

  test('an authentication context stands in for MFA, as for Azure roles', async () => {
    const context = STRICT.replace('require_multifactor_authentication = true', 'required_conditional_access_authentication_context = "c1"');
    expect(await ruleFindings(policy(context), 'AZA027')).toEqual([]);
  });

  test('names every weakness: approval, length against the limit, MFA, justification, and assignments that need not end', async () => {
    const weak = `
  activation_rules {
    maximum_duration = "PT12H"
    require_approval = true
  }
`;
    expect((await ruleFindings(policy(weak), 'AZA027')).map((f) => [f.severity, f.message])).toEqual([[
      'error',
      'the PIM for Groups policy for member of group ops-admins has no approval by named approvers, activation up to PT12H (limit 8 hours), '
        + 'no MFA or authentication context, no justification, no required end for eligible assignments, no required end for active assignments.',
    ]]);
  });

  test('the limit is the review\'s setting, as for Azure roles', async () => {
    const sixHours = policy(STRICT.replace('PT4H', 'PT6H'));
    expect(await ruleFindings(sixHours, 'AZA027')).toEqual([]);
    const graph = AccessGraph.fromDocuments([{ file: 'main.tf', document: await hclJson(sixHours) }]);
    const findings = evaluate(graph, { today: TODAY, maxActivationHours: 4 }).findings.filter((f) => f.ruleId === 'AZA027');
    expect(findings.map((f) => f.message)).toEqual(['the PIM for Groups policy for member of group ops-admins has activation up to PT6H (limit 4 hours).']);
  });

  test('the Azure policy reads its approvers the same way', async () => {
    const hcl = `
resource "azurerm_role_management_policy" "owner" {
  scope              = "/subscriptions/11111111-2222-3333-4444-555555555555"
  role_definition_id = "/subscriptions/11111111-2222-3333-4444-555555555555/providers/Microsoft.Authorization/roleDefinitions/8e3af657-a8ff-443c-a75c-2fe8c4bcb635"
  activation_rules {
    require_approval = true
    approval_stage {
      primary_approver {
        object_id = "${USER}"
        type      = "User"
      }
    }
  }
}
`;
    const g = await entraGraphOf(hcl, ['policies']);
    expect(g.policies.map((p) => [p.approverCount, p.approvers.map((a) => [a.principal.key, a.principal.kind])])).toEqual([[1, [[USER, 'human']]]]);
  });
});

describe('PIM for Groups eligibility reads its end as the active assignment does', () => {
  const eligible = (schedule: string) => `${GROUP}
resource "azuread_privileged_access_group_eligibility_schedule" "alice" {
  group_id        = azuread_group.ops.object_id
  principal_id    = "${USER}"
  assignment_type = "member"
${schedule}
}
`;

  test('a duration that cannot be read counts as no end (AZA006); a readable one is an end', async () => {
    const unread = await entraGraphOf(eligible('  duration = var.how_long'), ['eligibilities']);
    expect(unread.eligibilities.map((e) => e.expiry)).toEqual([{ permanent: true, unknown: true }]);
    expect(await ruleFindings(eligible('  duration = var.how_long'), 'AZA006')).toHaveLength(1);
    expect(await ruleFindings(eligible('  duration = "P180D"'), 'AZA006')).toEqual([]);
  });
});

describe('suppressions on the Entra resources', () => {
  test('silence their finding while in date, and an expired one is AZA012 like anywhere else', async () => {
    const document = await hclJson(active('  permanent_assignment = true'));
    const address = 'azuread_privileged_access_group_assignment_schedule.alice';
    const judged = (until: string) => {
      const suppressions = new Map([[address, [{ ruleId: 'AZA026', reason: 'break-glass group', until }]]]);
      return evaluate(AccessGraph.fromDocuments([{ file: 'main.tf', document }], suppressions), { today: TODAY });
    };
    // The group holds Global Administrator: its active member holds it too, as its own, so what
    // Global Administrator opens is no escalation of the member's (no AZA013); the standing role
    // is the group's assignment's finding (AZA021), said once, and not suppressed here.
    const notChains = (findings: { ruleId: string; address: string }[]) => findings.filter((f) => f.address === address && f.ruleId !== 'AZA013');
    const findings = judged('2027-01-31').findings;
    expect(findings.map((f) => [f.ruleId, f.address])).toEqual([['AZA021', 'azuread_directory_role_assignment.ops']]);
    expect(findings[0].message).toBe('group ops-admins holds the Entra role "Global Administrator" standing at the whole tenant (/).');
    expect(notChains(judged('2027-01-31').findings)).toEqual([]);
    expect(judged('2027-01-31').suppressed.map((s) => s.finding.ruleId)).toEqual(['AZA026']);
    expect(notChains(judged('2026-10-01').findings).map((f) => f.ruleId)).toEqual(['AZA012', 'AZA026']);
  });
});

describe('an eligible member finds the policy that governs its activation, and who approves it', () => {
  test('by the group (object_id or id alike) and the assignment type', async () => {
    const hcl = `${policy(STRICT).replace('group_id = azuread_group.ops.object_id', 'group_id = azuread_group.ops.id')}
resource "azuread_privileged_access_group_eligibility_schedule" "alice" {
  group_id        = azuread_group.ops.object_id
  principal_id    = "${USER}"
  assignment_type = "member"
  duration        = "P180D"
}
resource "azuread_privileged_access_group_eligibility_schedule" "owner" {
  group_id        = azuread_group.ops.object_id
  principal_id    = "${USER}"
  assignment_type = "owner"
  duration        = "P180D"
}
`;
    const g = await entraGraphOf(hcl, ['eligibilities', 'groupPolicies']);
    const [member, owner] = g.eligibilities;
    expect([member.assignmentType, member.group?.name, member.group?.key]).toEqual(['member', 'ops-admins', g.groupPolicies[0].group.key]);
    const found = groupPolicyFor(g.groupPolicies, member.group!, member.assignmentType);
    expect(found?.approvers.map((a) => a.principal.kind)).toEqual(['human', 'group']);
    // The owner of the group activates under another policy, which the configuration does not declare.
    expect(groupPolicyFor(g.groupPolicies, owner.group!, owner.assignmentType)).toBeUndefined();
  });
});
