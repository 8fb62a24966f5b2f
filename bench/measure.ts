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
