import { readFileSync } from 'fs';
import * as path from 'path';
import { withContents, withoutCatalogConstants } from '../scripts/docgen';
import { CATALOG_SECTIONS } from '../scripts/render-role-reference';

const API = readFileSync(path.join(__dirname, '..', 'API.md'), 'utf8');
/** The table rows of API.md: a member or a type, then its summary in the last cell. */
const ROWS = API.split('\n').filter((line) => /^\| (<code><a href="#|\[)/.test(line));
const nameOf = (row: string) => /(?:href="#|\]\(#)cdktf-azure-access\.([^")]+)/.exec(row)?.[1];

/**
 * Members still without a description, each in a file other work is changing at the same time
 * (issue 25): describe them there, then take them off this list.
 */

/** A made-up assembly with one catalog-shaped class per section and one ordinary class. */
function assembly() {
  const types: Record<string, any> = {
    'pkg.Scope': { fqn: 'pkg.Scope', name: 'Scope', docs: { summary: 'An ARM scope.' }, properties: [{ name: 'level' }] },
  };
  for (const s of CATALOG_SECTIONS) {
    types[`pkg.${s.className}`] = {
      fqn: `pkg.${s.className}`,
      name: s.className,
      docs: { summary: `The ${s.className} catalog.` },
      properties: [{ name: 'OWNER', static: true, const: true }, { name: 'READER', static: true, const: true }, { name: 'count', static: true }],
      methods: [{ name: 'fromName', static: true }],
    };
  }
  return { name: 'pkg', types };
}

describe('API.md as scripts/docgen.ts makes it', () => {
  test('leaves the catalogs\' constants out and points each catalog at its section of docs/roles.md', () => {
    const out = withoutCatalogConstants(assembly());
    for (const s of CATALOG_SECTIONS) {
      const type = out.types[`pkg.${s.className}`];
      expect(type.properties).toEqual([{ name: 'count', static: true }]);
      expect(type.docs?.summary).toBe(`The ${s.className} catalog.`);
      expect(type.docs?.remarks).toBe(`Its 2 constants are listed in [docs/roles.md](docs/roles.md#${s.anchor}), with their IDs and tiers.`);
    }
    expect(out.types['pkg.Scope'].properties).toEqual([{ name: 'level' }]);
  });

  test('refuses an assembly without one of the catalogs, rather than leave its constants in unnoticed', () => {
    const broken = assembly();
    delete broken.types['pkg.GraphPermission'];
    expect(() => withoutCatalogConstants(broken)).toThrow('docgen: the assembly has no class GraphPermission with constants to leave out');
  });

  test('puts a table of contents after the title: every type under its category, linked, with its summary', () => {
    const page = [
      '# API Reference <a name="API Reference" id="api-reference"></a>',
      '',
      '## Classes <a name="Classes" id="Classes"></a>',
      '',
      '### Scope <a name="Scope" id="pkg.Scope"></a>',
      '',
      '#### Methods <a name="Methods" id="Methods"></a>',
      '## Enums <a name="Enums" id="Enums"></a>',
      '### Level <a name="Level" id="pkg.Level"></a>',
    ].join('\n');
    const out = withContents(page, assembly()).split('\n');
    expect(out.slice(0, 15)).toEqual([
      '# API Reference <a name="API Reference" id="api-reference"></a>',
      '',
      '## Contents <a name="Contents" id="contents"></a>',
      '',
      '**Classes**',
      '',
      '| name | what it is for |',
      '| --- | --- |',
      '| [Scope](#pkg.Scope) | An ARM scope. |',
      '',
      '**Enums**',
      '',
      '| name | what it is for |',
      '| --- | --- |',
      '| [Level](#pkg.Level) | *No description.* |',
    ]);
    expect(out.slice(15)).toEqual(page.split('\n').slice(1));
  });

  test('the committed API.md has the contents, links every type from them, and lists no catalog constant', () => {
    const contents = API.slice(0, API.indexOf('\n## Constructs '));
    const types = [...API.matchAll(/^### (\w+) <a name="\w+" id="([\w.-]+)"><\/a>$/gm)].map((m) => m[2]);
    expect(types.length).toBeGreaterThan(60);
    for (const fqn of types) expect(contents).toContain(`](#${fqn}) |`);
    expect(API).not.toMatch(/id="cdktf-azure-access\.(BuiltInRole|DirectoryRole|GraphPermission)\.property\./);
    expect(API).toContain('Its 928 constants are listed in [docs/roles.md](docs/roles.md#azure-built-in-roles)');
    expect(API.split('\n').length).toBeLessThanOrEqual(15_000);
  });

  test('keeps the library\'s own bookkeeping off the public principals (where grants go, whether created in the stack)', () => {
    for (const internal of ['grantHost', 'isCreatedInStack']) expect(API).not.toContain(`.property.${internal}"`);
    // The principals still carry it: a grant to an identity of the stack is placed under it and skips the replication check.
    expect(API).toContain('cdktf-azure-access.IPrincipal');
  });

  test('describes every public member', () => {
    expect(ROWS.length).toBeGreaterThan(400);
    const undescribed = ROWS.filter((row) => row.endsWith('| *No description.* |')).map(nameOf);
    expect(undescribed).toEqual([]);
  });

  test('no summary is cut at a semicolon: jsii ends the summary at the first ";" or ". ", so the first sentence must stand alone', () => {
    const cut = ROWS.filter((row) => /[;,:] \|$/.test(row)).map(nameOf);
    expect(cut).toEqual([]);
    // Guards the check itself: the rows are the API's members, not an empty list.
    expect(ROWS.length).toBeGreaterThan(100);
  });
});
