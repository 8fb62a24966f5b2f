import { readFileSync } from 'fs';
import * as path from 'path';
import { ID_FORMATS_DATA, ID_FORMATS_MODULE, idFormatOf, renderIdFormatsModule } from '../../../scripts/render-azurerm-id-formats';
import { ScopeLevel } from '../../../src/model/scope-level';
import { evaluate as evaluatePolicy } from '../../../src/policy/evaluate';
import { AccessGraph } from '../../../src/review/graph/access-graph';
import { readInputs } from '../../../src/review/reader/read-inputs';
import { evaluate } from '../../../src/review/reader/values/evaluate-expression';
import { parseExpression } from '../../../src/review/reader/values/expression-parser';
import { Unknown, Value } from '../../../src/review/reader/values/value';

const ROOT = path.resolve(__dirname, '../../..');
const SUBNET = 'azurerm_subnet.nodes.id';
const segment = (i: number) => `\${split("/", ${SUBNET})[${i}]}`;

const value = (text: string): Value => evaluate(parseExpression(text), {
  variable: () => undefined, local: (name) => new Unknown(`local.${name}`), names: new Map(), modulePrefix: '',
});

describe('the segments of a resource ID, from its type', () => {
  test('the committed module is what the data makes', () => {
    const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');
    expect(read(ID_FORMATS_MODULE)).toEqual(renderIdFormatsModule(read(ID_FORMATS_DATA)));
  });

  test.each<[string, string | undefined]>([
    ['/subscriptions/0000/resourceGroups/rg1/providers/Microsoft.Network/virtualNetworks/v1/subnets/s1',
      '/subscriptions/{}/resourceGroups/{}/providers/Microsoft.Network/virtualNetworks/{}/subnets/{}'],
    ['/providers/Microsoft.Management/managementGroups/mg1', '/providers/Microsoft.Management/managementGroups/{}'],
    ['/subscriptions/0000/resourceGroups/rg1/providers/Microsoft.Web/sites/a/config/web',
      '/subscriptions/{}/resourceGroups/{}/providers/Microsoft.Web/sites/{}/config/{}'],
    ['https://kv.vault.azure.net/secrets/s', undefined],
    ['/subscriptions/0000/resourceGroups/rg1/providers/Microsoft.Web/sites/a|/subscriptions/0000/x', undefined],
    ['/{scope}/providers/Microsoft.Chaos/targets/{targetName}', undefined],
    ['/subscriptions/0000/resourceGroups/rg1/providers/Microsoft.Web/sites', undefined],
  ])('an import ID as a format: %s', (id, format) => {
    expect(idFormatOf(id)).toBe(format);
  });

  test('split("/", <a subnet id>) has the subnet ID format: literal segments known, names unknown', () => {
    expect(value(`split("/", ${SUBNET})`)).toEqual(['', 'subscriptions', segment(2), 'resourceGroups', segment(4), 'providers',
      'Microsoft.Network', 'virtualNetworks', segment(8), 'subnets', segment(10)]);
    expect(value(`length(split("/", ${SUBNET}))`)).toBe(11);
  });

  test.each([
    // Placed on another resource: no fixed format.
    'split("/", azurerm_role_assignment.r.id)',
    // Another attribute than the ID, an azapi resource, another separator, a type the table does not know.
    'split("/", azurerm_subnet.nodes.name)',
    'split("/", azapi_resource.ws.id)',
    'split("-", azurerm_subnet.nodes.id)',
    'split("/", azurerm_not_a_type.x.id)',
    // data.azurerm_subscription's id is the subscription, not the format of the resource of that name.
    'split("/", data.azurerm_subscription.current.id)',
  ])('%s stays unknown', (text) => {
    expect(value(text)).toBeInstanceOf(Unknown);
  });
});

describe('a scope cut from a subnet ID passed to a module', () => {
  test('join("/", slice(segments, 0, length - 2)) is the virtual network, a resource; segments 2 and 4 a resource group', async () => {
    const documents = await readInputs(['test/fixtures/reader/repository-shapes/split-id'], { env: {} });
    const g = AccessGraph.fromDocuments(documents.map((d) => ({ file: d.file, document: d.document })));
    expect(g.grants.map((x) => [x.origin.address, x.scope.value, x.scope.level])).toEqual([
      ['module.network.azurerm_role_assignment.group[0]', `/subscriptions/${segment(2)}/resourceGroups/${segment(4)}`, ScopeLevel.RESOURCE_GROUP],
      ['module.network.azurerm_role_assignment.vnet[0]',
        `/subscriptions/${segment(2)}/resourceGroups/${segment(4)}/providers/Microsoft.Network/virtualNetworks/${segment(8)}`, ScopeLevel.RESOURCE],
    ]);
    const findings = evaluatePolicy(g, { today: '2026-12-01' }).findings;
    expect(findings.filter((f) => f.ruleId === 'AZA001')).toEqual([]);
  });
});
