/**
 * Runs fuzz cases in this process, each twice, through the built command's `run` (what
 * lib/cli/main.js calls), and answers the parent with what each run did. The parent times
 * each case and replaces this process when one does not answer.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import type { FuzzCase } from './cases';
import { isInternalError } from './judge';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { run } = require(path.join(__dirname, '..', '..', 'lib', 'cli', 'run.js')) as {
  run: (argv: string[], io: object) => Promise<number>;
};

/** What one case did: its exit statuses and whether the two runs said the same. */
export interface CaseOutcome {
  readonly index: number;
  readonly codes: readonly number[];
  readonly sameTwice: boolean;
  /** The first line of standard error that says "internal error", if any. */
  readonly internalError?: string;
  /** A run threw out of `run`, which never throws. */
  readonly thrown?: string;
}

async function runOnce(argv: readonly string[], cwd: string): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await run([...argv], {
    stdout: (t: string) => (out += t),
    stderr: (t: string) => (err += t),
    readStdin: async () => '',
    env: {},
    cwd,
  });
  return { code, out, err };
}

async function runCase(fuzzCase: FuzzCase): Promise<CaseOutcome> {
  const dir = mkdtempSync(path.join(tmpdir(), 'azure-access-fuzz-'));
  try {
    for (const file of fuzzCase.files) {
      mkdirSync(path.dirname(path.join(dir, file.path)), { recursive: true });
      writeFileSync(path.join(dir, file.path), file.text);
    }
    const first = await runOnce(fuzzCase.argv, dir);
    const second = await runOnce(fuzzCase.argv, dir);
    const internalError = [first.err, second.err].join('\n').split('\n').find(isInternalError);
    return {
      index: fuzzCase.index,
      codes: [first.code, second.code],
      sameTwice: first.code === second.code && first.out === second.out && first.err === second.err,
      ...(internalError === undefined ? {} : { internalError: internalError.slice(0, 300) }),
    };
  } catch (error) {
    return { index: fuzzCase.index, codes: [], sameTwice: false, thrown: String((error as Error)?.stack ?? error).slice(0, 500) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

process.on('message', (fuzzCase: FuzzCase) => {
  void runCase(fuzzCase).then((outcome) => process.send!(outcome));
});
