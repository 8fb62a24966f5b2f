import { reachOf, RULE_CONTEXT, SHAPES } from './escalation-fixtures';
import { RuleId } from '../../../src/model/rule-id';
import { evaluate } from '../../../src/policy/evaluate';
import { isReportedChain } from '../../../src/review/escalation/reported-chain';

// A subscription vended by the same apply (lz-vending): its ID is known only after apply, but
// Terraform knows that two references to it are one value. The Owner there holding Contributor
// through an identity at that same scope is its own reach, not an escalation.
const HCL = (contributorScope: string) => `
variable "vended_scope" {}
variable "other_scope" {}
resource "azurerm_user_assigned_identity" "app" {
  name                = "uami-app"
  resource_group_name = "rg-identity"
  location            = "eastus"
}
resource "azurerm_role_assignment" "owner" {
  scope                = var.vended_scope
  role_definition_name = "Owner"
  principal_id         = "11111111-2222-3333-4444-555555555555"
}
resource "azurerm_role_assignment" "contrib" {
  scope                = ${contributorScope}
  role_definition_name = "Contributor"
  principal_id         = azurerm_user_assigned_identity.app.principal_id
}
`;

describe.each(SHAPES)('two scopes that cannot be read (%s)', (shape) => {
  test('the same reference twice is one scope: what the identity holds there is the Owner\'s own reach', async () => {
    const { graph, reach } = await reachOf(HCL('var.vended_scope'), shape);
    const owners = reach.chains.filter((c) => c.principal.name.startsWith('11111111'));
    // The Owner does reach through the identity (the remediating policy), so the chains exist; none is an escalation.
    expect(owners.filter((c) => c.passesIdentity).length).toBeGreaterThan(0);
    expect(owners.filter(isReportedChain)).toEqual([]);
    expect(evaluate(graph, { today: RULE_CONTEXT.today }).findings.filter((f) => f.ruleId === RuleId.ESCALATION_CHAIN)).toEqual([]);
  });

  test('two different references may be two scopes: the path through the identity stays an escalation', async () => {
    const { graph } = await reachOf(HCL('var.other_scope'), shape);
    const chains = evaluate(graph, { today: RULE_CONTEXT.today }).findings.filter((f) => f.ruleId === RuleId.ESCALATION_CHAIN);
    expect(chains.map((f) => f.address)).toEqual(['azurerm_role_assignment.contrib']);
  });
});
