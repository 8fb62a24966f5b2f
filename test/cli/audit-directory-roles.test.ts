import { mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { cli } from './run-cli';

const AUDIT = path.join(__dirname, '..', 'fixtures', 'audit');
const ASSIGNMENTS = path.join(AUDIT, 'az-role-assignment-list.json');
const DIRECTORY_ROLES = path.join(AUDIT, 'graph-directory-role-assignments.json');
const DIRECTORY_ELIGIBILITY = path.join(AUDIT, 'graph-directory-role-eligibility-schedules.json');

function scratch(name: string, value: unknown): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'audit-entra-')), name);
  writeFileSync(file, JSON.stringify(value, null, 2));
  return file;
}

describe('audit --live-directory-roles and --live-directory-eligibility', () => {
  test('read the Graph exports and report the Entra drift, each finding at its file', async () => {
    const result = await cli(['audit', '--today', '2026-11-27', '--format', 'json', '--fail-on', 'never', '--live-assignments', ASSIGNMENTS,
      '--live-directory-roles', DIRECTORY_ROLES, '--live-directory-eligibility', DIRECTORY_ELIGIBILITY]);
    expect([result.code, result.stderr]).toEqual([0, '']);
    const json = JSON.parse(result.stdout);
    expect(json.sources).toEqual([ASSIGNMENTS, DIRECTORY_ROLES, DIRECTORY_ELIGIBILITY]);
    expect(json.summary.directoryRoles).toEqual({ live: 7, matched: 0, unmanaged: 7, missing: 0 });
    const entra = json.findings.filter((f: { ruleId: string }) => f.ruleId === 'AUD011');
    expect(entra.map((f: { file: string; address: string }) => [f.file, f.address])).toEqual([
      [DIRECTORY_ROLES, '5wuT_mJe20eRr5jDpJo4sXWc_2wFFMhNpwOkhdmXNl0-1'],
      [DIRECTORY_ROLES, 'egSMFQfJVkW376RGVRq19ZBgOqNqpsdMpJ8PyXlLjDI-1'],
      [DIRECTORY_ROLES, 'iOPYiFWPHkqVOpuYmLiHa1Bv-1rAGwtDrEhiJfvrnLk-1'],
      [DIRECTORY_ROLES, 'lAPpYvVpN0KRkAEhdxReEC6Xh29-LklLmYDrOIi9z-E-1'],
      [DIRECTORY_ROLES, 'lAPpYvVpN0KRkAEhdxReEMmO4KwRqtpKkUWt3wOYIz4-1'],
      [DIRECTORY_ELIGIBILITY, '30000000-aaaa-bbbb-cccc-000000000001'],
      [DIRECTORY_ELIGIBILITY, '77f71919-62f3-4d0c-9f88-0a0391b665cd'],
    ]);
  });

  test('are repeatable, one file a page: the two halves audit as the one file does', async () => {
    const page = JSON.parse(readFileSync(DIRECTORY_ROLES, 'utf8'));
    const first = scratch('roles-1.json', { 'value': page.value.slice(0, 3), '@odata.nextLink': 'https://graph.microsoft.com/v1.0/roleManagement/directory/roleAssignments?$skiptoken=x' });
    const second = scratch('roles-2.json', { value: page.value.slice(3) });
    const args = ['audit', '--today', '2026-11-27', '--format', 'json', '--fail-on', 'never', '--live-assignments', ASSIGNMENTS];
    const whole = JSON.parse((await cli([...args, '--live-directory-roles', DIRECTORY_ROLES])).stdout);
    const parts = JSON.parse((await cli([...args, '--live-directory-roles', first, '--live-directory-roles', second])).stdout);
    expect(parts.summary.directoryRoles).toEqual(whole.summary.directoryRoles);
    expect(parts.summary.directoryRoles.live).toBe(5);
    // The first file's nextLink is its own part's: AUD009 names that file.
    expect(parts.findings.filter((f: { ruleId: string }) => f.ruleId === 'AUD009').map((f: { file: string }) => f.file)).toEqual([first]);
  });

  test.each([
    ['--live-directory-roles', DIRECTORY_ROLES, (j: any) => { j.value[2].directoryScopeId = 'tenant'; }, '/value/2/directoryScopeId'],
    ['--live-directory-eligibility', DIRECTORY_ELIGIBILITY, (j: any) => { j.value[1].scheduleInfo.expiration.type = 'forever'; }, '/value/1/scheduleInfo/expiration/type'],
  ])('%s with a malformed export: exit 2, the file and the JSON pointer, nothing on standard output', async (option, fixture, spoil, place) => {
    const json = JSON.parse(readFileSync(fixture, 'utf8'));
    spoil(json);
    const file = scratch('bad.json', json);
    const result = await cli(['audit', '--today', '2026-11-27', '--live-assignments', ASSIGNMENTS, option, file]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(file);
    expect(result.stderr).toContain(place);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  test('the help names the exact az rest command of each', async () => {
    const result = await cli(['audit', '--help']);
    expect(result.stdout).toContain('--live-directory-roles FILE');
    expect(result.stdout).toContain('az rest --method get --url "https://graph.microsoft.com/v1.0/roleManagement/directory/roleAssignments?\\$expand=principal"');
    expect(result.stdout).toContain('--live-directory-eligibility FILE');
    expect(result.stdout).toContain('az rest --method get --url "https://graph.microsoft.com/v1.0/roleManagement/directory/roleEligibilitySchedules?\\$expand=principal"');
  });
});
