import { parseReference } from '../reference';
import { TerraformBlock } from '../terraform-json';
import { attributeOf, nestedBlocks, text } from './block-values';
import { followed, SecretReferences } from './ci-secret-stores';
import { DocumentIndex } from './document-index';
import { GraphCredential, GraphCredentialStore, GraphCredentialStoreKind, GraphPlacement, Origin } from './graph-types';
import { vaultOfPolicy, vaultUsesRbac } from './key-vault-access';
import { ResourcePlacement } from './resource-placement';
import { ScopeLevel } from '../../model/scope-level';

/** Web and function apps (and their slots): their app settings and connection strings are listed by `config/list`. */
const APP_TYPES = [
  'azurerm_linux_web_app', 'azurerm_windows_web_app', 'azurerm_app_service',
  'azurerm_linux_web_app_slot', 'azurerm_windows_web_app_slot', 'azurerm_app_service_slot',
  'azurerm_linux_function_app', 'azurerm_windows_function_app', 'azurerm_function_app',
  'azurerm_linux_function_app_slot', 'azurerm_windows_function_app_slot', 'azurerm_function_app_slot',
];
/** An Automation account's assets that keep a secret: a credential's password, an encrypted string variable's value. */
const AUTOMATION_ASSETS: readonly (readonly [type: string, value: string])[] = [
  ['azurerm_automation_credential', 'password'],
  ['azurerm_automation_variable_string', 'value'],
];

/** What every reader of stores in Azure resources needs: the document's blocks, its credentials, and where its resources are. */
interface StoreContext {
  readonly index: DocumentIndex;
  readonly origin: (block: TerraformBlock) => Origin;
  readonly secrets: SecretReferences;
  readonly placement: ResourcePlacement;
}

/**
 * The places in Azure resources of one document that keep a client secret the document creates
 * (`azuread_application_password.x.value`, alone or inside a JSON text or a connection string):
 * a Key Vault secret, a web or function app's app setting or connection string, an App
 * Configuration key value, an Automation credential or encrypted variable. Whoever can read the
 * value there signs in as that credential's principal (who can is `store-readers.ts`'s to say).
 * A place that keeps anything else is not listed: most settings of a configuration are not
 * credentials of its own principals.
 */
export function readAzureSecretStores(
  index: DocumentIndex,
  origin: (block: TerraformBlock) => Origin,
  credentials: readonly GraphCredential[],
  placement: ResourcePlacement,
): GraphCredentialStore[] {
  if (!credentials.some((c) => c.kind === 'application-password' || c.kind === 'service-principal-password')) return [];
  const context: StoreContext = { index, origin, secrets: new SecretReferences(index, credentials), placement };
  return [...keyVaultSecrets(context), ...appSettings(context), ...appConfigurationKeys(context), ...automationAssets(context)];
}

function store(context: StoreContext, block: TerraformBlock, kind: GraphCredentialStoreKind, name: string, credential: string,
  keptIn: string | undefined, placement: GraphPlacement): GraphCredentialStore {
  return { origin: context.origin(block), kind, name, credential, keptIn: keptIn ?? '(unknown)', placement };
}

function keyVaultSecrets(context: StoreContext): GraphCredentialStore[] {
  const { index, secrets, placement } = context;
  return index.ofType('azurerm_key_vault_secret').flatMap((block) => {
    const credential = secrets.heldBy(attributeOf(block.body, 'value')) ?? secrets.heldBy(attributeOf(block.body, 'value_wo'));
    if (credential === undefined) return [];
    const vaultId = text(block.body, 'key_vault_id');
    const usesRbac = vaultUsesRbac(vaultOfPolicy(block, index)?.body);
    const kept = {
      ...store(context, block, 'key-vault-secret', text(block.body, 'name') ?? block.address, credential,
        followed(vaultId, index), placement.locate(vaultId ?? '')),
      alsoAt: placement.placementOf(block),
    };
    return [usesRbac === undefined ? kept : { ...kept, vaultUsesRbac: usesRbac }];
  });
}

/**
 * Each app setting and connection string that keeps a credential, named by its key; a whole
 * `app_settings` written as one expression (`merge(...)`) is one store named `app_settings`.
 */
function appSettings(context: StoreContext): GraphCredentialStore[] {
  const { index, secrets, placement } = context;
  const found: GraphCredentialStore[] = [];
  for (const block of index.ofType(...APP_TYPES)) {
    const app = placement.nameOf(block) ?? block.address;
    const where = placement.placementOf(block);
    // A slot is part of its app: a grant on the app reaches the slot's settings.
    const parentId = text(block.body, 'app_service_id');
    const parent = parentId === undefined ? undefined : placement.locate(parentId);
    const settings = attributeOf(block.body, 'app_settings');
    const entries: [string, unknown][] = typeof settings === 'string' ? [['app_settings', settings]]
      : settings !== null && typeof settings === 'object' && !Array.isArray(settings) ? Object.entries(settings) : [];
    for (const connection of nestedBlocks(attributeOf(block.body, 'connection_string'))) {
      entries.push([text(connection, 'name') ?? 'connection_string', attributeOf(connection, 'value')]);
    }
    for (const [name, value] of entries) {
      const credential = secrets.heldBy(value);
      if (credential !== undefined) {
        const kept = store(context, block, 'app-setting', name, credential, app, where);
        found.push(parent === undefined ? kept : { ...kept, alsoAt: parent });
      }
    }
  }
  return found;
}

function appConfigurationKeys(context: StoreContext): GraphCredentialStore[] {
  const { index, secrets, placement } = context;
  return index.ofType('azurerm_app_configuration_key').flatMap((block) => {
    const credential = secrets.heldBy(attributeOf(block.body, 'value'));
    if (credential === undefined) return [];
    const storeId = text(block.body, 'configuration_store_id');
    const kept = store(context, block, 'app-configuration-key', text(block.body, 'key') ?? block.address, credential,
      followed(storeId, index), placement.locate(storeId ?? ''));
    // Access keys read nothing where the declared store turns local authentication off; unknown, they count.
    const declared = index.get(parseReference(storeId ?? '')?.address ?? '');
    return [attributeOf(declared?.body, 'local_auth_enabled') === false ? { ...kept, localAuthDisabled: true } : kept];
  });
}

/** An Automation asset is placed where its account is: the declared account of that name and group, else by group alone. */
function automationAssets(context: StoreContext): GraphCredentialStore[] {
  const { index, secrets, placement } = context;
  const found: GraphCredentialStore[] = [];
  for (const [type, attribute] of AUTOMATION_ASSETS) {
    for (const block of index.ofType(type)) {
      const credential = secrets.heldBy(attributeOf(block.body, attribute));
      if (credential === undefined) continue;
      const group = placement.groupOf(block);
      const accountName = placement.resolveName(text(block.body, 'automation_account_name'));
      const account = placement.findResource(group, accountName);
      const where: GraphPlacement = account !== undefined ? placement.placementOf(account)
        : { level: ScopeLevel.RESOURCE, address: `${block.address}#account`, ...(group === undefined ? {} : { group }) };
      const kept = store(context, block, 'automation-asset', text(block.body, 'name') ?? block.address, credential,
        accountName ?? text(block.body, 'automation_account_name'), where);
      // A string variable is encrypted only when it says so; a credential's password always is.
      const plain = type === 'azurerm_automation_variable_string' && block.body.encrypted !== true;
      found.push(plain ? { ...kept, plainText: true } : kept);
    }
  }
  return found;
}
