import { InputError } from './input-error';
import { isRecord, JsonRecord } from './shape-check';

// The top-level keys Terraform JSON allows (block types, and `//` for comments).
const CONFIGURATION_KEYS = new Set([
  'resource', 'data', 'ephemeral', 'module', 'provider', 'terraform', 'variable', 'output', 'locals',
  'moved', 'import', 'check', 'removed', '//',
]);

export type JsonFormat = 'cdktf' | 'terraform-json' | 'plan';

/**
 * Which JSON a file holds, told by its content: files are often renamed (`plan.json`,
 * `stack.json`, a cdk.tf.json copied into a module) and stdin has no name at all.
 */
export function detectJsonFormat(file: string, value: unknown): { format: JsonFormat; json: JsonRecord } {
  if (!isRecord(value)) throw notTerraformInput(file);
  if (Object.hasOwn(value, 'format_version')) return { format: 'plan', json: value };
  if (isConfiguration(value)) return { format: isCdktfOutput(value) ? 'cdktf' : 'terraform-json', json: value };
  if (isRecord(value.stacks)) {
    throw new InputError(file, 'a cdktf manifest, not a stack: give the cdktf.out directory that holds it');
  }
  throw notTerraformInput(file);
}

/** Terraform configuration: at least one Terraform block type, or nothing at all (an empty configuration). */
export function isConfiguration(value: JsonRecord): boolean {
  const keys = Object.keys(value);
  return keys.length === 0 || keys.some((key) => CONFIGURATION_KEYS.has(key));
}

// cdktf writes its stack metadata under the top-level comment key.
function isCdktfOutput(value: JsonRecord): boolean {
  const comment = value['//'];
  return isRecord(comment) && isRecord(comment.metadata);
}

export function notTerraformInput(file: string): InputError {
  return new InputError(file, 'not Terraform JSON, a plan, or HCL (expected a JSON object with resource/data/terraform/provider/... or format_version)');
}
