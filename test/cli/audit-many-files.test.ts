import { mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { cli, REPO } from './run-cli';

/**
 * Azure exports role assignments one subscription at a time, so every live option may be given
 * once per file: the audit of a tenant split over files is the audit of the tenant in one.
 */

const AUDIT = path.join(__dirname, '..', 'fixtures', 'audit');
const ASSIGNMENTS = path.join(AUDIT, 'az-role-assignment-list.json');
const IDENTITIES = path.join(AUDIT, 'graph-serviceprincipals-managedidentity.json');
const REPO_INPUT = path.join(__dirname, '..', 'fixtures', 'cli', 'hcl-repo');

/** The sample assignments in two files, the first two entries and the rest. */
function split(): [string, string] {
  const dir = mkdtempSync(path.join(tmpdir(), 'audit-split-'));
  const all = JSON.parse(readFileSync(ASSIGNMENTS, 'utf8')) as unknown[];
  expect(all.length).toBeGreaterThan(2);
  const [first, second] = [path.join(dir, 'sub-a.json'), path.join(dir, 'sub-b.json')];
  writeFileSync(first, JSON.stringify(all.slice(0, 2), null, 2));
  writeFileSync(second, JSON.stringify(all.slice(2), null, 2));
  return [first, second];
}

describe('live exports given once per file', () => {
  test('the audit of the assignments in two files finds what it finds in one, each finding at the file it came from', async () => {
    const [first, second] = split();
    const one = await cli(['audit', '--today', '2026-11-27', '--format', 'json', '--live-assignments', ASSIGNMENTS, '--identities', IDENTITIES, REPO_INPUT]);
    const whole = JSON.parse(one.stdout);
    const parts = await cli(['audit', '--today', '2026-11-27', '--format', 'json', '--live-assignments', first, '--live-assignments', second,
      '--identities', IDENTITIES, REPO_INPUT]);
    expect(parts.code).toBe(one.code);
    const result = JSON.parse(parts.stdout);
    expect(result.sources).toEqual([first, second, IDENTITIES]);
    expect(result.summary).toEqual(whole.summary);
    expect(result.findings.length).toBeGreaterThan(0);
    const where = (f: { file: string }) => (f.file === ASSIGNMENTS ? 'assignments' : f.file === first || f.file === second ? 'assignments' : f.file);
    expect(result.findings.map((f: { ruleId: string; address: string; file: string }) => [f.ruleId, f.address, where(f)]).sort())
      .toEqual(whole.findings.map((f: { ruleId: string; address: string; file: string }) => [f.ruleId, f.address, where(f)]).sort());
    // Each unmanaged assignment is told at the file that holds it.
    const unmanaged = result.findings.filter((f: { ruleId: string }) => f.ruleId === 'AUD001');
    expect(unmanaged.length).toBeGreaterThan(0);
    const files = unmanaged.map((f: { file: string }) => f.file);
    expect(files.every((file: string) => file === first || file === second)).toBe(true);
  });

  test('an assignment two files both list (a management group\'s, in every subscription\'s file) is one assignment', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'audit-split-'));
    const all = JSON.parse(readFileSync(ASSIGNMENTS, 'utf8')) as unknown[];
    const [a, b] = [path.join(dir, 'sub-a.json'), path.join(dir, 'sub-b.json')];
    writeFileSync(a, JSON.stringify(all));
    writeFileSync(b, JSON.stringify(all.slice(0, 1)));
    const one = JSON.parse((await cli(['audit', '--today', '2026-11-27', '--format', 'json', '--live-assignments', ASSIGNMENTS, REPO_INPUT])).stdout);
    const two = JSON.parse((await cli(['audit', '--today', '2026-11-27', '--format', 'json', '--live-assignments', a, '--live-assignments', b, REPO_INPUT])).stdout);
    expect(one.summary.live).toBe(all.length);
    expect(two.summary).toEqual(one.summary);
    expect(two.findings.filter((f: { file: string }) => f.file === b)).toEqual([]);
  });

  test('check on top of a tenant split over files sees every file', async () => {
    const contractor = path.join(__dirname, '..', 'fixtures', 'tenant', 'contractor');
    const empty = path.join(mkdtempSync(path.join(tmpdir(), 'audit-split-')), 'other-subscription.json');
    writeFileSync(empty, '[]');
    const { code, stdout } = await cli(['check', '--format', 'json', '--live-assignments', empty, '--live-assignments', path.join(contractor, 'live.json'),
      '--identities', path.join(contractor, 'identities.json'), path.join(contractor, 'main.tf')]);
    expect(code).toBe(1);
    const escalations = JSON.parse(stdout).findings.filter((f: { ruleId: string }) => f.ruleId === 'AZA013');
    expect(escalations.map((f: { address: string }) => f.address)).toEqual(['azurerm_role_assignment.contractor']);
  });

  test('a bad file among several is named, exit 2', async () => {
    const [first] = split();
    const bad = path.join(mkdtempSync(path.join(tmpdir(), 'audit-split-')), 'bad.json');
    writeFileSync(bad, '{"not": "a list"}');
    const { code, stderr } = await cli(['audit', '--live-assignments', first, '--live-assignments', bad, REPO_INPUT]);
    expect(code).toBe(2);
    expect(stderr).toContain(bad);
  });
});

describe('audit --format jsonl', () => {
  test('a summary line, then one line a finding: the same findings as --format json, in the same order', async () => {
    const args = ['audit', '--today', '2026-11-27', '--live-assignments', ASSIGNMENTS, '--identities', IDENTITIES, REPO_INPUT];
    const json = JSON.parse((await cli([...args, '--format', 'json'])).stdout);
    const { code, stdout } = await cli([...args, '--format', 'jsonl']);
    expect(code).toBe(0);
    const lines = stdout.split('\n');
    expect(lines.pop()).toBe('');
    const [summary, ...findings] = lines.map((line) => JSON.parse(line));
    expect(summary).toEqual({ kind: 'summary', today: '2026-11-27', sources: json.sources, summary: json.summary });
    expect(findings.length).toBeGreaterThan(0);
    expect(findings).toEqual(json.findings.map((f: object) => ({ kind: 'finding', ...f })));
  });

  test('is refused with --emit-imports -, as --format json is', async () => {
    const { code, stderr } = await cli(['audit', '--format', 'jsonl', '--emit-imports', '-', '--live-assignments', ASSIGNMENTS, REPO_INPUT]);
    expect(code).toBe(2);
    expect(stderr).toContain('where --format jsonl would write the audit too');
  });
});

describe('audit markdown of a tenant with many unmanaged assignments', () => {
  test('counts them by principal and role, the widest first, and lists each only in JSON', async () => {
    const [template] = JSON.parse(readFileSync(ASSIGNMENTS, 'utf8')) as Record<string, unknown>[];
    const SUBSCRIPTION = '/subscriptions/11111111-2222-3333-4444-555555555555';
    const roles = { Reader: 'acdd72a7-3385-48ef-bd42-f606fba81ae7', Owner: '8e3af657-a8ff-443c-a75c-2fe8c4bcb635' };
    const assignment = (i: number, role: 'Reader' | 'Owner', principal: string, name: string) => ({
      ...template,
      id: `${SUBSCRIPTION}/resourceGroups/rg-${i}/providers/Microsoft.Authorization/roleAssignments/00000000-0000-0000-0000-${String(i).padStart(12, '0')}`,
      name: `00000000-0000-0000-0000-${String(i).padStart(12, '0')}`,
      principalId: principal,
      principalName: name,
      principalType: 'User',
      roleDefinitionId: `${SUBSCRIPTION}/providers/Microsoft.Authorization/roleDefinitions/${roles[role]}`,
      roleDefinitionName: role,
      scope: `${SUBSCRIPTION}/resourceGroups/rg-${i}`,
    });
    const readers = Array.from({ length: 55 }, (_, i) => assignment(i, 'Reader', 'aaaaaaaa-0000-0000-0000-000000000001', 'reader@contoso.example'));
    const owners = Array.from({ length: 2 }, (_, i) => assignment(100 + i, 'Owner', 'bbbbbbbb-0000-0000-0000-000000000002', 'owner@contoso.example'));
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'audit-grouped-')), 'live.json');
    writeFileSync(file, JSON.stringify([...readers, ...owners]));
    const markdown = await cli(['audit', '--today', '2026-11-27', '--live-assignments', file]);
    expect(markdown.code).toBe(1);
    expect(markdown.stdout).toContain('57 findings of AUD001 (in the tenant, declared by no code) are counted by role and by principal and role below');
    expect(markdown.stdout).not.toMatch(/\| warning \| AUD001 \|/);
    const byRole = markdown.stdout.slice(markdown.stdout.indexOf('### Unmanaged, by role'), markdown.stdout.indexOf('### Unmanaged, by principal and role'));
    expect(byRole.split('\n').filter((line) => /^\| (Owner|Reader) /.test(line))).toEqual(['| Owner | tier 0 | 2 | 1 |', '| Reader | tier 2 | 55 | 1 |']);
    const table = markdown.stdout.slice(markdown.stdout.indexOf('### Unmanaged, by principal and role'));
    const rows = table.split('\n').filter((line) => line.startsWith('| User'));
    expect(rows).toEqual([
      `| User owner@contoso.example (\`bbbbbbbb-0000-0000-0000-000000000002\`) | Owner | tier 0 | 2 | \`${SUBSCRIPTION}/resourceGroups/rg-100\`, \`${SUBSCRIPTION}/resourceGroups/rg-101\` |`,
      `| User reader@contoso.example (\`aaaaaaaa-0000-0000-0000-000000000001\`) | Reader | tier 2 | 55 | \`${SUBSCRIPTION}/resourceGroups/rg-0\`, `
        + `\`${SUBSCRIPTION}/resourceGroups/rg-1\`, \`${SUBSCRIPTION}/resourceGroups/rg-10\` and 52 more |`,
    ]);
    // Scopes in the audit's order (by assignment ID); every one is still a finding of the JSON.
    const json = JSON.parse((await cli(['audit', '--today', '2026-11-27', '--format', 'json', '--live-assignments', file])).stdout);
    expect(json.findings.filter((f: { ruleId: string }) => f.ruleId === 'AUD001')).toHaveLength(57);
  });

  test('names the widest principal-and-role groups, up to 200, and counts the rest', async () => {
    const [template] = JSON.parse(readFileSync(ASSIGNMENTS, 'utf8')) as Record<string, unknown>[];
    const SUBSCRIPTION = '/subscriptions/11111111-2222-3333-4444-555555555555';
    const roles = { Reader: 'acdd72a7-3385-48ef-bd42-f606fba81ae7', Owner: '8e3af657-a8ff-443c-a75c-2fe8c4bcb635' };
    const principal = (i: number) => `aaaaaaaa-0000-0000-0000-${String(i).padStart(12, '0')}`;
    const assignment = (i: number, role: 'Reader' | 'Owner') => ({
      ...template,
      id: `${SUBSCRIPTION}/resourceGroups/rg-${i}/providers/Microsoft.Authorization/roleAssignments/00000000-0000-0000-0000-${String(i).padStart(12, '0')}`,
      name: `00000000-0000-0000-0000-${String(i).padStart(12, '0')}`,
      principalId: principal(i),
      principalName: `user${i}@contoso.example`,
      principalType: 'User',
      roleDefinitionId: `${SUBSCRIPTION}/providers/Microsoft.Authorization/roleDefinitions/${roles[role]}`,
      roleDefinitionName: role,
      scope: `${SUBSCRIPTION}/resourceGroups/rg-${i}`,
    });
    // 250 people, each a Reader once; the last one holds Owner as well.
    const live = [...Array.from({ length: 250 }, (_, i) => assignment(i, 'Reader')), assignment(249, 'Owner')];
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'audit-groups-')), 'live.json');
    writeFileSync(file, JSON.stringify(live));
    const { stdout } = await cli(['audit', '--today', '2026-11-27', '--live-assignments', file]);
    expect(stdout).toContain('### Unmanaged, by principal and role (the 200 widest of 251)');
    const rows = stdout.slice(stdout.indexOf('### Unmanaged, by principal and role')).split('\n').filter((line) => line.startsWith('| User'));
    expect(rows).toHaveLength(200);
    expect(rows[0]).toMatch(/^\| User user249@contoso\.example .* \| Owner \| tier 0 \| 1 \|/);
    expect(stdout).toContain('… and 51 more principal-and-role groups (51 assignments), none wider than tier 2; `--format jsonl` lists each.');
    expect(stdout).toContain('| Reader | tier 2 | 250 | 250 |');
  });
});

describe('audit --format json, the unmanaged assignments', () => {
  test('each says its principal\'s display name, az\'s principalName when the Graph exports name it no better', async () => {
    const file = path.join(REPO, 'test', 'fixtures', 'audit', 'az-role-assignment-list-standing-admins.json');
    const { stdout } = await cli(['audit', '--format', 'json', '--today', '2026-11-27', '--fail-on', 'never', '--live-assignments', file]);
    const unmanaged = JSON.parse(stdout).unmanaged as { principalType?: string; principalName?: string; principalDisplayName?: string }[];
    const groups = unmanaged.filter((a) => a.principalType === 'Group');
    expect(groups.length).toBeGreaterThan(0);
    for (const a of groups) expect(a.principalDisplayName).toBe(a.principalName);
    expect(groups.map((a) => a.principalDisplayName)).toContain('Contoso App Operators');
  });
});
