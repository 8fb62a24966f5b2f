import { DEPLOY_APPLICATION, DEPLOY_PASSWORD, keptSecret, opsVault, roleAssignment } from './store-fixtures';
import { AccessGraph } from '../../../src/review/graph/access-graph';
import { buildReport } from '../../../src/review/report/access-report';
import { renderReportMarkdown } from '../../../src/review/report/render-report';
import { hclJson, ruleFindings, SUB } from '../../policy/rule-fixtures';

const RG = `/subscriptions/${SUB}/resourceGroups/rg-app`;

/**
 * An application with its service principal (Owner on rg-app), its client secret kept in a vault
 * of rg-app (Azure RBAC unless told otherwise), and who can read that vault's secrets: the app's
 * identity (Key Vault Secrets User at the vault), a group (Key Vault Administrator on the resource
 * group); and who cannot: a reader of something else (Storage Blob Data Reader), a secrets role on
 * another resource group, the Owner (no data action: it would have to give itself one first).
 */
function configuration(secretValue: string, vaultAuthorization?: string): string {
  return `${DEPLOY_APPLICATION}${DEPLOY_PASSWORD}${roleAssignment('deploy_owner', 'Owner', `"${RG}"`)}${opsVault(vaultAuthorization)}${keptSecret(secretValue)}
resource "azuread_group" "ops" {
  display_name     = "ops"
  security_enabled = true
}
${identity('app', 'uai-app')}`
    + roleAssignment('app_secrets', 'Key Vault Secrets User', 'azurerm_key_vault.ops.id', APP)
    + roleAssignment('ops_admin', 'Key Vault Administrator', `"${RG}"`, OPS)
    + roleAssignment('blobs', 'Storage Blob Data Reader', `"${RG}"`, OPS)
    + roleAssignment('elsewhere', 'Key Vault Secrets Officer', `"/subscriptions/${SUB}/resourceGroups/rg-other"`, APP);
}

const APP = 'azurerm_user_assigned_identity.app.principal_id';
const OPS = 'azuread_group.ops.object_id';

/** A user-assigned identity of rg-app. */
function identity(name: string, displayName: string): string {
  return `
resource "azurerm_user_assigned_identity" "${name}" {
  name                = "${displayName}"
  resource_group_name = "rg-app"
  location            = "eastus"
}
`;
}

describe('a client secret kept in a Key Vault secret: whoever reads the vault\'s secrets signs in as its principal', () => {
  test('AZA005 on the secret names the vault secret and who this configuration lets read it, and the principal it signs in as', async () => {
    const [finding] = await ruleFindings(configuration('azuread_application_password.deploy.value'), 'AZA005');
    expect(finding.address).toBe('azuread_application_password.deploy');
    expect(finding.message).toBe('application password of deploy (no end date written: Entra ends it two years after creation). Kept in Key Vault secret deploy-client-secret of vault kv-ops: '
      + 'whoever can read the vault\'s secrets (managed identity uai-app, group ops) signs in as application deploy, which holds "Owner" at rg-app.');
    expect(finding.fix).toContain('Run the workload that reads it where it is kept as a managed identity (WorkloadIdentity)');
    expect(finding.fix).toContain('azurerm_key_vault_secret.deploy');
    expect(finding.fix).not.toContain('Sign in from CI');
  });

  test('the grants it is read through are the ones whose role reads secret values at the vault or above it, in the same subscription\'s scopes', async () => {
    const document = await hclJson(configuration('azuread_application_password.deploy.value'));
    const graph = AccessGraph.fromDocuments([{ file: 'main.tf', document }]);
    // Every grant with its scope: the readers are among them, the others are not readers of this vault.
    expect(graph.grants.map((g) => [g.principal.name, g.role.name, g.scope.value]).sort()).toEqual([
      ['deploy', 'Owner', RG],
      ['ops', 'Key Vault Administrator', RG],
      ['ops', 'Storage Blob Data Reader', RG],
      ['uai-app', 'Key Vault Secrets Officer', `/subscriptions/${SUB}/resourceGroups/rg-other`],
      ['uai-app', 'Key Vault Secrets User', '${azurerm_key_vault.ops.id}'],
    ]);
    const [credential] = buildReport(graph).credentials;
    expect(credential.stores).toEqual([{
      kind: 'key-vault-secret',
      store: 'Key Vault secret deploy-client-secret of vault kv-ops',
      name: 'deploy-client-secret',
      keptIn: 'kv-ops',
      readers: ['managed identity uai-app', 'group ops'],
      readerCount: 2,
      address: 'azurerm_key_vault_secret.deploy',
    }]);
    expect(renderReportMarkdown(buildReport(graph))).toContain('kept in Key Vault secret deploy-client-secret of vault kv-ops '
      + '(read by managed identity uai-app, group ops, `azurerm_key_vault_secret.deploy`)');
  });

  test('a vault that authorizes with access policies is read through its policies alone: the data roles read nothing there', async () => {
    const policy = `  rbac_authorization_enabled = false
  access_policy {
    tenant_id          = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee"
    object_id          = azuread_group.ops.object_id
    secret_permissions = ["Get", "List"]
  }
  access_policy {
    tenant_id          = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee"
    object_id          = azurerm_user_assigned_identity.app.principal_id
    secret_permissions = ["List"]
  }`;
    const [finding] = await ruleFindings(configuration('azuread_application_password.deploy.value', policy), 'AZA005');
    expect(finding.message).toContain('whoever can read the vault\'s secrets (group ops) signs in as application deploy');
    const unknown = '  rbac_authorization_enabled = var.rbac';
    const [either] = await ruleFindings(configuration('azuread_application_password.deploy.value', unknown), 'AZA005');
    // Either way of authorizing may be the vault's: both kinds of reader count.
    expect(either.message).toContain('(managed identity uai-app, group ops)');
  });

  test('storage permissions (managed storage accounts) read no secret of the vault; one the review does not know may', async () => {
    const policy = (permissions: string) => `  rbac_authorization_enabled = false
  access_policy {
    tenant_id           = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee"
    object_id           = azurerm_user_assigned_identity.app.principal_id
    key_permissions     = ["Get"]
    storage_permissions = [${permissions}]
  }`;
    // The azurerm docs' own Key Vault example gives storage Get.
    const [finding] = await ruleFindings(configuration('azuread_application_password.deploy.value', policy('"Get", "GetSAS", "RegenerateKey"')), 'AZA005');
    expect(finding.message).toContain('whoever can read the vault\'s secrets (no one this configuration grants it to) signs in as application deploy');
    const graph = AccessGraph.fromDocuments([{ file: 'main.tf', document: await hclJson(configuration('x', policy('"Get"'))) }]);
    const held = graph.grants.filter((g) => g.principal.name === 'uai-app' && g.role.name.startsWith('Key Vault access policy'));
    expect(held.map((g) => [g.role.name, g.role.role?.permissions[0].dataActions, g.role.isReadOnly, g.scope.value])).toEqual([
      ['Key Vault access policy on kv-ops (key: Get; storage: Get)', ['Microsoft.KeyVault/vaults/keys/read'], true, '${azurerm_key_vault.ops.id}'],
    ]);
    const [unknown] = await ruleFindings(configuration('azuread_application_password.deploy.value', policy('"Get", "Frobnicate"')), 'AZA005');
    expect(unknown.message).toContain('whoever can read the vault\'s secrets (managed identity uai-app) signs in as application deploy');
  });

  test('a vault read by many lists the first ten readers for each of its secrets, and how many there are', async () => {
    const many = Array.from({ length: 12 }, (_, i) => identity(`reader${i}`, `uai-reader-${String(i).padStart(2, '0')}`)
      + roleAssignment(`reader${i}`, 'Key Vault Secrets User', 'azurerm_key_vault.ops.id', `azurerm_user_assigned_identity.reader${i}.principal_id`)).join('');
    const graph = AccessGraph.fromDocuments([{ file: 'main.tf', document: await hclJson(configuration('azuread_application_password.deploy.value') + many) }]);
    const [store] = buildReport(graph).credentials[0].stores!;
    expect(store.readers).toHaveLength(10);
    expect(store.readerCount).toBe(14);
    expect(renderReportMarkdown(buildReport(graph))).toMatch(/read by (managed identity [\w-]+|group ops)(, (managed identity [\w-]+|group ops)){9} and 4 more, `azurerm_key_vault_secret.deploy`/);
  });

  test('inside a JSON text (client ID and secret together) it is kept all the same', async () => {
    const value = 'jsonencode({ clientId = azuread_application_registration.deploy.client_id, clientSecret = azuread_application_password.deploy.value })';
    const [finding] = await ruleFindings(configuration(value), 'AZA005');
    expect(finding.message).toContain('Kept in Key Vault secret deploy-client-secret of vault kv-ops');
  });

  test('a vault secret of anything else is no credential store: AZA005 says only the secret', async () => {
    const [finding] = await ruleFindings(configuration('"not-a-credential"'), 'AZA005');
    expect(finding.message).toBe('application password of deploy (no end date written: Entra ends it two years after creation).');
    const graph = AccessGraph.fromDocuments([{ file: 'main.tf', document: await hclJson(configuration('"not-a-credential"')) }]);
    expect(graph.credentials.map((c) => c.origin.address)).toEqual(['azuread_application_password.deploy']);
    expect(graph.credentialStores).toEqual([]);
  });
});
