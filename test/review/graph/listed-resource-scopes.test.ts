import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { ScopeLevel } from '../../../src/model/scope-level';
import { evaluate } from '../../../src/policy/evaluate';
import { AccessGraph } from '../../../src/review/graph/access-graph';
import { readInputs } from '../../../src/review/reader/read-inputs';

// As found in public configurations: a role assignment at one of the resources a data source lists.
const LISTED = `
data "azurerm_resources" "app" {
  name                = "app1"
  resource_group_name = "rg-app"
}
resource "azurerm_role_assignment" "first" {
  scope                = data.azurerm_resources.app.resources[0].id
  role_definition_name = "Reader"
  principal_id         = "11111111-1111-1111-1111-111111111111"
}
resource "azurerm_role_assignment" "each" {
  count                = length(data.azurerm_resources.app.resources)
  scope                = data.azurerm_resources.app.resources[count.index].id
  role_definition_name = "Owner"
  principal_id         = "11111111-1111-1111-1111-111111111112"
}
`;

async function graphOf(hcl: string): Promise<AccessGraph> {
  const dir = mkdtempSync(path.join(tmpdir(), 'listed-scopes-'));
  try {
    writeFileSync(path.join(dir, 'main.tf'), hcl);
    const sources = await readInputs([dir], { cwd: dir, env: {} });
    return AccessGraph.fromDocuments(sources.map((d) => ({ file: d.file, document: d.document })));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('a scope that is one of the resources data.azurerm_resources lists', () => {
  test('is a resource, written as it is, of a name not known before apply; Reader there is narrow (no AZA001)', async () => {
    const graph = await graphOf(LISTED);
    expect(graph.grants.map((g) => [g.origin.address, g.role.name, g.scope.value, g.scope.level, g.scope.name])).toEqual([
      ['azurerm_role_assignment.each', 'Owner', '${data.azurerm_resources.app.resources[count.index].id}', ScopeLevel.RESOURCE, undefined],
      ['azurerm_role_assignment.first', 'Reader', '${data.azurerm_resources.app.resources[0].id}', ScopeLevel.RESOURCE, undefined],
    ]);
    // The resource listed is not the data source's own block, nor named by its filter.
    const first = graph.grants.find((g) => g.origin.address === 'azurerm_role_assignment.first')!;
    expect(first.scopePlacement).toEqual({ level: ScopeLevel.RESOURCE });
    const findings = evaluate(graph, { today: '2026-12-07' }).findings;
    expect(findings.length).toBeGreaterThan(0);
    expect(findings.filter((f) => f.ruleId === 'AZA001')).toEqual([]);
    // Owner at one resource is still a standing grant that can grant access, judged as at a resource.
    const owner = findings.filter((f) => f.address === 'azurerm_role_assignment.each' && f.ruleId === 'AZA002');
    expect(owner.map((f) => f.message)).toEqual([expect.stringContaining('${data.azurerm_resources.app.resources[count.index].id}')]);
  });
});
