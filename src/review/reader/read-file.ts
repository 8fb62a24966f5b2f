import { constants, Dirent, promises as fs, Stats } from 'fs';
import { InputError } from './input-error';

// Node's own messages carry the absolute path; the user named the file, so the message names it that way.
const PROBLEM_BY_CODE: Record<string, string> = {
  ENOENT: 'no such file or directory',
  ENOTDIR: 'no such file or directory',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'is a directory',
};

/** What a path is, or an InputError that says why it cannot be read. */
export async function statInput(file: string, absolutePath: string): Promise<Stats> {
  try {
    return await fs.stat(absolutePath);
  } catch (error) {
    throw fileSystemError(file, error);
  }
}

/**
 * The most one input file may hold. The largest inputs the benchmarks read (100,000 live
 * assignments, a 20,000-grant plan) are tens of megabytes; V8 cannot hold one string of more
 * than 512 MiB at all. A larger file is refused with its size, not read until memory runs out.
 */
export const MAX_INPUT_BYTES = 256 * 1024 * 1024;

const MIB = 1024 * 1024;

/** What a path that is not a regular file is, for the message that refuses it. */
export function notRegularFile(stats: Stats): string {
  if (stats.isDirectory()) return 'is a directory';
  if (stats.isFIFO()) return 'is a FIFO (named pipe), not a regular file';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'is a device, not a regular file';
  if (stats.isSocket()) return 'is a socket, not a regular file';
  return 'is not a regular file';
}

/**
 * A file's text (UTF-8), or an InputError that says why it cannot be read. Only a regular file
 * of at most MAX_INPUT_BYTES is read: a pull request controls every input, and a `main.tf` that
 * links to /dev/zero or a FIFO must be refused, not read for ever. The checks are made on the
 * opened file (non-blocking, so a FIFO does not wait for a writer), not on the path before it.
 */
export async function readText(file: string, absolutePath: string): Promise<string> {
  let handle: fs.FileHandle | undefined;
  try {
    // eslint-disable-next-line no-bitwise -- open flags are bits
    handle = await fs.open(absolutePath, constants.O_RDONLY | constants.O_NONBLOCK);
    const stats = await handle.stat();
    if (!stats.isFile()) throw new InputError(file, notRegularFile(stats));
    if (stats.size > MAX_INPUT_BYTES) {
      throw new InputError(file, `is ${sizeText(stats.size)}, more than the ${sizeText(MAX_INPUT_BYTES)} one input may hold`);
    }
    // Read as bytes and decoded once: read as text, a large file is decoded chunk by chunk into a
    // string of pieces that the first look at it copies whole (11.7 MB more for the benchmark stack).
    return (await handle.readFile()).toString('utf8');
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw fileSystemError(file, error);
  } finally {
    await handle?.close();
  }
}

/** Standard input as text, refused past `limit` bytes (MAX_INPUT_BYTES) as a file would be. */
export async function readBoundedStream(source: AsyncIterable<Buffer | string>, name: string, limit = MAX_INPUT_BYTES): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of source) {
    const bytes = Buffer.from(chunk);
    size += bytes.length;
    if (size > limit) throw new InputError(name, `holds more than the ${sizeText(limit)} one input may hold`);
    chunks.push(bytes);
  }
  return Buffer.concat(chunks).toString('utf8');
}

const sizeText = (bytes: number) => (bytes >= MIB ? `${(bytes / MIB).toFixed(0)} MiB` : `${bytes} bytes`);

/** A directory's entries, or an InputError that says why it cannot be listed. */
export async function listDirectory(dir: string, absoluteDir: string): Promise<Dirent[]> {
  try {
    return await fs.readdir(absoluteDir, { withFileTypes: true });
  } catch (error) {
    throw fileSystemError(dir, error);
  }
}

/** Whether a path exists, for messages that say more than "no such file". */
export async function exists(absolutePath: string): Promise<boolean> {
  return fs.stat(absolutePath).then(() => true, () => false);
}

export function fileSystemError(file: string, error: unknown): InputError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const problem = code !== undefined && Object.hasOwn(PROBLEM_BY_CODE, code) ? PROBLEM_BY_CODE[code] : `cannot be read (${code ?? 'unknown error'})`;
  return new InputError(file, problem, undefined, { cause: error });
}
