import { spawnSync } from 'child_process';
import { closeSync, mkdtempSync, openSync, rmSync, writeFileSync, writeSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { auditInputs } from './audit-scale';

const ROOT = path.resolve(__dirname, '..');
const BIN = path.join(ROOT, 'lib', 'cli', 'main.js');
const TODAY = '2026-11-27';
/** A large enterprise: Azure allows 4,000 assignments a subscription, so 250 subscriptions hold a million. */
const ASSIGNMENTS = 1_000_000;
const SUBSCRIPTIONS = 250;
/** The code declares 20,000 of them (the review benchmark's size); the rest were made outside it. */
const DECLARED = 20_000;
/** Assignments at the tenant's management groups: `az role assignment list --all` lists them in every subscription's file. */
const MANAGEMENT_GROUP_ASSIGNMENTS = 40;

const ROLES: readonly (readonly [string, string])[] = [
  ['Reader', 'acdd72a7-3385-48ef-bd42-f606fba81ae7'],
  ['Contributor', 'b24988ac-6180-42a0-ab88-20f7382dd24c'],
  ['Key Vault Secrets User', '4633458b-17de-408a-b874-0445c86b69e6'],
  ['Storage Blob Data Reader', '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1'],
  ['Website Contributor', 'de139f84-1756-47ae-9be6-808fbbe84772'],
];
const OWNER = ['Owner', '8e3af657-a8ff-443c-a75c-2fe8c4bcb635'] as const;

const hex = (n: number, width: number) => n.toString(16).padStart(width, '0');
const guid = (kind: string, n: number) => `${kind}-0000-4000-8000-${hex(n, 12)}`;
const subscriptionId = (s: number) => guid('5ab5c000', s);

/**
 * Unmanaged assignment `i` (past the code's), as `az role assignment list --all -o json` prints
 * it: 200,000 principals of five assignments each (one in ten a user, one in ten a group, the
 * rest service principals), spread over 250 subscriptions of 400 resource groups; one user in
 * a hundred holds Owner at a subscription.
 */
function unmanagedAssignment(i: number): object {
  const principal = Math.floor(i / 5);
  const sub = i % SUBSCRIPTIONS;
  const kind = principal % 10 === 0 ? 'User' : principal % 10 === 1 ? 'Group' : 'ServicePrincipal';
  const owner = kind === 'User' && principal % 1000 === 0 && i % 5 === 0;
  const [roleName, roleGuid] = owner ? OWNER : ROLES[i % ROLES.length];
  const scope = owner ? `/subscriptions/${subscriptionId(sub)}` : `/subscriptions/${subscriptionId(sub)}/resourceGroups/rg-${Math.floor(i / SUBSCRIPTIONS) % 400}`;
  const principalId = guid(kind === 'User' ? 'd0000000' : kind === 'Group' ? 'c0000000' : 'b0000000', principal);
  return liveAssignment(guid('20000000', i), scope, roleName, roleGuid, principalId, kind, principal);
}

function managementGroupAssignment(i: number): object {
  const [roleName, roleGuid] = i % 10 === 0 ? OWNER : ROLES[i % ROLES.length];
  const scope = `/providers/Microsoft.Management/managementGroups/mg-${i % 4}`;
  return liveAssignment(guid('30000000', i), scope, roleName, roleGuid, guid('c1000000', i), 'Group', i);
}

function liveAssignment(
  name: string, scope: string, roleName: string, roleGuid: string, principalId: string, kind: string, principal: number,
): object {
  return {
    condition: null,
    conditionVersion: null,
    createdBy: 'eeeeeeee-4444-5555-6666-ffffffffffff',
    createdOn: '2024-03-02T10:15:42.118331+00:00',
    delegatedManagedIdentityResourceId: null,
    description: null,
    id: `${scope}/providers/Microsoft.Authorization/roleAssignments/${name}`,
    name,
    principalId,
    principalName: kind === 'User' ? `user${principal}@contoso.example` : kind === 'Group' ? `group-${principal}` : guid('a0000000', principal),
    principalType: kind,
    roleDefinitionId: `/subscriptions/${scope.startsWith('/subscriptions/') ? scope.split('/')[2] : subscriptionId(0)}/providers/Microsoft.Authorization/roleDefinitions/${roleGuid}`,
    roleDefinitionName: roleName,
    scope,
    type: 'Microsoft.Authorization/roleAssignments',
    updatedBy: 'eeeeeeee-4444-5555-6666-ffffffffffff',
    updatedOn: '2024-03-02T10:15:42.118331+00:00',
  };
}

/** Writes a JSON array of items, indented as az prints it, a few thousand items at a time (never one string). */
function writeArray(file: string, items: Iterable<object>): void {
  const fd = openSync(file, 'w');
  try {
    let first = true;
    let batch: string[] = [];
    const flush = () => {
      writeSync(fd, batch.join(''));
      batch = [];
    };
    writeSync(fd, '[\n');
    for (const item of items) {
      batch.push(`${first ? '' : ',\n'}  ${JSON.stringify(item, null, 2).replace(/\n/g, '\n  ')}`);
      first = false;
      if (batch.length === 2000) flush();
    }
    flush();
    writeSync(fd, '\n]\n');
  } finally {
    closeSync(fd);
  }
}

interface TenantFiles {
  readonly merged: string;
  readonly perSubscription: string[];
  readonly identities: string;
  readonly declared: string;
}

/**
 * The tenant's export twice: one merged file and one file a subscription (each with the
 * management groups' assignments, as az lists them), the declared code and its identities.
 */
export function writeTenant(dir: string): TenantFiles {
  const code = auditInputs(DECLARED);
  const declared = path.join(dir, 'declared.tf.json');
  writeFileSync(declared, JSON.stringify(code.declared, null, 2));
  const identities = path.join(dir, 'identities.json');
  writeFileSync(identities, JSON.stringify(code.identities, null, 2));
  const unmanaged = ASSIGNMENTS - code.live.length - MANAGEMENT_GROUP_ASSIGNMENTS;
  const merged = path.join(dir, 'live-merged.json');
  writeArray(merged, (function* () {
    yield* code.live;
    for (let i = 0; i < MANAGEMENT_GROUP_ASSIGNMENTS; i++) yield managementGroupAssignment(i);
    for (let i = 0; i < unmanaged; i++) yield unmanagedAssignment(i);
  })());
  const perSubscription = Array.from({ length: SUBSCRIPTIONS }, (_, s) => {
    const file = path.join(dir, `live-sub-${String(s).padStart(3, '0')}.json`);
    writeArray(file, (function* () {
      if (s === 0) yield* code.live;
      for (let i = 0; i < MANAGEMENT_GROUP_ASSIGNMENTS; i++) yield managementGroupAssignment(i);
      for (let i = s; i < unmanaged; i += SUBSCRIPTIONS) yield unmanagedAssignment(i);
    })());
    return file;
  });
  return { merged, perSubscription, identities, declared };
}

interface Run {
  readonly ms: number;
  readonly peakMb: number;
  readonly outputBytes: number;
  readonly status: number | null;
}

/** One whole process, its wall time, peak RSS (GNU time) and the size of what it printed. */
function runOnce(args: string[]): Run {
  const start = process.hrtime.bigint();
  const result = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, BIN, ...args], { maxBuffer: 2 * 1024 * 1024 * 1024 });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const stderr = result.stderr.toString('utf8').trim().split('\n');
  if (result.status !== 0 && result.status !== 1) throw new Error(`azure-access ${args[0]} exited ${result.status}: ${stderr.slice(-5).join('\n')}`);
  return { ms, peakMb: Number(stderr[stderr.length - 1]) / 1024, outputBytes: result.stdout.length, status: result.status };
}

/** Issue 24, "Tenant scale": a million live assignments, merged and in 250 files; `check` of the code on top of them. */
export function tenantScale(): string[] {
  const dir = mkdtempSync(path.join(tmpdir(), 'tenant-bench-'));
  try {
    const files = writeTenant(dir);
    const live = (options: string[]) => [...options.flatMap((f) => ['--live-assignments', f]), '--identities', files.identities];
    const audit = (exportFiles: string[]) => ['audit', '--fail-on', 'never', '--today', TODAY, ...live(exportFiles), files.declared];
    const runs = {
      merged: runOnce(audit([files.merged])),
      perSubscription: runOnce(audit(files.perSubscription)),
      check: runOnce(['check', '--format', 'json', '--fail-on', 'never', '--today', TODAY, ...live([files.merged]), files.declared]),
    };
    const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
    const verdict = (ok: boolean) => (ok ? 'met' : 'MISSED');
    const auditRow = (what: string, run: Run) =>
      `| audit, ${what} | ${(run.ms / 1000).toFixed(1)} s | ${run.peakMb.toFixed(0)} MB | markdown ${mb(run.outputBytes)} MB | `
      + `< 60 s, < 2 GB, ≤ 20 MB: ${verdict(run.ms < 60_000 && run.peakMb < 2048 && run.outputBytes <= 20 * 1024 * 1024)} |`;
    return [
      `### A tenant of ${ASSIGNMENTS.toLocaleString('en-US')} live assignments, ${DECLARED.toLocaleString('en-US')} of them declared, whole process, one run each`,
      '',
      '| what | time | peak RSS | output | target |',
      '| --- | --- | --- | --- | --- |',
      auditRow('one merged file', runs.merged),
      auditRow(`${SUBSCRIPTIONS} files, one a subscription`, runs.perSubscription),
      `| check --format json, the merged file + ${DECLARED.toLocaleString('en-US')} grants of code | ${(runs.check.ms / 1000).toFixed(1)} s | ${runs.check.peakMb.toFixed(0)} MB | `
        + `${mb(runs.check.outputBytes)} MB | < 90 s: ${verdict(runs.check.ms < 90_000)} |`,
      '',
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
