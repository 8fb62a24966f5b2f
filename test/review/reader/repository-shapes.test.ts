import { RuleId } from '../../../src/model/rule-id';
import { ScopeLevel } from '../../../src/model/scope-level';
import { evaluate as evaluatePolicy } from '../../../src/policy/evaluate';
import { AccessGraph } from '../../../src/review/graph/access-graph';
import { readInputs } from '../../../src/review/reader/read-inputs';

/**
 * Shapes met in public module repositories (docs/public-repositories.md) that the review read
 * otherwise than Terraform does, each written small, as HCL of our own.
 */
const DIR = 'test/fixtures/reader/repository-shapes';
const SUB = '11111111-2222-3333-4444-555555555555';

async function graphOf(fixture: string) {
  const documents = await readInputs([`${DIR}/${fixture}`], { env: {} });
  return AccessGraph.fromDocuments(documents.map((d) => ({ file: d.file, document: d.document })));
}

const findingsOf = (g: AccessGraph) => evaluatePolicy(g, { today: '2026-12-01' }).findings;

describe('a module directory read as Terraform reads it', () => {
  test('locals in locals.tf and in a locals.version.tf.json read after it: both are read, none replaces the other', async () => {
    const g = await graphOf('json-locals');
    expect(g.grants.map((x) => [x.origin.address, x.scope.value, x.scope.level])).toEqual([
      ['azurerm_role_assignment.reader', `/subscriptions/${SUB}/resourceGroups/rg-app`, ScopeLevel.RESOURCE_GROUP],
      ['azurerm_role_assignment.versioned', `/subscriptions/${SUB}/resourceGroups/rg-v1`, ScopeLevel.RESOURCE_GROUP],
    ]);
    expect(g.valuesNotEvaluated).toEqual([]);
  });
});

describe('map keys written as expressions', () => {
  test('{ (local.root) = ..., "${local.root}-ops" = ... } as a for_each: one instance per evaluated key', async () => {
    const g = await graphOf('template-keys');
    expect(g.grants.map((x) => [x.origin.address, x.origin.repeated, x.role.name, x.scope.value])).toEqual([
      ['azurerm_role_assignment.per_group["corp"]', undefined, 'Reader', `/subscriptions/${SUB}/resourceGroups/rg-corp`],
      ['azurerm_role_assignment.per_group["corp-ops"]', undefined, 'Contributor', `/subscriptions/${SUB}/resourceGroups/rg-corp-ops`],
    ]);
  });
});

describe('a resource id is never null', () => {
  test('try(coalesce(<an id passed to a module>, ...), null) and a comparison of it with null: the scope is that resource', async () => {
    const g = await graphOf('coalesce-id');
    expect(g.grants.map((x) => [x.origin.address, x.scope.value, x.scope.level])).toEqual([
      ['module.project.azurerm_role_assignment.search_reader', '${azurerm_search_service.search.id}', ScopeLevel.RESOURCE],
    ]);
    const findings = findingsOf(g);
    expect(findings.length).toBeGreaterThan(0);
    expect(findings.filter((f) => f.ruleId === RuleId.WIDE_SCOPE)).toEqual([]);
  });
});

describe('where a block inside a module is declared', () => {
  test('a Terraform JSON file of a module: the line of its name under its type, and the module block that calls it', async () => {
    const g = await graphOf('json-module');
    expect(g.grants.map((x) => [x.origin.address, x.origin.declaredAt, x.origin.moduleCalls])).toEqual([
      ['module.grant.azurerm_role_assignment.reader', { file: `${DIR}/json-module/grant/main.tf.json`, line: 9 },
        [{ address: 'module.grant', file: `${DIR}/json-module/main.tf`, line: 1 }]],
    ]);
  });
});

describe('a text with a value not known yet keeps its shape wherever it flows', () => {
  test('a scope built in a local, through coalesce(), reads as the same scope written in place', async () => {
    const g = await graphOf('partial-template');
    const scope = '/subscriptions/${var.subscription_id}/resourceGroups/rg-app';
    expect(g.grants.map((x) => [x.origin.address, x.scope.value, x.scope.level])).toEqual([
      ['azurerm_role_assignment.in_place', scope, ScopeLevel.RESOURCE_GROUP],
      ['azurerm_role_assignment.via_local', scope, ScopeLevel.RESOURCE_GROUP],
    ]);
    const findings = findingsOf(g);
    expect(findings.length).toBeGreaterThan(0);
    expect(findings.filter((f) => f.ruleId === RuleId.WIDE_SCOPE)).toEqual([]);
  });
});
