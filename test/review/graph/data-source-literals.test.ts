import { RuleId } from '../../../src/model/rule-id';
import { ScopeLevel } from '../../../src/model/scope-level';
import { evaluate } from '../../../src/policy/evaluate';
import { AccessGraph } from '../../../src/review/graph/access-graph';
import { readInputs } from '../../../src/review/reader/read-inputs';

async function graph() {
  const documents = await readInputs(['test/fixtures/reader/data-source-literals'], { env: {} });
  return AccessGraph.fromDocuments(documents.map((d) => ({ file: d.file, document: d.document })));
}

const grantAt = (g: AccessGraph, address: string) => {
  const found = g.grants.filter((x) => x.origin.address === address);
  expect(found).toHaveLength(1);
  return found[0];
};

describe('data sources with literal arguments read as Terraform reads them at plan time', () => {
  test('a role definition data source by name, after the subscription\'s ID (the azurerm docs\' PIM form), is that built-in role', async () => {
    const g = await graph();
    const rows = g.eligibilities.map((e) => [e.origin.address, e.role?.name, e.role?.known, e.role?.canGrantAccess, e.scope?.value, e.scope?.level]);
    expect(rows).toEqual([[
      'azurerm_pim_eligible_role_assignment.owner', 'Owner', true, true, '${data.azurerm_subscription.primary.id}', ScopeLevel.SUBSCRIPTION,
    ]]);
  });

  test('by its literal role_definition_id, by its name attribute, alone or after a scope: the role it names', async () => {
    const g = await graph();
    const rows = ['reader_by_id', 'owner_by_name', 'other_subscription', 'caller_subscription']
      .map((n) => grantAt(g, `azurerm_role_assignment.${n}`)).map((x) => [x.origin.address, x.role.name, x.role.known, x.scope.level]);
    expect(rows).toEqual([
      ['azurerm_role_assignment.reader_by_id', 'Reader', true, ScopeLevel.RESOURCE_GROUP],
      ['azurerm_role_assignment.owner_by_name', 'Owner', true, ScopeLevel.MANAGEMENT_GROUP],
      ['azurerm_role_assignment.other_subscription', 'Reader', true, ScopeLevel.SUBSCRIPTION],
      ['azurerm_role_assignment.caller_subscription', 'Reader', true, ScopeLevel.SUBSCRIPTION],
    ]);
  });

  test('a role the catalog does not hold stays unknown (the widest), named as written', async () => {
    const g = await graph();
    const team = grantAt(g, 'azurerm_role_assignment.team');
    expect([team.role.known, team.role.canGrantAccess, team.role.name]).toEqual([
      false, true, 'unknown role (${data.azurerm_subscription.primary.id}${data.azurerm_role_definition.team.id})',
    ]);
    // The only grant whose role cannot be read is the only workload that may grant access.
    const canGrant = evaluate(g, { today: '2026-12-01' }).findings.filter((f) => f.ruleId === RuleId.WORKLOAD_CAN_GRANT_ACCESS).map((f) => f.address);
    expect(canGrant).toEqual(['azurerm_role_assignment.team']);
  });

  test('the scopes they name: their level always, their name and ID where the arguments say them', async () => {
    const g = await graph();
    const scopes = ['reader_by_id', 'owner_by_name', 'other_subscription'].map((n) => grantAt(g, `azurerm_role_assignment.${n}`).scope)
      .map((s) => [s.level, s.name, s.stableKey]);
    expect(scopes).toEqual([
      [ScopeLevel.RESOURCE_GROUP, 'rg-shared', '{data.azurerm_resource_group:rg-shared}'],
      [ScopeLevel.MANAGEMENT_GROUP, 'mg-platform', '{data.azurerm_management_group:mg-platform}'],
      [ScopeLevel.SUBSCRIPTION, '22222222-3333-4444-5555-666666666666', '/subscriptions/22222222-3333-4444-5555-666666666666'],
    ]);
    expect(grantAt(g, 'azurerm_role_assignment.reader_by_id').scopePlacement).toEqual({ level: ScopeLevel.RESOURCE_GROUP, group: 'rg-shared' });
  });
});
