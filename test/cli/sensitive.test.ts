import { mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { cli } from './run-cli';

// Issue 26, item 9: values Terraform marks sensitive are printed as "(sensitive)" in every format,
// while every finding is still computed from the value itself.
const SECRET_GROUP = 'rg_payroll_secret';
const SECRET_SCOPE = `/subscriptions/00000000-0000-0000-0000-0000000000aa/resourceGroups/${SECRET_GROUP}`;
const SECRET_PRINCIPAL = '7f3c2e1a-9b8d-4c6e-a5f4-0e1d2c3b4a59';
const OPEN_SCOPE = '/subscriptions/00000000-0000-0000-0000-0000000000aa/resourceGroups/rg-open';

const HCL = `
variable "target" {
  type      = string
  sensitive = true
}
variable "who" {
  type      = string
  sensitive = true
  default   = "${SECRET_PRINCIPAL}"
}
variable "plain" {
  type    = string
  default = "rg-derived-plain"
}
resource "azurerm_role_assignment" "owner" {
  scope                = var.target
  role_definition_name = "Owner"
  principal_id         = var.who
}
resource "azurerm_role_assignment" "lowered" {
  scope                = lower(var.target)
  role_definition_name = "Reader"
  principal_id         = "prefix-\${var.who}"
}
resource "azurerm_role_assignment" "marked" {
  scope                = sensitive("/subscriptions/00000000-0000-0000-0000-0000000000aa/resourceGroups/\${var.plain}")
  role_definition_name = "Reader"
  principal_id         = "${SECRET_PRINCIPAL}"
}
resource "azurerm_role_assignment" "open" {
  scope                = "${OPEN_SCOPE}"
  role_definition_name = "Reader"
  principal_id         = "aaaaaaaa-0000-0000-0000-000000000001"
}
`;

function repository(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'azure-access-sensitive-'));
  writeFileSync(path.join(dir, 'main.tf'), HCL);
  writeFileSync(path.join(dir, 'terraform.tfvars'), `target = "${SECRET_SCOPE}"\n`);
  return dir;
}

const leaks = (text: string) => [SECRET_GROUP, 'rg_payroll', SECRET_PRINCIPAL, 'rg-derived-plain'].filter((s) => text.toLowerCase().includes(s.toLowerCase()));

describe('values marked sensitive', () => {
  const dir = repository();

  test.each([
    ['check', ['check', '--today', '2026-12-06']],
    ['check --format json', ['check', '--today', '2026-12-06', '--format', 'json']],
    ['check --format sarif', ['check', '--today', '2026-12-06', '--format', 'sarif']],
    ['report', ['report']],
    ['report --format json', ['report', '--format', 'json']],
    ['report --format html', ['report', '--format', 'html']],
  ])('%s: shown as (sensitive), never in clear, and the findings still computed', async (_name, argv) => {
    const { code, stdout } = await cli([...argv, dir]);
    expect(code).toBe(argv[0] === 'check' ? 1 : 0);
    expect(leaks(stdout)).toEqual([]);
    expect(stdout).toContain('(sensitive)');
    // What is not sensitive is shown as ever (check names the open grant's principal, the report its scope).
    expect(stdout).toMatch(/rg-open|aaaaaaaa-0000-0000-0000-000000000001/);
  });

  test('the Owner grant at the sensitive scope is still judged at its level (a resource group)', async () => {
    const { stdout } = await cli(['check', '--today', '2026-12-06', '--format', 'json', dir]);
    const findings = JSON.parse(stdout).findings as { ruleId: string; address: string; message: string }[];
    const owner = findings.filter((f) => f.address === 'azurerm_role_assignment.owner').map((f) => f.ruleId);
    expect(owner).toContain('AZA002');
    expect(findings.find((f) => f.address === 'azurerm_role_assignment.owner' && f.ruleId === 'AZA002')!.message)
      .toBe('principal of unknown kind (sensitive) holds "Owner" standing at (sensitive).');
  });

  test('a value set by --var, by TF_VAR_ or a function of it is as sensitive; so is the step summary', async () => {
    const bare = mkdtempSync(path.join(tmpdir(), 'azure-access-sensitive-var-'));
    writeFileSync(path.join(bare, 'main.tf'), HCL);
    const summary = path.join(bare, 'summary.md');
    writeFileSync(summary, '');
    const byVar = await cli(['report', '--var', `target=${SECRET_SCOPE}`, bare], { env: { GITHUB_STEP_SUMMARY: summary } });
    expect(byVar.code).toBe(0);
    expect(leaks(byVar.stdout)).toEqual([]);
    expect(leaks(readFileSync(summary, 'utf8'))).toEqual([]);
    expect(readFileSync(summary, 'utf8')).toContain('(sensitive)');
    const byEnv = await cli(['report', '--format', 'json', bare], { env: { TF_VAR_target: SECRET_SCOPE } });
    expect(leaks(byEnv.stdout)).toEqual([]);
  });

  test('diff: both sides, in markdown and in the pull-request comment', async () => {
    const base = mkdtempSync(path.join(tmpdir(), 'azure-access-sensitive-base-'));
    writeFileSync(path.join(base, 'main.tf'), `resource "azurerm_role_assignment" "open" {
  scope                = "${OPEN_SCOPE}"
  role_definition_name = "Reader"
  principal_id         = "aaaaaaaa-0000-0000-0000-000000000001"
}
`);
    for (const format of [[], ['--format', 'comment']]) {
      const { code, stdout } = await cli(['diff', ...format, base, dir]);
      expect(code).toBe(0);
      expect(leaks(stdout)).toEqual([]);
      expect(stdout).toContain('(sensitive)');
    }
  });

  test('a plan: what sensitive_values and after_sensitive mark is hidden, the rest shown', async () => {
    const values = { scope: SECRET_SCOPE, role_definition_name: 'Owner', principal_id: SECRET_PRINCIPAL };
    const plan = {
      format_version: '1.2',
      planned_values: {
        root_module: {
          resources: [
            { address: 'azurerm_role_assignment.owner', mode: 'managed', type: 'azurerm_role_assignment', name: 'owner', values, sensitive_values: { scope: true } },
            {
              address: 'azurerm_role_assignment.open',
              mode: 'managed',
              type: 'azurerm_role_assignment',
              name: 'open',
              values: { scope: OPEN_SCOPE, role_definition_name: 'Reader', principal_id: 'aaaaaaaa-0000-0000-0000-000000000001' },
              sensitive_values: {},
            },
          ],
        },
      },
      resource_changes: [{
        address: 'azurerm_role_assignment.owner',
        type: 'azurerm_role_assignment',
        change: {
          actions: ['create'], before: null, after: values, after_sensitive: { principal_id: true },
        },
      }],
    };
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'azure-access-sensitive-plan-')), 'plan.json');
    writeFileSync(file, JSON.stringify(plan));
    for (const argv of [['report', '--format', 'json'], ['check', '--today', '2026-12-06'], ['diff']]) {
      const { stdout } = await cli([...argv, file]);
      expect(leaks(stdout)).toEqual([]);
      expect(stdout).toContain('(sensitive)');
      expect(stdout).toMatch(/rg-open|aaaaaaaa-0000-0000-0000-000000000001/);
    }
  });
});

describe('echoed input is cut at 200 characters (issue 26, item 9)', () => {
  test('a 100,000-character role name and scope make findings of a few hundred characters, the length said', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'azure-access-echo-'));
    writeFileSync(path.join(dir, 'main.tf'), `resource "azurerm_role_assignment" "a" {
  scope                = "/subscriptions/${'S'.repeat(100_000)}"
  role_definition_name = "${'R'.repeat(100_000)}"
  principal_id         = "p"
}
`);
    const { code, stdout } = await cli(['check', '--today', '2026-12-06', '--format', 'json', dir]);
    expect(code).toBe(1);
    const messages = (JSON.parse(stdout).findings as { message: string }[]).map((f) => f.message);
    expect(messages.length).toBeGreaterThan(0);
    for (const message of messages) expect(message.length).toBeLessThan(1_000);
    expect(messages.join('\n')).toMatch(/R{150,200}… \(100\d{3} characters\)/);
  });
});

describe('a plan of the wrong shape is refused by its shape, before what is sensitive in it is read', () => {
  test('a resource change without its change: exit 2 at the JSON pointer, never an internal error', async () => {
    const plan = { format_version: '1.2', planned_values: { root_module: {} }, resource_changes: [{ address: 'a.b', type: 'a' }] };
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'azure-access-plan-shape-')), 'plan.json');
    writeFileSync(file, JSON.stringify(plan));
    const { code, stderr } = await cli(['report', file]);
    expect(code).toBe(2);
    expect(stderr).toContain(`${file}: /resource_changes/0/change: expected an object`);
    expect(stderr).not.toMatch(/Cannot read|internal error/);
  });
});
