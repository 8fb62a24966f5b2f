import { evaluate } from '../../../src/policy/evaluate';
import { AccessGraph } from '../../../src/review/graph/access-graph';
import { buildReport } from '../../../src/review/report/access-report';
import { hclJson, strongActivationRules, SUB, TODAY, USER } from '../../policy/rule-fixtures';

const OWNER = '8e3af657-a8ff-443c-a75c-2fe8c4bcb635';
const NO_POLICY = 'no activation policy in the input (the tenant\'s settings apply)';
// The approver is a literal object ID the configuration names nothing else for: the ID is all there is.
const STRONG = `at most PT1H, approval by human ${USER}, MFA, justification`;

/** A strong activation policy for a role (as role_definition_id is written) at a scope (as written). */
const policy = (scope: string, roleId = `"/subscriptions/${SUB}/providers/Microsoft.Authorization/roleDefinitions/${OWNER}"`) => `
resource "azurerm_role_management_policy" "owner" {
  scope              = ${scope}
  role_definition_id = ${roleId}
${strongActivationRules('PT1H', [{ objectId: `"${USER}"`, type: 'User' }])}}
`;

/** The user eligible for a role at a scope, both as written. */
const eligibility = (scope: string, role = 'role_definition_name = "Owner"') => `
resource "azurerm_pim_eligible_role_assignment" "owner" {
  scope        = ${scope}
  ${role}
  principal_id = "${USER}"
  schedule {
    expiration {
      duration_days = 30
    }
  }
}
`;

const group = (name: string) => `
resource "azurerm_resource_group" "app" {
  name     = "${name}"
  location = "westeurope"
}
`;

/** What the report says of the eligibility's activation, and whether the weak-activation rule (AZA008) speaks of it. */
async function judged(...files: string[]): Promise<{ activation: string | undefined; eligibilityScope: string | undefined; ruleSpeaks: boolean }> {
  const graph = AccessGraph.fromDocuments(await Promise.all(files.map(async (hcl, i) => ({ file: `stack${i}/main.tf`, document: await hclJson(hcl) }))));
  const row = buildReport(graph).rows.find((r) => r.access === 'eligible');
  const findings = evaluate(graph, { today: TODAY }).findings.filter((f) => f.ruleId === 'AZA008' && f.address.startsWith('azurerm_pim_eligible'));
  return { activation: row?.activation, eligibilityScope: row?.scope, ruleSpeaks: findings.length > 0 };
}

describe('which activation policy governs an eligibility: one answer for the report and the weak-activation rule', () => {
  test('a literal scope and role ID are compared as Azure compares them: without case, without a trailing slash', async () => {
    const rg = `/subscriptions/${SUB}/resourceGroups/rg-app`;
    const upper = `"/subscriptions/${SUB}/providers/Microsoft.Authorization/roleDefinitions/${OWNER.toUpperCase()}"`;
    expect(await judged(policy(`"${rg.toUpperCase().replace('RESOURCEGROUPS', 'resourceGroups')}/"`, upper) + eligibility(`"${rg}"`)))
      .toEqual({ activation: STRONG, eligibilityScope: rg, ruleSpeaks: false });
  });

  test('a reference is the same scope only in its own configuration: rg-dev\'s policy does not govern rg-prod', async () => {
    const scope = 'azurerm_resource_group.app.id';
    expect(await judged(group('rg-app') + policy(scope) + eligibility(scope)))
      .toEqual({ activation: STRONG, eligibilityScope: '${azurerm_resource_group.app.id}', ruleSpeaks: false });
    expect(await judged(group('rg-dev') + policy(scope), group('rg-prod') + eligibility(scope)))
      .toEqual({ activation: NO_POLICY, eligibilityScope: '${azurerm_resource_group.app.id}', ruleSpeaks: true });
  });

  test('an instance\'s own scope of an unknown collection is nobody else\'s', async () => {
    const counted = (hcl: string, collection: string) => hcl.replace(/(resource "[a-z_]+" "owner" \{)/, `$1\n  for_each = ${collection}`);
    const found = await judged(counted(policy('each.value'), 'var.a') + counted(eligibility('each.value'), 'var.b'));
    expect(found).toEqual({ activation: NO_POLICY, eligibilityScope: '${each.value}', ruleSpeaks: true });
  });

  test('a role that cannot be read is the same only as the same text: var.Role is not var.role', async () => {
    const scope = `"/subscriptions/${SUB}"`;
    expect(await judged(policy(scope, 'var.Role') + eligibility(scope, 'role_definition_id = var.role')))
      .toEqual({ activation: NO_POLICY, eligibilityScope: `/subscriptions/${SUB}`, ruleSpeaks: true });
    expect(await judged(policy(scope, 'var.role') + eligibility(scope, 'role_definition_id = var.role')))
      .toEqual({ activation: STRONG, eligibilityScope: `/subscriptions/${SUB}`, ruleSpeaks: false });
  });
});
