import { findingsOf, hclJson, ruleFindings, SUB } from './rule-fixtures';
import { AccessGraph } from '../../src/review/graph/access-graph';

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

describe('AZA031: a user account used as a service account', () => {
  test('fires, as an error, on an account whose password comes from random_password, naming what it holds', async () => {
    const findings = await ruleFindings(user('  password = random_password.svc.result'), 'AZA031');
    expect(findings.map((f) => [f.severity, f.address, f.message])).toEqual([[
      'error',
      'azuread_user.svc',
      'user svc-deploy is a service account: its password is set in the configuration (random_password.svc.result); '
        + 'it holds "Contributor" at rg-app.',
    ]]);
    expect(findings[0].fix).toContain('managed identity (WorkloadIdentity)');
  });

  test('is the one finding about that account: no AZA010 for its grant, no AZA015 for the account; the grant\'s scope is still judged', async () => {
    const document = await hclJson(user('  password = random_password.svc.result'));
    const findings = findingsOf(document);
    const ids = findings.map((f) => f.ruleId);
    expect(ids).toContain('AZA031');
    expect(ids).not.toContain('AZA010');
    expect(ids).not.toContain('AZA015');
    const graph = AccessGraph.fromDocuments([{ file: 'main.tf', document }]);
    expect(graph.grants.map((g) => [g.principal.name, g.role.name, g.scope.value])).toEqual([['svc-deploy', 'Contributor', RG]]);
    expect(graph.notReviewed).toEqual([]);
  });

  test('a literal password is never repeated in the finding', async () => {
    const [finding] = await ruleFindings(user('  password = "Pa55word-in-the-code"'), 'AZA031');
    expect(finding.message).toBe('user svc-deploy is a service account: its password is set in the configuration; it holds "Contributor" at rg-app.');
    expect(finding.message).not.toContain('Pa55word');
  });

  test('fires on a password that never expires, and names each sign once', async () => {
    const [finding] = await ruleFindings(user('  password = random_password.svc.result\n  disable_password_expiration = true'), 'AZA031');
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

  test('a person\'s account holding Owner standing is AZA002\'s; a service account\'s is AZA031\'s alone', async () => {
    const owner = (args: string) => user(args).replace('"Contributor"', '"Owner"');
    expect((await ruleFindings(owner(''), 'AZA002')).map((f) => f.address)).toEqual(['azurerm_role_assignment.deploy']);
    expect(await ruleFindings(owner('  password = random_password.svc.result'), 'AZA002')).toEqual([]);
    expect((await ruleFindings(owner('  password = random_password.svc.result'), 'AZA031')).map((f) => f.message)).toEqual([
      'user svc-deploy is a service account: its password is set in the configuration (random_password.svc.result); it holds "Owner" at rg-app.',
    ]);
  });
});
