import { ScopeLevel } from '../model/scope-level';
import { holdsArmId, listedArmIdLevel, scopeFactsOfDeclared } from '../model/terraform-types';
import { parseArmId } from '../scope/arm-id';
import { levelOfPartialId } from '../scope/partial-id-level';

/** `${azurerm_key_vault.kv.id}` read as its parts. */
export interface TerraformReference {
  /** `azurerm_key_vault.kv`, `data.azurerm_subscription.current`, `module.app["a"].azurerm_key_vault.kv`. */
  readonly address: string;
  /** `module.app["a"].` for a resource of a child module, `''` at the root. */
  readonly modulePrefix: string;
  readonly type: string;
  readonly isData: boolean;
  /** `id`, `principal_id`, `identity.0.principal_id`, `identity[0].principal_id`. */
  readonly attribute: string;
}

// Module calls with their instance keys (`module.app["a"].module.inner[0].`), `type.name`, an
// optional instance key (`[0]` from count, `["a"]` from for_each), then attributes.
const WHOLE_REFERENCE = /^\$\{((?:module\.[A-Za-z0-9_-]+(?:\[\d+\]|\["[^"\]]*"\])?\.)*)(data\.)?([a-z0-9_]+)\.([A-Za-z0-9_-]+)((?:\[\d+\]|\["[^"\]]*"\])?)((?:\.[A-Za-z0-9_]+|\[\d+\])+)\}$/;

// The value read last, and what it read as. A principal's value is read twice in a row (who it
// is, then its stable key): 4,000 of the 8,000 reads of the 20,000-grant stack. The answer is
// read-only, so the two readers can share it.
let lastValue: string | undefined;
let lastReference: TerraformReference | undefined;

/** The reference a value is made of, when the whole value is one reference. */
export function parseReference(value: string): TerraformReference | undefined {
  if (value === lastValue) return lastReference;
  lastValue = value;
  lastReference = readReference(value);
  return lastReference;
}

function readReference(value: string): TerraformReference | undefined {
  const match = WHOLE_REFERENCE.exec(value);
  if (!match) return undefined;
  // Read by index: destructured, the match is walked as an iterator in code not yet optimized.
  const path = match[6];
  return {
    // The module path, `data.`, type, name and instance key stand side by side in the value: the
    // address is cut out of it whole, where joining its five parts made a string of each join.
    address: value.slice(2, value.length - 1 - path.length),
    modulePrefix: match[1],
    type: match[3],
    isData: match[2] !== undefined,
    // `.principal_id` is `principal_id`; `.identity[0].principal_id` is `identity.0.principal_id`.
    attribute: path.includes('[') ? path.replace(/\[(\d+)\]/g, '.$1').replace(/^\./, '') : path.slice(1),
  };
}

// One element of a list a data source returns, by any index (`[0]`, `.0`, `[count.index]`), then
// one attribute: `${data.azurerm_resources.app.resources[count.index].id}`. A count index is an
// expression, which the whole-reference pattern above does not read.
const LIST_ELEMENT_REFERENCE = /^\$\{(?:module\.[A-Za-z0-9_-]+(?:\[\d+\]|\["[^"\]]*"\])?\.)*data\.([a-z0-9_]+)\.[A-Za-z0-9_-]+(?:\[\d+\]|\["[^"\]]*"\])?\.([a-z0-9_]+)(?:\[[^[\]{}]+\]|\.\d+)\.([a-z0-9_]+)\}$/;

/**
 * The scope level of a value that is, whole, the ARM ID of one element a data source lists
 * (`${data.azurerm_resources.app.resources[0].id}`: a resource); undefined for any other value.
 */
export function listedScopeLevelOf(value: string): ScopeLevel | undefined {
  const match = LIST_ELEMENT_REFERENCE.exec(value);
  return match === null ? undefined : listedArmIdLevel(match[1], match[2], match[3]);
}

/**
 * The scope level a value in Terraform JSON stands for: a literal ARM ID, a reference to a
 * resource's `id` (its type tells the level), or an ID built from references and text.
 * Whatever cannot be read is UNKNOWN, which every check treats as the widest.
 */
export function scopeLevelOfValue(
  value: string,
  argumentsOf: (address: string) => Record<string, unknown> | undefined = () => undefined,
): ScopeLevel {
  if (!value.includes('${')) {
    try {
      return parseArmId(value).level;
    } catch {
      return ScopeLevel.UNKNOWN;
    }
  }
  const reference = parseReference(value);
  if (reference) {
    // Only the attribute that holds the ARM ID, whole, is a scope: the subscription resource's
    // `subscription_id` needs its `/subscriptions/` prefix, and a secret's `id` is a URL.
    // Where the form depends on the declaration (storage objects, an azapi resource's type), the referenced block decides.
    const facts = scopeFactsOfDeclared(reference.type, reference.isData, argumentsOf(reference.address));
    return facts && holdsArmId(facts, reference.attribute) ? facts.level : listedScopeLevelOf(value) ?? ScopeLevel.UNKNOWN;
  }
  return listedScopeLevelOf(value) ?? levelOfPartialId(value);
}
