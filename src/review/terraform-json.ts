/**
 * Terraform JSON as cdktf writes it (`resource.<type>.<name>` is an object) or as hcl2json
 * writes it (`resource.<type>.<name>` is an array of one object): both read the same here.
 */
export interface TerraformBlock {
  /**
   * Terraform's address: `azurerm_role_assignment.grant`, `data.azurerm_subscription.current`,
   * `module.app["a"].azurerm_role_assignment.grant[0]`.
   */
  readonly address: string;
  readonly type: string;
  /** The name as the document keys it: a child module's resources carry the module path (`module.app.grant`). */
  readonly name: string;
  readonly isData: boolean;
  readonly body: Record<string, unknown>;
  /** Its place among the blocks of its document (0, 1, ...): what is worked out per block is kept by it. */
  readonly position: number;
}

export type TerraformDocument = Record<string, unknown>;

/**
 * Set by the reader under a block's `"//"` when its `count` or `for_each` cannot be known: the
 * one block stands for an unknown number of instances, and says why (`for_each = var.roles`).
 */
export const REPEATED_KEY = 'azure-access-repeated';

/**
 * Set by the reader beside REPEATED_KEY when the number of instances is known but too large to
 * expand: the one block stands for this many (`count = 1000000`).
 */
export const REPEATED_TIMES_KEY = 'azure-access-repeated-times';

/**
 * Set by the reader under a block's `"//"` when values in it were not evaluated, though Terraform
 * may know them before apply: why, per argument (`scope: timestamp() has a value only when
 * Terraform applies`). The values count as the widest, and the report names them.
 */
export const NOT_EVALUATED_KEY = 'azure-access-not-evaluated';

/**
 * Set by the reader at the top of a configuration it read with its modules: the module calls it
 * could not read (a missing directory, a registry module without `terraform init`). Their access
 * is not in the document, and the review says so.
 */
export const NOT_READ_MODULES_KEY = 'azure-access-modules-not-read';

/**
 * Set by the reader under the `"//"` of a block it read from a module's directory, and of every
 * `module` block: the file that declares it (as the user's input leads to it) and its line, so
 * that a finding inside a module points at the module's own file, not at the input.
 */
export const DECLARED_AT_KEY = 'azure-access-declared-at';

/**
 * Set by the reader under the `"//"` of every block of a module instance: the module calls that
 * lead to it, outermost first, each with the place of its `module` block (ModuleCallSite).
 */
export const MODULE_CALLS_KEY = 'azure-access-module-calls';

/** Where a block is declared: a file (as the user's input leads to it) and its line, when found. */
export interface DeclaredPlace {
  readonly file: string;
  readonly line?: number;
}

/** One module call on the way to a block: `module.app["blue"]`, and where its `module` block is, when known. */
export interface ModuleCallSite {
  readonly address: string;
  readonly file?: string;
  readonly line?: number;
}

/** A module call the reader could not read: `module.app.module.net`, its source as written, and why. */
export interface NotReadModule {
  readonly address: string;
  readonly source: string;
  readonly reason: string;
  /** Where its `module` block is, and the calls that lead to it when it is inside a module. */
  readonly declaredAt?: DeclaredPlace;
  readonly moduleCalls?: readonly ModuleCallSite[];
}

function bodiesOf(value: unknown): Record<string, unknown>[] {
  if (Array.isArray(value)) return value.filter(isBody);
  return isBody(value) ? [value] : [];
}

function isBody(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function blockOf(type: string, name: string, isData: boolean, body: Record<string, unknown>, position: number): TerraformBlock {
  return { address: addressOf(type, name, isData), type, name, isData, body, position };
}

/** Every resource and data source of a document, in document order. */
export function blocksOf(document: TerraformDocument): TerraformBlock[] {
  const blocks: TerraformBlock[] = [];
  for (const [section, isData] of [['resource', false], ['data', true]] as const) {
    for (const group of bodiesOf(document[section])) {
      for (const type of Object.keys(group)) {
        for (const named of bodiesOf(group[type])) {
          // One step per block of the largest inputs: no [key, value] pairs, no array per block, and
          // indexed (in code that runs once, `for...of` makes an iterator result per block).
          const names = Object.keys(named);
          for (let at = 0; at < names.length; at++) {
            const name = names[at];
            const value = named[name];
            if (!Array.isArray(value)) {
              if (isBody(value)) blocks.push(blockOf(type, name, isData, value, blocks.length));
              continue;
            }
            for (const body of value) if (isBody(body)) blocks.push(blockOf(type, name, isData, body, blocks.length));
          }
        }
      }
    }
  }
  return blocks;
}

// The module path a document puts before a child module's block name (`module.app["a"].module.b.`):
// one document holds every module, and a Terraform name has no dots, so the prefix is unambiguous.
const MODULE_PATH = /^(?:module\.[A-Za-z0-9_-]+(?:\[\d+\]|\["[^"\]]*"\])?\.)+/;

/**
 * Terraform's address of a block: a child module's resource is keyed in the document by its
 * module path and name (`azurerm_role_assignment` → `module.app.grant`, as plan JSON and module
 * reading both write it) and addressed as Terraform prints it (`module.app.azurerm_role_assignment.grant`).
 */
export function addressOf(type: string, name: string, isData: boolean): string {
  // Most blocks of a large stack are at the root: no pattern to run for them.
  const modulePath = name.startsWith('module.') ? (MODULE_PATH.exec(name)?.[0] ?? '') : '';
  return `${modulePath}${isData ? 'data.' : ''}${type}.${name.slice(modulePath.length)}`;
}

/** The address a block of a child module had before addresses were Terraform's (`azurerm_x.module.app.y`), or undefined at the root. */
export function legacyAddressOf(address: string): string | undefined {
  const modulePath = address.startsWith('module.') ? MODULE_PATH.exec(address)?.[0] : undefined;
  if (modulePath === undefined) return undefined;
  const rest = address.slice(modulePath.length);
  const data = rest.startsWith('data.') ? 'data.' : '';
  const typeEnd = rest.indexOf('.', data.length);
  return `${data}${rest.slice(data.length, typeEnd)}.${modulePath}${rest.slice(typeEnd + 1)}`;
}

/** A block's attribute as a string, or undefined when it is absent or not a string. */
export function stringAttribute(block: TerraformBlock, attribute: string): string | undefined {
  // Own values only: the attribute may be named by the input (`constructor`, `toString`).
  const value = Object.hasOwn(block.body, attribute) ? block.body[attribute] : undefined;
  return typeof value === 'string' ? value : undefined;
}
