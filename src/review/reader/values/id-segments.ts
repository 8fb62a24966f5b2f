import { instanceIdOf, Reference } from './value';
import { scopeFactsOf } from '../../../model/terraform-types';

let formats: ReadonlyMap<string, string> | undefined;

/**
 * The table of azurerm ID formats, loaded on first use: only a `split` of a resource's id needs
 * it, and most reviews have none.
 */
function idFormats(): ReadonlyMap<string, string> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  formats ??= (require('./azurerm-id-formats.generated') as typeof import('./azurerm-id-formats.generated')).AZURERM_ID_FORMATS;
  return formats;
}

/**
 * `split("/", azurerm_subnet.s.id)`: the segments of a resource's ARM ID, as its type shapes it.
 * Terraform knows the value only after apply, but the provider writes every ID of a type in one
 * format (`/subscriptions/{}/resourceGroups/{}/providers/Microsoft.Network/virtualNetworks/{}/subnets/{}`):
 * the literal segments are known, each name is `${split("/", <reference>)[i]}` text, unknown to
 * functions and read by the graph as part of a scope's shape. So cutting the last two segments
 * off a subnet's ID is its virtual network, a resource. Undefined when the type's format is not
 * known (the value stays unknown): another attribute than `id`, an azapi resource, a type whose
 * ID is placed on another resource (a role assignment), or whose `id` is not its ARM ID.
 */
export function idSegmentsOf(reference: Reference): string[] | undefined {
  const instance = instanceIdOf(reference);
  if (instance === undefined) return undefined;
  const { isData, type } = instance;
  const facts = scopeFactsOf(type, false);
  if (facts === undefined || facts.armIdAttribute !== 'id' || facts.armIdPrefix !== undefined) return undefined;
  // A data source reads the same resource, unless its facts say otherwise (data.azurerm_subscription).
  if (isData && JSON.stringify(scopeFactsOf(type, true)) !== JSON.stringify(facts)) return undefined;
  const format = idFormats().get(type);
  if (format === undefined) return undefined;
  return format.split('/').map((segment, i) => (segment === '{}' ? `\${split("/", ${reference.path})[${i}]}` : segment));
}
