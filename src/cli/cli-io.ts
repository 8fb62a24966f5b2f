import type { SensitiveOutput } from './sensitive-output';

/** What a command may touch: its streams, environment and working directory (tests pass fakes). */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly readStdin: () => Promise<string>;
  readonly env: Record<string, string | undefined>;
  readonly cwd: string;
  /**
   * Values the inputs mark sensitive, hidden in what is written (run() makes one per command and
   * hides them in stdout and stderr; the step summary asks it too). Loading inputs adds to it.
   */
  readonly sensitive?: SensitiveOutput;
}

/** Exit statuses: 0 fine, 1 findings at or above --fail-on, 2 usage, unreadable input, or an output write that failed. */
export enum ExitCode {
  OK = 0,
  FINDINGS = 1,
  USAGE_OR_INPUT = 2,
}
