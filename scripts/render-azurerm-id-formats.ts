/**
 * Renders data/azurerm-id-formats.json as src/review/reader/values/azurerm-id-formats.generated.ts:
 * the package ships lib/ only, never data/, so the formats travel as code. A test fails while the
 * two differ; `npx ts-node --transpile-only scripts/render-azurerm-id-formats.ts` rewrites it.
 *
 * `--from-provider-docs DIR --commit SHA` first rewrites the data from a checkout of
 * hashicorp/terraform-provider-azurerm (DIR is its `website/docs/r`): the ARM ID each resource's
 * Import section gives, with its names as `{}`.
 */
import { readdirSync, readFileSync, writeFileSync } from 'fs';
import * as path from 'path';

export const ID_FORMATS_DATA = 'data/azurerm-id-formats.json';
export const ID_FORMATS_MODULE = 'src/review/reader/values/azurerm-id-formats.generated.ts';

interface IdFormatsData {
  readonly source: { readonly repository: string; readonly commit: string; readonly path: string };
  readonly formats: Readonly<Record<string, string>>;
}

// A top-level argument that places the resource on another one (an extension resource: a role
// assignment, a lock, a diagnostic setting): its ID's prefix is that resource's, not a fixed one.
const PLACED_ON = ['scope', 'target_resource_id', 'resource_id', 'parent_id'];

/**
 * An ARM ID with its names as `{}`: `/subscriptions/{}/resourceGroups/{}/providers/NS/type/{}...`,
 * or undefined when the text is no ARM ID of that grammar (a URL, two IDs joined by `|`, a
 * `{scope}` placeholder).
 */
export function idFormatOf(id: string): string | undefined {
  if (!id.startsWith('/') || /[|;{}]/.test(id)) return undefined;
  const segments = id.split('/').slice(1);
  const out: string[] = [];
  let i = 0;
  if (segments[0] === 'subscriptions') {
    out.push('subscriptions', '{}');
    i = 2;
    if (segments[i]?.toLowerCase() === 'resourcegroups') {
      out.push(segments[i], '{}');
      i += 2;
    }
  }
  while (i < segments.length) {
    if (segments[i].toLowerCase() !== 'providers' || i + 1 >= segments.length) return undefined;
    out.push(segments[i], segments[i + 1]);
    i += 2;
    while (i < segments.length && segments[i].toLowerCase() !== 'providers') {
      if (i + 1 >= segments.length || segments[i] === '') return undefined;
      out.push(segments[i], '{}');
      i += 2;
    }
  }
  return i === segments.length && out.length > 0 ? `/${out.join('/')}` : undefined;
}

/** The formats of every resource page of the provider's documentation that imports by an ARM ID and is placed nowhere else. */
export function readProviderDocs(dir: string): Record<string, string> {
  const formats: Record<string, string> = {};
  for (const page of readdirSync(dir).filter((f) => f.endsWith('.markdown')).sort()) {
    const text = readFileSync(path.join(dir, page), 'utf8');
    const imported = /^terraform import (azurerm_[a-z0-9_]+)\.\S+\s+"?([^\s"]+)"?\s*$/m.exec(text);
    if (imported === null) continue;
    const argumentsText = text.slice(text.indexOf('## Argument'), text.indexOf('## Attributes'));
    if (PLACED_ON.some((name) => new RegExp(`^\\* \`${name}\` -`, 'm').test(argumentsText))) continue;
    const format = idFormatOf(imported[2]);
    if (format !== undefined) formats[imported[1]] = format;
  }
  return formats;
}

export function renderIdFormatsModule(text: string): string {
  const data = JSON.parse(text) as IdFormatsData;
  const types = Object.keys(data.formats).sort();
  for (const type of types) {
    if (idFormatOf(data.formats[type].split('{}').join('x')) !== data.formats[type]) throw new Error(`${ID_FORMATS_DATA}: ${type}: "${data.formats[type]}" is no ARM ID format`);
  }
  return [
    `// Generated from ${ID_FORMATS_DATA} by scripts/render-azurerm-id-formats.ts.`,
    '// Do not edit: change the data, then run `npx ts-node --transpile-only scripts/render-azurerm-id-formats.ts`.',
    '/* eslint-disable */',
    '',
    `/** The ARM ID of each azurerm resource type, its names as {}: ${data.source.repository} ${data.source.path} at ${data.source.commit}. */`,
    'export const AZURERM_ID_FORMATS: ReadonlyMap<string, string> = new Map([',
    ...types.map((type) => `  [${JSON.stringify(type)}, ${JSON.stringify(data.formats[type])}],`),
    ']);',
    '',
  ].join('\n');
}

if (require.main === module) {
  const root = path.join(__dirname, '..');
  const args = process.argv.slice(2);
  const docs = args.indexOf('--from-provider-docs');
  if (docs !== -1) {
    const commit = args[args.indexOf('--commit') + 1];
    if (args[docs + 1] === undefined || args.indexOf('--commit') === -1 || commit === undefined) {
      throw new Error('usage: render-azurerm-id-formats.ts [--from-provider-docs <provider>/website/docs/r --commit <sha>]');
    }
    const data: IdFormatsData = {
      source: { repository: 'hashicorp/terraform-provider-azurerm', commit, path: 'website/docs/r' },
      formats: readProviderDocs(args[docs + 1]),
    };
    writeFileSync(path.join(root, ID_FORMATS_DATA), `${JSON.stringify(data, null, 2)}\n`);
  }
  writeFileSync(path.join(root, ID_FORMATS_MODULE), renderIdFormatsModule(readFileSync(path.join(root, ID_FORMATS_DATA), 'utf8')));
}
