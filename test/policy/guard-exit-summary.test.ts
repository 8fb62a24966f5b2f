import { spawnSync } from 'child_process';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { CDKTF_CONTINUE_ENV, guardExitSummary } from '../../src/policy/guard-exit-summary';

const REPO = path.resolve(__dirname, '../..');

describe('the guard\'s last word when its errors stop synth', () => {
  const errors = new Map([['ordering-api', new Map([['AZA004', 2], ['AZA005', 1]])]]);

  test('a failed synth ends with what failed, how a finding is fixed or accepted, and what cdktf\'s hints do not do', () => {
    expect(guardExitSummary(errors, 1, false)).toBe([
      'cdktf-azure-access: synth failed on the AccessGuard\'s findings, listed above with their fixes: "ordering-api": 3 errors (AZA004 ×2, AZA005).',
      '  Fix each as its message says, or accept it with a reason: AccessGuard.suppress(construct, \'<rule ID>\', { reason: \'...\' }) '
        + '(a secret\'s also needs an `until` date; its fix says so).',
      `  cdktf's own hints (${CDKTF_CONTINUE_ENV}, skipValidation: true) accept nothing: they only let cdktf go on.`,
      '  To report errors without failing synth (a CI step that uploads SARIF, then fails), set AZURE_ACCESS_GUARD=record.',
      '',
    ].join('\n'));
  });

  test('a synth cdktf was told to continue says the errors are still errors; a clean run or one the app handled says nothing', () => {
    expect(guardExitSummary(errors, 0, true)).toContain(`the AccessGuard's errors did not stop synth because ${CDKTF_CONTINUE_ENV} is set: `
      + '"ordering-api": 3 errors (AZA004 ×2, AZA005). They are still errors: `azure-access check` of this output fails on them.');
    expect(guardExitSummary(errors, 0, false)).toBeUndefined();
    expect(guardExitSummary(new Map(), 1, false)).toBeUndefined();
  });

  test('in a real app, the summary comes after cdktf\'s error and its hints, as the last lines of the run', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'guard-exit-'));
    try {
      // The app's own directory, with this repository's packages as its node_modules.
      symlinkSync(path.join(REPO, 'node_modules'), path.join(dir, 'node_modules'));
      // Its own TypeScript settings, so ts-node never picks up a tsconfig.json from a directory above.
      writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { module: 'commonjs', target: 'ES2022' } }));
      const main = path.join(dir, 'main.ts');
      // A workload given Contributor at a resource group: AZA004, an error of the guard.
      writeFileSync(main, `
import { App, Aspects, TerraformStack } from 'cdktf';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { AccessGuard, BuiltInRole, Scope, WorkloadIdentity } from ${JSON.stringify(path.join(REPO, 'src'))};
const app = new App({ outdir: ${JSON.stringify(path.join(dir, 'out'))} });
const stack = new TerraformStack(app, 'ordering-api');
new AzurermProvider(stack, 'azurerm', { features: [{}] });
const api = new WorkloadIdentity(stack, 'Api', { name: 'uai-api', resourceGroupName: 'rg-app', location: 'eastus', owner: 'team' });
api.grant(BuiltInRole.CONTRIBUTOR, Scope.resourceGroup('11111111-2222-3333-4444-555555555555', 'rg-app'));
Aspects.of(stack).add(new AccessGuard({ today: '2026-11-27' }));
app.synth();
`);
      const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('AZURE_ACCESS_') && k !== CDKTF_CONTINUE_ENV));
      const run = spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', main], { cwd: dir, encoding: 'utf8', env });
      expect(run.status).toBe(1);
      const hint = run.stderr.indexOf(`set the environment variable ${CDKTF_CONTINUE_ENV}`);
      const summary = run.stderr.indexOf('cdktf-azure-access: synth failed on the AccessGuard\'s findings');
      expect(hint).toBeGreaterThan(0);
      expect(summary).toBeGreaterThan(hint);
      expect(run.stderr.slice(summary)).toContain('"ordering-api": 1 error (AZA004)');
      expect(run.stderr.trimEnd().endsWith('set AZURE_ACCESS_GUARD=record.')).toBe(true);
      // cdktf's message and hint stay; the stack of its internals does not.
      expect(run.stderr).not.toContain('at StackSynthesizer');
      // Told to go on, cdktf writes the output; the guard says at exit that the errors are still errors.
      const going = spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', main], { cwd: dir, encoding: 'utf8', env: { ...env, [CDKTF_CONTINUE_ENV]: '1' } });
      expect(going.status).toBe(0);
      expect(going.stderr).toContain(`the AccessGuard's errors did not stop synth because ${CDKTF_CONTINUE_ENV} is set: "ordering-api": 1 error (AZA004).`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
