import { readFile } from 'fs/promises';
import * as path from 'path';
import { InputError } from '../review/reader/input-error';

/** A file named on the command line, as text; a missing or unreadable one is an InputError. */
export async function readTextFile(cwd: string, file: string): Promise<string> {
  try {
    return await readFile(path.resolve(cwd, file), 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError(file, code === 'ENOENT' ? 'no such file or directory' : code === 'EISDIR' ? 'is a directory, not a file' : (e as Error).message);
  }
}
