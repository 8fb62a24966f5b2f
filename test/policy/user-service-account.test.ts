import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { findingsOf, hclJson, ruleFindings, SUB } from './rule-fixtures';
import { Finding } from '../../src/model/finding';
import { evaluate } from '../../src/policy/evaluate';
import { AccessGraph } from '../../src/review/graph/access-graph';
import { readInputs } from '../../src/review/reader/read-inputs';

const RG = `/subscriptions/${SUB}/resourceGroups/rg-app`;

/** A user account with these arguments, holding Contributor on rg-app. */
function user(args: string, extra = ''): string {
  return `
resource "random_password" "svc" {
  length = 32
}
resource "azuread_user" "svc" {
  user_principal_name = "svc-deploy@contoso.example"
  display_name        = "svc-deploy"
${args}
}
resource "azurerm_role_assignment" "deploy" {
  scope                = "${RG}"
  role_definition_name = "Contributor"
  principal_id         = azuread_user.svc.object_id
}
${extra}`;
}

const NEVER_EXPIRES = '  password = random_password.svc.result\n  disable_password_expiration = true';

/** The findings are one, on the account svc-deploy, with this severity and message. */
function expectOneOnTheAccount(findings: Finding[], severity: string, message: string): void {
  expect(findings.map((f) => [f.severity, f.address, f.message])).toEqual([[severity, 'azuread_user.svc', message]]);
}

describe('AZA031: a user account with a standing password, or used as a service account', () => {
  test('a password from random_password that no first sign-in replaces: an error, said as what it is, naming what the account holds', async () => {
    const findings = await ruleFindings(user('  password = random_password.svc.result'), 'AZA031');
    expectOneOnTheAccount(findings, 'error', 'user svc-deploy keeps a password from the configuration, usable and in Terraform state: '
      + 'its password is set in the configuration (random_password.svc.result); it holds "Contributor" at rg-app.');
    expect(findings[0].fix).toContain('For a person: set force_password_change = true');
    // It may be a person's: AZA010 still judges its standing write access as a person's.
    expect((await ruleFindings(user('  password = random_password.svc.result'), 'AZA010')).map((f) => f.address)).toEqual(['azurerm_role_assignment.deploy']);
  });

  test('a disabled account (account_enabled = false) is a warning that says so, since no one signs in until it is enabled; any other an error', async () => {
    const findings = await ruleFindings(user('  account_enabled = false\n  password = random_password.svc.result'), 'AZA031');
    expectOneOnTheAccount(findings, 'warning', 'user svc-deploy is disabled now (account_enabled = false) and keeps a password from the configuration '
      + 'in Terraform state; enabling the account makes it usable: its password is set in the configuration (random_password.svc.result); '
      + 'it holds "Contributor" at rg-app.');
    expect(findings[0].message).not.toContain('usable and');
    // A service account switched off is still the one finding about it, a warning until it is enabled.
    const [service] = await ruleFindings(user(`  account_enabled = false\n${NEVER_EXPIRES}`), 'AZA031');
    expect([service.severity, service.message]).toEqual(['warning',
      'user svc-deploy is a service account, disabled now (account_enabled = false); enabling the account makes its password usable: '
        + 'its password is set in the configuration (random_password.svc.result); its password never expires; it holds "Contributor" at rg-app.']);
    // Enabled, enabled by default, or enabled by a value known only at apply: usable, an error (unknown counts as the widest).
    for (const enabled of ['  account_enabled = true\n', '', '  account_enabled = var.enabled\n']) {
      const usable = await ruleFindings(user(`${enabled}  password = random_password.svc.result`), 'AZA031');
      expect(usable.map((f) => [f.severity, f.message.startsWith('user svc-deploy keeps a password from the configuration, usable and in Terraform state')]))
        .toEqual([['error', true]]);
    }
  });

  test('a service account is the one finding about that account: no AZA010 for its grant, no AZA015 for the account; the grant\'s scope is still judged', async () => {
    const document = await hclJson(user(NEVER_EXPIRES));
    const findings = findingsOf(document);
    const ids = findings.map((f) => f.ruleId);
    expect(ids).toContain('AZA031');
    expect(ids).not.toContain('AZA010');
    expect(ids).not.toContain('AZA015');
    expect(findings.find((f) => f.ruleId === 'AZA031')!.fix).toContain('managed identity (WorkloadIdentity)');
    const graph = AccessGraph.fromDocuments([{ file: 'main.tf', document }]);
    expect(graph.grants.map((g) => [g.principal.name, g.role.name, g.scope.value])).toEqual([['svc-deploy', 'Contributor', RG]]);
    expect(graph.notReviewed).toEqual([]);
  });

  test('a literal password is never repeated in the finding', async () => {
    const [finding] = await ruleFindings(user('  password = "Pa55word-in-the-code"'), 'AZA031');
    expect(finding.message).toBe('user svc-deploy keeps a password from the configuration, usable and in Terraform state: '
      + 'its password is set in the configuration; it holds "Contributor" at rg-app.');
    expect(finding.message).not.toContain('Pa55word');
  });

  test('a password that never expires makes it a service account, and each sign is named once', async () => {
    const [finding] = await ruleFindings(user(NEVER_EXPIRES), 'AZA031');
    expect(finding.message).toBe('user svc-deploy is a service account: its password is set in the configuration (random_password.svc.result); '
      + 'its password never expires; it holds "Contributor" at rg-app.');
  });

  test('fires on an account whose password is handed on, and on one a workload signs in as', async () => {
    const kept = `
resource "azurerm_key_vault_secret" "svc" {
  name         = "svc-password"
  value        = azuread_user.svc.password
  key_vault_id = "${RG}/providers/Microsoft.KeyVault/vaults/kv-app"
}
resource "azurerm_automation_credential" "svc" {
  name                    = "svc"
  resource_group_name     = "rg-app"
  automation_account_name = "aa-ops"
  username                = azuread_user.svc.user_principal_name
  password                = "\${azuread_user.svc.password}"
}
resource "azurerm_linux_function_app" "jobs" {
  name = "func-jobs"
  app_settings = {
    RUN_AS_PASSWORD = "\${azuread_user.svc.password}"
    ADMIN_CONTACT   = "\${azuread_user.svc.user_principal_name}"
  }
}`;
    // An initial password the person must change is a person's; what the configuration does with it is not.
    const [finding] = await ruleFindings(user('  password = random_password.svc.result\n  force_password_change = true', kept), 'AZA031');
    // In document order (hcl2json orders the types by name).
    expect(finding.message).toBe('user svc-deploy is a service account: its password is kept in azurerm_automation_credential.svc; '
      + 'an automation account signs in as it (azurerm_automation_credential.svc); its password is kept in azurerm_key_vault_secret.svc; '
      + 'its password is kept in azurerm_linux_function_app.jobs; it holds "Contributor" at rg-app.');
  });

  test('a block repeated over the users (for_each = azuread_user.x) that keeps each one\'s password makes each a service account', async () => {
    const repeated = `
resource "azuread_user" "svc" {
  for_each              = toset(["build", "deploy"])
  user_principal_name   = "svc-\${each.key}@contoso.example"
  display_name          = "svc-\${each.key}"
  password              = random_password.svc.result
  force_password_change = true
}
resource "random_password" "svc" {
  length = 32
}
resource "azurerm_key_vault_secret" "passwords" {
  for_each     = azuread_user.svc
  name         = "pw-\${each.key}"
  value        = each.value.password
  key_vault_id = "${RG}/providers/Microsoft.KeyVault/vaults/kv-app"
}
`;
    // As the command reads it (instances expanded by the reader, the secrets' for_each too, since
    // Terraform knows the users' keys at plan time): one finding per user, naming its own secret.
    const dir = mkdtempSync(path.join(tmpdir(), 'aza031-'));
    writeFileSync(path.join(dir, 'main.tf'), repeated);
    const sources = await readInputs([dir], { cwd: dir });
    const graph = AccessGraph.fromDocuments(sources.map((d) => ({ file: d.file, document: d.document })));
    expect(evaluate(graph, { today: '2026-11-27' }).findings.filter((f) => f.ruleId === 'AZA031').map((f) => [f.address, f.message])).toEqual([
      ['azuread_user.svc["build"]', 'user svc-build is a service account: its password is kept in azurerm_key_vault_secret.passwords["build"].'],
      ['azuread_user.svc["deploy"]', 'user svc-deploy is a service account: its password is kept in azurerm_key_vault_secret.passwords["deploy"].'],
    ]);
    rmSync(dir, { recursive: true, force: true });
    // Unexpanded, the one block stands for all its users.
    expect((await ruleFindings(repeated, 'AZA031')).map((f) => f.address)).toEqual(['azuread_user.svc']);
  });

  test('is quiet on a person\'s account without a credential, which AZA010 still judges as a person', async () => {
    expect(await ruleFindings(user(''), 'AZA031')).toEqual([]);
    const findings = await ruleFindings(user(''), 'AZA010');
    expect(findings.map((f) => f.address)).toEqual(['azurerm_role_assignment.deploy']);
  });

  test('is quiet on a person a workload\'s settings only name (an administrator, a contact)', async () => {
    const named = `
resource "azurerm_linux_function_app" "jobs" {
  name = "func-jobs"
  app_settings = {
    ADMIN_OBJECT_ID = "\${azuread_user.svc.object_id}"
    ADMIN_CONTACT   = "\${azuread_user.svc.user_principal_name}"
  }
}`;
    expect(await ruleFindings(user('', named), 'AZA031')).toEqual([]);
  });

  test('is quiet on an initial password the person must change at first sign-in', async () => {
    expect(await ruleFindings(user('  password = random_password.svc.result\n  force_password_change = true'), 'AZA031')).toEqual([]);
    // Unknown until apply counts as not forced: the wider reading.
    const [unknown] = await ruleFindings(user('  password = random_password.svc.result\n  force_password_change = var.force'), 'AZA031');
    expect(unknown.address).toBe('azuread_user.svc');
  });

  test('a service account holding Owner: AZA031 names the Owner as its widest holding, and AZA002 still judges the grant', async () => {
    const owner = `
resource "azurerm_role_assignment" "prod_owner" {
  scope                = "/subscriptions/${SUB}/resourceGroups/rg-prod"
  role_definition_name = "Owner"
  principal_id         = azuread_user.svc.object_id
}`;
    const hcl = user(NEVER_EXPIRES, owner).replace('"Contributor"', '"Reader"');
    expect((await ruleFindings(hcl, 'AZA031')).map((f) => f.message)).toEqual([
      'user svc-deploy is a service account: its password is set in the configuration (random_password.svc.result); its password never expires; '
        + 'it holds "Owner" at rg-prod and 1 other grant.',
    ]);
    // A migration window for the account (AZA031 suppressed) must not hide a standing Owner.
    expect((await ruleFindings(hcl, 'AZA002')).map((f) => f.address)).toEqual(['azurerm_role_assignment.prod_owner']);
  });
});
