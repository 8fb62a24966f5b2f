import { realpathSync, Stats, statSync } from 'fs';
import * as path from 'path';
import { UsageError } from './usage-error';

/** An input of the command, as the user named it: `--live-assignments live.json`, or a desired input `repo`. */
export interface NamedInput {
  /** `--live-assignments`, or undefined for a positional input. */
  readonly option?: string;
  readonly value: string;
}

function statOf(target: string): Stats | undefined {
  try {
    return statSync(target);
  } catch {
    return undefined;
  }
}

/** The real path of a file that may not exist yet: its directory's real path and its own name. */
function realPathOf(target: string): string {
  try {
    return realpathSync(target);
  } catch {
    try {
      return path.join(realpathSync(path.dirname(target)), path.basename(target));
    } catch {
      return target;
    }
  }
}

/**
 * Refuses an output file that is one of the command's inputs, or lies inside an input
 * directory, before anything is read: compared by real path (links and `..` resolved) and, for
 * a file that exists, by device and inode (a hard link), so no spelling of the name slips by.
 * Writing there would overwrite what the command reads, or change what its next run reads.
 */
export function refuseInputAsOutput(command: string, cwd: string, option: string, file: string, inputs: readonly NamedInput[]): void {
  const target = path.resolve(cwd, file);
  const output = realPathOf(target);
  const outputStats = statOf(target);
  for (const input of inputs) {
    // Standard input is not a file the output could be.
    if (input.value === '-') continue;
    const inputPath = path.resolve(cwd, input.value);
    const inputStats = statOf(inputPath);
    if (inputStats === undefined) continue; // Reading it fails first, with its own message.
    const real = realPathOf(inputPath);
    const named = input.option === undefined ? `the input ${input.value}` : `${input.option} ${input.value}`;
    const sameFile = real === output || (outputStats !== undefined && outputStats.dev === inputStats.dev && outputStats.ino === inputStats.ino);
    if (sameFile) {
      throw new UsageError(`${option} ${file} is ${named}, which the command reads: it would be overwritten; write the output to another file`, command);
    }
    if (inputStats.isDirectory() && output.startsWith(real.endsWith(path.sep) ? real : `${real}${path.sep}`)) {
      throw new UsageError(`${option} ${file} is inside ${named}, a directory the command reads: write the output outside it`, command);
    }
  }
}
