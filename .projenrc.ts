import { cdktf, javascript } from 'projen';

/**
 * The project definition. package.json, tsconfig*.json, .eslintrc.json, .gitignore,
 * .npmignore and .projen/ are generated from this file: edit here, then run `npx projen`.
 */
const project = new cdktf.ConstructLibraryCdktf({
  name: 'cdktf-azure-access',
  description:
    'CDK for Terraform constructs for Azure: managed identities instead of secrets, least-privilege role grants with checked scopes, PIM just-in-time access, and a review command.',
  author: 'cdktf-azure-access developers',
  authorAddress: 'platform@contoso.example',
  repositoryUrl: 'https://example.invalid/platform/cdktf-azure-access.git',
  license: 'Apache-2.0',
  keywords: ['cdktf', 'azure', 'rbac', 'managed-identity', 'pim', 'least-privilege', 'terraform'],
  defaultReleaseBranch: 'main',
  projenrcTs: true,
  packageManager: javascript.NodePackageManager.NPM,
  minNodeVersion: '20.0.0',

  cdktfVersion: '^0.21.0',
  constructsVersion: '^10.4.2',
  // Peer dependencies are also installed as dev dependencies at their minimum version,
  // so the tests run against the oldest provider a user may have.
  peerDeps: ['@cdktf/provider-azurerm@^14.23.1', '@cdktf/provider-azuread@^14.3.1'],
  devDeps: [
    'fast-check@^4.0.0',
    // SARIF output is validated against the published 2.1.0 schema, which this package ships.
    '@microsoft/jest-sarif@1.0.0-beta.0',
    // jest-sarif requires tslib without declaring it.
    'tslib@^2.8.0',
    // The diff's mermaid charts are rendered with the real renderer in headless Chromium by CI
    // (scripts/check-mermaid.ts), the way GitHub renders them in a comment.
    'mermaid@^11',
  ],
  bin: { 'azure-access': 'lib/cli/main.js' },
  // Not jsii modules, so they ship bundled. hcl2json reads HCL repositories for the review command.
  // @streamparser/json reads live exports as streams (a tenant's export is larger than V8's
  // longest string): MIT, no dependencies of its own, a CommonJS build, and errors that carry the
  // byte offset (README, "audit").
  bundledDeps: ['@cdktf/hcl2json@^0.21.0', '@streamparser/json@^0.0.26'],

  // This repository is built and checked by .ci/run; no hosted workflows or release pipeline.
  github: false,
  release: false,
  depsUpgrade: false,
  buildWorkflow: false,
  pullRequestTemplate: false,
  sampleCode: false,

  jestOptions: {
    // A changed snapshot must fail `npm test`; `npm run test:update` rewrites on purpose.
    updateSnapshot: javascript.UpdateSnapshot.NEVER,
    // A test run that finds no test is a broken run, not a green one.
    passWithNoTests: false,
    jestConfig: {
      testMatch: ['<rootDir>/test/**/*.test.ts'],
      // A cdktf warning at synth ("output may be incorrect") fails the test that caused it.
      setupFilesAfterEnv: ['<rootDir>/test/support/fail-on-cdktf-warnings.ts'],
      // One temporary root per run, removed at its end: no directories left behind.
      globalSetup: '<rootDir>/test/support/temp-root-setup.js',
      globalTeardown: '<rootDir>/test/support/temp-root-teardown.js',
      // Coverage instrumentation doubles the run time; `npx jest --coverage` when wanted.
      collectCoverage: false,
    },
  },
  tsconfig: {
    // Inline source maps would triple the shipped role catalog (and its load time).
    compilerOptions: { inlineSourceMap: false, inlineSources: false },
  },
  tsconfigDev: {
    // isolatedModules (set by projen in test/tsconfig.json) makes ts-jest transpile without
    // type checking: the type check runs in the build (jsii, then the typecheck task).
    // test/tsconfig.json type-checks everything that is not shipped, relative to test/.
    include: ['../src/**/*.ts', '../examples/**/*.ts', '../bench/**/*.ts', '../scripts/**/*.ts', '../.projenrc.ts'],
    compilerOptions: {},
  },
  eslintOptions: {
    dirs: ['src'],
    devdirs: ['test', 'examples', 'bench', 'scripts', 'projenrc'],
    // One project that holds every linted file, instead of per-directory tsconfig lookup.
    projectService: false,
    tsconfigPath: './test/tsconfig.json',
  },
  gitignore: ['cdktf.out/', '.gen/', '*.tgz', '/bench/out/'],
});

// What users install is lib/, .jsii and the docs; the rest is for building and checking.
project.npmignore?.exclude('/examples/', '/bench/', '/scripts/', '/data/', '/cdktf.json', '/.ci/', '/cdktf.out/');

// jsii prints a banner on Node 20 (the Node this project's machines run); the version is a
// deliberate choice recorded in package.json engines, so keep task output readable.
project.tasks.addEnvironment('JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION', '1');

// Provider package roots load ~1,500 modules (about 1.5 s and 430 MB); one deep import
// (`@cdktf/provider-azurerm/lib/role-assignment`) costs about 0.1 s.
project.eslint?.addRules({
  'no-restricted-imports': [
    'error',
    {
      paths: [
        {
          name: '@cdktf/provider-azurerm',
          message: 'Import provider classes by deep path: @cdktf/provider-azurerm/lib/<resource>.',
        },
        {
          name: '@cdktf/provider-azuread',
          message: 'Import provider classes by deep path: @cdktf/provider-azuread/lib/<resource>.',
        },
      ],
    },
  ],
});

// The layering of DESIGN.md, enforced: each zone lists the source folders it must not import
// from, counting type-only imports and lazy require()s. The construct side (identity, grants,
// pim) and the review side (review, policy, cli) meet only in model/, which imports nothing.
// One deliberate difference from DESIGN.md: identities offer grant() (the public API), so
// identity may use grants, and grants take a principal as data (model/principal.ts) instead.
const SRC = ['model', 'roles', 'scope', 'identity', 'grants', 'pim', 'policy', 'review', 'cli', 'testing', 'private'];
const layers: Record<string, { may: string[]; why: string }> = {
  model: { may: [], why: 'model/ is what every side shares; it imports nothing of the library' },
  roles: { may: ['model', 'private'], why: 'roles/ is the catalog: it knows only the model' },
  scope: { may: ['model', 'private'], why: 'scope/ knows only the model' },
  private: { may: ['model'], why: 'private/ is construct support over the model' },
  identity: { may: ['model', 'roles', 'scope', 'grants', 'private'], why: 'construct code never imports review or policy code' },
  grants: { may: ['model', 'roles', 'scope', 'private'], why: 'grants take principals as data (model/principal.ts), never identity classes; no review or policy code' },
  pim: { may: ['model', 'roles', 'scope', 'grants', 'private'], why: 'construct code never imports review or policy code' },
  review: { may: ['model', 'roles', 'scope', 'review', 'policy'], why: 'review code never imports construct code' },
  policy: { may: ['model', 'roles', 'scope', 'review', 'private'], why: 'rules judge the AccessGraph, never construct objects' },
  testing: { may: ['model', 'roles', 'scope', 'review', 'private'], why: 'the test helpers read the AccessGraph, like the command' },
  cli: { may: ['model', 'roles', 'scope', 'review', 'policy'], why: 'the command is the review side' },
};
const zones = Object.entries(layers).map(([layer, { may, why }]) => ({
  target: `./src/${layer}`,
  from: SRC.filter((other) => other !== layer && !may.includes(other)).map((other) => `./src/${other}`),
  message: `${why} (layering: see .projenrc.ts)`,
}));
zones.push(
  // The graph, the reader and reach know no rule: policy builds on them, never the reverse.
  ...['graph', 'reader', 'escalation'].map((dir) => ({
    target: `./src/review/${dir}`,
    from: ['./src/policy'],
    message: 'review/graph, reader and escalation know no rule: policy imports them, never the reverse (layering: see .projenrc.ts)',
  })),
  // The review side reads scopes as data (arm-id, levels), never the construct-facing Scope class.
  {
    target: './src/review',
    from: ['./src/scope/scope.ts'],
    message: 'review code reads scopes as data (scope/arm-id.ts), never the construct-facing Scope class (layering: see .projenrc.ts)',
  },
);
project.eslint?.addRules({ 'import/no-restricted-paths': ['error', { zones }] });

// jsii compiles src/ only, and Jest does not type-check; this checks tests, examples,
// benchmarks and scripts as part of the build.
// The command-line tests run the built command as a user would (node lib/cli/main.js), so the
// test task compiles first.
project.testTask.prependSpawn(project.compileTask);

const typecheck = project.addTask('typecheck', {
  description: 'Type-check test/, examples/, bench/ and scripts/',
  exec: 'tsc --noEmit -p test/tsconfig.json',
});
project.postCompileTask.spawn(typecheck);

// jsii-docgen's command documents against every .jsii under the project, projen's nested (newer)
// constructs included; the script documents against the top-level node_modules, what the package
// is built and tested with.
project.tasks.tryFind('docgen')?.reset('ts-node --transpile-only scripts/docgen.ts');

project.addTask('example', {
  description: 'Synthesize the example app (examples/ordering-api) into cdktf.out',
  exec: 'ts-node --transpile-only examples/ordering-api/main.ts',
});

project.addTask('generate:roles', {
  description:
    'Regenerate src/roles/*.generated.ts from data/ (or: npx ts-node scripts/generate-role-catalog.ts --azure FILE)',
  exec: 'ts-node --transpile-only scripts/generate-role-catalog.ts',
  receiveArgs: true,
});

project.addTask('generate:access-types', {
  description: 'Regenerate src/review/graph/access-resource-types.generated.ts from data/access-resource-types.json',
  exec: 'ts-node --transpile-only scripts/render-access-types.ts',
});

project.addTask('generate:access-intents', {
  description: 'Regenerate src/grants/access-intents.generated.ts (Access and the role table of grantOn) from data/access-intents.json',
  exec: 'ts-node --transpile-only scripts/render-access-intents.ts',
});

project.addTask('docs:coverage', {
  description: 'Write docs/coverage.md from data/edge-coverage.json and data/entraops/attack-paths.json (a test fails while they differ)',
  exec: 'ts-node --transpile-only scripts/render-coverage.ts',
});

project.addTask('docs:roles', {
  description: 'Write docs/roles.md, the built-in roles and permissions API.md leaves out (a test fails while they differ)',
  exec: 'ts-node --transpile-only scripts/render-role-reference.ts',
});

project.addTask('docs:rules', {
  description: 'Write the rule registry\'s table into README.md (a test fails while they differ)',
  exec: 'ts-node --transpile-only scripts/render-readme-rules.ts',
});

const bench = project.addTask('bench', {
  description: 'Benchmarks (time and memory) of the compiled library; never part of npm test',
});
// Benchmarks measure lib/, what users install, so compile it first.
bench.exec('jsii --silence-warnings=reserved-word');
bench.exec('ts-node --transpile-only bench/run.ts', { receiveArgs: true });

project.synth();
