import '@microsoft/jest-sarif';
import { spawnSync } from 'child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { exampleRepo, expectInjectedError, INJECTED_GRANT, REPO, STACK_FILE } from '../support/example-repo';

/**
 * The shell steps of the CI recipe (ci/azure-access-pr.sh, which action.yml and the Azure
 * Pipelines template run), run with bash against the example app in a git repository of its own:
 * `main` holds the example, the pull request's branch adds a Contributor grant for the API's
 * identity (AZA004, an error). `gh` and `curl` are fakes that record what they were asked and
 * answer with canned comments, so nothing leaves the machine.
 */

const SCRIPT = path.join(REPO, 'ci/azure-access-pr.sh');
const MARKER = '<!-- azure-access-diff -->';
// The example's cdktf.json names its app command (`npx ts-node --transpile-only …`): the recipe
// runs it by default, as `cdktf synth` would, with no cdktf-cli installed.
// The command built by `npx jsii` (npm test compiles first), as the package's bin runs it.
const AZURE_ACCESS = `"${process.execPath}" "${path.join(REPO, 'lib/cli/main.js')}"`;

function git(cwd: string, ...args: string[]): string {
  const result = spawnSync('git', ['-c', 'user.name=test', '-c', 'user.email=test@example.com', ...args], { cwd, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`git ${args.join(' ')}: ${result.stderr}`);
  return result.stdout;
}

/** The example on `main`, the injected grant committed on `feature` (checked out). */
function pullRequestRepo(): { dir: string; injectedLine: number } {
  const { dir } = exampleRepo();
  writeFileSync(path.join(dir, '.gitignore'), 'cdktf.out/\n');
  git(dir, 'checkout', '-q', '-b', 'main');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'the example');
  git(dir, 'checkout', '-q', '-b', 'feature');
  const file = path.join(dir, STACK_FILE);
  const lines = readFileSync(file, 'utf8').split('\n');
  const after = lines.findIndex((l) => l.includes('KEY_VAULT_SECRETS_USER'));
  lines.splice(after + 1, 0, INJECTED_GRANT);
  writeFileSync(file, lines.join('\n'));
  git(dir, 'commit', '-q', '-am', 'the API may change the resource group');
  return { dir, injectedLine: after + 2 };
}

/** `gh` and `curl` that append `{ args, body|data, header }` to $FAKE_LOG and serve $FAKE_COMMENTS on a read. */
function fakeTools(): string {
  const bin = mkdtempSync(path.join(tmpdir(), 'fake-bin-'));
  const gh = `#!/usr/bin/env node
const fs = require('fs');
const args = process.argv.slice(2);
const field = args.find((a) => a.startsWith('body=@'));
fs.appendFileSync(process.env.FAKE_LOG, JSON.stringify({ tool: 'gh', args, ...(field ? { body: fs.readFileSync(field.slice(6), 'utf8') } : {}) }) + '\\n');
process.stdout.write(args.includes('--paginate') ? fs.readFileSync(process.env.FAKE_COMMENTS, 'utf8') : '{}');
`;
  const curl = `#!/usr/bin/env node
const fs = require('fs');
const args = process.argv.slice(2);
const after = (flag) => args.filter((a, i) => args[i - 1] === flag);
const data = after('--data-binary')[0];
const headers = after('--header').map((h) => h.startsWith('@') ? fs.readFileSync(h.slice(1), 'utf8').trim() : h);
const method = after('--request')[0] ?? 'GET';
fs.appendFileSync(process.env.FAKE_LOG, JSON.stringify({ tool: 'curl', method, url: args[args.length - 1], args, headers,
  ...(data ? { data: JSON.parse(fs.readFileSync(data.slice(1), 'utf8')) } : {}) }) + '\\n');
process.stdout.write(method === 'GET' ? fs.readFileSync(process.env.FAKE_COMMENTS, 'utf8') : '{}');
`;
  for (const [name, text] of [['gh', gh], ['curl', curl]]) {
    writeFileSync(path.join(bin, name), text);
    chmodSync(path.join(bin, name), 0o755);
  }
  return bin;
}

/** The environment of a CI runner, without any of this machine's own CI variables. */
function ciEnvironment(extra: Record<string, string>): Record<string, string> {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([key]) =>
    !/^(GITHUB_|RUNNER_|SYSTEM_|AGENT_|BUILD_|TF_BUILD$|AZURE_ACCESS_)/.test(key)));
  return { ...clean as Record<string, string>, ...extra };
}

interface Step {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly log: any[];
}

const bin = fakeTools();

function step(name: string, cwd: string, env: Record<string, string>, comments: unknown = [[]]): Step {
  const work = mkdtempSync(path.join(tmpdir(), 'recipe-step-'));
  const log = path.join(work, 'log.jsonl');
  writeFileSync(path.join(work, 'comments.json'), JSON.stringify(comments));
  const result = spawnSync('bash', [SCRIPT, name], {
    cwd,
    encoding: 'utf8',
    env: ciEnvironment({
      PATH: `${bin}${path.delimiter}${path.dirname(process.execPath)}${path.delimiter}${process.env.PATH}`,
      FAKE_LOG: log,
      FAKE_COMMENTS: path.join(work, 'comments.json'),
      AZURE_ACCESS_COMMAND: AZURE_ACCESS,
      AZURE_ACCESS_INSTALL_COMMAND: '',
      // The example's secret may stay until 2027-06-30; judged on a fixed day, the test never expires.
      AZURE_ACCESS_CHECK_OPTIONS: '--today 2026-11-27',
      ...env,
    }),
  });
  const lines = existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n').filter(Boolean) : [];
  return { code: result.status, stdout: result.stdout, stderr: result.stderr, log: lines.map((l) => JSON.parse(l)) };
}

const GITHUB = { GITHUB_REPOSITORY: 'contoso/ordering-api', AZURE_ACCESS_PR_NUMBER: '12', GH_TOKEN: 'not-a-token' };
const DEVOPS = {
  TF_BUILD: 'True',
  SYSTEM_ACCESSTOKEN: 'secret-access-token',
  SYSTEM_COLLECTIONURI: 'https://dev.azure.com/contoso/',
  SYSTEM_TEAMPROJECTID: 'project-id',
  BUILD_REPOSITORY_ID: 'repository-id',
  SYSTEM_PULLREQUEST_PULLREQUESTID: '34',
};
const PR_API = 'https://dev.azure.com/contoso/project-id/_apis/git/repositories/repository-id/pullRequests/34';
const FOREIGN_COMMENT = { id: 7, body: 'Looks good to me' };
const OUR_COMMENT = { id: 4242, body: `**Access widens: 1 grant**\n\n${MARKER}\n` };
const OUR_THREAD = { id: 17, comments: [{ id: 1, content: `**Access widens: 1 grant**\n\n${MARKER}\n` }] };

describe('the pull-request recipe (ci/azure-access-pr.sh)', () => {
  const { dir, injectedLine } = pullRequestRepo();
  const results = mkdtempSync(path.join(tmpdir(), 'recipe-results-'));
  const widening = path.join(results, 'widening');
  const settled = path.join(results, 'settled');
  const githubOutput = path.join(results, 'github-output');
  writeFileSync(githubOutput, '');
  let prepared: Step;
  let baseTree: string;

  // Two syntheses in all: the head (by `prepare`, as CI runs it) and the base (by `prepare`, in a
  // worktree of `main`). Later pushes reuse them: the base checkout is itself the head of a push
  // that takes the grant away again, and the Azure DevOps runs reuse both through AZURE_ACCESS_BASE_OUTPUT.
  beforeAll(() => {
    prepared = step('prepare', dir, { AZURE_ACCESS_RESULTS_DIR: widening, AZURE_ACCESS_BASE_REF: 'main', GITHUB_OUTPUT: githubOutput });
    baseTree = path.join(widening, 'base');
    const reuse = { AZURE_ACCESS_SYNTH_COMMAND: '', AZURE_ACCESS_BASE_OUTPUT: path.join(baseTree, 'cdktf.out') };
    step('prepare', baseTree, { ...reuse, AZURE_ACCESS_RESULTS_DIR: settled });
    step('prepare', dir, { ...reuse, ...DEVOPS, AZURE_ACCESS_RESULTS_DIR: `${widening}-devops` });
    step('prepare', baseTree, { ...reuse, ...DEVOPS, AZURE_ACCESS_RESULTS_DIR: `${settled}-devops` });
  }, 180_000);

  test('prepare synthesizes head and base without failing on the error, and names the SARIF for the upload step', () => {
    expect(prepared.stderr).toContain('synthesizing the base (main at ');
    expect(prepared.code).toBe(0);
    expect(readFileSync(githubOutput, 'utf8')).toBe(`sarif=${path.join(widening, 'sarif/azure-access.sarif')}\n`);
  });

  test('the SARIF holds the injected error at the example\'s TypeScript line', () => {
    expectInjectedError(JSON.parse(readFileSync(path.join(widening, 'sarif/azure-access.sarif'), 'utf8')), injectedLine);
  });

  test('GitHub: access widens and no comment of ours exists, so one is posted with the marker and the verdict', () => {
    const run = step('comment-github', dir, { ...GITHUB, AZURE_ACCESS_RESULTS_DIR: widening }, [[FOREIGN_COMMENT]]);
    expect(run.code).toBe(0);
    expect(run.log.map((c) => c.args.slice(0, 3))).toEqual([
      ['api', '--paginate', '--slurp'],
      ['api', '--method', 'POST'],
    ]);
    expect(run.log[0].args[3]).toBe('repos/contoso/ordering-api/issues/12/comments?per_page=100');
    const posted = run.log[1];
    expect(posted.args[3]).toBe('repos/contoso/ordering-api/issues/12/comments');
    expect(posted.body).toMatch(/^\*\*Access widens: /);
    expect(posted.body).toContain(MARKER);
    expect(posted.body).toContain('```mermaid');
  });

  test('GitHub: access widens and our comment is on a later page, so that comment is updated, not a second one posted', () => {
    const run = step('comment-github', dir, { ...GITHUB, AZURE_ACCESS_RESULTS_DIR: widening }, [[FOREIGN_COMMENT], [OUR_COMMENT]]);
    expect(run.code).toBe(0);
    expect(run.log.map((c) => c.args.slice(0, 4))).toEqual([
      ['api', '--paginate', '--slurp', 'repos/contoso/ordering-api/issues/12/comments?per_page=100'],
      ['api', '--method', 'PATCH', 'repos/contoso/ordering-api/issues/comments/4242'],
    ]);
    expect(run.log[1].body).toMatch(/^\*\*Access widens: /);
  });

  test('GitHub: a later push that no longer widens access updates the same comment to say so', () => {
    const run = step('comment-github', baseTree, { ...GITHUB, AZURE_ACCESS_RESULTS_DIR: settled }, [[FOREIGN_COMMENT, OUR_COMMENT]]);
    expect(run.code).toBe(0);
    expect(run.log).toHaveLength(2);
    expect(run.log[1].args.slice(0, 4)).toEqual(['api', '--method', 'PATCH', 'repos/contoso/ordering-api/issues/comments/4242']);
    expect(run.log[1].body).toMatch(/^\*\*Access no longer widens\.\*\* /);
    expect(run.log[1].body).toContain('**No access change**');
    expect(run.log[1].body).toContain(MARKER);
  });

  test('GitHub: no widening and no comment of ours: nothing is posted', () => {
    const run = step('comment-github', baseTree, { ...GITHUB, AZURE_ACCESS_RESULTS_DIR: settled }, [[FOREIGN_COMMENT]]);
    expect(run.code).toBe(0);
    expect(run.log.map((c) => c.args[1])).toEqual(['--paginate']);
  });

  test('Azure DevOps: a new active thread, chains as text, the token only in a header file', () => {
    const run = step('comment-azure-devops', dir, { ...DEVOPS, AZURE_ACCESS_RESULTS_DIR: `${widening}-devops` }, { value: [] });
    expect(run.code).toBe(0);
    expect(run.log.map((c) => [c.method, c.url])).toEqual([
      ['GET', `${PR_API}/threads?api-version=7.1`],
      ['POST', `${PR_API}/threads?api-version=7.1`],
    ]);
    const thread = run.log[1].data;
    expect(thread.status).toBe(1);
    expect(thread.comments).toHaveLength(1);
    expect(thread.comments[0].content).toMatch(/^\*\*Access widens: /);
    expect(thread.comments[0].content).toContain(MARKER);
    expect(thread.comments[0].content).not.toContain('```mermaid');
    expect(thread.comments[0].content).toContain('```text');
    expect(run.log.every((c) => c.headers.includes('Authorization: Bearer secret-access-token'))).toBe(true);
    expect(run.log.flatMap((c) => c.args).join(' ')).not.toContain('secret-access-token');
    expect(existsSync(path.join(`${widening}-devops`, 'authorization-header'))).toBe(false);
  });

  test('Azure DevOps: a later push that no longer widens access updates the same comment and resolves the thread', () => {
    const run = step('comment-azure-devops', baseTree, { ...DEVOPS, AZURE_ACCESS_RESULTS_DIR: `${settled}-devops` }, { value: [{ id: 3, comments: [{ id: 1, content: 'Please split this PR' }] }, OUR_THREAD] });
    expect(run.code).toBe(0);
    expect(run.log.map((c) => [c.method, c.url])).toEqual([
      ['GET', `${PR_API}/threads?api-version=7.1`],
      ['PATCH', `${PR_API}/threads/17/comments/1?api-version=7.1`],
      ['PATCH', `${PR_API}/threads/17?api-version=7.1`],
    ]);
    expect(run.log[1].data.content).toMatch(/^\*\*Access no longer widens\.\*\* /);
    expect(run.log[1].data.content).toContain(MARKER);
    expect(run.log[2].data).toEqual({ status: 2 });
  });

  // Before the widening run's gate, which removes the base worktree this push is checked out in.
  test('gate passes when the push no longer widens access and has no error', () => {
    const run = step('gate', baseTree, { AZURE_ACCESS_RESULTS_DIR: settled });
    expect(run.stderr).not.toContain('failing');
    expect(run.code).toBe(0);
  });

  test('gate fails the job on the error finding and on the widening, after the upload', () => {
    const run = step('gate', dir, { AZURE_ACCESS_RESULTS_DIR: widening, GITHUB_STEP_SUMMARY: path.join(results, 'summary.md') });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('error AZA004');
    expect(run.stderr).toContain('failing: findings at or above --fail-on error');
    expect(run.stderr).toContain('failing: the standard escalation gate fails (the diff above says why)');
    // The job summary gets the diff once, from the gate, not once per diff the steps ran.
    expect(readFileSync(path.join(results, 'summary.md'), 'utf8').match(/## Access changes/g)).toHaveLength(1);
  });

  test('the steps refuse to run out of order, with exit 2', () => {
    const empty = path.join(results, 'empty');
    mkdirSync(empty);
    const run = step('gate', dir, { AZURE_ACCESS_RESULTS_DIR: empty });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('run prepare first');
  });
});

describe('the GitHub Action and the Azure Pipelines template', () => {
  // The action runs ci/run-from-app.sh, which passes its environment on to the app's installed script.
  const script = readFileSync(SCRIPT, 'utf8') + readFileSync(path.join(REPO, 'ci/run-from-app.sh'), 'utf8');

  test.each(['action.yml', 'ci/azure-pipelines/azure-access.yml'])('%s sets only settings the script reads, and runs its steps in order', (file) => {
    const text = readFileSync(path.join(REPO, file), 'utf8');
    const settings = [...new Set(text.match(/AZURE_ACCESS_[A-Z_]+/g))];
    expect(settings.filter((name) => !script.includes(`\${${name}`) && name !== 'AZURE_ACCESS_SARIF')).toEqual([]);
    const steps = [...text.matchAll(/(?:run-from-app\.sh|parameters\.script \}\})" (prepare|comment-github|comment-azure-devops|gate)'/g)].map((m) => m[1]);
    expect(steps).toEqual(['prepare', file === 'action.yml' ? 'comment-github' : 'comment-azure-devops', 'gate']);
    // The SARIF is published between prepare and gate, so the findings are visible when the gate fails the job.
    const upload = text.search(/upload-sarif@|PublishBuildArtifacts@/);
    expect(upload).toBeGreaterThan(text.indexOf('prepare\''));
    expect(upload).toBeLessThan(text.indexOf('gate\''));
  });
});

describe('one installed version, and a synth that needs no cdktf-cli', () => {
  /** A bare directory to run a step in, with these files. */
  function app(files: Record<string, string>): string {
    const dir = mkdtempSync(path.join(tmpdir(), 'recipe-app-'));
    for (const [name, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
      writeFileSync(path.join(dir, name), text);
    }
    return dir;
  }

  /** An azure-access command that only answers --version, with this version. */
  function commandOfVersion(version: string): string {
    const dir = app({ 'azure-access': `#!/usr/bin/env bash\nif [[ "$1" == --version ]]; then echo ${version}; exit 0; fi\necho "not expected: $*" >&2; exit 3\n` });
    chmodSync(path.join(dir, 'azure-access'), 0o755);
    return path.join(dir, 'azure-access');
  }

  /** The recipe script as a package of this version ships it (ci/ beside package.json). */
  function packagedScript(version: string): string {
    const dir = app({ 'package.json': JSON.stringify({ name: 'cdktf-azure-access', version }), 'ci/azure-access-pr.sh': readFileSync(SCRIPT, 'utf8') });
    return path.join(dir, 'ci/azure-access-pr.sh');
  }

  function run(script: string, cwd: string, env: Record<string, string>) {
    const result = spawnSync('bash', [script, 'prepare'], {
      cwd,
      encoding: 'utf8',
      env: ciEnvironment({ AZURE_ACCESS_RESULTS_DIR: mkdtempSync(path.join(tmpdir(), 'recipe-results-')), AZURE_ACCESS_BASE_REF: 'main', ...env }),
    });
    return { code: result.status, stderr: result.stderr, stdout: result.stdout };
  }

  test('a script of one version refuses a command of another, naming both', () => {
    const run1 = run(packagedScript('1.4.0'), app({}), { AZURE_ACCESS_COMMAND: commandOfVersion('1.3.0') });
    expect(run1.code).toBe(2);
    expect(run1.stderr).toContain('this script is cdktf-azure-access 1.4.0 but the command');
    expect(run1.stderr).toContain('is 1.3.0: run both from the app\'s installed package (node_modules/cdktf-azure-access/ci/azure-access-pr.sh)');
  });

  test('the same version goes on to synthesize; a command that does not run says what to install', () => {
    // Past the check, the default synth looks for cdktf.json, which this directory lacks.
    const same = run(packagedScript('1.4.0'), app({}), { AZURE_ACCESS_COMMAND: commandOfVersion('1.4.0') });
    expect(same.code).toBe(2);
    expect(same.stderr).not.toContain('this script is');
    expect(same.stderr).toContain('no cdktf.json in');
    const missing = run(packagedScript('1.4.0'), app({}), { AZURE_ACCESS_COMMAND: path.join(tmpdir(), 'no-such-azure-access') });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('install cdktf-azure-access in the app (npm install --save-dev cdktf-azure-access)');
  });

  test('the default synth runs cdktf.json\'s app with its output directory and context, and refuses a cdktf.json without one', () => {
    // The app records what it was given where the recipe looks for the synthesis.
    const recorder = 'node -e "const fs=require(\'fs\');fs.mkdirSync(process.env.CDKTF_OUTDIR,{recursive:true});'
      + 'fs.writeFileSync(process.env.CDKTF_OUTDIR+\'/seen.json\',JSON.stringify({outdir:process.env.CDKTF_OUTDIR,context:process.env.CDKTF_CONTEXT_JSON,guard:process.env.AZURE_ACCESS_GUARD}))"';
    const dir = app({ 'cdktf.json': JSON.stringify({ app: recorder, context: { 'azure-access:guard': 'record' } }) });
    // The fake command stops the run at the check that follows synth; what synth did is on disk.
    run(SCRIPT, dir, { AZURE_ACCESS_COMMAND: commandOfVersion('0.0.0'), AZURE_ACCESS_OUTPUT: 'out' });
    expect(JSON.parse(readFileSync(path.join(dir, 'out/seen.json'), 'utf8'))).toEqual({
      outdir: 'out', context: '{"azure-access:guard":"record"}', guard: 'record',
    });
    const noApp = run(SCRIPT, app({ 'cdktf.json': '{"language": "typescript"}' }), { AZURE_ACCESS_COMMAND: commandOfVersion('0.0.0') });
    expect(noApp.code).toBe(2);
    expect(noApp.stderr).toContain('names no app command');
  });

  test('the action runs the app\'s installed script when there is one, else its own', () => {
    const launcher = path.join(REPO, 'ci/run-from-app.sh');
    const installed = app({ 'node_modules/cdktf-azure-access/ci/azure-access-pr.sh': 'echo "installed script: $*"\n' });
    const viaApp = spawnSync('bash', [launcher, 'gate'], { encoding: 'utf8', env: ciEnvironment({ AZURE_ACCESS_WORKING_DIRECTORY: installed }) });
    expect([viaApp.status, viaApp.stdout]).toEqual([0, 'installed script: gate\n']);
    const own = spawnSync('bash', [launcher, 'gate'], {
      encoding: 'utf8',
      env: ciEnvironment({ AZURE_ACCESS_WORKING_DIRECTORY: app({}), AZURE_ACCESS_RESULTS_DIR: mkdtempSync(path.join(tmpdir(), 'recipe-results-')) }),
    });
    expect(own.status).toBe(2);
    expect(own.stderr).toContain('azure-access-pr: no synthesis recorded');
  });
});
