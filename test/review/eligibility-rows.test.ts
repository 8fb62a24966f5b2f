import { entraGraphOf } from './graph/entra-fixtures';
import { describeChain } from '../../src/review/escalation/escalation-chain';
import { computeReach } from '../../src/review/escalation/reach';
import { buildReport } from '../../src/review/report/access-report';
import { renderReportMarkdown } from '../../src/review/report/render-report';
import { strongActivationRules, USER } from '../policy/rule-fixtures';

const GLOBAL_ADMINISTRATOR = '62e90394-69f5-4237-9190-012177145e10';

// A role-assignable group that holds Global Administrator, with a policy for its membership.
const GROUP = `
resource "azuread_user" "bob" {
  user_principal_name = "bob@example.com"
  display_name        = "bob"
}
resource "azuread_group" "ops" {
  display_name       = "ops-admins"
  security_enabled   = true
  assignable_to_role = true
}
resource "azuread_directory_role_assignment" "ops" {
  role_id             = "${GLOBAL_ADMINISTRATOR}"
  principal_object_id = azuread_group.ops.object_id
}
resource "azuread_group_role_management_policy" "member" {
  group_id = azuread_group.ops.object_id
  role_id  = "member"
${strongActivationRules('PT4H', [{ objectId: 'azuread_user.bob.object_id', type: 'User' }])}}
`;

/** The user eligible for the group's membership (under its policy) or its ownership (no policy declared). */
const eligible = (type: 'member' | 'owner') => `
resource "azuread_privileged_access_group_eligibility_schedule" "${type}" {
  group_id        = azuread_group.ops.object_id
  principal_id    = "${USER}"
  assignment_type = "${type}"
  duration        = "P30D"
}
`;
const [MEMBER, OWNER] = [eligible('member'), eligible('owner')];

// The user eligible for Global Administrator itself, whose activation policy azuread cannot declare.
const DIRECTORY_ROLE = `
resource "azuread_directory_role_eligibility_schedule_request" "ga" {
  role_definition_id = "${GLOBAL_ADMINISTRATOR}"
  principal_id       = "${USER}"
  directory_scope_id = "/"
  justification      = "break glass"
}
`;

describe('eligibility rows name the policy that governs activation, for every kind of eligibility', () => {
  test('PIM for Groups under its policy, without one, and a directory role, whose policy only the tenant holds', async () => {
    const graph = await entraGraphOf(GROUP + MEMBER + OWNER + DIRECTORY_ROLE, ['eligibilities', 'groupPolicies']);
    const rows = buildReport(graph).rows.filter((r) => r.access === 'eligible');
    expect(rows.map((r) => [r.address, r.role, r.scope, r.scopeLevel, r.activation])).toEqual([
      ['azuread_directory_role_eligibility_schedule_request.ga', 'Global Administrator (directory role)', '/ (tenant)', 'directory',
        'set in the tenant (azuread has no resource for directory-role activation policies)'],
      ['azuread_privileged_access_group_eligibility_schedule.member', 'member of ops-admins (PIM for Groups)', 'ops-admins', 'group',
        'at most PT4H, approval by human bob, MFA, justification'],
      ['azuread_privileged_access_group_eligibility_schedule.owner', 'owner of ops-admins (PIM for Groups)', 'ops-admins', 'group',
        'no activation policy in the input (the tenant\'s settings apply)'],
    ]);
    expect(renderReportMarkdown(buildReport(graph))).toContain('activation: at most PT4H, approval by human bob, MFA, justification');
  });

  test('the chain through the group names the same policy\'s approver, or says none is declared', async () => {
    const firstSteps = async (hcl: string) => {
      const chains = computeReach(await entraGraphOf(hcl, ['eligibilities', 'groupPolicies'])).chains;
      return [...new Set(chains.map((c) => describeChain(c).split(' → ')[1]))].filter((s) => s.startsWith('is eligible'));
    };
    expect(await firstSteps(GROUP + MEMBER)).toEqual([
      'is eligible to be member of the group "ops-admins" (after activation, approved by human bob; BloodHound AZRoleEligible)',
    ]);
    expect(await firstSteps(GROUP + OWNER)).toEqual([
      'is eligible to be owner of the group "ops-admins" (after activation, under an activation policy this configuration does not declare; '
      + 'BloodHound AZRoleEligible)',
    ]);
  });
});
