import * as path from 'path';
import { readText } from '../review/reader/read-file';

/**
 * A file named on the command line (`--config`, a live export), as text: only a regular file of
 * bounded size, like every input; a missing or unreadable one is an InputError.
 */
export async function readTextFile(cwd: string, file: string): Promise<string> {
  return readText(file, path.resolve(cwd, file));
}
