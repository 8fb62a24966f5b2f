import { mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { cli, REPO } from './run-cli';

/** The README's diff sample: the example's Key Vault grant, its construct renamed from api_secrets to api_vault_secrets. */
function synthesis(address: string): string {
  return JSON.stringify({
    '//': { metadata: { backend: 'local', stackName: 'ordering-api', version: '0.21.0' } },
    'resource': {
      azurerm_resource_group: { rg: { name: 'rg-ordering-api', location: 'eastus' } },
      azurerm_key_vault: { vault: { name: 'kv-ordering-api', resource_group_name: '${azurerm_resource_group.rg.name}' } },
      azurerm_user_assigned_identity: {
        api: { name: 'uai-ordering-api', resource_group_name: 'rg-shared-identities', location: 'eastus', tags: { owner: 'team-ordering@contoso.example' } },
      },
      azurerm_role_assignment: {
        [address]: {
          scope: '${azurerm_key_vault.vault.id}',
          role_definition_name: 'Key Vault Secrets User',
          principal_id: '${azurerm_user_assigned_identity.api.principal_id}',
          principal_type: 'ServicePrincipal',
        },
      },
    },
  });
}

test('the README\'s copy of the diff output is what `azure-access diff` prints for a renamed construct', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'readme-diff-'));
  const [base, head] = [['base', 'api_secrets'], ['head', 'api_vault_secrets']].map(([name, address]) => {
    const file = path.join(dir, `${name}.tf.json`);
    writeFileSync(file, synthesis(address));
    return file;
  });
  const { code, stdout } = await cli(['diff', base, head]);
  expect(code).toBe(0);
  const readme = readFileSync(path.join(REPO, 'README.md'), 'utf8');
  const fence = '````markdown\n';
  const start = readme.indexOf(fence, readme.indexOf('Renaming the construct')) + fence.length;
  expect(readme.slice(start, readme.indexOf('````', start))).toBe(stdout);
});
