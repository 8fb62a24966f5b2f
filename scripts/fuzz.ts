/**
 * The fuzz harness of issue 26: mutated inputs (scripts/fuzz/mutate.ts) from the test fixtures,
 * run through check, report, diff and audit. Each case runs twice in a worker process (the two
 * runs must say the same, byte for byte), within a time limit (a case that does not answer is a
 * hang, and its worker is replaced); every Nth case also runs as its own process of the built
 * command (an exit outside 0, 1 and 2, a signal, or a stack trace is a crash). Cases are made
 * from the seed alone, so a failure is reproduced by its seed and case number.
 *
 *   npx ts-node --transpile-only scripts/fuzz.ts --seed 1 --cases 10000 [--workers 2] [--timeout-ms 120000]
 *       [--processes-every 25] [--from 0] [--keep DIR]
 *
 * Needs the built command (npx projen compile). Exit 0 when no case failed, 1 otherwise. Not part
 * of `npm test`; .ci/run runs a small count.
 */
import { ChildProcess, fork, spawnSync } from 'child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { FuzzCase, makeCase } from './fuzz/cases';
import { Failure, judge } from './fuzz/judge';
import type { CaseOutcome } from './fuzz/worker';

interface Options {
  seed: number;
  cases: number;
  from: number;
  workers: number;
  timeoutMs: number;
  processesEvery: number;
  keep?: string;
}

function options(argv: string[]): Options {
  const value = (name: string, fallback?: string) => {
    const at = argv.indexOf(`--${name}`);
    return at >= 0 ? argv[at + 1] : fallback;
  };
  const number = (name: string, fallback: number) => {
    const parsed = Number(value(name, String(fallback)));
    if (!Number.isInteger(parsed) || parsed < 0) throw new Error(`--${name} takes a whole number; got ${value(name)}`);
    return parsed;
  };
  return {
    seed: number('seed', 1),
    cases: number('cases', 200),
    from: number('from', 0),
    workers: Math.max(1, number('workers', 2)),
    // Each case runs twice, and the HCL parser is given 31 s per file before the review fails closed.
    timeoutMs: number('timeout-ms', 120_000),
    processesEvery: number('processes-every', 25),
    keep: value('keep'),
  };
}

const BIN = path.join(__dirname, '..', 'lib', 'cli', 'main.js');
const STACK_TRACE = /goroutine \d+|\n\s+at .+\(.+:\d+:\d+\)|FATAL ERROR|Aborted/;

/** The case as its own process of the built command: a crash is an exit outside 0-2, a signal, or a stack trace. */
function asProcess(fuzzCase: FuzzCase, timeoutMs: number): Failure | undefined {
  const dir = mkdtempSync(path.join(tmpdir(), 'azure-access-fuzz-process-'));
  try {
    writeCase(dir, fuzzCase);
    const result = spawnSync(process.execPath, [BIN, ...fuzzCase.argv], { cwd: dir, encoding: 'utf8', timeout: timeoutMs, env: { PATH: process.env.PATH } });
    if (result.error !== undefined && (result.error as NodeJS.ErrnoException).code === 'ETIMEDOUT') {
      return { kind: 'hang', fuzzCase, detail: `as a process: no answer in ${timeoutMs} ms` };
    }
    if (result.signal !== null || ![0, 1, 2].includes(result.status ?? -1)) {
      return { kind: 'crash', fuzzCase, detail: `as a process: exit ${result.status ?? result.signal}: ${result.stderr.slice(0, 300)}` };
    }
    if (STACK_TRACE.test(result.stderr)) return { kind: 'crash', fuzzCase, detail: `as a process: a stack trace: ${result.stderr.slice(0, 300)}` };
    if (result.stderr.includes('internal error')) return { kind: 'internal error', fuzzCase, detail: `as a process: ${result.stderr.slice(0, 300)}` };
    return undefined;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function writeCase(dir: string, fuzzCase: FuzzCase): void {
  for (const file of fuzzCase.files) {
    mkdirSync(path.dirname(path.join(dir, file.path)), { recursive: true });
    writeFileSync(path.join(dir, file.path), file.text);
  }
}

/** A worker process that runs one case at a time; replaced when a case does not answer in time. */
class Worker {
  private static start(): ChildProcess {
    return fork(path.join(__dirname, 'fuzz', 'worker.ts'), [], {
      execArgv: ['-r', 'ts-node/register/transpile-only'],
      stdio: ['ignore', 'ignore', 'ignore', 'ipc'],
    });
  }

  private child: ChildProcess;

  constructor() {
    this.child = Worker.start();
  }

  public run(fuzzCase: FuzzCase, timeoutMs: number): Promise<CaseOutcome | 'hang' | 'died'> {
    return new Promise((resolve) => {
      const done = (result: CaseOutcome | 'hang' | 'died') => {
        clearTimeout(timer);
        this.child.off('message', onMessage);
        this.child.off('exit', onExit);
        resolve(result);
      };
      const onMessage = (outcome: CaseOutcome) => done(outcome);
      const onExit = () => {
        this.child = Worker.start();
        done('died');
      };
      const timer = setTimeout(() => {
        this.child.off('exit', onExit);
        this.child.kill('SIGKILL');
        this.child = Worker.start();
        done('hang');
      }, timeoutMs);
      this.child.on('message', onMessage);
      this.child.on('exit', onExit);
      this.child.send(fuzzCase);
    });
  }

  public stop(): void {
    this.child.kill();
  }
}

async function main(): Promise<number> {
  const o = options(process.argv.slice(2));
  const started = Date.now();
  const failures: Failure[] = [];
  const codes = new Map<number, number>();
  let next = o.from;
  const end = o.from + o.cases;
  const workers = Array.from({ length: o.workers }, () => new Worker());
  await Promise.all(workers.map(async (worker) => {
    for (let index = next++; index < end; index = next++) {
      const fuzzCase = makeCase(o.seed, index);
      const outcome = await worker.run(fuzzCase, o.timeoutMs);
      const failure = outcome === 'hang' ? { kind: 'hang' as const, fuzzCase, detail: `no answer in ${o.timeoutMs} ms` }
        : outcome === 'died' ? { kind: 'crash' as const, fuzzCase, detail: 'the worker process died' }
          : judge(fuzzCase, outcome);
      if (typeof outcome === 'object') for (const code of outcome.codes) codes.set(code, (codes.get(code) ?? 0) + 1);
      const asOwnProcess = failure === undefined && o.processesEvery > 0 && index % o.processesEvery === 0;
      const processFailure = asOwnProcess ? asProcess(fuzzCase, o.timeoutMs) : undefined;
      const found = failure ?? processFailure;
      if (found !== undefined) {
        failures.push(found);
        if (o.keep !== undefined) writeCase(path.join(o.keep, `case-${index}`), fuzzCase);
      }
    }
    worker.stop();
  }));
  const seconds = ((Date.now() - started) / 1000).toFixed(0);
  const count = (kind: Failure['kind']) => failures.filter((f) => f.kind === kind).length;
  const processes = o.processesEvery === 0 ? 0 : Math.floor((end - 1) / o.processesEvery) - Math.floor((o.from - 1) / o.processesEvery);
  process.stdout.write(`fuzz: seed ${o.seed}, cases ${o.from} to ${end - 1} (${o.cases}), each run twice in process; ${processes} also as processes; ${seconds} s\n`
    + `exit statuses of the in-process runs: ${[...codes].sort((a, b) => a[0] - b[0]).map(([c, n]) => `${c}: ${n}`).join(', ')}\n`
    + `crashes ${count('crash')}, hangs ${count('hang')}, internal errors ${count('internal error')}, non-deterministic ${count('non-deterministic')}\n`);
  for (const f of failures.slice(0, 20)) {
    process.stdout.write(`- case ${f.fuzzCase.index} (${f.fuzzCase.seed}; azure-access ${f.fuzzCase.argv.join(' ')}): ${f.kind}: ${f.detail}\n`);
  }
  return failures.length === 0 ? 0 : 1;
}

main().then((code) => process.exit(code), (error: unknown) => {
  process.stderr.write(`fuzz: ${(error as Error).message}\n`);
  process.exit(2);
});
