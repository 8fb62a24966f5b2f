import { Role } from '../../roles/role';
import { parseReference } from '../reference';
import { TerraformBlock } from '../terraform-json';
import { attributeOf, flag } from './block-values';
import { DocumentIndex } from './document-index';

const VAULT = 'Microsoft.KeyVault/vaults';
// What a permission allows that nothing narrower names: the whole data plane of the vault.
const WHOLE_VAULT = `${VAULT}/*`;

/**
 * Key Vault access policy permissions as the data actions of Azure RBAC that allow the same:
 * secret Get is reading secret values (`getSecret/action`, what Key Vault Secrets User holds),
 * Set / Delete / Purge are writes, key Decrypt / Sign / UnwrapKey are uses of keys. So a policy
 * is judged as a grant of a role with these data actions, by the same rules and reach.
 */
const DATA_ACTIONS: ReadonlyMap<string, ReadonlyMap<string, readonly string[]>> = new Map([
  ['secret_permissions', new Map([
    ['get', [`${VAULT}/secrets/getSecret/action`]],
    ['list', [`${VAULT}/secrets/readMetadata/action`]],
    ['set', [`${VAULT}/secrets/setSecret/action`]],
    ['delete', [`${VAULT}/secrets/delete`]],
    ['recover', [`${VAULT}/secrets/recover/action`]],
    ['backup', [`${VAULT}/secrets/backup/action`]],
    ['restore', [`${VAULT}/secrets/restore/action`]],
    ['purge', [`${VAULT}/secrets/purge/action`]],
  ])],
  ['key_permissions', new Map([
    ['get', [`${VAULT}/keys/read`]],
    ['list', [`${VAULT}/keys/read`]],
    ['decrypt', [`${VAULT}/keys/decrypt/action`]],
    ['encrypt', [`${VAULT}/keys/encrypt/action`]],
    ['sign', [`${VAULT}/keys/sign/action`]],
    ['verify', [`${VAULT}/keys/verify/action`]],
    ['wrapkey', [`${VAULT}/keys/wrap/action`]],
    ['unwrapkey', [`${VAULT}/keys/unwrap/action`]],
    ['create', [`${VAULT}/keys/create/action`]],
    ['import', [`${VAULT}/keys/import/action`]],
    ['update', [`${VAULT}/keys/update/action`]],
    ['delete', [`${VAULT}/keys/delete`]],
    ['recover', [`${VAULT}/keys/recover/action`]],
    ['backup', [`${VAULT}/keys/backup/action`]],
    ['restore', [`${VAULT}/keys/restore/action`]],
    ['purge', [`${VAULT}/keys/purge/action`]],
    ['release', [`${VAULT}/keys/release/action`]],
    ['rotate', [`${VAULT}/keys/rotate/action`]],
    ['getrotationpolicy', [`${VAULT}/keyrotationpolicies/read`]],
    ['setrotationpolicy', [`${VAULT}/keyrotationpolicies/write`]],
  ])],
  ['certificate_permissions', new Map([
    ['get', [`${VAULT}/certificates/read`]],
    ['list', [`${VAULT}/certificates/read`]],
    ['create', [`${VAULT}/certificates/create/action`]],
    ['import', [`${VAULT}/certificates/import/action`]],
    ['update', [`${VAULT}/certificates/update/action`]],
    ['delete', [`${VAULT}/certificates/delete`]],
    ['recover', [`${VAULT}/certificates/recover/action`]],
    ['backup', [`${VAULT}/certificates/backup/action`]],
    ['restore', [`${VAULT}/certificates/restore/action`]],
    ['purge', [`${VAULT}/certificates/purge/action`]],
    ['managecontacts', [`${VAULT}/certificatecontacts/write`]],
    ['getissuers', [`${VAULT}/certificatecas/read`]],
    ['listissuers', [`${VAULT}/certificatecas/read`]],
    ['setissuers', [`${VAULT}/certificatecas/write`]],
    ['deleteissuers', [`${VAULT}/certificatecas/delete`]],
    ['manageissuers', [`${VAULT}/certificatecas/write`]],
  ])],
  // Storage accounts whose keys the vault manages (deprecated). These register and rotate them and
  // define SAS tokens; none reads a secret, key or certificate of the vault, and the tokens
  // themselves are read as secrets (secret Get). No RBAC data action names them: each opens no
  // data action here, and is named in the policy's role, so it is still seen.
  ['storage_permissions', new Map(['backup', 'delete', 'deletesas', 'get', 'getsas', 'list', 'listsas', 'purge', 'recover', 'regeneratekey',
    'restore', 'set', 'setsas', 'update'].map((name) => [name, []]))],
]);

/** The permissions of one access policy (a resource or an inline block), as a role with the data actions they allow. */
export function accessPolicyRole(policy: Record<string, unknown>, vaultName: string): Role {
  const dataActions = new Set<string>();
  const written: string[] = [];
  for (const [attribute, byName] of DATA_ACTIONS) {
    const value = attributeOf(policy, attribute);
    if (value === undefined || value === null) continue;
    const names = Array.isArray(value) && value.every((v) => typeof v === 'string' && !v.includes('${')) ? (value as string[]) : undefined;
    // A list that cannot be read, or a permission not in the table, counts as the whole data plane.
    if (names === undefined) {
      dataActions.add(WHOLE_VAULT);
      written.push(`${attribute.replace('_permissions', '')}: unknown`);
      continue;
    }
    if (names.length === 0) continue;
    for (const name of names) for (const action of byName.get(name.toLowerCase()) ?? [WHOLE_VAULT]) dataActions.add(action);
    written.push(`${attribute.replace('_permissions', '')}: ${names.join(', ')}`);
  }
  return Role._fromRecord({
    guid: `key-vault-access-policy:${[...dataActions].sort().join(',')}`,
    name: `Key Vault access policy on ${vaultName} (${written.length ? written.join('; ') : 'no permissions'})`,
    description: 'Key Vault data-plane permissions given by an access policy, as the RBAC data actions that allow the same.',
    builtIn: false,
    permissions: [{ actions: [], notActions: [], dataActions: [...dataActions].sort(), notDataActions: [] }],
  });
}

/**
 * Whether a vault uses Azure RBAC authorization, so that Azure ignores its access policies:
 * true or false as written (azurerm 3.x `enable_rbac_authorization`, 4.x `rbac_authorization_enabled`),
 * or undefined when it cannot be known (a variable, or a vault not in the input): then its
 * access policies count as grants, the wider case.
 */
export function vaultUsesRbac(vault: Record<string, unknown> | undefined): boolean | undefined {
  if (vault === undefined) return undefined;
  const written = flag(vault, 'rbac_authorization_enabled') ?? flag(vault, 'enable_rbac_authorization');
  // Unset is the provider's default: access policies.
  return written === 'unknown' ? undefined : written === true;
}

/** The vault an `azurerm_key_vault_access_policy` names by `key_vault_id`, when it is in the input. */
export function vaultOfPolicy(block: TerraformBlock, index: DocumentIndex): TerraformBlock | undefined {
  const id = attributeOf(block.body, 'key_vault_id');
  const reference = typeof id === 'string' ? parseReference(id) : undefined;
  return reference?.type === 'azurerm_key_vault' && reference.attribute === 'id' ? index.get(reference.address) : undefined;
}
