import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { cli, REPO } from './run-cli';

const tmp = () => mkdtempSync(path.join(tmpdir(), 'azure-access-cli-'));

/** A cdktf-shaped stack JSON with one grant of Key Vault Secrets User at `scope`. */
function stackJson(scope: string, address = 'api_secrets'): string {
  return JSON.stringify({
    '//': { metadata: { backend: 'local', stackName: 'app', version: '0.21.0' } },
    'resource': {
      azurerm_resource_group: { rg: { 'name': 'rg-app', 'location': 'eastus', '//': { metadata: { path: 'app/rg' } } } },
      azurerm_key_vault: { kv: { 'name': 'kv-app', 'resource_group_name': '${azurerm_resource_group.rg.name}', '//': { metadata: { path: 'app/kv' } } } },
      azurerm_user_assigned_identity: { api: { 'name': 'uai-api', 'tags': { owner: 'team' }, '//': { metadata: { path: 'app/api' } } } },
      azurerm_role_assignment: {
        [address]: {
          scope,
          'role_definition_name': 'Key Vault Secrets User',
          'principal_id': '${azurerm_user_assigned_identity.api.principal_id}',
          'principal_type': 'ServicePrincipal',
          '//': { metadata: { path: `app/${address}` } },
        },
      },
    },
  });
}

function files(...documents: string[]): string[] {
  const dir = tmp();
  return documents.map((text, i) => {
    const file = path.join(dir, `stack-${i}.tf.json`);
    writeFileSync(file, text);
    return file;
  });
}

describe('azure-access diff', () => {
  test('a synthesis against itself reports nothing', async () => {
    const [base, head] = files(stackJson('${azurerm_key_vault.kv.id}'), stackJson('${azurerm_key_vault.kv.id}'));
    const { code, stdout } = await cli(['diff', '--format', 'json', '--fail-on-escalation', base, head]);
    expect(code).toBe(0);
    expect(JSON.parse(stdout).changes).toEqual([]);
    expect((await cli(['diff', base, head])).stdout).toMatch(/No access changes/);
  });

  test('widening a Key Vault grant to its resource group is reported and fails with --fail-on-escalation', async () => {
    const [base, head] = files(stackJson('${azurerm_key_vault.kv.id}'), stackJson('${azurerm_resource_group.rg.id}'));
    const json = await cli(['diff', '--format', 'json', base, head]);
    expect(json.code).toBe(0);
    const [change] = JSON.parse(json.stdout).changes;
    expect(change).toMatchObject({ kind: 'scope-widened', previousScopeLevel: 'resource', scopeLevel: 'resource-group', escalation: true });
    expect((await cli(['diff', '--fail-on-escalation', base, head])).code).toBe(1);
  });

  test('a renamed construct is a recreate, with the moved block that keeps access', async () => {
    const [base, head] = files(stackJson('${azurerm_key_vault.kv.id}', 'api_secrets'), stackJson('${azurerm_key_vault.kv.id}', 'api_kv_secrets'));
    const { stdout } = await cli(['diff', base, head]);
    expect(stdout).toMatch(/recreated/);
    expect(stdout).toMatch(/moved \{\s*\n\s*from = azurerm_role_assignment\.api_secrets\s*\n\s*to\s*= azurerm_role_assignment\.api_kv_secrets/);
  });

  test('markdown also goes to GITHUB_STEP_SUMMARY', async () => {
    const [base, head] = files(stackJson('${azurerm_key_vault.kv.id}'), stackJson('${azurerm_resource_group.rg.id}'));
    const summary = path.join(tmp(), 'summary.md');
    const { stdout } = await cli(['diff', base, head], { env: { GITHUB_STEP_SUMMARY: summary } });
    expect(readFileSync(summary, 'utf8')).toBe(`${stdout}\n`);
  });

  test('reads the grant changes inside one plan', async () => {
    const { code, stdout } = await cli(['diff', '--format', 'json', 'test/fixtures/diff/plan-replace.json']);
    expect(code).toBe(0);
    expect(JSON.parse(stdout).changes.length).toBeGreaterThan(0);
  });

  test('standard input given as both sides is refused, not compared with itself', async () => {
    const { code, stdout, stderr } = await cli(['diff', '-', '-'], { stdin: stackJson('${azurerm_key_vault.kv.id}') });
    expect([code, stdout]).toEqual([2, '']);
    expect(stderr).toBe('azure-access diff: <stdin>: standard input (-) is given more than once\n');
  });

  test('two unreadable sides: the base is the one named, every run, whichever read fails first (issue 26, item 7)', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'azure-access-diff-both-bad-'));
    // The base is HCL (parsed in a worker, so it fails later); the head is JSON that fails at once.
    const base = path.join(dir, 'base.tf');
    const head = path.join(dir, 'head.tf.json');
    writeFileSync(base, 'resource "azurerm_role_assignment" "a" {\n  scope =\n');
    writeFileSync(head, '{bad');
    const named = new Set<string>();
    for (let run = 0; run < 5; run++) {
      const { code, stderr } = await cli(['diff', base, head]);
      expect(code).toBe(2);
      named.add(stderr.split(':')[1].trim());
    }
    expect([...named]).toEqual([base]);
  });

  test.each([
    [['diff', 'test/fixtures/cli/clean'], /is not a plan; give a plan JSON/],
    [['diff', 'a', 'b', 'c'], /expected <base> <head> or one plan JSON; got 3 inputs/],
  ])('usage errors exit 2: %j', async (argv, message) => {
    const { code, stderr } = await cli(argv);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
  });
});

describe('azure-access audit', () => {
  const A = 'test/fixtures/audit';
  const exportsArgs = [
    '--live-assignments', `${A}/az-role-assignment-list.json`,
    '--live-eligibility', `${A}/arm-role-eligibility-schedules-list.json`,
    '--apps', `${A}/graph-applications-credentials.json`,
    '--identities', `${A}/graph-serviceprincipals-managedidentity.json`,
    '--today', '2026-11-27',
  ];

  test('compares code with the tenant and never prints a secret', async () => {
    const { code, stdout, stderr } = await cli(['audit', '--format', 'json', ...exportsArgs, 'test/fixtures/cli/hcl-repo']);
    expect(stderr).toBe('');
    expect([0, 1]).toContain(code);
    const result = JSON.parse(stdout);
    expect(result.findings.length).toBeGreaterThan(0);
    expect(stdout).not.toMatch(/secretText/);
  });

  test('--emit-imports writes import blocks for unmanaged assignments', async () => {
    const out = path.join(tmp(), 'imports.tf.json');
    await cli(['audit', ...exportsArgs, '--emit-imports', out]);
    const blocks = JSON.parse(readFileSync(out, 'utf8'));
    expect(blocks.import.length).toBeGreaterThan(0);
    expect(blocks.import[0]).toEqual({ to: expect.stringMatching(/^azurerm_role_assignment\.[a-z0-9_]+$/), id: expect.stringMatching(/\/providers\/Microsoft\.Authorization\/roleAssignments\//) });
  });

  test('bad input exits 2 and writes no partial output file', async () => {
    const out = path.join(tmp(), 'imports.tf.json');
    const { code, stderr } = await cli(['audit', '--live-assignments', 'test/fixtures/reader/notes.txt', '--emit-imports', out]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/notes\.txt: /);
    expect(existsSync(out)).toBe(false);
    const missing = await cli(['audit', '--emit-imports', out]);
    expect([missing.code, missing.stderr]).toEqual([2, expect.stringMatching(/--live-assignments FILE is required/)]);
  });
});

describe('the README', () => {
  test('its audit excerpt is what the command it names prints, line for line', async () => {
    const readme = readFileSync(path.join(REPO, 'README.md'), 'utf8');
    const named = /\(`(azure-access audit [^`]+)`\)\nit begins:\n\n```text\n([\s\S]*?)```/.exec(readme);
    expect(named).not.toBeNull();
    const [, command, excerpt] = named!;
    const { code, stdout } = await cli(command.split(' ').slice(1));
    expect(code).toBe(1);
    expect(excerpt.split('\n').length).toBeGreaterThan(5);
    expect(stdout.startsWith(excerpt)).toBe(true);
  });
});
