import { TerraformBlock } from '../terraform-json';
import { attributeOf, text } from './block-values';
import { followed, SecretReferences } from './ci-secret-stores';
import { DocumentIndex } from './document-index';
import { GraphCredential, GraphCredentialStore, Origin } from './graph-types';
import { vaultOfPolicy, vaultUsesRbac } from './key-vault-access';
import { ResourcePlacement } from './resource-placement';

/**
 * The Key Vault secrets of one document that keep a secret credential the document creates
 * (`value = azuread_application_password.x.value`, or inside a JSON text): whoever can read the
 * vault's secrets signs in as that credential's principal. A vault secret that keeps anything
 * else is no credential store, and is not listed: most secrets of a configuration are not
 * credentials of its own principals.
 */
export function readKeyVaultSecretStores(
  index: DocumentIndex,
  origin: (block: TerraformBlock) => Origin,
  credentials: readonly GraphCredential[],
  placement: ResourcePlacement,
): GraphCredentialStore[] {
  const blocks = index.ofType('azurerm_key_vault_secret');
  if (blocks.length === 0) return [];
  const secrets = new SecretReferences(index, credentials);
  const stores: GraphCredentialStore[] = [];
  for (const block of blocks) {
    const credential = secrets.heldBy(attributeOf(block.body, 'value')) ?? secrets.heldBy(attributeOf(block.body, 'value_wo'));
    if (credential === undefined) continue;
    const vaultId = text(block.body, 'key_vault_id');
    const usesRbac = vaultUsesRbac(vaultOfPolicy(block, index)?.body);
    stores.push({
      origin: origin(block),
      kind: 'key-vault-secret',
      name: text(block.body, 'name') ?? block.address,
      vault: followed(vaultId, index) ?? '(unknown)',
      vaultPlacement: placement.locate(vaultId ?? ''),
      ...(usesRbac === undefined ? {} : { vaultUsesRbac: usesRbac }),
      credential,
    });
  }
  return stores;
}
