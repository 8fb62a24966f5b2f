import { spawnSync } from 'child_process';
import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';

const REPO = path.resolve(__dirname, '../..');

/** An app of one stack with one grant, synthesized in a fresh process, with or without a guard. */
function synth(options: { guard: boolean; env: Record<string, string> }) {
  const outdir = mkdtempSync(path.join(tmpdir(), 'azure-access-sources-'));
  const app = `
const { App, TerraformStack, Aspects } = require('cdktf');
const lib = require('./src');
const app = new App({ outdir: ${JSON.stringify(outdir)} });
const stack = new TerraformStack(app, 'ordering');
const { AzurermProvider } = require('@cdktf/provider-azurerm/lib/provider');
new AzurermProvider(stack, 'azurerm', { features: [{}] });
const id = new lib.WorkloadIdentity(stack, 'api', { name: 'uai-api', resourceGroupName: 'rg-api', location: 'eastus', owner: 'team' });
id.grant(lib.BuiltInRole.READER, lib.Scope.resourceGroup('11111111-2222-3333-4444-555555555555', 'rg-api'));
${options.guard ? "Aspects.of(stack).add(new lib.AccessGuard({ today: '2026-12-06' }));" : ''}
app.synth();
`;
  const env: Record<string, string | undefined> = { ...process.env, ...options.env };
  delete env.AZURE_ACCESS_SOURCE_LOCATIONS;
  Object.assign(env, options.env);
  const result = spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', '-e', app], { cwd: REPO, encoding: 'utf8', env });
  return { code: result.status, stderr: result.stderr };
}

// AZURE_ACCESS_SOURCE_LOCATIONS asks for source lines, and only the AccessGuard records them:
// asked for without a guard, the synth says so instead of recording nothing in silence.
describe('AZURE_ACCESS_SOURCE_LOCATIONS without an AccessGuard', () => {
  test('names the stack that has no guard, and how to add one', () => {
    const { code, stderr } = synth({ guard: false, env: { AZURE_ACCESS_SOURCE_LOCATIONS: '1' } });
    expect(code).toBe(0);
    expect(stderr).toContain('cdktf-azure-access: AZURE_ACCESS_SOURCE_LOCATIONS is set, but no AccessGuard judged "ordering"');
    expect(stderr).toContain('Add Aspects.of(stack).add(new AccessGuard())');
  }, 60_000);

  test('says nothing with a guard, or when source lines were not asked for', () => {
    const guarded = synth({ guard: true, env: { AZURE_ACCESS_SOURCE_LOCATIONS: '1' } });
    expect(guarded.code).toBe(0);
    expect(guarded.stderr).not.toContain('AZURE_ACCESS_SOURCE_LOCATIONS');
    const notAsked = synth({ guard: false, env: {} });
    expect(notAsked.code).toBe(0);
    expect(notAsked.stderr).not.toContain('AZURE_ACCESS_SOURCE_LOCATIONS');
  }, 60_000);
});
