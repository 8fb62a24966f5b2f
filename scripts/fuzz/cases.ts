import { readdirSync, readFileSync, statSync } from 'fs';
import * as path from 'path';
import { mutate } from './mutate';
import { Random } from './random';

const FIXTURES = path.join(__dirname, '..', '..', 'test', 'fixtures');

/** A file of a case, relative to the case's directory. */
export interface CaseFile {
  readonly path: string;
  readonly text: string;
}

/** One fuzz case: the files to write, and the command line to run in their directory. */
export interface FuzzCase {
  readonly index: number;
  /** What it was made from, to tell a failure's origin. */
  readonly seed: string;
  readonly files: readonly CaseFile[];
  readonly argv: readonly string[];
}

/** Seeds: single inputs (Terraform JSON, HCL, plans) and module trees, from the test fixtures. */
const FILE_SEEDS = [
  'reader/main.tf.json', 'reader/plan.json', 'reader/module/vault.tf.json', 'reader/hcl-duplicate/a.tf', 'reader/access-kinds/main.tf',
  'reader/azapi-scopes/main.tf', 'reader/data-source-literals/main.tf', 'reader/service-roles/main.tf', 'reader/false-alarms/main.tf',
  'reader/plan-time/functions/main.tf', 'reader/plan-time/known-lists/main.tf', 'reader/plan-time/try-unknown/main.tf',
  'reader/plan-time/null-values/main.tf', 'reader/plan-time/empty-instances/main.tf', 'reader/cdktf-out/stacks/platform/cdk.tf.json',
  'cli/access.json', 'cli/hcl-repo/main.tf', 'cli/entra-repo/main.tf', 'escalation/multi-step.tf', 'diff/plan-replace.json',
  'suppression-accepts/widened/main.tf',
];
const DIRECTORY_SEEDS = ['reader/modules/root', 'reader/values', 'escalation/across-modules/root', 'reader/cdktf-out'];
const LIVE_SEED = 'audit/az-role-assignment-list.json';

function filesUnder(dir: string, base = dir): CaseFile[] {
  return readdirSync(dir).sort().flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full, base) : [{ path: path.relative(base, full), text: readFileSync(full, 'utf8') }];
  });
}

/** A module tree keeps its siblings (`../modules/x`): the seed's parent directory is copied, the seed is the input. */
function directorySeed(seed: string): { files: CaseFile[]; input: string } {
  const dir = path.join(FIXTURES, seed);
  const parent = path.dirname(dir);
  return { files: filesUnder(parent), input: path.relative(parent, dir) };
}

const COMMANDS = [
  (input: string) => ['check', '--today', '2026-12-01', input],
  (input: string) => ['check', '--today', '2026-12-01', '--format', 'json', input],
  (input: string) => ['check', '--today', '2026-12-01', '--format', 'sarif', input],
  (input: string) => ['report', '--format', 'json', input],
  (input: string) => ['report', '--format', 'markdown', input],
  (input: string) => ['report', '--format', 'html', input],
];

/** Case `index` of the run seeded `seed`: the same on every machine. */
export function makeCase(seed: number, index: number): FuzzCase {
  const r = new Random(seed * 1_000_003 + index);
  const other = readFileSync(path.join(FIXTURES, r.pick(FILE_SEEDS)), 'utf8');
  const kind = r.below(10);
  if (kind < 6) {
    const name = r.pick(FILE_SEEDS);
    const text = readFileSync(path.join(FIXTURES, name), 'utf8');
    const input = path.basename(name);
    return { index, seed: name, files: [{ path: input, text: mutate(text, r, other) }], argv: r.pick(COMMANDS)(input) };
  }
  if (kind < 8) {
    const name = r.pick(DIRECTORY_SEEDS);
    const { files, input } = directorySeed(name);
    const at = r.below(files.length);
    const mutated = files.map((f, i) => (i === at ? { path: f.path, text: mutate(f.text, r, other) } : f));
    return { index, seed: `${name}/${files[at].path}`, files: mutated, argv: r.pick(COMMANDS)(input) };
  }
  if (kind < 9) {
    // diff: the original as base, the mutant as head (and the other way round).
    const name = r.pick(FILE_SEEDS);
    const text = readFileSync(path.join(FIXTURES, name), 'utf8');
    const extension = name.endsWith('.tf') ? '.tf' : '.json';
    const files = [{ path: `base${extension}`, text }, { path: `head${extension}`, text: mutate(text, r, other) }];
    const sides = r.chance(0.5) ? [files[0].path, files[1].path] : [files[1].path, files[0].path];
    return { index, seed: name, files, argv: ['diff', ...(r.chance(0.5) ? ['--format', 'comment'] : []), '--fail-on-escalation', ...sides] };
  }
  // audit: a mutated live export against a fixed configuration.
  const live = readFileSync(path.join(FIXTURES, LIVE_SEED), 'utf8');
  const code = readFileSync(path.join(FIXTURES, 'cli/hcl-repo/main.tf'), 'utf8');
  return {
    index,
    seed: LIVE_SEED,
    files: [{ path: 'live.json', text: mutate(live, r, other) }, { path: 'main.tf', text: code }],
    argv: ['audit', '--today', '2026-12-01', '--live-assignments', 'live.json', 'main.tf'],
  };
}
