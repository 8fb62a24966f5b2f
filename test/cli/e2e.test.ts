import { spawn, spawnSync } from 'child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { App, LocalBackend, TerraformStack } from 'cdktf';
import { REPO } from './run-cli';
import { BuiltInRole, Duration, JustInTimeAccess, Principal, Scope, WorkloadIdentity } from '../../src';
import { appResources } from '../support/stack';

const BIN = path.join(REPO, 'lib', 'cli', 'main.js');

/** The built command, as a user runs it: a child process of node, from the repository root. */
function azureAccess(args: string[], input?: string) {
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd: REPO, input, encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function synthesizeApp(): string {
  const outdir = mkdtempSync(path.join(tmpdir(), 'azure-access-e2e-'));
  const app = new App({ outdir });
  const stack = new TerraformStack(app, 'ordering');
  new AzurermProvider(stack, 'azurerm', { features: [{}] });
  new LocalBackend(stack, { path: 'terraform.tfstate' });
  const { rg, vault, functionApp } = appResources(stack);
  const api = new WorkloadIdentity(stack, 'OrderingApi', { name: 'uai-ordering-api', resourceGroupName: 'rg-shared-identities', location: 'eastus', owner: 'team' });
  api.attachTo(functionApp);
  api.grant(BuiltInRole.KEY_VAULT_SECRETS_USER, Scope.of(vault));
  new JustInTimeAccess(stack, 'PlatformAdmins', {
    principals: [Principal.group('cccccccc-1111-2222-3333-dddddddddddd', 'platform-admins')],
    roles: [BuiltInRole.OWNER, BuiltInRole.USER_ACCESS_ADMINISTRATOR],
    scope: Scope.of(rg),
    eligibleFor: Duration.days(180),
    activation: { maxDuration: Duration.hours(1), approvers: [Principal.group('dddddddd-1111-2222-3333-eeeeeeeeeeee', 'security')], requireMfa: true, requireJustification: true },
  });
  app.synth();
  return outdir;
}

describe('the built azure-access command', () => {
  beforeAll(() => {
    if (!existsSync(BIN)) throw new Error(`${BIN} is missing: npm test compiles first; run npx projen compile before jest alone.`);
  });

  test('reports a cdktf.out directory: nothing dropped', () => {
    const outdir = synthesizeApp();
    const { code, stdout, stderr } = azureAccess(['report', '--format', 'json', outdir]);
    expect([code, stderr]).toEqual([0, '']);
    const report = JSON.parse(stdout);
    const json = JSON.parse(readFileSync(path.join(outdir, 'stacks', 'ordering', 'cdk.tf.json'), 'utf8'));
    expect(report.totals.grants).toBe(Object.keys(json.resource.azurerm_role_assignment).length);
    expect(report.totals.eligibilities).toBe(Object.keys(json.resource.azurerm_pim_eligible_role_assignment).length);
    expect(report.rows.map((r: { role: string; access: string; scopeLevel: string }) => [r.role, r.access, r.scopeLevel])).toEqual([
      ['Key Vault Secrets User', 'standing', 'resource'],
      ['Owner', 'eligible', 'resource-group'],
      ['User Access Administrator', 'eligible', 'resource-group'],
    ]);
  });

  test('checks a clean synthesis with exit 0, and an HCL repository with exit 1', () => {
    const clean = azureAccess(['check', '--today', '2026-11-27', synthesizeApp()]);
    expect([clean.code, clean.stdout]).toEqual([0, '0 error(s), 0 warning(s), 0 info, 0 suppressed.\n']);
    const dirty = azureAccess(['check', '--today', '2026-11-27', 'test/fixtures/cli/hcl-repo']);
    expect(dirty.code).toBe(1);
    expect(dirty.stdout).toMatch(/error AZA004/);
  });

  test('reads a plan and standard input', () => {
    const plan = azureAccess(['report', '--format', 'json', 'test/fixtures/reader/plan.json']);
    expect(plan.code).toBe(0);
    const piped = azureAccess(['report', '--format', 'json', '-'], readFileSync(path.join(REPO, 'test/fixtures/reader/main.tf.json'), 'utf8'));
    expect(piped.code).toBe(0);
    expect(JSON.parse(piped.stdout).rows[0].file).toBe('<stdin>');
  });

  test.each<[string[], string]>([
    [['report', 'test/fixtures/cli/hcl-repo'], 'azure-access report: report made (exit would have been 0), '],
    [['check', '--today', '2026-11-27', 'test/fixtures/cli/hcl-repo'], 'azure-access check: 3 finding(s) at or above --fail-on error (exit would have been 1), '],
  ])('%j > /dev/full exits 2 with one line on stderr, no stack trace', (args, result) => {
    const full = openSync('/dev/full', 'w');
    try {
      const child = spawnSync(process.execPath, [BIN, ...args], { cwd: REPO, stdio: ['ignore', full, 'pipe'], encoding: 'utf8' });
      expect(child.status).toBe(2);
      expect(child.stderr).toBe(`${result}but standard output could not be written: no space left on device (ENOSPC); exit 2\n`);
    } finally {
      closeSync(full);
    }
  });

  test('a report many times larger than a pipe holds reaches a slow reader whole', async () => {
    // 2,000 grants: over a megabyte of JSON, written into a 64 KiB pipe that is read late. Whether
    // the writes block or come back partial (a non-blocking pipe), the reader gets every byte.
    const dir = mkdtempSync(path.join(tmpdir(), 'azure-access-pipe-'));
    const file = path.join(dir, 'cdk.tf.json');
    const assignments: Record<string, object> = {};
    for (let i = 0; i < 2000; i++) {
      assignments[`grant${i}`] = {
        scope: `/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/rg-${i % 50}`,
        role_definition_name: i % 2 ? 'Contributor' : 'Reader',
        principal_id: '${azurerm_user_assigned_identity.app.principal_id}',
      };
    }
    // A name of two-byte characters, on every row: a partial write may stop inside one.
    writeFileSync(file, JSON.stringify({ resource: { azurerm_user_assigned_identity: { app: { name: 'uai-äpp-ö' } }, azurerm_role_assignment: assignments } }));
    try {
      const child = spawn(process.execPath, [BIN, 'report', '--format', 'json', file], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
      child.stdout.pause();
      await new Promise((resolve) => setTimeout(resolve, 300));
      const chunks: Buffer[] = [];
      child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
      child.stdout.resume();
      const code = await new Promise((resolve) => child.on('close', resolve));
      const text = Buffer.concat(chunks).toString('utf8');
      expect(code).toBe(0);
      expect(text.length).toBeGreaterThan(1024 * 1024);
      const report = JSON.parse(text);
      expect(report.rows).toHaveLength(2000);
      expect(report.rows.every((r: { principal: string }) => r.principal === 'uai-äpp-ö')).toBe(true);
      // What Contributor opens itself at each of the 50 groups: one row per grant.
      expect(report.opensItself.length).toBeGreaterThan(0);
      // The same text as a reader that takes each write as it comes.
      const prompt = spawnSync(process.execPath, [BIN, 'report', '--format', 'json', file], { cwd: REPO, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
      expect(text).toBe(prompt.stdout);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test.each<[string[], RegExp, string]>([
    [['report', 'test/fixtures/reader/bad.tf'], /bad\.tf: line \d+, column \d+/, ''],
    [['report', '-'], /<stdin>: /, '{ not json'],
    [['check', 'no/such/file.tf.json'], /no\/such\/file\.tf\.json: no such file or directory/, ''],
    [['check', '--format'], /--format needs a value/, ''],
  ])('bad input %j exits 2 with the place and no stack trace', (args, message, input) => {
    const { code, stdout, stderr } = azureAccess(args, input);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(message);
    expect(stderr).not.toMatch(/\bat .*\.js:\d+/);
  });
});
