import { writeFileSync } from 'fs';
import * as path from 'path';

/** A cdktf-shaped stack JSON in `dir` with one grant of Key Vault Secrets User at `scope`. */
export function keyVaultGrantStack(dir: string, name: string, scope: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, JSON.stringify({
    resource: {
      azurerm_resource_group: { rg: { name: 'rg-app', location: 'eastus' } },
      azurerm_key_vault: { kv: { name: 'kv-app', resource_group_name: '${azurerm_resource_group.rg.name}' } },
      azurerm_user_assigned_identity: { api: { name: 'uai-api', tags: { owner: 'team' } } },
      azurerm_role_assignment: {
        api_secrets: { scope, role_definition_name: 'Key Vault Secrets User', principal_id: '${azurerm_user_assigned_identity.api.principal_id}' },
      },
    },
  }));
  return file;
}

/** A base and a head in `dir` where that Key Vault grant widens from the vault to its resource group: a diff that widens. */
export function wideningStacks(dir: string): [string, string] {
  return [keyVaultGrantStack(dir, 'base.tf.json', '${azurerm_key_vault.kv.id}'), keyVaultGrantStack(dir, 'head.tf.json', '${azurerm_resource_group.rg.id}')];
}
