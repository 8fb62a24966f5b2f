import '@microsoft/jest-sarif';
import { readFileSync } from 'fs';
import * as path from 'path';
import { run } from '../../src/cli/run';
import { exampleRepo, expectInjectedError, STACK_FILE, synthExample } from '../support/example-repo';

/** `azure-access check` run from `cwd`, as CI runs it from the repository root. */
async function checkIn(cwd: string, args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await run(['check', ...args], {
    stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), readStdin: async () => '', env: {}, cwd,
  });
  return { code, stdout, stderr };
}

const JSON_FILE = 'cdktf.out/stacks/ordering-api/cdk.tf.json';

describe('SARIF for code scanning, over the example with an injected error', () => {
  const { dir, injectedLine } = exampleRepo({ inject: true });
  const synth = synthExample(dir, { AZURE_ACCESS_SOURCE_LOCATIONS: '1', AZURE_ACCESS_GUARD: 'record' });

  test('the guard records the error instead of failing synth (AZURE_ACCESS_GUARD=record)', () => {
    expect(synth.code).toBe(0);
    const manifest = JSON.parse(readFileSync(path.join(dir, 'cdktf.out/manifest.json'), 'utf8'));
    const recorded = manifest.stacks['ordering-api'].annotations.filter((a: any) => a.message.startsWith('[AZA004]'));
    expect(recorded).toHaveLength(1);
    expect(recorded[0].level).toBe('@cdktf/warn');
    expect(recorded[0].message).toContain('(an error, recorded for azure-access check: AZURE_ACCESS_GUARD=record)');
  });

  test('the error is located at the TypeScript line that made the grant, the JSON as a related location', async () => {
    const { code, stdout } = await checkIn(dir, ['--format', 'sarif', '--today', '2026-11-27', 'cdktf.out']);
    expect(code).toBe(1);
    const error = expectInjectedError(JSON.parse(stdout), injectedLine);
    expect(readFileSync(path.join(dir, STACK_FILE), 'utf8').split('\n')[injectedLine! - 1]).toContain('BuiltInRole.CONTRIBUTOR');
    const related = error.relatedLocations[0].physicalLocation;
    expect(related.artifactLocation).toEqual({ uri: JSON_FILE, uriBaseId: '%SRCROOT%' });
    expect(readFileSync(path.join(dir, JSON_FILE), 'utf8').split('\n')[related.region.startLine - 1]).toContain('OrderingApi_Contributor-rg');
  });

  test('suppressed findings are present with their justification and end date; the driver has version', async () => {
    const { stdout } = await checkIn(dir, ['--format', 'sarif', '--today', '2026-11-27', 'cdktf.out']);
    const run0 = JSON.parse(stdout).runs[0];
    expect(run0.tool.driver.version).toBe(run0.tool.driver.semanticVersion);
    const suppressed = run0.results.filter((r: any) => r.suppressions);
    expect(suppressed.map((r: any) => r.ruleId)).toEqual(['AZA005']);
    expect(suppressed[0].suppressions).toEqual([{
      kind: 'inSource',
      justification: 'deploys move to the github-prod federated credential of uai-ordering-api',
      properties: { until: '2027-06-30' },
    }]);
    expect(suppressed[0].locations[0].physicalLocation.artifactLocation.uri).toBe(STACK_FILE);
  });

  test('fingerprints are unique and the same however the input path is typed; no machine path anywhere', async () => {
    const outputs = await Promise.all(['cdktf.out', './cdktf.out', path.join(dir, 'cdktf.out'), 'cdktf.out/'].map((input) =>
      checkIn(dir, ['--format', 'sarif', '--today', '2026-11-27', input]).then((r) => r.stdout)));
    for (const output of outputs) expect(output).toBe(outputs[0]);
    expect(outputs[0]).not.toContain(dir);
    const prints = JSON.parse(outputs[0]).runs[0].results.map((r: any) => r.partialFingerprints['azureAccessFinding/v1']);
    expect(prints.length).toBeGreaterThan(1);
    expect(new Set(prints).size).toBe(prints.length);
  });

  test('without AZURE_ACCESS_SOURCE_LOCATIONS the synthesized JSON carries no source lines', () => {
    const plain = exampleRepo();
    expect(synthExample(plain.dir).code).toBe(0);
    const json = JSON.parse(readFileSync(path.join(plain.dir, JSON_FILE), 'utf8'));
    const ours = Object.values<Record<string, any>>(json.resource).flatMap((byName) => Object.values<any>(byName))
      .map((body) => body['//']?.['cdktf-azure-access']).filter((x) => x !== undefined);
    expect(ours.length).toBeGreaterThan(0);
    expect(ours.filter((x) => x.source !== undefined)).toEqual([]);
  });
});

describe('SARIF results of escalations, one per root cause', () => {
  const sarifOf = async (fixture: string) => {
    const { stdout } = await checkIn(path.resolve(__dirname, '../..'), [
      '--format', 'sarif', '--today', '2026-11-27', '--config', 'test/fixtures/suppression-accepts/access-unbound.json', `test/fixtures/suppression-accepts/${fixture}`,
    ]);
    return JSON.parse(stdout).runs[0].results.filter((r: any) => r.ruleId === 'AZA013');
  };

  test('two paths from one assignment are one result, its paths as code flows located step by step', async () => {
    const all = await sarifOf('widened');
    expect(all).toHaveLength(1);
    const [result] = all;
    // The root cause is the target; what it reaches is in the message and the code flows.
    expect(result.properties.target).toBe('human alice holds "Virtual Machine Contributor" at rg-app');
    expect(result.suppressions?.[0].kind).toBe('external');
    expect(result.partialFingerprints['azureAccessFinding/v1']).toMatch(/^[0-9a-f]{32}$/);
    expect(result.codeFlows).toHaveLength(2);
    const steps = result.codeFlows[0].threadFlows[0].locations
      .map((l: any) => [l.location.logicalLocations[0].fullyQualifiedName, l.location.message.text]);
    expect(steps).toEqual([
      ['azurerm_role_assignment.alice_vm', 'human alice holds "Virtual Machine Contributor" at rg-app'],
      ['azurerm_linux_virtual_machine.worker', 'runs as uai-worker on vm-worker (Microsoft.Compute/virtualMachines/runCommand/action)'],
      ['azurerm_role_assignment.worker_secrets', 'uai-worker holds "Key Vault Secrets Officer" at kv-payments'],
    ]);
    expect(result.codeFlows[0].threadFlows[0].locations.every((l: any) => l.location.physicalLocation.region.startLine > 0)).toBe(true);
  });

  test('the fingerprint is the root cause\'s: the same in every run, whatever order the paths are found in', async () => {
    const [first] = await sarifOf('widened');
    const [second] = await sarifOf('widened');
    expect(second.partialFingerprints).toEqual(first.partialFingerprints);
    expect(second.codeFlows).toEqual(first.codeFlows);
  });
});
