import * as path from 'path';
import { run } from '../../src/cli/run';

export const REPO = path.resolve(__dirname, '../..');

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface CliOptions {
  readonly stdin?: string;
  readonly env?: Record<string, string>;
  /** Standard output fails with this error code (`ENOSPC`, `EPIPE`) on every write, as a full disk or a closed pipe does. */
  readonly stdoutFails?: string;
  /** The working directory (default: the repository root). */
  readonly cwd?: string;
}

/** The error Node's fs throws for a failed write. */
export function writeFailure(code: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: write failed, write`), { code, syscall: 'write' });
}

/** Runs the command in-process with captured streams, from the repository root unless told otherwise. */
export async function cli(argv: string[], options: CliOptions = {}): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const code = await run(argv, {
    stdout: (t) => {
      if (options.stdoutFails) throw writeFailure(options.stdoutFails);
      stdout += t;
    },
    stderr: (t) => (stderr += t),
    readStdin: async () => options.stdin ?? '',
    env: options.env ?? {},
    cwd: options.cwd ?? REPO,
  });
  return { code, stdout, stderr };
}
