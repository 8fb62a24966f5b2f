import { holdsArmId, scopeFactsOf } from '../../model/terraform-types';
import { parseReference, TerraformReference } from '../reference';
import { text } from './block-values';
import { DocumentIndex } from './document-index';

// What the provider's own subscription stands for, whichever data source names it.
const PROVIDER_SUBSCRIPTION = '{provider subscription}';
const SUBSCRIPTION_SOURCES = new Set(['data.azurerm_subscription', 'data.azurerm_client_config']);
const EMBEDDED_REFERENCE = /\$\{([^}]*)\}/g;

/**
 * A scope value without Terraform addresses, and the scope's own name. Renaming a construct
 * changes addresses, never the names of the resources behind them, so two syntheses of the
 * same code give the same key for the same scope (`${azurerm_key_vault.kv.id}` and
 * `${azurerm_key_vault.vault.id}` both become `{azurerm_key_vault:rg-app/kv-app}` when the vault
 * is `kv-app` in `rg-app`). A reference that leads to nothing named stays as written.
 */
export function stableScopeOf(value: string, index: DocumentIndex): { stableKey: string; name?: string } {
  if (!value.includes('${')) {
    const id = value.length > 1 ? value.replace(/\/+$/, '') : value;
    return { stableKey: id.toLowerCase(), name: lastSegment(id) };
  }
  const whole = parseReference(value);
  const stableKey = value.replace(EMBEDDED_REFERENCE, (written, inner: string) => {
    const reference = parseReference(`\${${inner}}`);
    return reference ? stableReference(reference, index) ?? written : written;
  }).toLowerCase();
  const wholeName = whole !== undefined && isIdOf(whole) ? nameOfTarget(whole, index) : undefined;
  const trailing = /\/([^/${}]+)$/.exec(value)?.[1];
  return { stableKey, name: wholeName ?? trailing };
}

/**
 * The name of the scope a whole reference to an `id` names: the block's `name`, or for a
 * subscription data source with a literal `subscription_id`, that ID (the last segment of the
 * subscription's ID, as the tenant names it).
 */
function nameOfTarget(reference: TerraformReference, index: DocumentIndex): string | undefined {
  const body = index.get(reference.address)?.body;
  if (!(reference.isData && reference.type === 'azurerm_subscription')) return text(body, 'name');
  const subscription = text(body, 'subscription_id');
  return subscription === undefined || subscription.includes('${') ? undefined : subscription;
}

function stableReference(reference: TerraformReference, index: DocumentIndex): string | undefined {
  const body = index.get(reference.address)?.body;
  const kind = `${reference.isData ? 'data.' : ''}${reference.type}`;
  if (SUBSCRIPTION_SOURCES.has(kind)) {
    const subscription = text(body, 'subscription_id') ?? PROVIDER_SUBSCRIPTION;
    if (reference.attribute === 'subscription_id') return subscription;
    if (reference.attribute === 'id' && kind === 'data.azurerm_subscription') return `/subscriptions/${subscription}`;
    return undefined;
  }
  const name = text(body, 'name');
  if (name === undefined) return undefined;
  if (reference.attribute === 'name') return name;
  if (!isIdOf(reference)) return undefined;
  const group = resourceGroupNameOf(body, index);
  return `{${kind}:${group === undefined ? '' : `${group}/`}${name}}`;
}

/** `id`, or an azapi resource's response `output.id`: the same ARM ID. */
function isIdOf(reference: TerraformReference): boolean {
  if (reference.attribute === 'id' || (reference.attribute === 'output.id' && reference.type.startsWith('azapi_'))) return true;
  // A type whose ARM ID is another attribute (a Key Vault secret's `resource_versionless_id`) is named by it too.
  const facts = scopeFactsOf(reference.type, reference.isData);
  return facts !== undefined && reference.attribute !== 'id' && holdsArmId(facts, reference.attribute);
}

// Names like `kv-app` repeat across resource groups for most types; the group tells them apart.
// An azapi resource names its group by `parent_id`, the group's ID.
function resourceGroupNameOf(body: Record<string, unknown> | undefined, index: DocumentIndex): string | undefined {
  const group = text(body, 'resource_group_name');
  if (group === undefined) {
    const parent = text(body, 'parent_id');
    const reference = parent === undefined ? undefined : parseReference(parent);
    const target = reference?.attribute === 'id' ? index.get(reference.address) : undefined;
    return target?.type === 'azurerm_resource_group' ? text(target.body, 'name') : undefined;
  }
  if (!group.includes('${')) return group;
  const reference = parseReference(group);
  return reference?.attribute === 'name' ? text(index.get(reference.address)?.body, 'name') : undefined;
}

function lastSegment(id: string): string | undefined {
  const segments = id.split('/').filter((s) => s !== '');
  return segments[segments.length - 1];
}
