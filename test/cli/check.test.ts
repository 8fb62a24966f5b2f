import '@microsoft/jest-sarif';
import { readFileSync } from 'fs';
import * as path from 'path';
import { cli, REPO } from './run-cli';
import { RuleId, ruleIdRange } from '../../src/model/rule-id';
import { RULE_REGISTRY } from '../../src/policy/rule-pack';
import { expiredSuppression } from '../../src/policy/rules/suppression-rules';

const HCL = 'test/fixtures/cli/hcl-repo';
const CONFIG = 'test/fixtures/cli/access.json';

describe('azure-access check', () => {
  test('the README\'s copy of its output is what it prints', async () => {
    const { code, stdout } = await cli(['check', 'test/fixtures/cli/hcl-repo']);
    expect(code).toBe(1);
    const readme = readFileSync(path.join(REPO, 'README.md'), 'utf8');
    const start = readme.indexOf('```text\n', readme.indexOf('Over `test/fixtures/cli/hcl-repo`')) + '```text\n'.length;
    expect(stdout).toContain('error AZA001');
    expect(readme.slice(start, readme.indexOf('```', start))).toBe(stdout);
  });

  test('text: every finding with file, address, rule, fix; exit 1 on errors', async () => {
    const { code, stdout, stderr } = await cli(['check', '--today', '2026-11-27', HCL]);
    expect(stderr).toBe('');
    expect(code).toBe(1);
    expect(stdout).toContain(
      `${HCL}: azurerm_role_assignment.app_contributor: error AZA001: managed identity id-contoso-app holds "Contributor" at subscription scope \${data.azurerm_subscription.current.id}.`,
    );
    expect(stdout).toContain(`${HCL}: azurerm_role_assignment.app_contributor: error AZA004:`);
    expect(stdout).toContain(`${HCL}: azuread_application_password.legacy: error AZA005: application password of contoso-deploy-pipeline (ends 2027-03-31T00:00:00Z).`);
    expect(stdout).toMatch(/\n {2}fix: /);
    // What Contributor at the subscription opens itself (vault access policies, storage keys) is the grant's own
    // reach, judged by AZA001 and AZA004 on the grant: no escalation of its own.
    expect(stdout).not.toContain('AZA013');
    expect(stdout.trim().split('\n').pop()).toBe('3 error(s), 0 warning(s), 0 info, 0 suppressed.');
  });

  test('json: findings and summary in the documented shape', async () => {
    const { code, stdout } = await cli(['check', '--format', 'json', '--today', '2026-11-27', '--config', CONFIG, HCL]);
    const out = JSON.parse(stdout);
    expect(code).toBe(1);
    expect(Object.keys(out)).toEqual(['findings', 'suppressed', 'summary']);
    expect(out.findings.map((f: { ruleId: string }) => f.ruleId)).toEqual(['AZA001', 'AZA004']);
    expect(out.findings[0]).toEqual({
      ruleId: 'AZA001',
      severity: 'error',
      address: 'azurerm_role_assignment.app_contributor',
      constructPath: null,
      file: HCL,
      message: 'managed identity id-contoso-app holds "Contributor" at subscription scope ${data.azurerm_subscription.current.id}.',
      fix: expect.stringContaining('Grant the role at the resource'),
    });
    expect(out.suppressed).toEqual([
      { ruleId: 'AZA005', address: 'azuread_application_password.legacy', reason: 'the pipeline moves to a federated credential in January', until: '2027-01-31' },
    ]);
    expect(out.summary).toEqual({ total: 2, errors: 2, warnings: 0, infos: 0, suppressed: 1, accessResources: { reviewed: 4, notReviewed: 0 } });
  });

  test('the migration window ends: the secret is back with an expired-suppression finding', async () => {
    const { stdout } = await cli(['check', '--format', 'json', '--today', '2027-02-01', '--config', CONFIG, HCL]);
    expect(JSON.parse(stdout).findings.map((f: { ruleId: string }) => f.ruleId)).toEqual(['AZA005', 'AZA012', 'AZA001', 'AZA004']);
  });

  test('sarif: valid against the published SARIF 2.1.0 schema, with rule metadata', async () => {
    const { stdout } = await cli(['check', '--format', 'sarif', '--today', '2026-11-27', HCL]);
    const sarif = JSON.parse(stdout);
    expect(sarif).toBeValidSarifLog();
    const run = sarif.runs[0];
    expect(run.tool.driver.name).toBe('azure-access');
    expect(run.tool.driver.rules.map((r: { id: string }) => r.id)).toEqual([
      'AZA001', 'AZA002', 'AZA003', 'AZA004', 'AZA005', 'AZA006', 'AZA007', 'AZA008', 'AZA009', 'AZA010', 'AZA011', 'AZA012', 'AZA013', 'AZA014', 'AZA015', 'AZA016',
      'AZA017', 'AZA018', 'AZA019', 'AZA020', 'AZA021', 'AZA022', 'AZA023', 'AZA024', 'AZA025', 'AZA026', 'AZA027', 'AZA028', 'AZA029', 'AZA030', 'AZA031', 'AZA032',
    ]);
    expect(run.tool.driver.rules.map((r: { id: string }) => r.id)).toEqual(RULE_REGISTRY.map((r) => r.id));
    const expired = run.tool.driver.rules.find((r: { id: string }) => r.id === 'AZA012');
    expect(expired).toEqual({
      id: 'AZA012',
      name: 'ExpiredSuppression',
      shortDescription: { text: expiredSuppression.title },
      fullDescription: { text: expiredSuppression.description },
      help: { text: expiredSuppression.fix, markdown: `**Fix:** ${expiredSuppression.fix}` },
      defaultConfiguration: { level: 'error' },
    });
    expect(run.results.map((r: { ruleId: string }) => r.ruleId)).toEqual(['AZA005', 'AZA001', 'AZA004']);
    expect(run.results[1]).toMatchObject({
      ruleId: 'AZA001',
      level: 'error',
      locations: [{
        physicalLocation: { artifactLocation: { uri: `${HCL}/main.tf` }, region: { startLine: 32 } },
        logicalLocations: [{ fullyQualifiedName: 'azurerm_role_assignment.app_contributor' }],
      }],
    });
    expect(run.tool.driver.rules[run.results[1].ruleIndex].id).toBe('AZA001');
  });

  test('sarif: an escalation is one result per root cause, its paths as code flows, valid against the SARIF 2.1.0 schema', async () => {
    const { stdout } = await cli(['check', '--format', 'sarif', '--today', '2026-11-27', 'test/fixtures/suppression-accepts/widened']);
    const sarif = JSON.parse(stdout);
    expect(sarif).toBeValidSarifLog();
    const escalations = sarif.runs[0].results.filter((r: { ruleId: string }) => r.ruleId === 'AZA013');
    expect(escalations).toHaveLength(1);
    // A hit graded below its rule's default carries its own level: two tier-1 paths, one beyond alice's scopes: an error.
    expect(escalations[0]).toMatchObject({ level: 'error', properties: { target: 'human alice holds "Virtual Machine Contributor" at rg-app' } });
    expect(escalations[0].codeFlows.map((f: any) => f.threadFlows[0].locations.length)).toEqual([3, 3]);
  });

  test('--help lists every registered rule, AZA013 included, with its default severity', async () => {
    const { code, stdout } = await cli(['check', '--help']);
    expect(code).toBe(0);
    expect(stdout).toContain(`Runs the least-privilege rules (${ruleIdRange()}) over Terraform JSON`);
    expect(RULE_REGISTRY.length).toBe(Object.values(RuleId).length);
    for (const rule of RULE_REGISTRY) expect(stdout).toContain(`  ${rule.id}  ${rule.defaultSeverity.padEnd(7)}  ${rule.title}\n`);
    expect(stdout).toContain('  AZA013  error    Escalation chain\n');
  });

  test('--fail-on sets the threshold', async () => {
    expect((await cli(['check', '--fail-on', 'never', '--today', '2026-11-27', HCL])).code).toBe(0);
    expect((await cli(['check', '--fail-on', 'warning', '--today', '2026-11-27', '--config', CONFIG, HCL])).code).toBe(1);
  });

  test('a clean input exits 0', async () => {
    const { code, stdout } = await cli(['check', '--today', '2026-11-27', 'test/fixtures/cli/clean']);
    expect([code, stdout]).toEqual([0, '0 error(s), 0 warning(s), 0 info, 0 suppressed.\n']);
  });

  test.each([
    [['check', '--format', 'xml', HCL], /--format xml is not accepted; use one of text, json, sarif/],
    [['check', '--fail-on'], /--fail-on needs a value: error, warning, never/],
    [['check', '--bogus', HCL], /unknown option --bogus; check accepts --format, --fail-on, --config, --today/],
    [['check', '--today', 'tomorrow', HCL], /--today tomorrow is not a date; write it YYYY-MM-DD/],
    [['check'], /no input given/],
    [['check', '--config', 'missing.json', HCL], /missing\.json: no such file or directory/],
    [['check', '--config', 'test/fixtures/reader/notes.txt', HCL], /notes\.txt: not JSON/],
  ])('usage and input errors exit 2 with a message, no stack trace: %j', async (argv, message) => {
    const { code, stdout, stderr } = await cli(argv);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(stdout).toBe('');
  });
});
