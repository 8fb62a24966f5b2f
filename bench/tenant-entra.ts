import { spawnSync } from 'child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '..');
const BIN = path.join(ROOT, 'lib', 'cli', 'main.js');
const APPLICATION_ADMINISTRATOR = '9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3';
const OWNER = '8e3af657-a8ff-443c-a75c-2fe8c4bcb635';
const CONTRIBUTOR = 'b24988ac-6180-42a0-ab88-20f7382dd24c';
const SUBSCRIPTION = '5ab5c000-0000-4000-8000-000000000001';

const hex = (n: number, width: number) => n.toString(16).padStart(width, '0');
const guid = (kind: string, n: number) => `${kind}-0000-4000-8000-${hex(n, 12)}`;

interface Shape {
  readonly servicePrincipals: number;
  readonly assignments: number;
  /** Holders of Application Administrator at the whole tenant: each reaches every listed service principal. */
  readonly administrators: number;
}

/**
 * A tenant's Entra half at scale, as the exports write it: `servicePrincipals` application
 * service principals with an owner each (`--live-owners`), `assignments` Azure role assignments
 * held by them (one in twenty Owner at the subscription, the rest Contributor at a resource group),
 * and `administrators` users holding Application Administrator at `/` (`--live-directory-roles`):
 * every administrator reaches every service principal, and through those that hold a role, the role.
 * The code declares one person's directory role and one Reader grant.
 */
function writeTenant(dir: string, shape: Shape): { live: string; roles: string; owners: string; code: string } {
  const owners = path.join(dir, 'sp-owners.json');
  writeFileSync(owners, JSON.stringify({
    value: Array.from({ length: shape.servicePrincipals }, (_, i) => ({
      id: guid('b0000000', i),
      appId: guid('a0000000', i),
      displayName: `sp-${i}`,
      servicePrincipalType: 'Application',
      owners: [{ '@odata.type': '#microsoft.graph.user', 'id': guid('d1000000', i % 2000), 'displayName': `owner-${i % 2000}` }],
    })),
  }));
  const live = path.join(dir, 'live.json');
  writeFileSync(live, JSON.stringify(Array.from({ length: shape.assignments }, (_, i) => {
    const owner = i % 20 === 0;
    const scope = owner ? `/subscriptions/${SUBSCRIPTION}` : `/subscriptions/${SUBSCRIPTION}/resourceGroups/rg-${i % 50}`;
    const role = owner ? OWNER : CONTRIBUTOR;
    return {
      id: `${scope}/providers/Microsoft.Authorization/roleAssignments/${guid('20000000', i)}`,
      principalId: guid('b0000000', (i * 17) % shape.servicePrincipals),
      principalType: 'ServicePrincipal',
      roleDefinitionId: `/subscriptions/${SUBSCRIPTION}/providers/Microsoft.Authorization/roleDefinitions/${role}`,
      roleDefinitionName: owner ? 'Owner' : 'Contributor',
      scope,
      type: 'Microsoft.Authorization/roleAssignments',
    };
  })));
  const roles = path.join(dir, 'directory-roles.json');
  writeFileSync(roles, JSON.stringify({
    value: Array.from({ length: shape.administrators }, (_, k) => ({
      id: `administrator-${k}`,
      principalId: guid('d2000000', k),
      directoryScopeId: '/',
      roleDefinitionId: APPLICATION_ADMINISTRATOR,
      principal: { '@odata.type': '#microsoft.graph.user', 'id': guid('d2000000', k), 'displayName': `administrator-${k}` },
    })),
  }));
  const code = path.join(dir, 'main.tf');
  writeFileSync(code, `
resource "azurerm_role_assignment" "contractor" {
  scope                = "/subscriptions/${SUBSCRIPTION}/resourceGroups/rg-1"
  role_definition_name = "Reader"
  principal_id         = "cccccccc-7777-8888-9999-dddddddddddd"
  principal_type       = "User"
}
resource "azuread_directory_role_assignment" "helper" {
  role_id             = "${APPLICATION_ADMINISTRATOR}"
  principal_object_id = "cccccccc-7777-8888-9999-dddddddddd01"
}
`);
  return { live, roles, owners, code };
}

/** One whole process: wall time and peak RSS (GNU time). */
function runOnce(args: string[]): { ms: number; peakMb: number } {
  const start = process.hrtime.bigint();
  const result = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, BIN, ...args], { maxBuffer: 512 * 1024 * 1024 });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const stderr = result.stderr.toString('utf8').trim().split('\n');
  if (result.status !== 0 && result.status !== 1) throw new Error(`azure-access ${args[0]} exited ${result.status}: ${stderr.slice(-5).join('\n')}`);
  return { ms, peakMb: Number(stderr[stderr.length - 1]) / 1024 };
}

/**
 * A tenant-wide Application Administrator over thousands of listed service principals (the second
 * review of issue 24): `check` keeps only the chains that touch the code; `audit` follows the
 * tenant's own. No target is set for it; it is measured so that a change that makes it worse shows.
 */
export function tenantEntra(): string[] {
  const shapes: Shape[] = [
    { servicePrincipals: 5_000, assignments: 3_000, administrators: 50 },
    { servicePrincipals: 20_000, assignments: 100_000, administrators: 5 },
  ];
  const rows = shapes.map((shape) => {
    const dir = mkdtempSync(path.join(tmpdir(), 'tenant-entra-bench-'));
    try {
      const files = writeTenant(dir, shape);
      const exports = ['--live-assignments', files.live, '--live-directory-roles', files.roles, '--live-owners', files.owners];
      const check = runOnce(['check', '--format', 'json', '--fail-on', 'never', ...exports, files.code]);
      const audit = runOnce(['audit', '--format', 'json', '--fail-on', 'never', '--today', '2026-12-07', ...exports, files.code]);
      const what = `${shape.servicePrincipals.toLocaleString('en-US')} service principals, ${shape.assignments.toLocaleString('en-US')} assignments, `
        + `${shape.administrators} Application Administrators`;
      return `| ${what} | ${(check.ms / 1000).toFixed(1)} s, ${check.peakMb.toFixed(0)} MB | ${(audit.ms / 1000).toFixed(1)} s, ${audit.peakMb.toFixed(0)} MB |`;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
  return [
    '### A tenant-wide Application Administrator over the listed service principals, whole process, one run each',
    '',
    '| input | check --format json | audit --format json |',
    '| --- | --- | --- |',
    ...rows,
    '',
  ];
}
