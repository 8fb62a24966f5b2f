/**
 * Renders data/access-resource-types.json as src/review/graph/access-resource-types.generated.ts:
 * the package ships lib/ only, never data/, so the reviewed list travels as code. The test beside
 * it fails while the two differ; `npm run generate:access-types` rewrites it.
 */
import { readFileSync, writeFileSync } from 'fs';
import * as path from 'path';

export const ACCESS_TYPES_DATA = 'data/access-resource-types.json';
export const ACCESS_TYPES_MODULE = 'src/review/graph/access-resource-types.generated.ts';

interface Entry {
  readonly type: string;
  readonly armType?: string;
  readonly via: string;
  readonly reason: string;
}

export function renderAccessTypesModule(text: string): string {
  const data = JSON.parse(text) as { version: string; types: Entry[] };
  const entries = data.types.map((e) => `  ${JSON.stringify({ type: e.type, ...(e.armType ? { armType: e.armType } : {}), via: e.via, reason: e.reason })},`);
  return [
    `// Generated from ${ACCESS_TYPES_DATA} by scripts/render-access-types.ts.`,
    '// Do not edit: change the data, then run `npm run generate:access-types`.',
    '/* eslint-disable */',
    '',
    "import type { AccessResourceType } from './access-resource-type';",
    '',
    '/** Where the list came from. */',
    `export const ACCESS_RESOURCE_SOURCE = ${JSON.stringify({ file: ACCESS_TYPES_DATA, version: data.version, entries: data.types.length })};`,
    '',
    '/** Every resource type (and, for azapi, ARM type) that carries access, with the part of it that does. */',
    'export const ACCESS_RESOURCE_TYPES: AccessResourceType[] = [',
    ...entries,
    '];',
    '',
  ].join('\n');
}

if (require.main === module) {
  const root = path.join(__dirname, '..');
  writeFileSync(path.join(root, ACCESS_TYPES_MODULE), renderAccessTypesModule(readFileSync(path.join(root, ACCESS_TYPES_DATA), 'utf8')));
}
