/**
 * Renders data/modules-without-access.json as src/review/graph/modules-without-access.generated.ts:
 * the package ships lib/ only, never data/. A test fails while the two differ;
 * `npx ts-node --transpile-only scripts/render-modules-without-access.ts` rewrites it.
 */
import { readFileSync, writeFileSync } from 'fs';
import * as path from 'path';

export const MODULES_WITHOUT_ACCESS_DATA = 'data/modules-without-access.json';
export const MODULES_WITHOUT_ACCESS_MODULE = 'src/review/graph/modules-without-access.generated.ts';

interface Entry {
  readonly source: string;
  readonly repository: string;
  readonly commit: string;
  readonly versionsRead: string;
  readonly resources: string[];
  readonly why: string;
}

export function renderModulesWithoutAccessModule(text: string): string {
  const data = JSON.parse(text) as { version: string; modules: Entry[] };
  const entries = data.modules.map((m) => {
    if (!/^[0-9a-f]{40}$/.test(m.commit) || m.why.length < 20) throw new Error(`${MODULES_WITHOUT_ACCESS_DATA}: ${m.source} needs the commit read and why`);
    return `  ${JSON.stringify({ source: m.source, repository: m.repository, commit: m.commit, why: m.why })},`;
  });
  return [
    `// Generated from ${MODULES_WITHOUT_ACCESS_DATA} by scripts/render-modules-without-access.ts.`,
    '// Do not edit: change the data, then run `npx ts-node --transpile-only scripts/render-modules-without-access.ts`.',
    '/* eslint-disable */',
    '',
    "import type { ModuleWithoutAccess } from './module-without-access';",
    '',
    '/** Where the list came from. */',
    `export const MODULES_WITHOUT_ACCESS_SOURCE = ${JSON.stringify({ file: MODULES_WITHOUT_ACCESS_DATA, version: data.version, modules: data.modules.length })};`,
    '',
    '/** Registry modules whose source was read and found to hold no access: not reading them hides none. */',
    'export const MODULES_WITHOUT_ACCESS: ModuleWithoutAccess[] = [',
    ...entries,
    '];',
    '',
  ].join('\n');
}

if (require.main === module) {
  const root = path.join(__dirname, '..');
  writeFileSync(path.join(root, MODULES_WITHOUT_ACCESS_MODULE),
    renderModulesWithoutAccessModule(readFileSync(path.join(root, MODULES_WITHOUT_ACCESS_DATA), 'utf8')));
}
