import { renameSync, rmSync, writeFileSync } from 'fs';
import * as path from 'path';
import { InputError } from '../review/reader/input-error';

/**
 * Writes a file the command produces, whole or not at all: into a temporary file beside it,
 * then renamed into place, so a failure never leaves half a file where a user expects one.
 */
export function writeOutputFile(cwd: string, file: string, content: string): void {
  const target = path.resolve(cwd, file);
  const temporary = `${target}.${process.pid}.tmp`;
  try {
    writeFileSync(temporary, content);
    renameSync(temporary, target);
  } catch (e) {
    rmSync(temporary, { force: true });
    throw new InputError(file, `cannot be written: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}
