import { detectJsonFormat } from './detect-format';
import { asInputError } from './input-error';
import { parseJson } from './json-position';
import { locatedIfTooDeep } from './nesting-limit';
import type * as PlanDocumentModule from './plan-document';
import { checkBlockShapes } from './shape-check';
import { SourceDocument } from './source-document';

// A plan's reader (its changes, sensitive values, child modules) is loaded for a plan only.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const planDocument = () => require('./plan-document') as typeof PlanDocumentModule;

/**
 * Reads one JSON text: a cdk.tf.json, hand-written Terraform JSON, hcl2json output or a
 * `terraform show -json` plan, told apart by content. Returns one document; throws only InputError.
 */
export function readJsonText(file: string, text: string): SourceDocument[] {
  const parsed = parseJson(file, text);
  try {
    const { format, json } = detectJsonFormat(file, parsed);
    if (format === 'plan') return [planDocument().planSourceDocument(file, json)];
    checkBlockShapes(file, json);
    return [{ file, format, document: json }];
  } catch (error) {
    throw asInputError(file, locatedIfTooDeep(file, parsed, error));
  }
}
