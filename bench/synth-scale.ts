import * as path from 'path';
import { medianOfFreshProcesses, Sample } from './measure';

const ROOT = path.resolve(__dirname, '..');
const LIB = JSON.stringify(path.join(ROOT, 'lib'));
const ROLES = ['Key Vault Secrets User', 'Storage Blob Data Reader', 'Reader', 'App Configuration Data Reader', 'Monitoring Metrics Publisher'];
// Roles a storage account takes (a data role of another provider there would be AZA018, an error).
const STORAGE_ROLES = ['Storage Blob Data Reader', 'Storage Queue Data Reader', 'Storage Table Data Reader', 'Storage File Data SMB Share Reader', 'Reader'];

/**
 * The body of a fresh process that builds `identities` identities with 5 grants each and
 * synthesizes. By default every identity's grants are at its resource group, given by ID; with
 * `ownResources`, each grant is on a storage account of its own, declared in the stack (5 per
 * identity: 10,000 distinct scopes for 2,000 identities), as an app that grants per resource writes it.
 */
export function synthScript(identities: number, variant: 'library' | 'raw', options: { guard?: boolean; ownResources?: boolean } = {}): string {
  const roles = options.ownResources ? STORAGE_ROLES : ROLES;
  // Per identity: where its grants go (`scopes[k]` for role k), then the identity and its grants.
  const scopes = options.ownResources
    ? `const accounts = roles.map((_, k) => new StorageAccount(stack, 'st' + i + 'x' + k, {
    name: 'st' + i + 'x' + k, resourceGroupName: 'rg-' + i, location: 'eastus', accountTier: 'Standard', accountReplicationType: 'LRS',
  }));
  const scopes = variant === 'library' ? accounts.map((a) => lib.Scope.of(a)) : accounts.map((a) => a.id);`
    : `const rg = '/subscriptions/' + sub + '/resourceGroups/rg-' + i;
  const scopes = roles.map(() => (variant === 'library' ? lib.Scope.fromId(rg) : rg));`;
  return `
const os = require('os'); const fs = require('fs'); const path = require('path');
const { App, TerraformStack${options.guard ? ', Aspects' : ''} } = require('cdktf');
const { AzurermProvider } = require('@cdktf/provider-azurerm/lib/provider');
${options.ownResources ? "const { StorageAccount } = require('@cdktf/provider-azurerm/lib/storage-account');" : ''}
const lib = require(${LIB});
const { UserAssignedIdentity } = require('@cdktf/provider-azurerm/lib/user-assigned-identity');
const { RoleAssignment } = require('@cdktf/provider-azurerm/lib/role-assignment');
const variant = ${JSON.stringify(variant)};
const roles = ${JSON.stringify(roles)}.map((n) => lib.BuiltInRole.fromName(n));
const sub = '11111111-2222-3333-4444-555555555555';
const __t0 = process.hrtime.bigint();
const app = new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'bench-')) });
const stack = new TerraformStack(app, 'bench');
new AzurermProvider(stack, 'azurerm', { features: [{}] });
for (let i = 0; i < ${identities}; i++) {
  ${scopes}
  ${
    variant === 'library'
      ? `const id = new lib.WorkloadIdentity(stack, 'id' + i, { name: 'uai-' + i, resourceGroupName: 'rg-' + i, location: 'eastus', owner: 'team' });
  roles.forEach((role, k) => id.grant(role, scopes[k]));`
      : `const id = new UserAssignedIdentity(stack, 'id' + i, { name: 'uai-' + i, resourceGroupName: 'rg-' + i, location: 'eastus', tags: { owner: 'team' } });
  roles.forEach((role, k) => new RoleAssignment(stack, 'id' + i + role.guid, { scope: scopes[k], roleDefinitionId: role.subscriptionScopedId(sub),
    principalId: id.principalId, principalType: 'ServicePrincipal', skipServicePrincipalAadCheck: true }));`
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

/**
 * 2,000 identities with 5 grants each: this library beside raw provider classes, and growth;
 * then the same with every grant on a resource of its own (10,000 distinct scopes), the guard on.
 * Each ratio is the median of 5 fresh processes per variant, in turns (3 until 2026-12-06).
 */
export function synthScale(): string[] {
  const runs = 5;
  const [raw200, lib200, raw2000, lib2000, guarded2000] = interleaved(
    [synthScript(200, 'raw'), synthScript(200, 'library'), synthScript(2000, 'raw'), synthScript(2000, 'library'), synthScript(2000, 'library', { guard: true })],
    runs,
  );
  const [rawOwn, guardedOwn] = interleaved([synthScript(2000, 'raw', { ownResources: true }), synthScript(2000, 'library', { guard: true, ownResources: true })], runs);
  const ratio = lib2000.ms / raw2000.ms;
  const guardedRatio = guarded2000.ms / raw2000.ms;
  const ownRatio = guardedOwn.ms / rawOwn.ms;
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
    line('raw provider classes, 2,000 identities, each grant on its own storage account (10,000 scopes)', rawOwn),
    line('cdktf-azure-access with the AccessGuard on, the same', guardedOwn, `${ownRatio.toFixed(2)}x raw (target ≤ 1.3x: ${ownRatio <= 1.3 ? 'met' : 'MISSED'})`),
    '',
    `Growth from 200 to 2,000 identities (10x the resources): ${growth.toFixed(1)}x the time ` +
      `(linear is 10x; target: linear, ${growth <= 13 ? 'met' : 'MISSED'}).`,
    '',
  ];
}
