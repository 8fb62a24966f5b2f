import { readFileSync } from 'fs';
import * as path from 'path';
import { CliIo, ExitCode } from './cli-io';
import { SensitiveOutput } from './sensitive-output';
import { ConfigError } from '../policy/review-config';
import type * as AuditModule from './commands/audit';
import type * as CheckModule from './commands/check';
import type * as DiffModule from './commands/diff';
import type * as ReportModule from './commands/report';
import { UsageError } from './usage-error';
import { DeliveryError, describeWriteFailure, OutputFileError, STANDARD_OUTPUT } from './write-failure';
import { InputError } from '../review/reader/input-error';

const USAGE = `Usage: azure-access <command> [options] <inputs...>

Commands:
  report   who holds which role where: every grant and eligibility, with totals
  check    the least-privilege rules; text, json or sarif; exit 1 on findings
  diff     access changes between two syntheses, or inside one plan JSON
  audit    compare the code with live exports of the tenant

Inputs: a cdktf.out directory, *.tf.json files, *.tf files or directories of them, a plan JSON
(terraform show -json), or - for standard input.

Options: --help (on every command), --version.
Exit status: 0 fine, 1 findings at or above --fail-on, 2 usage, unreadable input, or output
that could not be written (the message still says what the result was).
`;

interface Command {
  readonly help: string;
  run(argv: string[], io: CliIo, version: string): Promise<ExitCode>;
}

/* eslint-disable @typescript-eslint/no-require-imports */
// A Map: the command name is whatever the user typed, and `constructor` must not find Object's.
// Each command is loaded when it is run: a `report` does not pay for loading audit and diff.
const COMMANDS: ReadonlyMap<string, () => Command> = new Map<string, () => Command>([
  ['report', () => {
    const m = require('./commands/report') as typeof ReportModule;
    return { help: m.REPORT_HELP, run: (argv, io, version) => m.report(argv, io, version) };
  }],
  ['check', () => {
    const m = require('./commands/check') as typeof CheckModule;
    return { help: m.CHECK_HELP, run: m.check };
  }],
  ['diff', () => {
    const m = require('./commands/diff') as typeof DiffModule;
    return { help: m.DIFF_HELP, run: (argv, io) => m.diff(argv, io) };
  }],
  ['audit', () => {
    const m = require('./commands/audit') as typeof AuditModule;
    return { help: m.AUDIT_HELP, run: (argv, io) => m.audit(argv, io) };
  }],
]);
/* eslint-enable @typescript-eslint/no-require-imports */

export function packageVersion(): string {
  // lib/cli/run.js and src/cli/run.ts both sit two levels below package.json.
  const manifest = JSON.parse(readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')) as { version: string };
  return manifest.version;
}

/** Runs one command line; never throws: every failure becomes a message and an exit status. */
export async function run(argv: string[], streams: CliIo): Promise<ExitCode> {
  // What the inputs mark sensitive is hidden in everything written, once the inputs are read.
  const sensitive = new SensitiveOutput();
  // Messages are the last word: if even standard error cannot be written, there is no one to tell.
  const io: CliIo = { ...streams, stderr: (text) => { try { streams.stderr(sensitive.redact(text)); } catch { /* nowhere left to say it */ } } };
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    return print(io, USAGE, name === undefined ? ExitCode.USAGE_OR_INPUT : ExitCode.OK);
  }
  if (name === '--version') return print(io, `${packageVersion()}\n`, ExitCode.OK);
  const command = COMMANDS.get(name)?.();
  if (!command) {
    io.stderr(`azure-access: unknown command "${name}"; use one of ${[...COMMANDS.keys()].join(', ')}.\n\n${USAGE}`);
    return ExitCode.USAGE_OR_INPUT;
  }
  if (rest.includes('--help') || rest.includes('-h')) return print(io, command.help, ExitCode.OK);
  try {
    // The command gets the streams as they are: a result it writes to standard error (audit
    // --emit-imports -) that fails is a failed write, exit 2, not a message nobody saw.
    const hiding: CliIo = {
      ...streams,
      sensitive,
      stdout: (text) => streams.stdout(sensitive.redact(text)),
      stderr: (text) => streams.stderr(sensitive.redact(text)),
    };
    return await command.run(rest, hiding, packageVersion());
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`azure-access ${name}: ${e.message}\n\n${command.help}`);
    } else if (e instanceof InputError || e instanceof ConfigError || e instanceof OutputFileError) {
      io.stderr(`azure-access ${name}: ${e.message}\n`);
    } else if (e instanceof DeliveryError) {
      // One line, result first: a CI log shows what was decided, and why the step still failed.
      io.stderr(`azure-access ${name}: ${e.message}; exit ${ExitCode.USAGE_OR_INPUT}\n`);
    } else {
      // A bug of ours: say so plainly; the stack is for whoever debugs it, on request.
      io.stderr(`azure-access ${name}: internal error: ${(e as Error)?.message ?? String(e)}\n`);
      if (io.env.AZURE_ACCESS_DEBUG) io.stderr(`${(e as Error)?.stack}\n`);
    }
    return ExitCode.USAGE_OR_INPUT;
  }
}

/** Help and version text: a failed write is exit 2 with a message, as for any command's output. */
function print(io: CliIo, text: string, code: ExitCode): ExitCode {
  try {
    io.stdout(text);
    return code;
  } catch (error) {
    io.stderr(`azure-access: ${STANDARD_OUTPUT} could not be written: ${describeWriteFailure(error)}; exit ${ExitCode.USAGE_OR_INPUT}\n`);
    return ExitCode.USAGE_OR_INPUT;
  }
}
