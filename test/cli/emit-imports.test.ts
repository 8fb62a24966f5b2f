import { copyFileSync, cpSync, existsSync, linkSync, mkdtempSync, readdirSync, readFileSync, symlinkSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { cli, REPO } from './run-cli';
import { run } from '../../src/cli/run';

const A = path.join(REPO, 'test/fixtures/audit');
const LIVE = path.join(A, 'az-role-assignment-list.json');
const README = readFileSync(path.join(REPO, 'README.md'), 'utf8');
const tmp = () => mkdtempSync(path.join(tmpdir(), 'azure-access-imports-'));

/** A directory holding a copy of the live export and of the HCL repository (infra), the command run from there. */
function workspace(): { dir: string; live: string; infra: string } {
  const dir = tmp();
  copyFileSync(LIVE, path.join(dir, 'live.json'));
  cpSync(path.join(REPO, 'test/fixtures/cli/hcl-repo'), path.join(dir, 'infra'), { recursive: true });
  return { dir, live: path.join(dir, 'live.json'), infra: path.join(dir, 'infra') };
}

const audit = (dir: string, ...argv: string[]) => cli(['audit', '--today', '2026-11-27', ...argv], { cwd: dir });

describe('--emit-imports never writes over what the audit reads', () => {
  test('the live export itself (--emit-imports live.json --live-assignments live.json) is refused; the export is unchanged', async () => {
    const { dir, live } = workspace();
    const before = readFileSync(live, 'utf8');
    const { code, stdout, stderr } = await audit(dir, '--live-assignments', 'live.json', '--emit-imports', 'live.json');
    expect([code, stdout]).toEqual([2, '']);
    expect(stderr).toMatch(/^azure-access audit: --emit-imports live\.json is --live-assignments live\.json, which the command reads: it would be overwritten; write the output to another file\n/);
    expect(readFileSync(live, 'utf8')).toBe(before);
    // The README's troubleshooting names the message as the command prints it.
    expect(README).toContain(`- \`${stderr.split('\n')[0]}\``);
  });

  test('by any other name: ./x/../live.json, a symbolic link, a hard link, an absolute path', async () => {
    const { dir, live } = workspace();
    const before = readFileSync(live, 'utf8');
    symlinkSync(live, path.join(dir, 'link.json'));
    linkSync(live, path.join(dir, 'hard.json'));
    for (const name of ['./infra/../live.json', 'link.json', 'hard.json', live]) {
      const { code, stderr } = await audit(dir, '--live-assignments', 'live.json', '--emit-imports', name);
      expect([name, code]).toEqual([name, 2]);
      expect(stderr).toContain(`--emit-imports ${name} is --live-assignments live.json, which the command reads`);
    }
    expect(readFileSync(live, 'utf8')).toBe(before);
  });

  test('every export option counts, not only --live-assignments', async () => {
    const { dir } = workspace();
    copyFileSync(path.join(A, 'graph-applications-credentials.json'), path.join(dir, 'apps.json'));
    const { code, stderr } = await audit(dir, '--live-assignments', 'live.json', '--apps', 'apps.json', '--emit-imports', 'apps.json');
    expect(code).toBe(2);
    expect(stderr).toContain('--emit-imports apps.json is --apps apps.json, which the command reads');
  });

  test('a file of an input directory (--emit-imports infra/main.tf infra), or a new file inside it, is refused', async () => {
    const { dir, infra } = workspace();
    const main = path.join(infra, 'main.tf');
    const before = readFileSync(main, 'utf8');
    for (const name of ['infra/main.tf', 'infra/imports.tf.json']) {
      const { code, stdout, stderr } = await audit(dir, '--live-assignments', 'live.json', '--emit-imports', name, 'infra');
      expect([code, stdout]).toEqual([2, '']);
      expect(stderr).toMatch(new RegExp(`^azure-access audit: --emit-imports ${name.replace('.', '\\.')} is inside the input infra, a directory the command reads: write the output outside it\\n`));
    }
    expect(readFileSync(main, 'utf8')).toBe(before);
    const inside = (await audit(dir, '--live-assignments', 'live.json', '--emit-imports', 'infra/imports.tf.json', 'infra')).stderr.split('\n')[0];
    expect(README).toContain(`\`${inside.replace('azure-access audit: ', '')}\``);
    expect(existsSync(path.join(infra, 'imports.tf.json'))).toBe(false);
  });

  test('a file beside the inputs is written', async () => {
    const { dir } = workspace();
    const { code, stderr } = await audit(dir, '--live-assignments', 'live.json', '--emit-imports', 'imports.tf.json', 'infra');
    expect([code, stderr]).toEqual([0, '']);
    expect(JSON.parse(readFileSync(path.join(dir, 'imports.tf.json'), 'utf8')).import.length).toBeGreaterThan(0);
  });
});

describe('--emit-imports values that name no file', () => {
  test('"" is said to be empty, not a directory', async () => {
    const { dir } = workspace();
    const { code, stderr } = await audit(dir, '--live-assignments', 'live.json', '--emit-imports', '');
    expect(code).toBe(2);
    expect(stderr).toMatch(/^azure-access audit: --emit-imports is given an empty value ""; it needs one\n/);
    // So is any option's empty value.
    expect((await audit(dir, '--live-assignments=')).stderr).toMatch(/^azure-access audit: --live-assignments is given an empty value ""; it needs one\n/);
  });

  test('- writes the import blocks to standard output and the audit to standard error; no file named - is made', async () => {
    const { dir } = workspace();
    const { code, stdout, stderr } = await audit(dir, '--live-assignments', 'live.json', '--emit-imports', '-', 'infra');
    expect(code).toBe(0);
    const blocks = JSON.parse(stdout);
    expect(blocks.import.length).toBeGreaterThan(0);
    expect(blocks.import[0].id).toMatch(/\/providers\/Microsoft\.Authorization\/roleAssignments\//);
    expect(stderr).toMatch(/^## Access audit\n/);
    expect(stderr).toBe((await audit(dir, '--live-assignments', 'live.json', 'infra')).stdout);
    expect(readdirSync(dir).sort()).toEqual(['infra', 'live.json']);
  });

  test('- with --format json is refused: both would be on standard output', async () => {
    const { dir } = workspace();
    const { code, stdout, stderr } = await audit(dir, '--live-assignments', 'live.json', '--emit-imports', '-', '--format', 'json');
    expect([code, stdout]).toEqual([2, '']);
    expect(stderr).toMatch(/^azure-access audit: --emit-imports - writes the import blocks to standard output, where --format json would write the audit too/);
  });

  test('a failed write of the audit to standard error is exit 2, named', async () => {
    const { dir } = workspace();
    let stdout = '';
    let messages = '';
    const code = await run(['audit', '--today', '2026-11-27', '--live-assignments', 'live.json', '--emit-imports', '-', 'infra'], {
      stdout: (t) => (stdout += t),
      stderr: (t) => {
        if (t.startsWith('## Access audit')) throw Object.assign(new Error('EPIPE: broken pipe, write'), { code: 'EPIPE' });
        messages += t;
      },
      readStdin: async () => '',
      env: {},
      cwd: dir,
    });
    expect(code).toBe(2);
    expect(JSON.parse(stdout).import.length).toBeGreaterThan(0);
    expect(messages).toMatch(/^azure-access audit: 0 finding\(s\) at or above --fail-on error \(exit would have been 0\), but standard error could not be written: broken pipe \(EPIPE\); exit 2\n$/);
  });
});
