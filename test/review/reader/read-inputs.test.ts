import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { FIXTURES, fixtureText, thrownBy } from './fixtures';
import { InputError } from '../../../src/review/reader/input-error';
import { readHclText, readInputs } from '../../../src/review/reader/read-inputs';
import { SourceDocument } from '../../../src/review/reader/source-document';
import { blocksOf } from '../../../src/review/terraform-json';

function read(inputs: string[], readStdin?: () => Promise<string>): Promise<SourceDocument[]> {
  return readInputs(inputs, { cwd: FIXTURES, readStdin });
}

async function errorOf(inputs: string[], readStdin?: () => Promise<string>): Promise<InputError> {
  const error = await thrownBy(() => read(inputs, readStdin));
  expect(error).toBeInstanceOf(InputError);
  return error as InputError;
}

function addressesOf(document: SourceDocument): string[] {
  return blocksOf(document.document).map((block) => block.address);
}

describe('readInputs', () => {
  test('reads every stack of a cdktf.out directory through its manifest, found by content', async () => {
    const documents = await read(['./cdktf-out']);
    expect(documents.map(({ file, stack, format }) => ({ file, stack, format }))).toEqual([
      { file: path.join('cdktf-out', 'stacks', 'ordering-api', 'cdk.tf.json'), stack: 'ordering-api', format: 'cdktf' },
      { file: path.join('cdktf-out', 'stacks', 'platform', 'cdk.tf.json'), stack: 'platform', format: 'cdktf' },
    ]);
    expect(addressesOf(documents[1])).toEqual(['azurerm_role_assignment.PlatformReader_Assignment_5D3A1B2C']);
  });

  test('reads a module directory of *.tf and *.tf.json files as one configuration', async () => {
    const [document] = await read(['module']);
    expect(document).toMatchObject({ file: 'module', format: 'hcl' });
    expect(addressesOf(document)).toEqual([
      'azurerm_role_assignment.api_secrets',
      'azurerm_user_assigned_identity.api',
      'azurerm_key_vault.kv',
      'data.azurerm_subscription.current',
    ]);
    const grant = blocksOf(document.document).find((block) => block.type === 'azurerm_role_assignment');
    expect(grant?.body).toEqual({
      scope: '${azurerm_key_vault.kv.id}',
      role_definition_name: 'Key Vault Secrets User',
      principal_id: '${azurerm_user_assigned_identity.api.principal_id}',
      principal_type: 'ServicePrincipal',
    });
    expect(document.document).toMatchObject({ provider: { azurerm: [{ features: [{}] }] } });
  });

  test('applies override files last', async () => {
    const [document] = await read(['hcl-override']);
    expect(blocksOf(document.document).map((block) => block.body)).toEqual([{
      scope: '/subscriptions/8f6b6f8e-3c1a-4d5e-9f0a-1b2c3d4e5f60/resourceGroups/rg-ordering',
      role_definition_name: 'Reader',
      principal_id: '11111111-2222-3333-4444-555555555555',
    }]);
  });

  test('reads single files of every kind, in the order given', async () => {
    const documents = await read(['main.tf.json', 'plan.json', path.join('module', 'main.tf')]);
    expect(documents.map(({ file, format }) => ({ file, format }))).toEqual([
      { file: 'main.tf.json', format: 'terraform-json' },
      { file: 'plan.json', format: 'plan' },
      { file: path.join('module', 'main.tf'), format: 'hcl' },
    ]);
    expect(documents[1].changes).toHaveLength(6);
  });

  test('reads JSON from standard input', async () => {
    const documents = await read(['-'], async () => fixtureText('plan.json'));
    expect(documents).toHaveLength(1);
    expect(documents[0]).toMatchObject({ file: '<stdin>', format: 'plan' });
  });

  test('reads HCL text', async () => {
    const document = await readHclText('main.tf', 'data "azurerm_client_config" "current" {}\n');
    expect(document).toEqual({ file: 'main.tf', format: 'hcl', document: { data: { azurerm_client_config: { current: [{}] } } } });
  });
});

describe('readInputs errors', () => {
  test.each<[string, string[], string]>([
    ['a missing file', ['missing.json'], 'missing.json: no such file or directory'],
    ['a stack the manifest lists but synth did not write', ['cdktf-out-missing-stack'],
      'cdktf-out-missing-stack: manifest.json lists stack "app" at stacks/app/cdk.tf.json, which does not exist'],
    ['a broken stack', ['cdktf-out-broken'],
      `${path.join('cdktf-out-broken', 'stacks', 'app', 'cdk.tf.json')}: line 5, column 1: Unexpected non-whitespace character after JSON`],
    ['a file that is not Terraform', ['notes.txt'],
      'notes.txt: not Terraform JSON, a plan, or HCL (expected a JSON object with resource/data/terraform/provider/... or format_version)'],
    ['broken HCL', ['bad.tf'], 'bad.tf: line 1, column 44: Unclosed configuration block; There is no closing brace for this block before the end of the file. '
      + 'This may be caused by incorrect brace nesting elsewhere in this file.'],
    ['a block of the wrong shape', ['shape-error.tf.json'],
      'shape-error.tf.json: /resource/azurerm_role_assignment/grant: expected an object (a resource block), got a string'],
    ['a binary plan', ['tfplan'], 'tfplan: a binary plan: read its JSON form, written by "terraform show -json <planfile> > plan.json"'],
    ['a directory without configuration', ['no-configuration'],
      'no-configuration: no manifest.json (a cdktf.out directory), *.tf or *.tf.json files in this directory'],
    ['a resource declared in two files', ['hcl-duplicate'],
      `${path.join('hcl-duplicate', 'b.tf.json')}: /resource/azurerm_role_assignment/reader: azurerm_role_assignment.reader is already declared in `
      + `${path.join('hcl-duplicate', 'a.tf')}`],
  ])('%s', async (_, inputs, message) => {
    const error = await errorOf(inputs);
    expect(error.message).toBe(message);
  });

  test('carries the file and the place', async () => {
    const error = await errorOf(['bad.tf']);
    expect(error.file).toBe('bad.tf');
    expect(error.place).toBe('line 1, column 44');
  });

  test('takes the first of several HCL diagnostics', async () => {
    const error = await thrownBy(() => readHclText('main.tf', 'x = 1\nx = 2\n}'));
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).message)
      .toBe('main.tf: line 2, column 1: Attribute redefined; The argument "x" was already set at main.tf:1,1-2. Each argument may be set only once.');
  });

  test('rejects HCL blocks of the wrong shape', async () => {
    const error = await thrownBy(() => readHclText('main.tf', 'resource "azurerm_role_assignment" {}\n'));
    expect((error as InputError).message).toBe('main.tf: /resource/azurerm_role_assignment: expected an object (blocks by name), got an array');
  });

  test('reads standard input once', async () => {
    const error = await errorOf(['-', '-'], async () => '{}');
    expect(error.message).toBe('<stdin>: standard input (-) is given more than once');
  });

  test('wraps a failing standard input', async () => {
    const error = await errorOf(['-'], async () => {
      throw new TypeError('stdin closed');
    });
    expect(error.message).toBe('<stdin>: cannot be read: stdin closed');
  });

  test('never names this machine\'s paths', async () => {
    for (const input of ['missing.json', 'cdktf-out-missing-stack', 'cdktf-out-broken', 'notes.txt', 'no-configuration']) {
      const error = await errorOf([input]);
      expect(error.message).not.toContain(FIXTURES);
    }
  });
});

describe('a cdktf.out manifest is read only inside its directory', () => {
  /** A directory holding `cdktf.out` (with a manifest naming `stackPath`) and a Terraform file beside it. */
  function outdirWithStackAt(stackPath: string, link?: string): string {
    const root = mkdtempSync(path.join(tmpdir(), 'azure-access-manifest-'));
    const outside = path.join(root, 'outside.tf.json');
    writeFileSync(outside, JSON.stringify({ resource: { azurerm_user_assigned_identity: { secret: { name: 'outside' } } } }));
    mkdirSync(path.join(root, 'cdktf.out', 'stacks', 'app'), { recursive: true });
    if (link) symlinkSync(outside, path.join(root, 'cdktf.out', link));
    const manifest = { stacks: { app: { name: 'app', synthesizedStackPath: stackPath.replace('<outside>', outside) } } };
    writeFileSync(path.join(root, 'cdktf.out', 'manifest.json'), JSON.stringify(manifest));
    return root;
  }

  async function errorIn(root: string): Promise<unknown> {
    return thrownBy(() => readInputs(['cdktf.out'], { cwd: root }));
  }

  test('refuses a stack path that climbs out of the directory', async () => {
    const error = await errorIn(outdirWithStackAt('../outside.tf.json'));
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).message).toBe(
      `${path.join('cdktf.out', 'manifest.json')}: /stacks/app/synthesizedStackPath: stack "app" is at ../outside.tf.json, outside cdktf.out; `
      + 'a cdktf manifest names its stacks inside its own directory');
  });

  test('refuses an absolute stack path', async () => {
    const root = outdirWithStackAt('<outside>');
    const error = await errorIn(root);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).message).toMatch(/^cdktf\.out[/\\]manifest\.json: \/stacks\/app\/synthesizedStackPath: stack "app" is at .*outside\.tf\.json, outside cdktf\.out; /);
  });

  test('refuses a stack file that is a link to a file outside the directory', async () => {
    const error = await errorIn(outdirWithStackAt('stacks/app/cdk.tf.json', path.join('stacks', 'app', 'cdk.tf.json')));
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).message).toBe(
      `${path.join('cdktf.out', 'manifest.json')}: /stacks/app/synthesizedStackPath: stack "app" is at stacks/app/cdk.tf.json, outside cdktf.out; `
      + 'a cdktf manifest names its stacks inside its own directory');
  });

  test('still reads a stack path written with ./ and a stack inside the directory', async () => {
    const root = outdirWithStackAt('./stacks/app/cdk.tf.json');
    writeFileSync(path.join(root, 'cdktf.out', 'stacks', 'app', 'cdk.tf.json'), JSON.stringify({ resource: { azurerm_user_assigned_identity: { api: { name: 'uai-api' } } } }));
    const documents = await readInputs(['cdktf.out'], { cwd: root });
    expect(documents.map((d) => d.stack)).toEqual(['app']);
    expect(addressesOf(documents[0])).toEqual(['azurerm_user_assigned_identity.api']);
  });
});
