import { isConfiguration, notTerraformInput } from './detect-format';
import { asInputError, InputError } from './input-error';
import { checkBlockShapes, isRecord, JsonRecord } from './shape-check';
import { SourceDocument } from './source-document';

// hcl2json's own typings reference the DOM library, which `import type` would add to the whole build.
type ParseHcl = (fileName: string, text: string) => Promise<unknown>;

/** Reads one HCL file (`*.tf`) through hcl2json. Throws only InputError. */
export async function readHclText(file: string, text: string): Promise<SourceDocument> {
  return hclSourceDocument(file, await convertHcl(file, text));
}

/**
 * Reads a file whose name and content say neither JSON nor HCL: it is HCL only when hcl2json
 * parses it into Terraform blocks; a README or a log is "not Terraform", not a syntax error at line 1.
 */
export async function readUnknownText(file: string, text: string): Promise<SourceDocument> {
  const converted = await convertHcl(file, text).catch(() => undefined);
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

async function convertHcl(file: string, text: string): Promise<JsonRecord> {
  let converted: unknown;
  try {
    // Loaded on first use: hcl2json starts a WebAssembly module, and most inputs are JSON.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { parse } = require('@cdktf/hcl2json') as { parse: ParseHcl };
    converted = await parse(file, text);
  } catch (error) {
    throw hclSyntaxError(file, error);
  }
  if (!isRecord(converted)) throw new InputError(file, 'hcl2json did not return an object');
  return converted;
}

/**
 * hcl2json reports `parse config: [main.tf:1,14-15: Unclosed configuration block; There is no
 * closing brace ... main.tf:3,1-2: ...]`: the first diagnostic becomes the place and the problem.
 */
function hclSyntaxError(file: string, error: unknown): InputError {
  const message = error instanceof Error ? error.message : '';
  const escapedFile = file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const diagnostic = new RegExp(`${escapedFile}:(\\d+),(\\d+)(?:-(?:\\d+,)?\\d+)?: `, 'g');
  const first = diagnostic.exec(message);
  if (!first) return new InputError(file, `cannot be parsed as HCL: ${message || 'unknown error'}`, undefined, { cause: error });
  const start = first.index + first[0].length;
  const next = diagnostic.exec(message);
  const problem = message.slice(start, next ? next.index : undefined).replace(/\]$/, '').trim();
  return new InputError(file, problem, `line ${first[1]}, column ${first[2]}`, { cause: error });
}
