import { ScopeLevel } from '../../../src/model/scope-level';
import { AccessGraph } from '../../../src/review/graph/access-graph';
import { InputError } from '../../../src/review/reader/input-error';
import { readInputs } from '../../../src/review/reader/read-inputs';
import { evaluateWithModules, rootScope } from '../../../src/review/reader/values/evaluate-configuration';
import { MAX_INSTANCES_PER_BLOCK } from '../../../src/review/reader/values/instance-set';
import { splitVarSetting } from '../../../src/review/reader/values/variables';
import { buildReport } from '../../../src/review/report/access-report';
import { renderReportMarkdown } from '../../../src/review/report/render-report';
import { NOT_EVALUATED_KEY } from '../../../src/review/terraform-json';

/**
 * Hostile or careless input never makes the review unbounded: more instances than it expands are
 * one row that says how many, an expression too deep is a value not evaluated, and a mistyped
 * --var never shows its value. (How fast is for the benchmarks; these assert the result.)
 */
const DIR = 'test/fixtures/reader/plan-time';
const SUB = '11111111-2222-3333-4444-555555555555';

async function graphOf(fixture: string) {
  const documents = await readInputs([`${DIR}/${fixture}`], { env: {} });
  return AccessGraph.fromDocuments(documents.map((d) => ({ file: d.file, document: d.document })));
}

describe('instances beyond what the review expands', () => {
  test('a million, a billion, 20,000 keys and a module called 50,000 times: one row each, how many, never dropped', async () => {
    expect(MAX_INSTANCES_PER_BLOCK).toBe(10_000);
    const g = await graphOf('bounded');
    expect(g.grants.map((x) => [x.origin.address, x.origin.repeated, x.origin.repeatedTimes, x.scope.value, x.scope.level])).toEqual([
      ['azurerm_role_assignment.billion', 'count = 1000000000', 1_000_000_000, `/subscriptions/${SUB}/resourceGroups/rg-\${count.index}`, ScopeLevel.RESOURCE_GROUP],
      ['azurerm_role_assignment.million', 'count = 1000000', 1_000_000, `/subscriptions/${SUB}/resourceGroups/rg-app`, ScopeLevel.RESOURCE_GROUP],
      ['azurerm_role_assignment.pairs', 'for_each = local.pairs', 20_000, `/subscriptions/${SUB}/resourceGroups/rg-\${each.key}`, ScopeLevel.RESOURCE_GROUP],
      ['azurerm_role_assignment.three[0]', undefined, undefined, `/subscriptions/${SUB}/resourceGroups/rg-0`, ScopeLevel.RESOURCE_GROUP],
      ['azurerm_role_assignment.three[1]', undefined, undefined, `/subscriptions/${SUB}/resourceGroups/rg-1`, ScopeLevel.RESOURCE_GROUP],
      ['azurerm_role_assignment.three[2]', undefined, undefined, `/subscriptions/${SUB}/resourceGroups/rg-2`, ScopeLevel.RESOURCE_GROUP],
      // The module's input `team-${count.index}` keeps its known part inside the module.
      ['module.teams.azurerm_role_assignment.this', 'module count = 50000', 50_000, `/subscriptions/${SUB}/resourceGroups/rg-team-\${count.index}`, ScopeLevel.RESOURCE_GROUP],
    ]);
    // The million identical assignments keep every value; the billion's count.index is unknown, as the widest.
    const million = g.grants.find((x) => x.origin.address === 'azurerm_role_assignment.million')!;
    expect([million.role.name, million.principal.key]).toEqual(['Reader', '00000000-0000-0000-0000-000000000001']);
    const markdown = renderReportMarkdown(buildReport(g));
    expect(markdown).toContain('`azurerm_role_assignment.million` (× 1,000,000, reviewed once: `count = 1000000`)');
    expect(markdown).toContain('`module.teams.azurerm_role_assignment.this` (× 50,000, reviewed once: `module count = 50000`)');
  });
});

describe('an expression nested thousands of levels deep', () => {
  test('inside Terraform JSON: unknown, named as not evaluated (too deep), never an internal error', async () => {
    const g = await graphOf('deep');
    expect(g.grants.map((x) => [x.origin.address, x.scope.level])).toEqual([
      ['azurerm_role_assignment.deep', 'unknown'],
      ['azurerm_role_assignment.shallow', ScopeLevel.RESOURCE_GROUP],
    ]);
    expect(g.valuesNotEvaluated.map((v) => [v.origin.address, v.reason])).toEqual([
      ['azurerm_role_assignment.deep', 'scope: the expression nests more than 256 levels deep'],
    ]);
    // The 10,000 brackets are not written back into the review: their start stands for them.
    expect(g.grants[0].scope.value.length).toBeLessThan(300);
  });

  test('locals that read locals 5,000 deep: unknown, named, no stack overflow', () => {
    const locals: Record<string, string> = { a5000: '/subscriptions/x' };
    for (let i = 0; i < 5000; i++) locals[`a${i}`] = `\${local.a${i + 1}}`;
    const deepAssignment = { scope: '${local.a0}', role_definition_name: 'Reader', principal_id: 'p' };
    const document = { locals, resource: { azurerm_role_assignment: { deep: deepAssignment } } };
    type Evaluated = { resource: { azurerm_role_assignment: Record<string, Record<string, unknown>> } };
    const deep = (evaluateWithModules(document, rootScope(document, {})) as Evaluated).resource.azurerm_role_assignment.deep;
    expect(deep.scope).toBe('${local.a0}');
    expect(deep['//']).toEqual({ [NOT_EVALUATED_KEY]: ['scope: values refer to values nested too deeply (more than 50 levels)'] });
  });
});

describe('a mistyped --var never echoes its value', () => {
  const messageOf = (text: string) => {
    try {
      splitVarSetting(text);
    } catch (error) {
      expect(error).toBeInstanceOf(InputError);
      return (error as InputError).message;
    }
    throw new Error('expected the setting to be refused');
  };

  test.each([
    ['db_password:hunter2-SECRET', '--var: expected name=value, and there is no "=" after "db_password" (the rest is not shown)'],
    ['=hunter2-SECRET', '--var: expected name=value, and there is no name before "=" (the value is not shown)'],
    [':hunter2-SECRET', '--var: expected name=value, and there is no "=" (the text is not shown)'],
    ['role_name', '--var: expected name=value, and there is no "=" after "role_name"'],
  ])('%s', (text, message) => {
    const said = messageOf(text);
    expect(said).toBe(message);
    expect(said).not.toContain('SECRET');
  });

  test('the name it names is cut at 200 characters', () => {
    expect(messageOf(`${'n'.repeat(300)} secret`).length).toBeLessThan(300);
  });
});
