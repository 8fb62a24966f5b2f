import { closeSync, constants, fstatSync, ftruncateSync, openSync, realpathSync, Stats, statSync, unlinkSync, writeSync } from 'fs';
import * as path from 'path';
import { OutputFileError } from './write-failure';

function kindOf(stats: Stats): string {
  if (stats.isDirectory()) return 'a directory';
  if (stats.isFIFO()) return 'a FIFO (named pipe)';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  if (stats.isSocket()) return 'a socket';
  return 'not a file';
}

function notRegular(file: string, option: string, stats: Stats): OutputFileError {
  return new OutputFileError(file, `is ${kindOf(stats)}, not a regular file; ${option} writes a regular file`);
}

/** Writes bytes at an offset of them, as `fs.writeSync` does; tests pass one that fails part-way. */
export type WriteBytes = (fd: number, bytes: Buffer, offset: number) => number;

const writeBytes: WriteBytes = (fd, bytes, offset) => writeSync(fd, bytes, offset);

/**
 * Appends `content` to a regular file whole, or leaves the file as it was. Something else
 * appends to this file too (GitHub's step summary), so it cannot be written beside and renamed
 * over: its length is taken when it is opened and, if a write fails part-way (a full disk, a
 * file size limit), it is cut back to that length. Anything but a regular file is refused before
 * it is opened (a FIFO would block the command until someone reads it), and again once open
 * (opened without blocking), in case one was put there in between.
 */
export function appendToFile(file: string, content: string, write: WriteBytes = writeBytes): void {
  const refused = (stats: Stats) => new OutputFileError(file, `is ${kindOf(stats)}, not a regular file`);
  let stats: Stats | undefined;
  try {
    stats = statSync(file);
  } catch {
    // Missing: created below, as appending creates it; a missing directory fails the open.
  }
  if (stats !== undefined && !stats.isFile()) throw refused(stats);
  // eslint-disable-next-line no-bitwise
  const fd = openSync(file, constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | constants.O_NONBLOCK, 0o666);
  try {
    const opened = fstatSync(fd);
    if (!opened.isFile()) throw refused(opened);
    const bytes = Buffer.from(content, 'utf8');
    try {
      for (let offset = 0; offset < bytes.length;) offset += write(fd, bytes, offset);
    } catch (error) {
      try {
        ftruncateSync(fd, opened.size);
      } catch {
        // The write's own error is what the user needs to see.
      }
      throw error;
    }
  } finally {
    closeSync(fd);
  }
}

/**
 * Refuses, before anything is read, an output file the command will not write: anything but a
 * regular file (or a link to one), or a file in a directory that does not exist. A FIFO would
 * block the command and a device (`/dev/full`) is no place for import blocks.
 */
export function checkOutputFile(cwd: string, file: string, option: string): void {
  const target = path.resolve(cwd, file);
  let stats: Stats | undefined;
  try {
    stats = statSync(target);
  } catch {
    stats = undefined;
  }
  if (stats !== undefined) {
    if (!stats.isFile()) throw notRegular(file, option, stats);
    return;
  }
  try {
    if (statSync(path.dirname(target)).isDirectory()) return;
  } catch {
    // Reported below.
  }
  throw new OutputFileError(file, 'cannot be written: its directory does not exist');
}

/**
 * Writes a file the command produces, in place: the content is whole before the file is opened
 * and is written at once. In place, because a temporary file renamed over the name replaced
 * whatever stood there (a link, a FIFO, a device node, even `/dev/full` for root) and dropped the
 * file's own mode and hard links. The file is opened without blocking and checked once open, so
 * a FIFO or device put there since `checkOutputFile` is refused, not written. If the write
 * fails, nothing is left half-way: a file this call created is removed, an existing one emptied.
 */
export function writeOutputFile(cwd: string, file: string, option: string, content: string): void {
  const target = path.resolve(cwd, file);
  const bytes = Buffer.from(content, 'utf8');
  let existed = true;
  try {
    statSync(target);
  } catch {
    existed = false;
  }
  // Open flags are bits; O_NONBLOCK makes opening a FIFO fail (ENXIO) instead of waiting for a reader.
  // eslint-disable-next-line no-bitwise
  const fd = openSync(target, constants.O_WRONLY | constants.O_CREAT | constants.O_NONBLOCK, 0o666);
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) throw notRegular(file, option, stats);
    try {
      ftruncateSync(fd, 0);
      for (let offset = 0; offset < bytes.length;) offset += writeSync(fd, bytes, offset);
    } catch (error) {
      undoPartialWrite(fd, existed ? undefined : target);
      throw error;
    }
  } finally {
    closeSync(fd);
  }
}

function undoPartialWrite(fd: number, created: string | undefined): void {
  try {
    if (created === undefined) ftruncateSync(fd, 0);
    else unlinkSync(realpathSync(created));
  } catch {
    // The write's own error is what the user needs to see.
  }
}
