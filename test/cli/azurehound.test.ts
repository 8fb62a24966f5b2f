import { mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { cli } from './run-cli';

/** `--azurehound FILE`: AzureHound's collection as the live tenant, for audit and for check, report and diff. */

const HOUND = 'test/fixtures/azurehound/collection.json';
const CONTRACTOR = 'test/fixtures/tenant/contractor';
const SUB = '11111111-2222-3333-4444-555555555555';

interface AuditJson {
  summary: { live: number; unmanaged: number; directoryRoles?: { live: number } };
  findings: { ruleId: string; severity: string; file: string; message: string }[];
}

describe('audit --azurehound', () => {
  test('reads the collection alone: its assignments, directory roles, and the kinds it does not review named with their counts (AUD013)', async () => {
    const { code, stdout } = await cli(['audit', '--format', 'json', '--fail-on', 'never', '--azurehound', HOUND]);
    expect(code).toBe(0);
    const result = JSON.parse(stdout) as AuditJson;
    expect(result.summary.live).toBe(6);
    expect(result.summary.unmanaged).toBe(6);
    expect(result.summary.directoryRoles?.live).toBe(2);
    const notReviewed = result.findings.filter((f) => f.ruleId === 'AUD013');
    expect(notReviewed.map((f) => [f.file, f.severity, f.message])).toEqual([[HOUND, 'info',
      'holds 2 items this audit does not review: 1 AZAppRoleAssignment (not Microsoft Graph), 1 AZNewerThing. '
      + 'What they grant or reach is not judged here.']]);
    // The application's secret is judged as Graph's export's is.
    expect(result.findings.filter((f) => f.ruleId === 'AUD004').map((f) => f.file)).toEqual([HOUND]);
    // One file, one source, however many exports it fills.
    expect((JSON.parse(stdout) as { sources: string[] }).sources).toEqual([HOUND]);
  });

  test('an assignment both the az export and the collection list is one assignment', async () => {
    const { stdout } = await cli(['audit', '--format', 'json', '--fail-on', 'never',
      '--live-assignments', `${CONTRACTOR}/live.json`, '--azurehound', `${CONTRACTOR}/azurehound.json`]);
    const result = JSON.parse(stdout) as AuditJson;
    expect(result.summary.live).toBe(1);
    expect(result.summary.unmanaged).toBe(1);
    expect(result.findings.some((f) => f.ruleId === 'AUD013')).toBe(false);
  });

  test('a collection without Azure role assignments is refused rather than read as a tenant without any', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'azure-access-hound-'));
    const file = path.join(dir, 'ad.json');
    writeFileSync(file, JSON.stringify({ data: [{ kind: 'AZUser', data: { id: 'X' } }], meta: { type: 'azure', version: 5, count: 1 } }));
    const { code, stderr } = await cli(['audit', '--azurehound', file]);
    expect(code).toBe(2);
    expect(stderr).toContain('holds no Azure role assignments');
  });

  test('a malformed collection: exit 2, the file and the JSON pointer, nothing on standard output', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'azure-access-hound-'));
    const file = path.join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify({ data: [{ kind: 'AZVMRoleAssignment', data: { roleAssignments: [{ roleAssignment: { id: 'x', properties: {} } }] } }], meta: { type: 'azure', version: 5, count: 1 } }));
    for (const argv of [['audit', '--azurehound', file], ['check', '--azurehound', file, `${CONTRACTOR}/main.tf`]]) {
      const { code, stdout, stderr } = await cli(argv);
      expect(code).toBe(2);
      expect(stdout).toBe('');
      expect(stderr).toContain(`${file}: /data/0/data/roleAssignments/0/roleAssignment/properties/scope: expected a string`);
    }
  });
});

describe('check --azurehound', () => {
  test('the contractor case from the collection finds the chain --live-assignments and --identities find', async () => {
    const fromAz = await cli(['check', '--format', 'json', '--live-assignments', `${CONTRACTOR}/live.json`, '--identities', `${CONTRACTOR}/identities.json`, `${CONTRACTOR}/main.tf`]);
    const fromHound = await cli(['check', '--format', 'json', '--azurehound', `${CONTRACTOR}/azurehound.json`, `${CONTRACTOR}/main.tf`]);
    expect(fromHound.code).toBe(1);
    const chains = (stdout: string) => (JSON.parse(stdout).findings as { ruleId: string; address: string; message: string }[]).filter((f) => f.ruleId === 'AZA013');
    const [hound] = chains(fromHound.stdout);
    expect(chains(fromHound.stdout).map((f) => f.address)).toEqual(['azurerm_role_assignment.contractor']);
    expect(hound.message).toContain(`"Owner" at subscription ${SUB}`);
    expect(hound.message.split('(in the tenant, not in this code)')).toHaveLength(3);
    // The same chain; the collector writes the identity's display name upper-cased.
    expect(hound.message).toBe(chains(fromAz.stdout)[0].message.replace(/as aa-ops on/, 'as AA-OPS on').replace(/→ aa-ops holds/, '→ AA-OPS holds'));
    expect(fromHound.stderr).toBe('');
  });

  test('what check does not read of a collection is said on standard error, with its count', async () => {
    const { stderr } = await cli(['check', '--azurehound', HOUND, `${CONTRACTOR}/main.tf`]);
    expect(stderr.split('\n').filter((line) => line !== '')).toEqual([
      'AZAppRoleAssignment (not Microsoft Graph)', 'AZNewerThing',
    ].map((kind) => `azure-access check: ${HOUND}: 1 ${kind} item not reviewed `
      + '(what they grant is not part of this review)'));
  });
});

test('a collection\'s federated credentials are audited (AUD014), each at its application; check names them as not reviewed', async () => {
  const collection = JSON.parse(readFileSync(HOUND, 'utf8')) as { data: { kind: string; data: Record<string, unknown> }[]; meta: { count: number } };
  const app = collection.data.find((i) => i.kind === 'AZApp')!;
  collection.data.push({
    kind: 'AZFederatedIdentityCredential',
    data: {
      appId: app.data.appId,
      fics: [{
        fic: {
          id: 'DDDD0000-0000-0000-0000-000000000001',
          name: 'gh',
          issuer: 'https://token.actions.githubusercontent.com',
          subject: 'repo:contoso/billing:pull_request',
          audiences: ['api://AzureADTokenExchange'],
        },
      }],
    },
  });
  collection.meta.count = collection.data.length;
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'azure-access-hound-')), 'hound.json');
  writeFileSync(file, JSON.stringify(collection));
  const { stdout } = await cli(['audit', '--format', 'json', '--fail-on', 'never', '--azurehound', file]);
  const findings = (JSON.parse(stdout) as AuditJson).findings;
  expect(findings.filter((f) => f.ruleId === 'AUD014').map((f) => [f.file, f.severity])).toEqual([[file, 'error']]);
  expect(findings.filter((f) => f.ruleId === 'AUD013').every((f) => !f.message.includes('AZFederatedIdentityCredential'))).toBe(true);
  const check = await cli(['check', '--azurehound', file, `${CONTRACTOR}/main.tf`]);
  expect(check.stderr).toContain(`${file}: 1 federated credential (audit compares them with the code: AUD014) item not reviewed`);
});
