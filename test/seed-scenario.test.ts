import { mkdtempSync, readFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { App, LocalBackend, TerraformStack } from 'cdktf';
import { BuiltInRole, GrantInventory, Scope, ScopeLevel, WorkloadIdentity } from '../src';
import { appResources, newStack, onlyResource, synthJson } from './support/stack';

/**
 * The seed scenario: identity uai-ordering-api in rg-shared-identities (eastus) gets
 * "Key Vault Secrets User" on one vault, runs the Linux Function App, and GitHub Actions deploys
 * of the repository's prod environment are trusted without a secret.
 */
function orderingApi(stack: TerraformStack) {
  const { vault, functionApp } = appResources(stack);
  const api = new WorkloadIdentity(stack, 'OrderingApi', {
    name: 'uai-ordering-api',
    resourceGroupName: 'rg-shared-identities',
    location: 'eastus',
    owner: 'team-ordering@contoso.example',
  });
  api.grant(BuiltInRole.KEY_VAULT_SECRETS_USER, Scope.of(vault)).applyBefore(functionApp);
  api.attachTo(functionApp);
  api.trustGitHubActions('github-prod', { repository: 'contoso/ordering-api', environment: 'prod' });
  return { api, vault, functionApp };
}

describe('seed scenario', () => {
  const stack = newStack('ordering');
  const { api, vault } = orderingApi(stack);
  const json = synthJson(stack);

  test('the identity holds exactly Key Vault Secrets User on the vault, at resource scope', () => {
    const inventory = GrantInventory.fromStack(stack);
    inventory.assertHoldsExactly(api, [inventory.expectedGrant(BuiltInRole.KEY_VAULT_SECRETS_USER, Scope.of(vault))]);
    inventory.assertAllScopesAtMost(ScopeLevel.RESOURCE);
    expect(inventory.grants).toHaveLength(1);
    expect(inventory.grants[0]).toMatchObject({
      principalName: 'uai-ordering-api',
      principalType: 'ServicePrincipal',
      roleName: 'Key Vault Secrets User',
      plane: 'data',
      scope: '${azurerm_key_vault.kv.id}',
      scopeLevel: ScopeLevel.RESOURCE,
    });
  });

  test('the vault is the one vault of the app', () => {
    expect(onlyResource(json, 'azurerm_key_vault')).toMatchObject({ name: 'kv-ordering', enable_rbac_authorization: true });
  });

  test('the Function App runs as the identity and selects it for DefaultAzureCredential', () => {
    const app = onlyResource(json, 'azurerm_linux_function_app');
    expect(app.identity.type).toBe('UserAssigned');
    expect(app.app_settings.AZURE_CLIENT_ID).toMatch(/^\$\{azurerm_user_assigned_identity\.OrderingApi_[0-9A-F]+\.client_id\}$/);
    expect(app.depends_on).toEqual([expect.stringMatching(/^azurerm_role_assignment\./)]);
  });

  test('GitHub Actions deploys of the prod environment are trusted', () => {
    expect(onlyResource(json, 'azurerm_federated_identity_credential').subject).toBe('repo:contoso/ordering-api:environment:prod');
  });

  test('the identity lives in rg-shared-identities in eastus with its owner', () => {
    expect(onlyResource(json, 'azurerm_user_assigned_identity')).toEqual({
      name: 'uai-ordering-api',
      resource_group_name: 'rg-shared-identities',
      location: 'eastus',
      tags: { owner: 'team-ordering@contoso.example' },
    });
  });
});

describe('synthesis is deterministic', () => {
  function synthOnce(): string {
    const outdir = mkdtempSync(path.join(tmpdir(), 'seed-'));
    const app = new App({ outdir });
    const stack = new TerraformStack(app, 'ordering');
    new AzurermProvider(stack, 'azurerm', { features: [{}] });
    // cdktf's default local backend records the absolute working directory; name a relative one.
    new LocalBackend(stack, { path: 'terraform.tfstate' });
    orderingApi(stack);
    app.synth();
    return readFileSync(path.join(outdir, 'stacks', 'ordering', 'cdk.tf.json'), 'utf8');
  }

  test('the same app twice gives byte-identical JSON, with no machine path in it', () => {
    const first = synthOnce();
    expect(synthOnce()).toBe(first);
    expect(first).not.toMatch(/"\/(tmp|root|home|work|Users)\//);
  });
});
