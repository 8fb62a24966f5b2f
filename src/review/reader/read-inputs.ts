import * as path from 'path';
import { CDKTF_MANIFEST, readCdktfOut } from './cdktf-out';
import { readHclText, readUnknownText } from './hcl';
import { asInputError, InputError } from './input-error';
import { readJsonText } from './json-document';
import { isConfigurationFile, readModuleDirectory } from './module-directory';
import { listDirectory, readText, statInput } from './read-file';
import { SourceDocument } from './source-document';

export { readHclText } from './hcl';
export { readJsonText } from './json-document';

export const STDIN = '<stdin>';

export interface ReadInputsOptions {
  /** Standard input, for `-`; defaults to reading process.stdin. */
  readonly readStdin?: () => Promise<string>;
  /** Where relative inputs are found; defaults to process.cwd(). Messages keep the input as given. */
  readonly cwd?: string;
}

// `terraform plan -out` writes a zip archive; the review reads its JSON form.
const ZIP_SIGNATURE = 'PK\u0003\u0004';

/**
 * Reads the review command's inputs: cdktf.out directories, Terraform JSON, plan JSON, `*.tf`
 * files, module directories, and `-` for JSON on standard input. Reads only; throws only InputError.
 */
export async function readInputs(inputs: string[], options: ReadInputsOptions = {}): Promise<SourceDocument[]> {
  const documents: SourceDocument[] = [];
  let stdinRead = false;
  for (const input of inputs) {
    if (input === '-') {
      if (stdinRead) throw new InputError(STDIN, 'standard input (-) is given more than once');
      stdinRead = true;
      documents.push(...readJsonText(STDIN, await readStandardInput(options.readStdin)));
    } else {
      documents.push(...await readPath(input, path.resolve(options.cwd ?? process.cwd(), input)));
    }
  }
  return documents;
}

async function readStandardInput(readStdin: (() => Promise<string>) | undefined): Promise<string> {
  try {
    return await (readStdin ?? readProcessStdin)();
  } catch (error) {
    throw asInputError(STDIN, error);
  }
}

async function readProcessStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.from(chunk as Buffer | string));
  return Buffer.concat(chunks).toString('utf8');
}

async function readPath(input: string, absolutePath: string): Promise<SourceDocument[]> {
  try {
    const stats = await statInput(input, absolutePath);
    return stats.isDirectory() ? await readDirectory(input, absolutePath) : [await readFile(input, absolutePath)];
  } catch (error) {
    throw asInputError(input, error);
  }
}

async function readDirectory(dir: string, absoluteDir: string): Promise<SourceDocument[]> {
  const entries = await listDirectory(dir, absoluteDir);
  const files = entries.filter((entry) => entry.isFile() || entry.isSymbolicLink()).map((entry) => entry.name);
  if (files.includes(CDKTF_MANIFEST)) return readCdktfOut(dir, absoluteDir);
  const configurationFiles = files.filter(isConfigurationFile);
  if (configurationFiles.length === 0) {
    throw new InputError(dir, `no ${CDKTF_MANIFEST} (a cdktf.out directory), *.tf or *.tf.json files in this directory`);
  }
  return [await readModuleDirectory(dir, absoluteDir, configurationFiles)];
}

/**
 * JSON is told by content (its first character), whatever the name; `.json` names are read as
 * JSON so that a broken one gets a JSON line and column. The rest is HCL.
 */
async function readFile(file: string, absolutePath: string): Promise<SourceDocument> {
  const text = await readText(file, absolutePath);
  if (text.startsWith(ZIP_SIGNATURE)) {
    throw new InputError(file, 'a binary plan: read its JSON form, written by "terraform show -json <planfile> > plan.json"');
  }
  if (/^\s*[{[]/.test(text) || file.endsWith('.json')) return readJsonText(file, text)[0];
  return file.endsWith('.tf') ? readHclText(file, text) : readUnknownText(file, text);
}
