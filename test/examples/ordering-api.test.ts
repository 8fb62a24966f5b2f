import { mkdtempSync, readFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { App } from 'cdktf';
import { OrderingApiStack, PLATFORM_GROUP_ID, SECRET_MIGRATION_ENDS, SECURITY_GROUP_ID } from '../../examples/ordering-api/ordering-api-stack';
import { GrantInventory, GrantKind, ScopeLevel } from '../../src';
import { cli } from '../cli/run-cli';

function synth(today: string): { json: any; stack: OrderingApiStack; outdir: string } {
  const outdir = mkdtempSync(path.join(tmpdir(), 'ordering-api-'));
  const app = new App({ outdir });
  const stack = new OrderingApiStack(app, 'ordering-api', { today });
  app.synth();
  return { json: JSON.parse(readFileSync(path.join(outdir, 'stacks', 'ordering-api', 'cdk.tf.json'), 'utf8')), stack, outdir };
}

describe('examples/ordering-api', () => {
  const { json, stack, outdir } = synth('2026-11-27');
  const resources = (type: string): any[] => Object.values(json.resource[type] ?? {});

  test('the synthesized JSON is the committed snapshot', () => {
    expect(json).toMatchSnapshot();
  });

  test('every standing grant is at resource scope: the vault for the API, the storage account for the host', () => {
    const inventory = GrantInventory.fromStack(stack);
    const standing = inventory.ofKinds(GrantKind.ROLE_ASSIGNMENT, GrantKind.ACTIVE_ASSIGNMENT);
    expect(standing.grants).toHaveLength(2);
    standing.assertAllScopesAtMost(ScopeLevel.RESOURCE);
    // Everything else (the platform group's eligibilities) stays within the resource group.
    expect(inventory.grants.map((g) => g.kind)).toEqual([
      GrantKind.ROLE_ASSIGNMENT, GrantKind.ROLE_ASSIGNMENT, GrantKind.ELIGIBLE_ASSIGNMENT, GrantKind.ELIGIBLE_ASSIGNMENT,
    ]);
    inventory.assertAllScopesAtMost(ScopeLevel.RESOURCE_GROUP);
    expect(() => inventory.assertAllScopesAtMost(ScopeLevel.RESOURCE)).toThrow(/^2 grant\(s\) wider than resource:\n {2}azurerm_pim_eligible_role_assignment\.PlatformAdmins_Owner/);
    expect(resources('azurerm_role_assignment').map((a) => [a.scope, a.role_definition_id.split('/').pop(), a.principal_id])).toEqual([
      ['${azurerm_key_vault.vault.id}', '4633458b-17de-408a-b874-0445c86b69e6', expect.stringMatching(/^\$\{azurerm_user_assigned_identity\.OrderingApi_[0-9A-F]+\.principal_id\}$/)],
      ['${azurerm_storage_account.storage.id}', 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b', '${azurerm_linux_function_app.api.identity[0].principal_id}'],
    ]);
    inventory.assertHoldsExactly(stack.api, [{ roleName: 'Key Vault Secrets User', scope: '${azurerm_key_vault.vault.id}' }]);
  });

  test('Owner and User Access Administrator are eligible for the platform group at the resource group, for 180 days', () => {
    expect(resources('azurerm_pim_eligible_role_assignment').map((e) => [e.scope, e.role_definition_id.split('/').pop(), e.principal_id, e.schedule.expiration])).toEqual([
      ['${azurerm_resource_group.rg.id}', '8e3af657-a8ff-443c-a75c-2fe8c4bcb635', PLATFORM_GROUP_ID, { duration_days: 180 }],
      ['${azurerm_resource_group.rg.id}', '18d7d88d-d35e-4fb5-a5c3-7773c20a72d9', PLATFORM_GROUP_ID, { duration_days: 180 }],
    ]);
    expect(json.resource.azurerm_pim_active_role_assignment).toBeUndefined();
  });

  test('activation: one hour at most, approved by security, MFA and justification, at the resource group', () => {
    const policies = resources('azurerm_role_management_policy');
    expect(policies.map((p) => p.scope)).toEqual(['${azurerm_resource_group.rg.id}', '${azurerm_resource_group.rg.id}']);
    for (const policy of policies) {
      expect(policy.activation_rules).toMatchObject({
        maximum_duration: 'PT1H',
        require_approval: true,
        require_multifactor_authentication: true,
        require_justification: true,
        approval_stage: { primary_approver: [{ object_id: SECURITY_GROUP_ID, type: 'Group' }] },
      });
    }
  });

  test('GitHub Actions deploys through a federated credential; the old secret is allowed until its date', () => {
    expect(resources('azurerm_federated_identity_credential').map((c) => c.subject)).toEqual(['repo:contoso/ordering-api:environment:prod']);
    const [secret] = resources('azuread_application_password');
    expect(secret['//']['cdktf-azure-access'].suppressions).toEqual([
      { ruleId: 'AZA005', reason: expect.stringContaining('federated credential'), until: SECRET_MIGRATION_ENDS },
    ]);
  });

  test('the guard passes today, and fails synthesis once the migration window has closed', () => {
    expect(() => synth('2027-07-01')).toThrow(/\[AZA005\] application password of .*\n.*\[AZA012\] the suppression of AZA005 .* ended on 2027-06-30/);
  });

  test('the report shows the vault grant, both eligibilities, the federated credential and the secret\'s end', async () => {
    const { stdout } = await cli(['report', outdir]);
    // Scopes by the names the code gives them; beside each eligibility, its activation policy.
    expect(stdout).toMatch(/\| uai-ordering-api \| managed-identity \| Key Vault Secrets User \| data \| `kv-ordering-api` \| resource \| standing \|/);
    // The approver by the name the app gave it (Principal.group(id, 'security')), not its object ID.
    const activation = 'activation: at most PT1H, approval by group security, MFA, justification';
    expect(stdout).toMatch(new RegExp(`\\| platform-admins \\| group \\| Owner \\| control \\| \`rg-ordering-api\` \\| resource-group \\| eligible \\| P180D \\| ${activation} \\|`));
    expect(stdout).toMatch(new RegExp(`\\| platform-admins \\| group \\| User Access Administrator \\| .* \\| eligible \\| P180D \\| ${activation} \\|`));
    // The secret's migration window, with its end and reason, beside the secret.
    expect(stdout).toMatch(/\| application-password \| .* \| 2027-06-30T00:00:00Z \|  \| AZA005 accepted until 2027-06-30: deploys move to /);
    expect(stdout).toMatch(/\| federated \| .* `repo:contoso\/ordering-api:environment:prod` \|/);
    expect(stdout).toMatch(/\| application-password \| .* \| 2027-06-30T00:00:00Z \|/);
    // The README shows this output; it must stay what the example really prints.
    const readme = readFileSync(path.join(__dirname, '../../README.md'), 'utf8');
    const shown = readme.slice(readme.indexOf('#### Azure access'), readme.indexOf('\n## What it does')).trim();
    expect(shown.replace(/^#### /, '## ').replace(/\n##### /g, '\n### ')).toBe(stdout.trim());
  });

  test('outputs the client ID and principal ID', () => {
    expect(Object.keys(json.output).sort()).toEqual(['ordering_api_client_id', 'ordering_api_principal_id']);
  });
});
