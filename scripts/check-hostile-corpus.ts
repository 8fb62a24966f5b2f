/**
 * Runs the hostile corpus (test/support/hostile-corpus.ts) through the built command as
 * processes, as CI runs it: the inputs that once made `check` exit 0 with an Owner grant unread
 * (a parser crash left the process to end on its own) must answer 1 or 2, every time. Each case
 * runs three times, since the crash was a race (10 of 10 at 3,000 levels, some at 1,000). Run by
 * .ci/run after the build.
 *
 *   npx ts-node --transpile-only scripts/check-hostile-corpus.ts
 */
import { spawnSync } from 'child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { writeHostileCorpus } from '../test/support/hostile-corpus';

const BIN = path.join(__dirname, '..', 'lib', 'cli', 'main.js');
const RUNS = 3;
const TIMEOUT_MS = 60_000;

function azureAccess(args: string[]) {
  const result = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: TIMEOUT_MS });
  return { code: result.status, signal: result.signal, stdout: result.stdout, stderr: result.stderr };
}

const root = mkdtempSync(path.join(tmpdir(), 'azure-access-hostile-'));
const failures: string[] = [];
try {
  const corpus = writeHostileCorpus(root);
  const empty = path.join(root, 'empty.tf.json');
  writeFileSync(empty, '{}');
  for (const hostile of corpus) {
    const input = path.join(root, hostile.input);
    for (let run = 1; run <= RUNS; run++) {
      const gates: [string, string[], number][] = [
        ['check', ['check', '--today', '2026-12-01', input], hostile.checkExit],
        ['diff --fail-on-escalation', ['diff', '--fail-on-escalation', empty, input], hostile.checkExit],
      ];
      for (const [name, args, expected] of gates) {
        const { code, signal, stderr } = azureAccess(args);
        if (code !== expected) failures.push(`${hostile.name} (${hostile.description}), ${name}, run ${run}: exit ${code ?? signal}, expected ${expected}\n${stderr.slice(0, 500)}`);
        else if (stderr.includes('goroutine') || / at .+\(.+:\d+:\d+\)/.test(stderr)) failures.push(`${hostile.name}, ${name}: a stack trace on standard error`);
      }
    }
    process.stdout.write(`${hostile.name}: ${failures.some((f) => f.startsWith(hostile.name)) ? 'FAILED' : 'ok'}\n`);
  }
} finally {
  rmSync(root, { recursive: true, force: true });
}
if (failures.length > 0) {
  process.stderr.write(`The hostile corpus passed the gate:\n${failures.join('\n')}\n`);
  process.exit(1);
}
