import { RuleId } from '../../../src/model/rule-id';
import { ScopeLevel } from '../../../src/model/scope-level';
import { evaluate } from '../../../src/policy/evaluate';
import { AccessGraph } from '../../../src/review/graph/access-graph';
import { readInputs } from '../../../src/review/reader/read-inputs';

async function graph() {
  const documents = await readInputs(['test/fixtures/reader/azapi-scopes'], { env: {} });
  return AccessGraph.fromDocuments(documents.map((d) => ({ file: d.file, document: d.document })));
}

const grantAt = (g: AccessGraph, address: string) => {
  const found = g.grants.filter((x) => x.origin.address === address);
  expect(found).toHaveLength(1);
  return found[0];
};

describe('an azapi resource\'s ID has the level its ARM type gives it', () => {
  test('a workspace by `id` and by the response\'s `output.id` is a resource in its group, named', async () => {
    const g = await graph();
    const rows = ['ws_by_id', 'ws_by_output'].map((n) => grantAt(g, `azurerm_role_assignment.${n}`))
      .map((x) => [x.scope.value, x.scope.level, x.scope.name, x.scopePlacement.level, x.scopePlacement.address, x.scopePlacement.group]);
    expect(rows).toEqual([
      ['${azapi_resource.ws.id}', ScopeLevel.RESOURCE, 'mlw-app', ScopeLevel.RESOURCE, 'azapi_resource.ws', 'rg-app'],
      ['${azapi_resource.ws.output.id}', ScopeLevel.RESOURCE, 'mlw-app', ScopeLevel.RESOURCE, 'azapi_resource.ws', 'rg-app'],
    ]);
    // Both name the same scope, so a rename or a switch between the two forms is the same grant.
    expect(grantAt(g, 'azurerm_role_assignment.ws_by_output').scope.stableKey).toBe(grantAt(g, 'azurerm_role_assignment.ws_by_id').scope.stableKey);
  });

  test('resource groups, management groups and subscriptions read through azapi are those levels; a child type is a resource', async () => {
    const g = await graph();
    const levels = ['compute', 'group', 'platform', 'subscription'].map((n) => [n, grantAt(g, `azurerm_role_assignment.${n}`).scope.level]);
    expect(levels).toEqual([
      ['compute', ScopeLevel.RESOURCE],
      ['group', ScopeLevel.RESOURCE_GROUP],
      ['platform', ScopeLevel.MANAGEMENT_GROUP],
      ['subscription', ScopeLevel.SUBSCRIPTION],
    ]);
    expect(grantAt(g, 'azurerm_role_assignment.group').scopePlacement).toEqual({ level: ScopeLevel.RESOURCE_GROUP, group: 'rg-azapi' });
  });

  test('AZA001 stays for the scope whose type cannot be read, and only there', async () => {
    const g = await graph();
    expect(grantAt(g, 'azurerm_role_assignment.any').scope.level).toBe(ScopeLevel.UNKNOWN);
    const wide = evaluate(g, { today: '2026-12-01' }).findings.filter((f) => f.ruleId === RuleId.WIDE_SCOPE).map((f) => f.address);
    expect(wide).toEqual(['azurerm_role_assignment.any', 'azurerm_role_assignment.platform', 'azurerm_role_assignment.subscription']);
  });
});
