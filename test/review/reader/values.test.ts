import { RuleId } from '../../../src/model/rule-id';
import { evaluate as evaluatePolicy } from '../../../src/policy/evaluate';
import { AccessGraph } from '../../../src/review/graph/access-graph';
import { readInputs } from '../../../src/review/reader/read-inputs';
import { evaluateConfiguration, rootScope } from '../../../src/review/reader/values/evaluate-configuration';
import { evaluate } from '../../../src/review/reader/values/evaluate-expression';
import { parseExpression } from '../../../src/review/reader/values/expression-parser';
import { Reference, Unknown, Value } from '../../../src/review/reader/values/value';
import { buildReport } from '../../../src/review/report/access-report';
import { renderReportMarkdown } from '../../../src/review/report/render-report';

const DIR = 'test/fixtures/reader/values';
const SUB = '11111111-2222-3333-4444-555555555555';
const RG = `/subscriptions/${SUB}/resourceGroups/rg-app`;
const GROUP = '00000000-0000-0000-0000-000000000000';

const expr = (text: string, names: Record<string, Value> = {}, variables: Record<string, Value> = {}) => evaluate(parseExpression(text), {
  variable: (name) => variables[name], local: (name) => new Unknown(`local.${name}`), names: new Map(Object.entries(names)), modulePrefix: '',
});

async function graphOf(options: Parameters<typeof readInputs>[1] = {}) {
  const documents = await readInputs([DIR], { env: {}, ...options });
  return AccessGraph.fromDocuments(documents.map((d) => ({ file: d.file, document: d.document })));
}

describe('expressions whose value is knowable without a provider', () => {
  test.each<[string, Value]>([
    ['concat(["a"], ["b", "c"])', ['a', 'b', 'c']],
    ['merge({ a = 1 }, { b = 2 }, { a = 3 })', { a: 3, b: 2 }],
    ['lookup({ reader = "Reader" }, "reader", "none")', 'Reader'],
    ['lookup({ reader = "Reader" }, "owner", "none")', 'none'],
    ['toset(["b", "a", "b"])', ['a', 'b']],
    ['jsondecode(jsonencode({ a = [1, true, null] }))', { a: [1, true, null] }],
    ['format("%s-%d", "rg", 3)', 'rg-3'],
    ['true ? "x" : var.unknown', 'x'],
    ['[for k, v in { b = 2, a = 1 } : "${k}=${v}" if v > 1]', ['b=2']],
    ['{ for r in ["Reader", "Owner"] : lower(r) => r }', { reader: 'Reader', owner: 'Owner' }],
    ['"${var.prefix}-app"', 'p-app'],
  ])('%s', (text, value) => {
    expect(expr(text, {}, { prefix: 'p' })).toEqual(value);
  });

  test('references to resources stay references, with instance keys as Terraform writes them', () => {
    expect(expr('azurerm_user_assigned_identity.id[each.key].principal_id', { each: { key: 'api', value: 1 } }))
      .toEqual(new Reference('azurerm_user_assigned_identity.id["api"].principal_id'));
    expect(expr('azurerm_linux_web_app.app.identity[0].principal_id')).toEqual(new Reference('azurerm_linux_web_app.app.identity[0].principal_id'));
  });

  test('what cannot be known is unknown, and says which value', () => {
    expect(expr('var.missing')).toEqual(new Unknown('var.missing'));
    expect(expr('var.flag ? "Owner" : "Reader"')).toEqual(new Unknown('the condition of var.flag ? ...'));
    expect(expr('timestamp()')).toEqual(new Unknown('timestamp(...)', 'timestamp() has a value only when Terraform applies'));
  });
});

describe('a configuration read as Terraform resolves it: variables, locals, instances', () => {
  test('for_each over a merged map: one instance per key, tfvars and auto.tfvars applied in order', async () => {
    const g = await graphOf();
    const rows = g.grants.filter((x) => x.origin.address.startsWith('azurerm_role_assignment.this'))
      .map((x) => [x.origin.address, x.role.name, x.principal.key, x.scope.value, x.scope.level]);
    expect(rows).toEqual([
      ['azurerm_role_assignment.this["blob"]', 'Storage Blob Data Reader', GROUP, RG, 'resource-group'],
      // a.auto.tfvars overrides the default "Reader".
      ['azurerm_role_assignment.this["ops"]', 'Monitoring Reader', '22222222-0000-0000-0000-000000000000', RG, 'resource-group'],
      ['azurerm_role_assignment.this["reader"]', 'Website Contributor', GROUP, RG, 'resource-group'],
    ]);
  });

  test('count = 2 of the same assignment: two instances, and AZA009 reports the second', async () => {
    const g = await graphOf();
    expect(g.grants.filter((x) => x.origin.address.startsWith('azurerm_role_assignment.twice')).map((x) => [x.origin.address, x.scope.value]))
      .toEqual([['azurerm_role_assignment.twice[0]', RG], ['azurerm_role_assignment.twice[1]', RG]]);
    const duplicates = evaluatePolicy(g, { today: '2026-11-27' }).findings.filter((f) => f.ruleId === RuleId.DUPLICATE_ASSIGNMENT);
    expect(duplicates.map((f) => f.address)).toEqual(['azurerm_role_assignment.twice[1]']);
  });

  test('an unknown collection stays one row, marked as repeated an unknown number of times', async () => {
    const g = await graphOf();
    const unknown = g.grants.filter((x) => x.origin.address === 'azurerm_role_assignment.per_unknown');
    expect(unknown.map((x) => [x.origin.repeated, x.role.known, x.scope.level, x.scope.value])).toEqual([['for_each = var.unknown_map', false, 'subscription', `/subscriptions/${SUB}`]]);
    expect(renderReportMarkdown(buildReport(g))).toContain('`azurerm_role_assignment.per_unknown` (repeated an unknown number of times: `for_each = var.unknown_map`)');
  });

  test('a custom role\'s actions from tfvars are read; --var then wins over tfvars; TF_VAR_ loses to tfvars', async () => {
    const fromTfvars = (await graphOf()).roleDefinitions[0];
    expect([fromTfvars.role.name, fromTfvars.role.canGrantAccess, fromTfvars.assignableScopes[0].value]).toEqual(['app-operator', false, `/subscriptions/${SUB}`]);
    const widened = (await graphOf({ variables: [{ kind: 'var', text: 'custom_actions=["Microsoft.Authorization/*"]' }] })).roleDefinitions[0];
    expect(widened.role.canGrantAccess).toBe(true);
    const env = (await graphOf({ env: { TF_VAR_custom_actions: '["*"]', TF_VAR_subscription_id: 'ignored' } })).roleDefinitions[0];
    expect([env.role.canGrantAccess, env.assignableScopes[0].value]).toEqual([false, `/subscriptions/${SUB}`]);
  });

  test('--var-file after --var wins, in the order given', async () => {
    const g = await graphOf({ variables: [{ kind: 'var', text: 'role_name=Owner' }, { kind: 'file', file: `${DIR}/a.auto.tfvars` }] });
    expect(g.grants.find((x) => x.origin.address === 'azurerm_role_assignment.this["reader"]')?.role.name).toBe('Website Contributor');
    const owner = await graphOf({ variables: [{ kind: 'file', file: `${DIR}/a.auto.tfvars` }, { kind: 'var', text: 'role_name=Owner' }] });
    const grant = owner.grants.find((x) => x.origin.address === 'azurerm_role_assignment.this["reader"]')!;
    expect([grant.role.name, grant.scope.value]).toEqual(['Owner', RG]);
  });
});

describe('the instances of one counted block', () => {
  // Texts that read no instance name are evaluated once per block and handed to every instance;
  // each instance still gets its own value of every text that reads `each` or `count`.
  test('each instance has its own each/count values beside the values they all share', () => {
    const document = {
      variable: { prefix: { default: 'p' } },
      resource: {
        azurerm_role_assignment: {
          per_key: {
            for_each: { a: 'Reader', b: 'Owner' },
            role_definition_name: '${each.value}',
            principal_id: '${azurerm_user_assigned_identity.id.principal_id}',
            description: '${[for k in ["x"] : "${k}-${each.key}"][0]}',
            tags: { key: '${each.key}', fixed: '${var.prefix}-tag' },
          },
          per_index: { count: 2, name: '${var.prefix}-${count.index}', fixed: '${var.prefix}' },
        },
      },
    };
    const evaluated = evaluateConfiguration(document, rootScope(document, {})) as { resource: Record<string, Record<string, unknown>> };
    // What differs between the two for_each instances is what reads each.key and each.value.
    const perKey = (key: string, role: string) => ({
      for_each: { a: 'Reader', b: 'Owner' },
      role_definition_name: role,
      principal_id: '${azurerm_user_assigned_identity.id.principal_id}',
      description: `x-${key}`,
      tags: { key, fixed: 'p-tag' },
    });
    expect(evaluated.resource.azurerm_role_assignment).toEqual({
      'per_key["a"]': perKey('a', 'Reader'),
      'per_key["b"]': perKey('b', 'Owner'),
      'per_index[0]': { count: 2, name: 'p-0', fixed: 'p' },
      'per_index[1]': { count: 2, name: 'p-1', fixed: 'p' },
    });
  });
});
