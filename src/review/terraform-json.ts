/**
 * Terraform JSON as cdktf writes it (`resource.<type>.<name>` is an object) or as hcl2json
 * writes it (`resource.<type>.<name>` is an array of one object): both read the same here.
 */
export interface TerraformBlock {
  /** `azurerm_role_assignment.grant` or `data.azurerm_subscription.current`. */
  readonly address: string;
  readonly type: string;
  readonly name: string;
  readonly isData: boolean;
  readonly body: Record<string, unknown>;
}

export type TerraformDocument = Record<string, unknown>;

/**
 * Set by the reader under a block's `"//"` when its `count` or `for_each` cannot be known: the
 * one block stands for an unknown number of instances, and says why (`for_each = var.roles`).
 */
export const REPEATED_KEY = 'azure-access-repeated';

function bodiesOf(value: unknown): Record<string, unknown>[] {
  if (Array.isArray(value)) return value.filter((v): v is Record<string, unknown> => typeof v === 'object' && v !== null);
  return typeof value === 'object' && value !== null ? [value as Record<string, unknown>] : [];
}

/** Every resource and data source of a document, in document order. */
export function blocksOf(document: TerraformDocument): TerraformBlock[] {
  const blocks: TerraformBlock[] = [];
  for (const [section, isData] of [['resource', false], ['data', true]] as const) {
    for (const group of bodiesOf(document[section])) {
      for (const [type, byName] of Object.entries(group)) {
        for (const named of bodiesOf(byName)) {
          for (const [name, value] of Object.entries(named)) {
            for (const body of bodiesOf(value)) {
              blocks.push({ address: `${isData ? 'data.' : ''}${type}.${name}`, type, name, isData, body });
            }
          }
        }
      }
    }
  }
  return blocks;
}

/** A block's attribute as a string, or undefined when it is absent or not a string. */
export function stringAttribute(block: TerraformBlock, attribute: string): string | undefined {
  // Own values only: the attribute may be named by the input (`constructor`, `toString`).
  const value = Object.hasOwn(block.body, attribute) ? block.body[attribute] : undefined;
  return typeof value === 'string' ? value : undefined;
}
