import { execFileSync } from 'child_process';
import { lstatSync, mkdirSync, mkdtempSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { cli } from './run-cli';
import { wideningStacks } from './widening-stacks';

const HCL = 'test/fixtures/cli/hcl-repo';
const CLEAN = 'test/fixtures/cli/clean';
const tmp = () => mkdtempSync(path.join(tmpdir(), 'azure-access-write-'));

/** One line on stderr, and no stack trace: what CI logs show. */
function expectOneLine(stderr: string): void {
  expect(stderr).toMatch(/^[^\n]+\n$/);
  expect(stderr).not.toMatch(/\bat .*\.[jt]s:\d+/);
}

describe('a failed write to standard output is exit 2, and says what the result was', () => {
  test('check with findings: ENOSPC', async () => {
    const { code, stderr } = await cli(['check', '--today', '2026-11-27', HCL], { stdoutFails: 'ENOSPC' });
    expect(code).toBe(2);
    expectOneLine(stderr);
    expect(stderr).toBe('azure-access check: 3 finding(s) at or above --fail-on error (exit would have been 1), '
      + 'but standard output could not be written: no space left on device (ENOSPC); exit 2\n');
  });

  test('a clean check: EPIPE', async () => {
    const { code, stderr } = await cli(['check', '--today', '2026-11-27', CLEAN], { stdoutFails: 'EPIPE' });
    expect(code).toBe(2);
    expectOneLine(stderr);
    expect(stderr).toBe('azure-access check: 0 finding(s) at or above --fail-on error (exit would have been 0), '
      + 'but standard output could not be written: broken pipe (EPIPE); exit 2\n');
  });

  test('report', async () => {
    const { code, stderr } = await cli(['report', HCL], { stdoutFails: 'ENOSPC' });
    expect(code).toBe(2);
    expectOneLine(stderr);
    expect(stderr).toBe('azure-access report: report made (exit would have been 0), but standard output could not be written: no space left on device (ENOSPC); exit 2\n');
  });

  test('audit', async () => {
    const { code, stderr } = await cli(['audit', '--live-assignments', 'test/fixtures/audit/az-role-assignment-list.json', '--today', '2026-11-27', HCL], { stdoutFails: 'ENOSPC' });
    expect(code).toBe(2);
    expectOneLine(stderr);
    expect(stderr).toMatch(/^azure-access audit: \d+ finding\(s\) at or above --fail-on error \(exit would have been [01]\), but standard output could not be written: no space left on device \(ENOSPC\); exit 2\n$/);
  });

  test('--help and --version', async () => {
    for (const argv of [['--version'], ['check', '--help']]) {
      const { code, stderr } = await cli(argv, { stdoutFails: 'EPIPE' });
      expect(code).toBe(2);
      expectOneLine(stderr);
      expect(stderr).toMatch(/^azure-access: standard output could not be written: broken pipe \(EPIPE\); exit 2\n$/);
    }
  });
});


describe('GITHUB_STEP_SUMMARY that cannot be written', () => {
  const widening = () => wideningStacks(tmp());

  test('is exit 2 that still says --fail-on-escalation decided 1; standard output is written', async () => {
    const [base, head] = widening();
    const summary = path.join(tmp(), 'no-such-directory', 'summary.md');
    const { code, stdout, stderr } = await cli(['diff', '--fail-on-escalation', base, head], { env: { GITHUB_STEP_SUMMARY: summary } });
    expect(code).toBe(2);
    expect(stdout).toMatch(/scope-widened|widened/);
    expectOneLine(stderr);
    expect(stderr).toBe('azure-access diff: the standard gate fails: scope-widened: Key Vault Secrets User at ${azurerm_resource_group.rg.id} '
      + 'for uai-api (an escalating access change) (exit would have been 1), '
      + `but the step summary (GITHUB_STEP_SUMMARY=${summary}) could not be written: no such file or directory (ENOENT); exit 2\n`);
  });

  test('a summary that is a directory is refused, never opened; both writes failing are named on one line', async () => {
    const [base, head] = widening();
    const summary = tmp();
    const { code, stderr } = await cli(['diff', base, head], { env: { GITHUB_STEP_SUMMARY: summary }, stdoutFails: 'ENOSPC' });
    expect(code).toBe(2);
    expectOneLine(stderr);
    expect(stderr).toBe('azure-access diff: access widens: 1 grant (exit would have been 0), '
      + 'but standard output could not be written: no space left on device (ENOSPC), '
      + `and the step summary (GITHUB_STEP_SUMMARY=${summary}) could not be written: is a directory, not a regular file; exit 2\n`);
  });

  test('when standard output fails, the summary is still written', async () => {
    const [base, head] = widening();
    const summary = path.join(tmp(), 'summary.md');
    const { code } = await cli(['diff', base, head], { env: { GITHUB_STEP_SUMMARY: summary }, stdoutFails: 'EPIPE' });
    expect(code).toBe(2);
    expect(readFileSync(summary, 'utf8')).toMatch(/widened/);
  });
});

describe('audit --emit-imports writes a regular file in place, and refuses anything else', () => {
  const A = 'test/fixtures/audit';
  const exportsArgs = ['--live-assignments', `${A}/az-role-assignment-list.json`, '--today', '2026-11-27'];

  test('through a symlink: the link stays a link, the file it points to gets the import blocks', async () => {
    const dir = tmp();
    const target = path.join(dir, 'imports.tf.json');
    const link = path.join(dir, 'link.tf.json');
    writeFileSync(target, 'old');
    symlinkSync(target, link);
    const { code, stderr } = await cli(['audit', ...exportsArgs, '--emit-imports', link]);
    expect(stderr).toBe('');
    expect([0, 1]).toContain(code);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(JSON.parse(readFileSync(target, 'utf8')).import.length).toBeGreaterThan(0);
  });

  test('an existing file is rewritten in place: same inode, so its hard links and mode stay', async () => {
    const file = path.join(tmp(), 'imports.tf.json');
    writeFileSync(file, 'x'.repeat(100_000), { mode: 0o640 });
    const before = statSync(file);
    await cli(['audit', ...exportsArgs, '--emit-imports', file]);
    const after = statSync(file);
    expect([after.ino, after.mode]).toEqual([before.ino, before.mode]);
    expect(JSON.parse(readFileSync(file, 'utf8')).import.length).toBeGreaterThan(0);
  });

  test('a FIFO is refused with exit 2 and stays a FIFO', async () => {
    const fifo = path.join(tmp(), 'imports.fifo');
    execFileSync('mkfifo', [fifo]);
    const { code, stdout, stderr } = await cli(['audit', ...exportsArgs, '--emit-imports', fifo]);
    expect([code, stdout]).toEqual([2, '']);
    expect(stderr).toBe(`azure-access audit: ${fifo}: is a FIFO (named pipe), not a regular file; --emit-imports writes a regular file\n`);
    expect(lstatSync(fifo).isFIFO()).toBe(true);
  });

  test('a directory is refused with exit 2', async () => {
    const dir = tmp();
    mkdirSync(path.join(dir, 'imports'));
    const { code, stderr } = await cli(['audit', ...exportsArgs, '--emit-imports', path.join(dir, 'imports')]);
    expect(code).toBe(2);
    expect(stderr).toBe(`azure-access audit: ${path.join(dir, 'imports')}: is a directory, not a regular file; --emit-imports writes a regular file\n`);
    expect(lstatSync(path.join(dir, 'imports')).isDirectory()).toBe(true);
  });

  test('/dev/full is refused with exit 2 and stays a character device', async () => {
    const { code, stdout, stderr } = await cli(['audit', ...exportsArgs, '--emit-imports', '/dev/full']);
    expect([code, stdout]).toEqual([2, '']);
    expect(stderr).toBe('azure-access audit: /dev/full: is a character device, not a regular file; --emit-imports writes a regular file\n');
    expect(lstatSync('/dev/full').isCharacterDevice()).toBe(true);
  });

  test('a file in a missing directory is refused before anything is read or written', async () => {
    const file = path.join(tmp(), 'missing', 'imports.tf.json');
    const { code, stdout, stderr } = await cli(['audit', ...exportsArgs, '--emit-imports', file]);
    expect([code, stdout]).toEqual([2, '']);
    expect(stderr).toBe(`azure-access audit: ${file}: cannot be written: its directory does not exist\n`);
  });
});
