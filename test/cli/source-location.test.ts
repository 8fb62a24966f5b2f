import { mkdirSync, mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { declarationLocator } from '../../src/cli/source-location';

// The answers SARIF gives today for where a finding's resource is declared, pinned so a faster
// lookup can be checked against them: the same line, the same relative URI, the same fallback.

const HCL = [
  'resource "azurerm_role_assignment" "app2" {',
  '  name = "app"',
  '}',
  '',
  'data "azurerm_subscription" "current" {}',
  '',
  '  resource   "azurerm_role_assignment"   "app" {',
  '  count = 2',
  '}',
  'resource "azurerm_role_assignment" "grant0" {}',
  'module "a" {',
  '  source = "./m"',
  '}',
].join('\n');

const JSON_DOCUMENT = JSON.stringify({
  '//': { metadata: { stackName: 'app' } },
  'module': { a: { source: './m' } },
  'resource': {
    azurerm_user_assigned_identity: { app: { name: 'app2' } },
    azurerm_role_assignment: {
      app2: { principal_id: '${azurerm_user_assigned_identity.app.principal_id}' },
      app: { principal_id: '${azurerm_user_assigned_identity.app2.principal_id}' },
    },
  },
}, null, 2);

function workspace(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'source-location-'));
  writeFileSync(path.join(dir, 'main.tf'), HCL);
  writeFileSync(path.join(dir, 'cdk.tf.json'), JSON_DOCUMENT);
  mkdirSync(path.join(dir, 'repo'));
  writeFileSync(path.join(dir, 'repo', 'b.tf'), 'resource "azurerm_role_assignment" "app" {}\n');
  writeFileSync(path.join(dir, 'repo', 'a.tf'), '\n\nresource "azurerm_role_assignment" "app" {}\n');
  writeFileSync(path.join(dir, 'repo', 'c.tf.json'), JSON.stringify({ resource: { azurerm_key_vault: { kv: {} } } }, null, 2));
  writeFileSync(path.join(dir, 'repo', 'notes.txt'), 'resource "azurerm_key_vault" "kv" {}\n');
  return dir;
}

// One locator a working directory, as one command run has: every look-up after the first of an
// input is answered from its index.
const locators = new Map<string, ReturnType<typeof declarationLocator>>();
function locate(cwd: string, input: string, address: string) {
  if (!locators.has(cwd)) locators.set(cwd, declarationLocator(cwd));
  return locators.get(cwd)!(input, address);
}

describe('where a finding\'s resource is declared', () => {
  const cwd = workspace();

  test.each([
    ['azurerm_role_assignment.app2', 1],
    ['azurerm_role_assignment.app', 7],
    ['data.azurerm_subscription.current', 5],
    ['azurerm_subscription.current', 5],
  ])('HCL: %s is on line %d', (address, line) => {
    expect(locate(cwd, 'main.tf', address)).toEqual({ uri: 'main.tf', line });
  });

  test('JSON: the first line after the type\'s key that names the block, a key or a value', () => {
    const lines = JSON_DOCUMENT.split('\n');
    // The 1-based line of `text`, the first at or after line `from`.
    const line = (text: string, from = 1) => lines.indexOf(text, from - 1) + 1;
    const assignments = line('    "azurerm_role_assignment": {');
    expect(locate(cwd, 'cdk.tf.json', 'azurerm_role_assignment.app2')).toEqual({ uri: 'cdk.tf.json', line: line('      "app2": {', assignments) });
    expect(locate(cwd, 'cdk.tf.json', 'azurerm_role_assignment.app')).toEqual({ uri: 'cdk.tf.json', line: line('      "app": {', assignments) });
    expect(locate(cwd, 'cdk.tf.json', 'azurerm_user_assigned_identity.app')).toEqual({ uri: 'cdk.tf.json', line: line('    "azurerm_user_assigned_identity": {') + 1 });
    // No block is named app2 under the identity's type: its name value is found instead.
    expect(locate(cwd, 'cdk.tf.json', 'azurerm_user_assigned_identity.app2')).toEqual({ uri: 'cdk.tf.json', line: line('        "name": "app2"') });
  });

  test('JSON on one line (a plan from `terraform show -json`, a minified document): line 1, or not found', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'source-location-'));
    writeFileSync(path.join(dir, 'plan.json'), JSON.stringify({
      resource: { azurerm_user_assigned_identity: { app: { name: 'say "hi"' } }, azurerm_role_assignment: { app: {} } },
    }));
    const locateIn = declarationLocator(dir);
    expect(locateIn('plan.json', 'azurerm_role_assignment.app')).toEqual({ uri: 'plan.json', line: 1 });
    expect(locateIn('plan.json', 'azurerm_user_assigned_identity.app')).toEqual({ uri: 'plan.json', line: 1 });
    expect(locateIn('plan.json', 'azurerm_key_vault.app')).toEqual({ uri: 'plan.json' });
    expect(locateIn('plan.json', 'azurerm_role_assignment.other')).toEqual({ uri: 'plan.json' });
    // A name that holds a quote is still searched for whole on the lines that quote its first piece.
    expect(locateIn('plan.json', 'azurerm_user_assigned_identity.say \\"hi\\')).toEqual({ uri: 'plan.json', line: 1 });
    expect(locateIn('plan.json', 'azurerm_user_assigned_identity.say \\"ho\\')).toEqual({ uri: 'plan.json' });
  });

  test('a directory: its .tf and .tf.json files in name order, the first that declares it, URI relative with /', () => {
    expect(locate(cwd, 'repo', 'azurerm_role_assignment.app')).toEqual({ uri: 'repo/a.tf', line: 3 });
    expect(locate(cwd, './repo/', 'azurerm_key_vault.kv')).toEqual({ uri: 'repo/c.tf.json', line: 4 });
    expect(locate(path.join(cwd, 'repo'), '.', 'azurerm_role_assignment.app')).toEqual({ uri: 'a.tf', line: 3 });
  });

  test('what is not found, standard input, a file that moved: the input as given, without a line', () => {
    expect(locate(cwd, 'main.tf', 'azurerm_key_vault.kv')).toEqual({ uri: 'main.tf' });
    expect(locate(cwd, './repo', 'azurerm_key_vault.other')).toEqual({ uri: './repo' });
    expect(locate(cwd, '-', 'azurerm_role_assignment.app')).toEqual({ uri: '-' });
    expect(locate(cwd, 'moved/cdk.tf.json', 'azurerm_role_assignment.app')).toEqual({ uri: 'moved/cdk.tf.json' });
  });

  test('a module\'s resource is not looked for inside the module: the input itself', () => {
    expect(locate(cwd, 'main.tf', 'module.a.azurerm_role_assignment.app')).toEqual({ uri: 'main.tf' });
    expect(locate(cwd, 'cdk.tf.json', 'module.a.azurerm_role_assignment.app')).toEqual({ uri: 'cdk.tf.json' });
    expect(locate(cwd, 'cdk.tf.json', 'module.a["k"].azurerm_role_assignment.app[0]')).toEqual({ uri: 'cdk.tf.json' });
  });

  test('an instance of count or for_each: its index is read as a pattern, so the block itself is not found', () => {
    expect(locate(cwd, 'main.tf', 'azurerm_role_assignment.app[1]')).toEqual({ uri: 'main.tf' });
    expect(locate(cwd, 'main.tf', 'azurerm_role_assignment.app["k"]')).toEqual({ uri: 'main.tf' });
    expect(locate(cwd, 'cdk.tf.json', 'azurerm_role_assignment.app[0]')).toEqual({ uri: 'cdk.tf.json' });
    // `[0]` matches the one character 0: grant[0] is "found" at the block named grant0.
    expect(locate(cwd, 'main.tf', 'azurerm_role_assignment.grant[0]')).toEqual({ uri: 'main.tf', line: 10 });
    // A key that is not a valid pattern gives up on the input.
    expect(locate(cwd, 'main.tf', 'azurerm_role_assignment.app["a](b"]')).toEqual({ uri: 'main.tf' });
  });

  test('an input is read once a locator: a change after its first look-up is not seen', () => {
    const dir = workspace();
    const locateIn = declarationLocator(dir);
    expect(locateIn('main.tf', 'azurerm_role_assignment.app')).toEqual({ uri: 'main.tf', line: 7 });
    writeFileSync(path.join(dir, 'main.tf'), 'resource "azurerm_key_vault" "kv" {}\n');
    expect(locateIn('main.tf', 'azurerm_role_assignment.app')).toEqual({ uri: 'main.tf', line: 7 });
    expect(locateIn('main.tf', 'azurerm_key_vault.kv')).toEqual({ uri: 'main.tf' });
    expect(declarationLocator(dir)('main.tf', 'azurerm_key_vault.kv')).toEqual({ uri: 'main.tf', line: 1 });
  });
});
