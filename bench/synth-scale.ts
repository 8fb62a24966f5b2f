import * as path from 'path';
import { medianOfFreshProcesses, Sample } from './measure';

const ROOT = path.resolve(__dirname, '..');
const LIB = JSON.stringify(path.join(ROOT, 'lib'));
const ROLES = ['Key Vault Secrets User', 'Storage Blob Data Reader', 'Reader', 'App Configuration Data Reader', 'Monitoring Metrics Publisher'];

/** The body of a fresh process that builds `identities` identities with 5 grants each and synthesizes. */
function script(identities: number, variant: 'library' | 'raw', options: { guard?: boolean } = {}): string {
  return `
const os = require('os'); const fs = require('fs'); const path = require('path');
const { App, TerraformStack${options.guard ? ', Aspects' : ''} } = require('cdktf');
const { AzurermProvider } = require('@cdktf/provider-azurerm/lib/provider');
const lib = require(${LIB});
const { UserAssignedIdentity } = require('@cdktf/provider-azurerm/lib/user-assigned-identity');
const { RoleAssignment } = require('@cdktf/provider-azurerm/lib/role-assignment');
const roles = ${JSON.stringify(ROLES)}.map((n) => lib.BuiltInRole.fromName(n));
const sub = '11111111-2222-3333-4444-555555555555';
const __t0 = process.hrtime.bigint();
const app = new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'bench-')) });
const stack = new TerraformStack(app, 'bench');
new AzurermProvider(stack, 'azurerm', { features: [{}] });
for (let i = 0; i < ${identities}; i++) {
  const rg = '/subscriptions/' + sub + '/resourceGroups/rg-' + i;
  ${
    variant === 'library'
      ? `const id = new lib.WorkloadIdentity(stack, 'id' + i, { name: 'uai-' + i, resourceGroupName: 'rg-' + i, location: 'eastus', owner: 'team' });
  for (const role of roles) id.grant(role, lib.Scope.fromId(rg));`
      : `const id = new UserAssignedIdentity(stack, 'id' + i, { name: 'uai-' + i, resourceGroupName: 'rg-' + i, location: 'eastus', tags: { owner: 'team' } });
  for (const role of roles) new RoleAssignment(stack, 'id' + i + role.guid, { scope: rg, roleDefinitionId: role.subscriptionScopedId(sub),
    principalId: id.principalId, principalType: 'ServicePrincipal', skipServicePrincipalAadCheck: true });`
  }
}
${options.guard ? 'Aspects.of(stack).add(new lib.AccessGuard({ today: \'2026-11-27\' }));' : ''}
app.synth();
globalThis.__benchMs = Number(process.hrtime.bigint() - __t0) / 1e6;
fs.rmSync(app.outdir, { recursive: true, force: true });
`;
}

function line(label: string, s: Sample, extra = ''): string {
  return `| ${label} | ${s.ms.toFixed(0)} ms | ${s.rssMb.toFixed(0)} MB | ${extra} |`;
}

/** Median of `runs` fresh processes per variant, interleaved so machine load hits all alike. */
function interleaved(scripts: string[], runs: number): Sample[] {
  const samples: Sample[][] = scripts.map(() => []);
  for (let run = 0; run < runs; run++) {
    scripts.forEach((body, i) => samples[i].push(medianOfFreshProcesses(body, 1, ROOT)));
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  return samples.map((list) => ({ ms: median(list.map((s) => s.ms)), rssMb: median(list.map((s) => s.rssMb)) }));
}

/** 2,000 identities with 5 grants each: this library beside raw provider classes, and growth. */
export function synthScale(): string[] {
  const runs = 3;
  const [raw200, lib200, raw2000, lib2000, guarded2000] = interleaved(
    [script(200, 'raw'), script(200, 'library'), script(2000, 'raw'), script(2000, 'library'), script(2000, 'library', { guard: true })],
    runs,
  );
  const ratio = lib2000.ms / raw2000.ms;
  const guardedRatio = guarded2000.ms / raw2000.ms;
  const growth = lib2000.ms / lib200.ms;
  return [
    `### Synth through app.synth(), 5 grants per identity, median of ${runs} fresh processes (interleaved)`,
    '',
    '| what | time | peak RSS | |',
    '| --- | --- | --- | --- |',
    line('raw provider classes, 200 identities', raw200),
    line('cdktf-azure-access, 200 identities', lib200),
    line('raw provider classes, 2,000 identities', raw2000),
    line('cdktf-azure-access, 2,000 identities', lib2000, `${ratio.toFixed(2)}x raw (target ≤ 1.5x: ${ratio <= 1.5 ? 'met' : 'MISSED'})`),
    line('… with the AccessGuard on', guarded2000, `${guardedRatio.toFixed(2)}x raw (target ≤ 1.3x: ${guardedRatio <= 1.3 ? 'met' : 'MISSED'})`),
    '',
    `Growth from 200 to 2,000 identities (10x the resources): ${growth.toFixed(1)}x the time ` +
      `(linear is 10x; target: linear, ${growth <= 13 ? 'met' : 'MISSED'}).`,
    '',
  ];
}
