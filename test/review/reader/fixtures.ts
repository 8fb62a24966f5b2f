import * as fs from 'fs';
import * as path from 'path';

/** The reader's fixtures; tests pass paths relative to it (with `cwd`) so messages never hold this machine's paths. */
export const FIXTURES = path.join(__dirname, '..', '..', 'fixtures', 'reader');

export function fixtureText(relativePath: string): string {
  return fs.readFileSync(path.join(FIXTURES, relativePath), 'utf8');
}

/** The error a call throws, for assertions on its type and fields together. */
export async function thrownBy(read: () => unknown): Promise<unknown> {
  try {
    await read();
  } catch (error) {
    return error;
  }
  throw new Error('expected the read to throw');
}
