import { fixtureText, thrownBy } from './fixtures';
import { InputError } from '../../../src/review/reader/input-error';
import { readJsonText } from '../../../src/review/reader/read-inputs';
import { blocksOf } from '../../../src/review/terraform-json';

const ADDRESSES_OF_MAIN = [
  'azurerm_role_assignment.grant',
  'azurerm_user_assigned_identity.api',
  'data.azurerm_subscription.current',
];

describe('readJsonText', () => {
  test('reads cdktf output, told by its "//" metadata', () => {
    const [document] = readJsonText('cdk.tf.json', fixtureText('cdktf-out/stacks/ordering-api/cdk.tf.json'));
    expect(document.format).toBe('cdktf');
    expect(document.file).toBe('cdk.tf.json');
    expect(document.changes).toBeUndefined();
    expect(blocksOf(document.document).map((block) => block.address)).toEqual([
      'azurerm_key_vault.vault',
      'azurerm_role_assignment.OrderingApi_KeyVaultSecretsUser-vault_Assignment_0C1806DF',
      'azurerm_user_assigned_identity.OrderingApi_342BCDB9',
      'data.azurerm_subscription.current',
    ]);
  });

  test('reads hand-written Terraform JSON', () => {
    const documents = readJsonText('main.tf.json', fixtureText('main.tf.json'));
    expect(documents).toHaveLength(1);
    expect(documents[0].format).toBe('terraform-json');
    expect(blocksOf(documents[0].document).map((block) => block.address)).toEqual(ADDRESSES_OF_MAIN);
  });

  test('reads hcl2json output, where each block is an array of bodies', () => {
    const text = JSON.stringify({
      resource: { azurerm_role_assignment: { grant: [{ scope: '${azurerm_key_vault.kv.id}', role_definition_name: 'Reader' }] } },
      data: { azurerm_subscription: { current: [{}] } },
    });
    const [document] = readJsonText('converted.json', text);
    expect(document.format).toBe('terraform-json');
    expect(blocksOf(document.document)).toEqual([
      expect.objectContaining({ address: 'azurerm_role_assignment.grant', body: { scope: '${azurerm_key_vault.kv.id}', role_definition_name: 'Reader' } }),
      expect.objectContaining({ address: 'data.azurerm_subscription.current', body: {} }),
    ]);
  });

  test('tells the shape by content, not by name', () => {
    expect(readJsonText('cdk.tf.json', fixtureText('plan.json'))[0].format).toBe('plan');
    expect(readJsonText('plan.json', fixtureText('main.tf.json'))[0].format).toBe('terraform-json');
    expect(readJsonText('anything', fixtureText('cdktf-out/stacks/platform/cdk.tf.json'))[0].format).toBe('cdktf');
  });

  test('reads an empty configuration and a byte order mark', () => {
    expect(readJsonText('empty.tf.json', '{}')[0].document).toEqual({});
    expect(readJsonText('bom.tf.json', '\ufeff{"variable": {"x": {}}}')[0].document).toEqual({ variable: { x: {} } });
  });

  test('keeps "//" metadata in block bodies', () => {
    const [document] = readJsonText('cdk.tf.json', fixtureText('cdktf-out/stacks/platform/cdk.tf.json'));
    expect(blocksOf(document.document)[0].body['//']).toEqual({
      metadata: { path: 'platform/PlatformReader/Assignment', uniqueId: 'PlatformReader_Assignment_5D3A1B2C' },
    });
  });
});

describe('readJsonText errors', () => {
  async function errorOf(file: string, text: string): Promise<InputError> {
    const error = await thrownBy(() => readJsonText(file, text));
    expect(error).toBeInstanceOf(InputError);
    return error as InputError;
  }

  test.each([
    ['{\n  "resource": {\n    }\n  }\n}\n', 'line 5, column 1', 'Unexpected non-whitespace character after JSON'],
    ['{\n  "resource": {\n    "a": 1,\n  }\n}', 'line 4, column 3', 'Expected double-quoted property name in JSON'],
    ['{\n  "resource": {\n    }\n  }}\r\n', 'line 4, column 4', 'Unexpected non-whitespace character after JSON'],
    ['{"resource": [1,]}', 'line 1, column 17', "Unexpected token ']' in JSON"],
    ['{\n  "a":\n    }', 'line 3, column 5', "Unexpected token '}' in JSON"],
    ['{"resource": {', 'line 1, column 15', "Expected property name or '}' in JSON"],
    ['', 'line 1, column 1', 'Unexpected end of JSON input'],
    ['{"a": "b', 'line 1, column 9', 'Unterminated string in JSON'],
  ])('says where JSON is broken: %j', async (text, place, problem) => {
    const error = await errorOf('cdktf.out/stacks/app/cdk.tf.json', text);
    expect(error.file).toBe('cdktf.out/stacks/app/cdk.tf.json');
    expect(error.place).toBe(place);
    expect(error.message).toBe(`cdktf.out/stacks/app/cdk.tf.json: ${place}: ${problem}`);
  });

  test('finds an unexpected token in a long text, whose message Node cuts short', async () => {
    const text = `{\n  "variable": {\n${'    "x": {},\n'.repeat(50)}    "y": }\n  }\n}`;
    const error = await errorOf('long.tf.json', text);
    expect(error.message).toBe("long.tf.json: line 53, column 10: Unexpected token '}' in JSON");
  });

  test('says which block has the wrong shape, as a JSON pointer', async () => {
    const error = await errorOf('main.tf.json', fixtureText('shape-error.tf.json'));
    expect(error.place).toBe('/resource/azurerm_role_assignment/grant');
    expect(error.message).toBe('main.tf.json: /resource/azurerm_role_assignment/grant: expected an object (a resource block), got a string');
  });

  test.each([
    [{ resource: [] }, '/resource', 'expected an object (resource types), got an empty array'],
    [{ data: 'x' }, '/data', 'expected an object (data source types), got a string'],
    [{ resource: { azurerm_key_vault: [{ kv: {} }] } }, '/resource/azurerm_key_vault', 'expected an object (blocks by name), got an array'],
    [{ resource: { t: { n: [] } } }, '/resource/t/n', 'expected an object (a resource block), got an empty array'],
    [{ resource: { t: { n: [{}, 3] } } }, '/resource/t/n/1', 'expected an object (a resource block), got a number'],
    [{ data: { t: { n: null } } }, '/data/t/n', 'expected an object (a data block), got null'],
    [{ resource: { 'a/b~c': { n: true } } }, '/resource/a~1b~0c/n', 'expected an object (a resource block), got a boolean'],
  ])('rejects %j', async (json, place, problem) => {
    const error = await errorOf('main.tf.json', JSON.stringify(json));
    expect(error.message).toBe(`main.tf.json: ${place}: ${problem}`);
  });

  test.each([
    ['[]'], ['"resource"'], ['42'], ['null'], ['{"name": "not terraform"}'],
  ])('says %s is not Terraform', async (text) => {
    const error = await errorOf('notes.json', text);
    expect(error.place).toBeUndefined();
    expect(error.message).toBe('notes.json: not Terraform JSON, a plan, or HCL (expected a JSON object with resource/data/terraform/provider/... or format_version)');
  });

  test('points a cdktf manifest to its directory', async () => {
    const error = await errorOf('cdktf.out/manifest.json', fixtureText('cdktf-out/manifest.json'));
    expect(error.message).toBe('cdktf.out/manifest.json: a cdktf manifest, not a stack: give the cdktf.out directory that holds it');
  });
});
