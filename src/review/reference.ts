import { parseArmId } from '../scope/arm-id';
import { levelOfPartialId } from '../scope/partial-id-level';
import { ScopeLevel } from '../scope/scope-level';

/** `${azurerm_key_vault.kv.id}` read as its parts. */
export interface TerraformReference {
  /** `azurerm_key_vault.kv` or `data.azurerm_subscription.current`. */
  readonly address: string;
  readonly type: string;
  readonly isData: boolean;
  /** `id`, `principal_id`, `identity.0.principal_id`, `identity[0].principal_id`. */
  readonly attribute: string;
}

// `type.name`, an optional instance key (`[0]` from count, `["a"]` from for_each), then attributes.
const WHOLE_REFERENCE = /^\$\{(data\.)?([a-z0-9_]+)\.([A-Za-z0-9_-]+)((?:\[\d+\]|\["[^"\]]*"\])?)((?:\.[A-Za-z0-9_]+|\[\d+\])+)\}$/;

/** The reference a value is made of, when the whole value is one reference. */
export function parseReference(value: string): TerraformReference | undefined {
  const match = WHOLE_REFERENCE.exec(value);
  if (!match) return undefined;
  const [, data, type, name, instance, path] = match;
  return {
    address: `${data ? 'data.' : ''}${type}.${name}${instance}`,
    type,
    isData: data !== undefined,
    attribute: path.replace(/\[(\d+)\]/g, '.$1').replace(/^\./, ''),
  };
}

// Terraform types whose `id` is a scope wider than a resource.
const SCOPE_LEVEL_OF_ID: Record<string, ScopeLevel> = {
  azurerm_resource_group: ScopeLevel.RESOURCE_GROUP,
  azurerm_subscription: ScopeLevel.SUBSCRIPTION,
  azurerm_management_group: ScopeLevel.MANAGEMENT_GROUP,
};

// azurerm types whose `id` is not an ARM scope.
const NOT_A_SCOPE = new Set(['azurerm_client_config', 'azurerm_subscriptions', 'azurerm_role_definition']);

/**
 * The scope level a value in Terraform JSON stands for: a literal ARM ID, a reference to a
 * resource's `id` (its type tells the level), or an ID built from references and text.
 * Whatever cannot be read is UNKNOWN, which every check treats as the widest.
 */
export function scopeLevelOfValue(value: string): ScopeLevel {
  if (!value.includes('${')) {
    try {
      return parseArmId(value).level;
    } catch {
      return ScopeLevel.UNKNOWN;
    }
  }
  const reference = parseReference(value);
  if (reference) {
    if (!reference.type.startsWith('azurerm_') || NOT_A_SCOPE.has(reference.type)) return ScopeLevel.UNKNOWN;
    // The azurerm_subscription resource's `id` is the alias, not the subscription.
    if (reference.type === 'azurerm_subscription' && !reference.isData) return ScopeLevel.UNKNOWN;
    return reference.attribute === 'id' ? (SCOPE_LEVEL_OF_ID[reference.type] ?? ScopeLevel.RESOURCE) : ScopeLevel.UNKNOWN;
  }
  return levelOfPartialId(value);
}
