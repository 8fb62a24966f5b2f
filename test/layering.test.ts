import { readFileSync } from 'fs';
import * as path from 'path';

/**
 * The import layering of .projenrc.ts (construct code and review code meet only in src/model)
 * is an ESLint rule that fails the build. These tests run that configured rule alone, so they
 * show both that the tree obeys it and that a wrong import, of any form, is refused.
 */
const root = path.join(__dirname, '..');
// .eslintrc.json starts with projen's comment line.
const eslintrc = JSON.parse(readFileSync(path.join(root, '.eslintrc.json'), 'utf8').replace(/^\/\/.*\n/, ''));
const RULE = 'import/no-restricted-paths';

function linter() {
  // eslint 9 keeps the .eslintrc engine this project uses under its unsupported API.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { LegacyESLint } = require('eslint/use-at-your-own-risk');
  return new LegacyESLint({
    cwd: root,
    useEslintrc: false,
    overrideConfig: {
      parser: '@typescript-eslint/parser',
      parserOptions: { ecmaVersion: 2022, sourceType: 'module' },
      // @typescript-eslint only so the source's inline directives name a known rule.
      plugins: ['import', '@typescript-eslint'],
      settings: eslintrc.settings,
      rules: { [RULE]: eslintrc.rules[RULE] },
    },
  });
}

async function errorsOf(file: string, code: string): Promise<string[]> {
  const [result] = await linter().lintText(code, { filePath: path.join(root, file) });
  return result.messages.map((m: { ruleId: string; message: string }) => `${m.ruleId}: ${m.message}`);
}

describe('layering', () => {
  jest.setTimeout(60_000);

  test('the rule is configured with a zone for every source folder', () => {
    const zones: { target: string }[] = eslintrc.rules[RULE][1].zones;
    expect(zones.map((z) => z.target)).toEqual(expect.arrayContaining([
      './src/model', './src/roles', './src/scope', './src/identity', './src/grants', './src/pim',
      './src/review', './src/policy', './src/testing', './src/cli', './src/private',
    ]));
  });

  test.each([
    ['a value import', "import { Principal } from '../../identity/principal';\nexport const p = Principal;"],
    ['a type-only import', "import type { WorkloadIdentity } from '../../identity/workload-identity';\nexport type W = WorkloadIdentity;"],
    ['a lazy require()', "export const load = () => require('../../identity/workload-identity');"],
  ])('review code importing construct code is refused: %s', async (_, code) => {
    expect(await errorsOf('src/review/graph/wrong.ts', code)).toEqual([
      expect.stringMatching(/^import\/no-restricted-paths: Unexpected path "\.\.\/\.\.\/identity\/.*" imported in restricted zone\. review code never imports construct code/),
    ]);
  });

  test.each([
    ['construct code importing a rule', 'src/grants/wrong.ts', "import { RULES } from '../policy/rule-pack';\nexport const r = RULES;", /construct code|no review or policy code/],
    ['the model importing anything of the library', 'src/model/wrong.ts', "import { Scope } from '../scope/scope';\nexport const s = Scope;", /model\/ is what every side shares/],
    ['the graph importing a rule', 'src/review/graph/wrong.ts', "import { Severity } from '../../model/severity';\nimport { evaluate } from '../../policy/evaluate';\nexport const e = [evaluate, Severity];", /know no rule/],
    ['the roles catalog importing review code', 'src/roles/wrong.ts', "import { AccessGraph } from '../review/graph/access-graph';\nexport const g = AccessGraph;", /the catalog/],
    ['grants importing identity classes', 'src/grants/wrong.ts', "import { Principal } from '../identity/principal';\nexport const p = Principal;", /principals as data/],
  ])('%s is refused', async (_, file, code, why) => {
    const errors = await errorsOf(file, code);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(why);
  });

  test('what the layering allows passes: review code reading the model and the catalog', async () => {
    expect(await errorsOf('src/review/graph/fine.ts', "import { ScopeLevel } from '../../model/scope-level';\nimport { RoleCatalog } from '../../roles/role-catalog';\nexport const x = [ScopeLevel, RoleCatalog];")).toEqual([]);
  });

  test('the whole source tree obeys it', async () => {
    const results = await linter().lintFiles(['src/**/*.ts']);
    expect(results.length).toBeGreaterThan(100);
    const errors = results.flatMap((r: { filePath: string; messages: { message: string; ruleId: string | null }[] }) =>
      r.messages.map((m) => `${path.relative(root, r.filePath)}: ${m.ruleId}: ${m.message}`));
    expect(errors).toEqual([]);
  });
});
