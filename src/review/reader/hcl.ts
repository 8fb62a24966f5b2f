import { isConfiguration, notTerraformInput } from './detect-format';
import { HCL_PARSER, HclParserFault } from './hcl-parser';
import { asInputError, InputError } from './input-error';
import { checkHclNesting } from './nesting-limit';
import { checkBlockShapes, isRecord, JsonRecord } from './shape-check';
import { SourceDocument } from './source-document';

/** Reads one HCL file (`*.tf`) through hcl2json. Throws only InputError. */
export async function readHclText(file: string, text: string): Promise<SourceDocument> {
  return hclSourceDocument(file, await convertHcl(file, text));
}

/**
 * Reads a file whose name and content say neither JSON nor HCL: it is HCL only when hcl2json
 * parses it into Terraform blocks; a README or a log is "not Terraform", not a syntax error at line 1.
 */
export async function readUnknownText(file: string, text: string): Promise<SourceDocument> {
  // A parser that fails (rather than finding the text is not HCL) is still an unreadable input.
  const converted = await convertHcl(file, text).catch((error: unknown) => {
    if (error instanceof InputError && error.cause instanceof HclParserFault) throw error;
    return undefined;
  });
  if (converted === undefined || Object.keys(converted).length === 0 || !isConfiguration(converted)) throw notTerraformInput(file);
  return hclSourceDocument(file, converted);
}

function hclSourceDocument(file: string, converted: JsonRecord): SourceDocument {
  try {
    checkBlockShapes(file, converted);
    return { file, format: 'hcl', document: converted };
  } catch (error) {
    throw asInputError(file, error);
  }
}

/**
 * A `*.tf` text as hcl2json's JSON. Too deep a text is refused before it reaches the parser; a
 * parser that fails on it is reported as this file not read, never as an empty configuration.
 */
export async function convertHcl(file: string, text: string): Promise<JsonRecord> {
  checkHclNesting(file, text);
  let answer;
  try {
    answer = await HCL_PARSER.parse(file, text);
  } catch (error) {
    const detail = error instanceof HclParserFault ? error.detail : String(error);
    throw new InputError(file, `the HCL parser failed on this file (${detail}); nothing in it is reviewed`, undefined, { cause: error });
  }
  if (!answer.ok) throw hclSyntaxError(file, answer.message);
  if (!isRecord(answer.value)) throw new InputError(file, 'hcl2json did not return an object');
  return answer.value;
}

/**
 * hcl2json reports `parse config: [main.tf:1,14-15: Unclosed configuration block; There is no
 * closing brace ... main.tf:3,1-2: ...]`: the first diagnostic becomes the place and the problem.
 */
function hclSyntaxError(file: string, message: string): InputError {
  const escapedFile = file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const diagnostic = new RegExp(`${escapedFile}:(\\d+),(\\d+)(?:-(?:\\d+,)?\\d+)?: `, 'g');
  const first = diagnostic.exec(message);
  if (!first) return new InputError(file, `cannot be parsed as HCL: ${message || 'unknown error'}`);
  const start = first.index + first[0].length;
  const next = diagnostic.exec(message);
  const problem = message.slice(start, next ? next.index : undefined).replace(/\]$/, '').trim();
  return new InputError(file, problem, `line ${first[1]}, column ${first[2]}`);
}
