import { execFileSync } from 'child_process';

export interface Sample {
  readonly ms: number;
  readonly rssMb: number;
}

/**
 * Runs `script` in a fresh Node.js process `runs` times. The script prints one JSON line
 * `{ "ms": <measured milliseconds> }`; peak RSS comes from the process's own resource usage.
 * Returns the median time and the median peak RSS.
 */
export function medianOfFreshProcesses(script: string, runs = 5, cwd = process.cwd()): Sample {
  const samples: Sample[] = [];
  for (let i = 0; i < runs; i++) {
    const wrapped = `${script}\n;process.stdout.write('\\n' + JSON.stringify({ ms: globalThis.__benchMs, rssMb: process.resourceUsage().maxRSS / 1024 }) + '\\n');`;
    const out = execFileSync(process.execPath, ['-e', wrapped], { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    const last = out.trim().split('\n').pop()!;
    samples.push(JSON.parse(last));
  }
  const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)];
  return { ms: median(samples.map((s) => s.ms)), rssMb: median(samples.map((s) => s.rssMb)) };
}

/** A script fragment that times `body` into `globalThis.__benchMs`. */
export function timed(body: string): string {
  return `const __t0 = process.hrtime.bigint();\n${body}\nglobalThis.__benchMs = Number(process.hrtime.bigint() - __t0) / 1e6;`;
}

export function row(label: string, sample: Sample, target?: string): string {
  return `| ${label} | ${sample.ms.toFixed(0)} ms | ${sample.rssMb.toFixed(0)} MB | ${target ?? ''} |`;
}

/**
 * Whole-process times of several commands (`node <args>`), run in turns, `runs` rounds, each
 * command's median. In turns, not one command five times then the next: a shared machine that
 * slows down for a minute slows every command of the comparison, not only the ones run then.
 */
export function timeProcessesInTurns<K extends string>(commands: Record<K, string[]>, runs = 5): Record<K, Sample> {
  const samples = new Map<K, number[]>();
  const names = Object.keys(commands) as K[];
  for (let round = 0; round < runs; round++) {
    for (const name of names) {
      const start = process.hrtime.bigint();
      // The command exits 1 when it finds something; that is the expected outcome here.
      try {
        execFileSync(process.execPath, commands[name], { stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 1024 * 1024 * 1024 });
      } catch (e) {
        if ((e as { status?: number }).status !== 1) throw e;
      }
      samples.set(name, [...(samples.get(name) ?? []), Number(process.hrtime.bigint() - start) / 1e6]);
    }
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  return Object.fromEntries(names.map((name) => [name, { ms: median(samples.get(name)!), rssMb: 0 }])) as Record<K, Sample>;
}
