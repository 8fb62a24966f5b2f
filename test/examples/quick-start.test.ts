import { spawnSync } from 'child_process';
import { mkdtempSync, readFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { SECRET_MIGRATION_ENDS } from '../../examples/ordering-api/ordering-api-stack';

const REPO = path.resolve(__dirname, '../..');
const AFTER_THE_WINDOW = '2027-07-15T12:00:00Z';

/** `npm run example` as the README's quick start runs it, on the day FAKE_CLOCK says, into its own directory. */
function npmRunExample(env: Record<string, string> = {}) {
  const outdir = mkdtempSync(path.join(tmpdir(), 'quick-start-'));
  const result = spawnSync('npm', ['run', '--silent', 'example'], {
    cwd: REPO,
    encoding: 'utf8',
    env: {
      ...process.env,
      FAKE_CLOCK: AFTER_THE_WINDOW,
      NODE_OPTIONS: `--require ${path.join(REPO, 'test/support/fake-clock.js')}`,
      CDKTF_OUTDIR: outdir,
      ...env,
    },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr, outdir };
}

describe('the quick start does not expire', () => {
  test('the fake clock really moves the date past the migration window', () => {
    const result = spawnSync(process.execPath, ['-e', 'console.log(new Date().toISOString().slice(0, 10))'], {
      encoding: 'utf8',
      env: { ...process.env, FAKE_CLOCK: AFTER_THE_WINDOW, NODE_OPTIONS: `--require ${path.join(REPO, 'test/support/fake-clock.js')}` },
    });
    expect(result.stdout.trim()).toBe('2027-07-15');
    expect(result.stdout.trim() > SECRET_MIGRATION_ENDS).toBe(true);
  });

  test('`npm run example` passes with the clock after the window and prints the report', () => {
    const { code, stdout, stderr, outdir } = npmRunExample();
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain('## Azure access');
    expect(stdout).toMatch(/\| application-password \| .* \| 2027-06-30T00:00:00Z \|/);
    const json = JSON.parse(readFileSync(path.join(outdir, 'stacks/ordering-api/cdk.tf.json'), 'utf8'));
    // The dated window is still there to demonstrate: the suppression keeps its end date.
    expect(Object.values<any>(json.resource.azuread_application_password)[0]['//']['cdktf-azure-access'].suppressions[0].until).toBe(SECRET_MIGRATION_ENDS);
  }, 120_000);

  test('the window still closes: judged on a day after it, synthesis fails with AZA005 and AZA012', () => {
    const { code, stderr } = npmRunExample({ EXAMPLE_TODAY: '2027-07-01' });
    expect(code).not.toBe(0);
    expect(stderr).toMatch(/\[AZA005\] application password/);
    expect(stderr).toMatch(/\[AZA012\] the suppression of AZA005 .* ended on 2027-06-30/);
  }, 120_000);
});
