import { spawnSync } from 'child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { identityChain } from '../test/support/identity-chain';

const ROOT = path.resolve(__dirname, '..');
const BIN = path.join(ROOT, 'lib', 'cli', 'main.js');
const IDENTITIES = 500;

interface Run {
  readonly ms: number;
  readonly rssMb: number;
  readonly bytes: number;
}

/** One whole run of the command: wall time, the process's peak RSS, and how much it printed. */
function runOnce(args: string[]): Run {
  const probe = 'process.on(\'exit\', () => process.stderr.write(\'\\nmaxRSS \' + process.resourceUsage().maxRSS + \'\\n\'));'
    + `process.argv = [process.argv[0], ${JSON.stringify(BIN)}, ...${JSON.stringify(args)}]; require(${JSON.stringify(BIN)});`;
  const start = process.hrtime.bigint();
  const child = spawnSync(process.execPath, ['-e', probe], { maxBuffer: 1024 * 1024 * 1024 });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  // check exits 1 on findings, diff --fail-on-escalation on a failing gate: outcomes expected here.
  if (child.status !== 0 && child.status !== 1) throw new Error(`azure-access ${args.join(' ')} exited ${child.status}: ${child.stderr.toString()}`);
  const rss = /maxRSS (\d+)/.exec(child.stderr.toString())?.[1];
  return { ms, rssMb: rss === undefined ? NaN : Number(rss) / 1024, bytes: child.stdout.length };
}

function median(runs: Run[]): Run {
  const at = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  return { ms: at(runs.map((r) => r.ms)), rssMb: at(runs.map((r) => r.rssMb)), bytes: at(runs.map((r) => r.bytes)) };
}

/**
 * Issue 26, item 4: 500 identities that can each run as the next (125,000 paths, up to 1,000
 * steps each) killed report, check and diff with out-of-memory at 4.1 GB. Paths are grouped by
 * root cause and told in bounded form, so time, memory and output grow with the graph. Target:
 * each command < 10 s, < 1 GB peak RSS, ≤ 5 MB of output. Median of 3 whole runs each.
 */
export function chainScale(): string[] {
  const dir = mkdtempSync(path.join(tmpdir(), 'chain-bench-'));
  const head = path.join(dir, 'chain.tf.json');
  const base = path.join(dir, 'base.tf.json');
  writeFileSync(head, identityChain(IDENTITIES));
  writeFileSync(base, identityChain(IDENTITIES, 'Reader'));
  const commands: [string, string[]][] = [
    ['check --format json', ['check', '--format', 'json', '--today', '2026-12-01', head]],
    ['check --format sarif', ['check', '--format', 'sarif', '--today', '2026-12-01', head]],
    ['report --format json', ['report', '--format', 'json', head]],
    ['report --format html', ['report', '--format', 'html', head]],
    ['diff --format comment --fail-on-escalation', ['diff', '--format', 'comment', '--fail-on-escalation', base, head]],
  ];
  try {
    const rows = commands.map(([label, args]) => {
      const run = median([runOnce(args), runOnce(args), runOnce(args)]);
      const met = run.ms < 10_000 && run.rssMb < 1024 && run.bytes <= 5 * 1024 * 1024;
      return `| azure-access ${label} | ${run.ms.toFixed(0)} ms | ${run.rssMb.toFixed(0)} MB | ${(run.bytes / 1024).toFixed(0)} KB | ${met ? 'met' : 'MISSED'} |`;
    });
    return [
      `### ${IDENTITIES} identities that each run as the next (issue 26, item 4), median of 3 whole runs`,
      '',
      '| command | time | peak RSS | output | target < 10 s, < 1 GB, ≤ 5 MB |',
      '| --- | --- | --- | --- | --- |',
      ...rows,
      '',
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
