import { mkdirSync, mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { cli } from './run-cli';
import { DIRECTORY, directoryRole, graphPermission } from '../review/diff/entra-diff-fixtures';

const READ_USERS = graphPermission('sync_users', 'User.Read.All');
const GLOBAL_ADMINISTRATOR = directoryRole('ops_global', '62e90394-69f5-4237-9190-012177145e10');

/** Three versions of one configuration: nothing, a tier-2 Graph permission, and that plus a standing Global Administrator. */
function versions(): Record<'bare' | 'users' | 'takeover', string> {
  const dir = mkdtempSync(path.join(tmpdir(), 'diff-entra-'));
  const write = (name: string, hcl: string) => {
    const version = path.join(dir, name);
    mkdirSync(version);
    writeFileSync(path.join(version, 'main.tf'), hcl);
    return version;
  };
  return { bare: write('bare', DIRECTORY), users: write('users', DIRECTORY + READ_USERS), takeover: write('takeover', DIRECTORY + READ_USERS + GLOBAL_ADMINISTRATOR) };
}

describe('azure-access diff with Entra rows', () => {
  const v = versions();

  test('a new tier-0 directory role is printed and fails --fail-on-escalation', async () => {
    const { code, stdout, stderr } = await cli(['diff', '--fail-on-escalation', v.users, v.takeover]);
    expect(stderr).toBe('');
    expect(code).toBe(1);
    expect(stdout).toContain('1 access change, 1 escalation: 1 added.');
    expect(stdout).toContain('| **added** (escalation) | human `Ops Admin` | Global Administrator (directory role), tier 0 (ControlPlane) | `/` (tenant) '
      + '| `azuread_directory_role_assignment.ops_global` | standing directory role only in head |');
    // What Global Administrator opens itself (the Azure root, every Graph permission) is the role's own reach,
    // said once: by the escalating change, which fails the gate.
    expect(stdout).toContain('Gate (standard): **fails**: added: Global Administrator (directory role) at / for Ops Admin (an escalating access change).');
    expect(stdout).toContain('No escalation path opened or closed.');
  });

  test('a new tier-2 Graph permission widens access, so --only-if-widens prints it, but it is no escalation', async () => {
    const { code, stdout } = await cli(['diff', '--format', 'comment', '--only-if-widens', '--fail-on-escalation', v.bare, v.users]);
    expect(code).toBe(0);
    expect(stdout.split('\n')[0]).toBe('**Access widens: 1 application permission**');
    expect(stdout).toContain('| added | User.Read.All (application permission), tier 2 (UserAccess) | `Microsoft Graph` (API) |');
  });

  test('taking Entra access away narrows: --only-if-widens is silent', async () => {
    expect(await cli(['diff', '--format', 'comment', '--only-if-widens', '--fail-on-escalation', v.takeover, v.bare])).toEqual({ code: 0, stdout: '', stderr: '' });
    const { stdout } = await cli(['diff', '--format', 'comment', v.takeover, v.bare]);
    // Global Administrator's own reach (the Azure root, any Graph permission) goes with it: no escalation of its own.
    expect(stdout.split('\n')[0]).toBe('**Access narrows: 1 Entra directory role, 1 application permission**');
  });

  test('json lists both removals with their kind of role and tier', async () => {
    const { stdout } = await cli(['diff', '--format', 'json', v.takeover, v.bare]);
    type Change = { kind: string; roleKind: string; role: string; tier?: string; address: string };
    const json = JSON.parse(stdout) as { changes: Change[]; escalations: number };
    expect(json.escalations).toBe(0);
    expect(json.changes.map((c) => [c.kind, c.roleKind, c.role, c.tier, c.address])).toEqual([
      ['removed', 'app-permission', 'User.Read.All (application permission)', 'UserAccess', 'azuread_app_role_assignment.sync_users'],
      ['removed', 'entra-directory-role', 'Global Administrator (directory role)', 'ControlPlane', 'azuread_directory_role_assignment.ops_global'],
    ]);
  });
});
