import { GROUP, ruleFindings, SUB } from './rule-fixtures';
import { RuleId } from '../../src/model/rule-id';

const role = (name: string, body: string) => `
data "azurerm_subscription" "primary" {}
resource "azurerm_role_definition" "${name}" {
  name  = "${name}"
${body}
}
`;
const SUBSCRIPTION = `"/subscriptions/${SUB}"`;
const RG = `"/subscriptions/${SUB}/resourceGroups/rg-app"`;

describe('AZA014: a custom role is judged on its own, held or not', () => {
  test('"*" actions assignable at a subscription, assigned to nobody', async () => {
    const findings = await ruleFindings(role('deployer', `  scope = ${SUBSCRIPTION}\n  permissions {\n    actions = ["*"]\n  }\n  assignable_scopes = [${SUBSCRIPTION}]`), RuleId.WIDE_CUSTOM_ROLE);
    expect(findings.map((f) => [f.address, f.severity, f.message])).toEqual([[
      'azurerm_role_definition.deployer', 'error',
      `custom role "deployer" can grant access and holds "*" actions and is assignable at /subscriptions/${SUB} (subscription).`,
    ]]);
  });

  test('roleAssignments/write assignable where the provider defaults it: its own scope, the current subscription', async () => {
    const findings = await ruleFindings(role('granter', '  scope = data.azurerm_subscription.primary.id\n  permissions {\n    actions = ["Microsoft.Authorization/roleAssignments/write"]\n  }'), RuleId.WIDE_CUSTOM_ROLE);
    expect(findings.map((f) => f.message)).toEqual([
      'custom role "granter" can grant access and is assignable at ${data.azurerm_subscription.primary.id} (subscription).',
    ]);
  });

  test('actions from a variable are unknown: they count as "*", and the message says which value', async () => {
    const hcl = role('from_var', `  scope = ${SUBSCRIPTION}\n  permissions {\n    actions = var.actions\n    not_actions = var.not_actions\n  }`);
    const findings = await ruleFindings(hcl, RuleId.WIDE_CUSTOM_ROLE);
    expect(findings).toHaveLength(1);
    expect(findings[0].message).toContain('custom role "from_var (permissions unknown, counted as "*": actions = "${var.actions}"; not_actions = "${var.not_actions}")" can grant access');
    // Held by a group, it is standing access administration, where it used to read as no permission at all.
    const held = `${hcl}
resource "azurerm_role_assignment" "ops" {
  scope              = ${RG}
  role_definition_id = azurerm_role_definition.from_var.role_definition_resource_id
  principal_id       = "${GROUP}"
  principal_type     = "Group"
}`;
    const admin = await ruleFindings(held, RuleId.STANDING_ACCESS_ADMIN);
    expect(admin.map((f) => f.address)).toEqual(['azurerm_role_assignment.ops']);
    expect(admin[0].message).toContain(`at /subscriptions/${SUB}/resourceGroups/rg-app`);
  });

  test('not reported: assignable only at a resource group, or read-only at a subscription', async () => {
    const narrow = await ruleFindings(role('rg_admin', `  scope = ${RG}\n  permissions {\n    actions = ["*"]\n  }\n  assignable_scopes = [${RG}]`), RuleId.WIDE_CUSTOM_ROLE);
    const reader = await ruleFindings(role('reader', `  scope = ${SUBSCRIPTION}\n  permissions {\n    actions = ["*/read"]\n  }`), RuleId.WIDE_CUSTOM_ROLE);
    expect([narrow, reader]).toEqual([[], []]);
    // The same role assignable at a subscription is reported: the clean cases are clean for the scope and the actions alone.
    const wide = await ruleFindings(role('rg_admin', `  scope = ${RG}\n  permissions {\n    actions = ["*"]\n  }\n  assignable_scopes = [${RG}, ${SUBSCRIPTION}]`), RuleId.WIDE_CUSTOM_ROLE);
    expect(wide.map((f) => f.address)).toEqual(['azurerm_role_definition.rg_admin']);
  });
});
