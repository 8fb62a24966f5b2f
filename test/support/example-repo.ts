import '@microsoft/jest-sarif';
import { spawnSync } from 'child_process';
import { cpSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';

export const REPO = path.resolve(__dirname, '../..');
export const STACK_FILE = 'examples/ordering-api/ordering-api-stack.ts';

/** A line added to the example's stack: the API's identity given Contributor on the resource group (AZA004, an error). */
export const INJECTED_GRANT = '    this.api.grant(BuiltInRole.CONTRIBUTOR, Scope.of(rg));';

/**
 * A repository of its own that holds the example app, as a user's repository would: the example
 * copied (optionally with {@link INJECTED_GRANT} after the vault grant), the library and
 * node_modules linked in, and `.git`, so paths are relative to its root and not to this one.
 */
export function exampleRepo(options: { inject?: boolean } = {}): { dir: string; injectedLine?: number } {
  const dir = mkdtempSync(path.join(tmpdir(), 'example-repo-'));
  cpSync(path.join(REPO, 'examples'), path.join(dir, 'examples'), { recursive: true });
  for (const linked of ['src', 'node_modules', 'package.json']) symlinkSync(path.join(REPO, linked), path.join(dir, linked));
  writeFileSync(path.join(dir, 'cdktf.json'), readFileSync(path.join(REPO, 'cdktf.json')));
  // Its own TypeScript settings, so ts-node never picks up a tsconfig.json from a directory above.
  writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { module: 'commonjs', target: 'ES2022', esModuleInterop: true } }));
  spawnSync('git', ['init', '-q', dir]);
  if (!options.inject) return { dir };
  const file = path.join(dir, STACK_FILE);
  const lines = readFileSync(file, 'utf8').split('\n');
  const after = lines.findIndex((l) => l.includes('KEY_VAULT_SECRETS_USER'));
  lines.splice(after + 1, 0, INJECTED_GRANT);
  writeFileSync(file, lines.join('\n'));
  return { dir, injectedLine: after + 2 };
}

/** `cdktf synth` of the example, as cdktf.json runs it, in `dir` with `env` added. */
export function synthExample(dir: string, env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', 'examples/ordering-api/main.ts'], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, ...env },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/**
 * Asserts that a SARIF log from the example holds exactly one unsuppressed error, the injected
 * grant's AZA004, located at the injected TypeScript line; returns that result for more checks.
 */
export function expectInjectedError(sarif: any, injectedLine: number | undefined): any {
  expect(sarif).toBeValidSarifLog();
  const errors = sarif.runs[0].results.filter((r: any) => r.level === 'error' && !r.suppressions);
  expect(errors.map((r: any) => r.ruleId)).toEqual(['AZA004']);
  expect(errors[0].locations[0].physicalLocation).toEqual({
    artifactLocation: { uri: STACK_FILE, uriBaseId: '%SRCROOT%' },
    region: { startLine: injectedLine },
  });
  return errors[0];
}

