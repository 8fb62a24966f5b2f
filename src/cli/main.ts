#!/usr/bin/env node
/**
 * The `azure-access` command: report, check, diff and audit access in Terraform JSON. See
 * `azure-access --help`.
 */
import { writeSync } from 'fs';
import { run } from './run';
import { readBoundedStream } from '../review/reader/read-file';
import { STDIN } from '../review/reader/read-inputs';

const PAUSE = new Int32Array(new SharedArrayBuffer(4));

/**
 * Writes all of `text` to a file descriptor before returning, and throws when it cannot (a full
 * disk, a closed pipe): the command then knows, and exits 2 with a message, instead of Node
 * reporting the stream's error later with a stack trace and exit 1, which CI reads as findings.
 */
function writeAll(fd: number, text: string): void {
  // Most writes go whole at once: the text is encoded where it is written, with no Buffer of it.
  const first = writeOnce(() => writeSync(fd, text));
  if (first === Buffer.byteLength(text, 'utf8')) return;
  // The rest of a partial write, from the byte it stopped at.
  const bytes = Buffer.from(text, 'utf8');
  for (let offset = first; offset < bytes.length;) offset += writeOnce(() => writeSync(fd, bytes, offset));
}

/** One write; a non-blocking pipe that is full waits for its reader a millisecond and writes nothing. */
function writeOnce(write: () => number): number {
  try {
    return write();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error;
    Atomics.wait(PAUSE, 0, 0, 1);
    return 0;
  }
}

function readStdin(): Promise<string> {
  return readBoundedStream(process.stdin, STDIN);
}

// Until the command answers, its exit status is 2. A promise that never settles (a parser that
// stopped answering) lets Node's event loop empty and the process end; then it must not end 0,
// which CI reads as "reviewed, nothing found".
process.exitCode = 2;
let answered = false;
process.on('beforeExit', () => {
  if (answered) return;
  answered = true;
  try {
    writeAll(2, 'azure-access: internal error: the command ended before it had a result; nothing was reviewed; exit 2\n');
  } catch { /* nowhere left to say it */ }
});

// An error no command caught (thrown from an event, a promise nobody awaited) is ours: exit 2
// with one line, never Node's stack trace and exit 1, which CI reads as findings.
const internalError = (error: unknown) => {
  answered = true;
  try {
    writeAll(2, `azure-access: internal error: ${error instanceof Error ? error.message : String(error)}; exit 2\n`);
    if (process.env.AZURE_ACCESS_DEBUG && error instanceof Error) writeAll(2, `${error.stack}\n`);
  } catch { /* nowhere left to say it */ }
  process.exit(2);
};
process.on('uncaughtException', internalError);
process.on('unhandledRejection', internalError);

void run(process.argv.slice(2), {
  stdout: (text) => writeAll(1, text),
  stderr: (text) => writeAll(2, text),
  readStdin,
  env: process.env,
  cwd: process.cwd(),
}).then((code) => {
  answered = true;
  process.exitCode = code;
});
