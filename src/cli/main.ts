#!/usr/bin/env node
/**
 * The `azure-access` command: report, check, diff and audit access in Terraform JSON. See
 * `azure-access --help`.
 */
import { run } from './run';
import { writeAll } from './write-all';
import { readBoundedStream } from '../review/reader/read-file';
import { STDIN } from '../review/reader/read-inputs';

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
