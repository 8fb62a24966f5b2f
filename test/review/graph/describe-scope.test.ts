import { ScopeLevel } from '../../../src/model/scope-level';
import { evaluate } from '../../../src/policy/evaluate';
import { AccessGraph } from '../../../src/review/graph/access-graph';
import { acceptedNamesOf, shownScope } from '../../../src/review/graph/describe-scope';
import { buildReport } from '../../../src/review/report/access-report';
import { scopeText } from '../../../src/review/report/render-report';
import { hclJson, SUB } from '../../policy/rule-fixtures';

/** The identity both tests grant at the subscription. */
const OPS_IDENTITY = `
resource "azurerm_user_assigned_identity" "ops" {
  name                = "uai-ops"
  resource_group_name = "rg-ops"
  location            = "eastus"
  tags                = { owner = "platform" }
}
`;

describe('scopes as a reviewer reads them', () => {
  test('a subscription says what it is; a resource or group is its name; a scope without a name is the value as written', () => {
    expect(shownScope({ value: `/subscriptions/${SUB}`, name: SUB, level: ScopeLevel.SUBSCRIPTION })).toBe(`subscription ${SUB}`);
    expect(shownScope({ value: '${azurerm_key_vault.kv.id}', name: 'kv-app', level: ScopeLevel.RESOURCE })).toBe('kv-app');
    expect(shownScope({ value: '${data.azurerm_subscription.current.id}', level: ScopeLevel.SUBSCRIPTION })).toBe('${data.azurerm_subscription.current.id}');
    expect(acceptedNamesOf(`subscription ${SUB}`)).toEqual([`subscription ${SUB}`, SUB]);
    expect(acceptedNamesOf('kv-app')).toEqual(['kv-app']);
  });

  test('an escalation to a subscription names it so, and a suppression that accepts the bare ID (as messages wrote it before) still accepts it', async () => {
    const hcl = () => `${OPS_IDENTITY}resource "azurerm_role_assignment" "ops_owner" {
  scope                = "/subscriptions/${SUB}"
  role_definition_name = "Owner"
  principal_id         = azurerm_user_assigned_identity.ops.principal_id
  description          = "platform operator"
}
resource "azurerm_role_assignment" "dev" {
  scope                = "/subscriptions/${SUB}/resourceGroups/rg-ops"
  role_definition_name = "Contributor"
  principal_id         = "cccccccc-1111-2222-3333-dddddddddddd"
  principal_type       = "Group"
  description          = "developers"
}
`;
    const graph = AccessGraph.fromDocuments([{ file: 'main.tf', document: await hclJson(hcl()) }]);
    expect(graph.grants.map((g) => [g.role.name, g.scope.value]).sort()).toEqual([
      ['Contributor', `/subscriptions/${SUB}/resourceGroups/rg-ops`],
      ['Owner', `/subscriptions/${SUB}`],
    ]);
    const [escalation] = evaluate(graph, { today: '2026-12-07' }).findings.filter((f) => f.ruleId === 'AZA013');
    expect(escalation.message).toContain(`"Owner" at subscription ${SUB}`);
    for (const accepts of [SUB, `subscription ${SUB}`]) {
      const suppressions = new Map([[escalation.address, [{ ruleId: 'AZA013', reason: 'the platform operator', accepts: [accepts] }]]]);
      const accepted = AccessGraph.fromDocuments([{ file: 'main.tf', document: await hclJson(hcl()) }], suppressions);
      expect(evaluate(accepted, { today: '2026-12-07' }).findings.filter((f) => f.ruleId === 'AZA013')).toEqual([]);
    }
  });

  test('a subscription the configuration declares with a name is shown by it, in messages and in the report', async () => {
    const hcl = `
resource "azurerm_subscription" "prod" {
  subscription_name = "contoso-production"
  subscription_id   = "${SUB}"
}
${OPS_IDENTITY}resource "azurerm_role_assignment" "ops_reader" {
  scope                = "/subscriptions/${SUB}"
  role_definition_name = "Reader"
  principal_id         = azurerm_user_assigned_identity.ops.principal_id
}
`;
    const graph = AccessGraph.fromDocuments([{ file: 'main.tf', document: await hclJson(hcl) }]);
    expect(graph.grants.map((g) => [g.role.name, g.scope.value, g.scope.displayName])).toEqual([['Reader', `/subscriptions/${SUB}`, 'contoso-production']]);
    expect(shownScope(graph.grants[0].scope)).toBe('subscription contoso-production');
    const [row] = buildReport(graph).rows;
    expect(scopeText(row)).toBe('subscription contoso-production');
    // Without the declaration, the ID.
    expect(shownScope({ ...graph.grants[0].scope, displayName: undefined })).toBe(`subscription ${SUB}`);
  });
});
