import { getSystemErrorMap } from 'util';

/** Why a write failed, as a person reads it: `no space left on device (ENOSPC)`. */
export function describeWriteFailure(error: unknown): string {
  const { code, errno } = (error ?? {}) as NodeJS.ErrnoException;
  const known = [...getSystemErrorMap()].find(([number, [name]]) => number === errno || name === code);
  if (known) return `${known[1][1]} (${known[1][0]})`;
  if (code) return code;
  return error instanceof Error ? error.message.split('\n')[0] : String(error);
}

/** One write a command makes once its result is decided: standard output, the step summary, an output file. */
export interface Delivery {
  /** What is written, for the message: `standard output`, `the step summary (GITHUB_STEP_SUMMARY=...)`. */
  readonly target: string;
  readonly write: () => void;
}

/** What a command decided, before anything is written: its exit status and, in words, why. */
export interface DecidedResult {
  readonly code: number;
  /** `3 finding(s) at or above --fail-on error`, `report made`: what a failed write must not hide. */
  readonly meaning: string;
}

/**
 * Writes that failed after the result was decided. Exit status 2, never the result's 1 (which CI
 * reads as findings) nor an internal error; the message still says what the result was.
 */
export class DeliveryError extends Error {
  constructor(public readonly result: DecidedResult, public readonly failures: readonly { target: string; problem: string }[]) {
    super(`${result.meaning} (exit would have been ${result.code}), but ${failures.map((f) => `${f.target} could not be written: ${f.problem}`).join(', and ')}`);
    this.name = 'DeliveryError';
  }
}

/**
 * Makes every write of a decided result, each tried even when an earlier one failed (a full
 * standard output must not also lose the step summary), and returns the result's exit status,
 * or throws a DeliveryError naming each failed write.
 */
export function deliver(result: DecidedResult, deliveries: readonly Delivery[]): number {
  const failures: { target: string; problem: string }[] = [];
  for (const delivery of deliveries) {
    try {
      delivery.write();
    } catch (error) {
      failures.push({ target: delivery.target, problem: error instanceof OutputFileError ? error.problem : describeWriteFailure(error) });
    }
  }
  if (failures.length) throw new DeliveryError(result, failures);
  return result.code;
}

/** An output file that is refused or fails, said in words (`is a FIFO (named pipe), not a regular file`). */
export class OutputFileError extends Error {
  constructor(public readonly file: string, public readonly problem: string) {
    super(`${file}: ${problem}`);
    this.name = 'OutputFileError';
  }
}

export const STANDARD_OUTPUT = 'standard output';
export const STANDARD_ERROR = 'standard error';
