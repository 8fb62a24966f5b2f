import { spawnSync } from 'child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync, writeSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { cli, REPO } from './run-cli';
import { wideningStacks } from './widening-stacks';
import { STEP_SUMMARY_LIMIT, stepSummary, summaryText } from '../../src/cli/step-summary';
import { appendToFile } from '../../src/cli/write-output-file';

const BIN = path.join(REPO, 'lib', 'cli', 'main.js');
const HCL = 'test/fixtures/cli/hcl-repo';
const A = 'test/fixtures/audit';
const AUDIT = ['audit', '--today', '2026-11-27', '--live-assignments', `${A}/az-role-assignment-list.json`, '--identities', `${A}/graph-serviceprincipals-managedidentity.json`];
const tmp = () => mkdtempSync(path.join(tmpdir(), 'azure-access-summary-'));

/** Two stacks where a Key Vault grant widens to its resource group. */
const widening = (): [string, string] => wideningStacks(tmp());

/** The built command in a child process, so that a hang is a timeout and a file size limit applies to it alone. */
function azureAccess(args: string[], env: Record<string, string>, shellPrefix = '') {
  const result = spawnSync('bash', ['-c', `${shellPrefix}exec "$0" "$@"`, process.execPath, BIN, ...args], {
    cwd: REPO, env: { ...process.env, ...env }, encoding: 'utf8', timeout: 30_000,
  });
  return { code: result.status, signal: result.signal, stdout: result.stdout, stderr: result.stderr };
}

describe('every command that prints a result appends its markdown to GITHUB_STEP_SUMMARY', () => {
  test('report: the markdown report, whatever --format prints', async () => {
    const summary = path.join(tmp(), 'summary.md');
    const markdown = await cli(['report', HCL], { env: { GITHUB_STEP_SUMMARY: summary } });
    expect(markdown.stdout).toMatch(/^## Azure access\n/);
    expect(readFileSync(summary, 'utf8')).toBe(`${markdown.stdout.trimEnd()}\n\n`);
    const json = await cli(['report', '--format', 'json', HCL], { env: { GITHUB_STEP_SUMMARY: summary } });
    expect(json.stdout.startsWith('{')).toBe(true);
    // Appended: the first run's summary, then the second's, the same markdown.
    expect(readFileSync(summary, 'utf8')).toBe(`${markdown.stdout.trimEnd()}\n\n`.repeat(2));
  });

  test('check: the counts, what --fail-on decided, and a row per finding', async () => {
    const summary = path.join(tmp(), 'summary.md');
    const { code, stdout } = await cli(['check', '--format', 'json', '--today', '2026-11-27', HCL], { env: { GITHUB_STEP_SUMMARY: summary } });
    const { findings } = JSON.parse(stdout) as { findings: { ruleId: string; address: string }[] };
    expect(code).toBe(1);
    expect(findings.length).toBeGreaterThan(0);
    const text = readFileSync(summary, 'utf8');
    expect(text).toMatch(/^## Access check\n\n\d+ error\(s\), \d+ warning\(s\), \d+ info, \d+ suppressed: \d+ finding\(s\) at or above --fail-on error\.\n\n\| Severity \| Rule \| Where \|/);
    const rows = text.split('\n').filter((line) => /^\| (error|warning|info) \|/.test(line));
    expect(rows.map((row) => row.split(' | ')[1])).toEqual(findings.map((f) => f.ruleId));
    expect(text.endsWith('|\n\n')).toBe(true);
  });

  test('audit: the markdown audit, also with --format json', async () => {
    const summary = path.join(tmp(), 'summary.md');
    const markdown = await cli([...AUDIT, HCL], { env: { GITHUB_STEP_SUMMARY: summary } });
    expect(markdown.stdout).toMatch(/^## Access audit\n/);
    expect(readFileSync(summary, 'utf8')).toBe(`${markdown.stdout.trimEnd()}\n\n`);
    const json = path.join(tmp(), 'summary.md');
    await cli([...AUDIT, '--format', 'json', HCL], { env: { GITHUB_STEP_SUMMARY: json } });
    expect(readFileSync(json, 'utf8')).toBe(`${markdown.stdout.trimEnd()}\n\n`);
  });

  test('nothing is written, or created, when GITHUB_STEP_SUMMARY is not set', async () => {
    expect(stepSummary({ stdout: () => undefined, stderr: () => undefined, readStdin: async () => '', env: {}, cwd: REPO }, () => 'x')).toEqual([]);
  });
});

describe('a step summary that is not a regular file is refused, never opened', () => {
  beforeAll(() => {
    if (!existsSync(BIN)) throw new Error(`${BIN} is missing: npm test compiles first; run npx projen compile before jest alone.`);
  });

  test('a FIFO: the command does not wait for a reader; it says so and exits 2, with standard output written', () => {
    const fifo = path.join(tmp(), 'summary.fifo');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const [base, head] = widening();
    const { code, signal, stdout, stderr } = azureAccess(['diff', base, head], { GITHUB_STEP_SUMMARY: fifo });
    expect([code, signal]).toEqual([2, null]);
    expect(stdout).toMatch(/^\*\*Access widens: /);
    expect(stderr).toBe('azure-access diff: access widens: 1 grant (exit would have been 0), '
      + `but the step summary (GITHUB_STEP_SUMMARY=${fifo}) could not be written: is a FIFO (named pipe), not a regular file; exit 2\n`);
  });

  test('a character device, for every command', async () => {
    for (const argv of [['report', HCL], ['check', '--today', '2026-11-27', HCL], [...AUDIT, HCL]]) {
      const { code, stderr } = await cli(argv, { env: { GITHUB_STEP_SUMMARY: '/dev/null' } });
      expect(code).toBe(2);
      expect(stderr).toMatch(/could not be written: is a character device, not a regular file; exit 2\n$/);
    }
  });
});

describe('the step summary is appended whole or not at all', () => {
  test('a write that fails part-way leaves the file as it was, and the error is the write\'s', () => {
    const file = path.join(tmp(), 'summary.md');
    writeFileSync(file, '## An earlier step\n\n');
    let calls = 0;
    const halfThenFull = (fd: number, bytes: Buffer, offset: number) => {
      calls++;
      if (calls === 1) return writeSync(fd, bytes, offset, Math.floor((bytes.length - offset) / 2));
      throw Object.assign(new Error('EFBIG: file too large, write'), { code: 'EFBIG', errno: -27, syscall: 'write' });
    };
    expect(() => appendToFile(file, '## Access audit\n\nmany findings\n', halfThenFull)).toThrow(/EFBIG/);
    expect(calls).toBe(2);
    expect(readFileSync(file, 'utf8')).toBe('## An earlier step\n\n');
  });

  test('under a real file size limit (ulimit -f), diff exits 2 and the summary keeps what it had, byte for byte', () => {
    const summary = path.join(tmp(), 'summary.md');
    // 2 KiB is the limit; the earlier steps' 2,000 bytes leave room for less than the diff.
    const earlier = `## An earlier step\n\n${'x'.repeat(1979)}\n`;
    writeFileSync(summary, earlier);
    const [base, head] = widening();
    const { code, stdout, stderr } = azureAccess(['diff', base, head], { GITHUB_STEP_SUMMARY: summary }, 'ulimit -f 2; ');
    expect(code).toBe(2);
    expect(stdout).toMatch(/^\*\*Access widens: /);
    expect(stderr).toMatch(/could not be written: file too large \(EFBIG\); exit 2\n$/);
    expect(readFileSync(summary, 'utf8')).toBe(earlier);
  });
});

describe('a result larger than GitHub shows is cut at a whole line, with a note', () => {
  test('under the limit: the markdown, ended by one blank line', () => {
    expect(summaryText('## Title\n\ntext\n\n\n')).toBe('## Title\n\ntext\n\n');
  });

  test('over it: whole lines up to the limit, an open code block closed, and the note', () => {
    const row = `| ${'a'.repeat(100)} |`;
    const markdown = ['## Big', '', '```hcl', ...Array.from({ length: 20_000 }, () => row), '```', ''].join('\n');
    const text = summaryText(markdown);
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(STEP_SUMMARY_LIMIT);
    expect(Buffer.byteLength(text)).toBeGreaterThan(STEP_SUMMARY_LIMIT - 1000);
    const lines = text.split('\n');
    expect(lines.slice(0, 3)).toEqual(['## Big', '', '```hcl']);
    const cut = lines.indexOf('```');
    expect(lines.slice(3, cut).every((line) => line === row)).toBe(true);
    expect(text.slice(text.indexOf('```\n', 10))).toMatch(/^```\n\n\*The step summary stops here: GitHub shows 1 MiB of it\. The whole result is in the step's log\.\*\n\n$/);
  });
});
