/**
 * API.md, documented against the assemblies this package is built and tested with: the ones at
 * the top of node_modules (constructs 10.4.2, the minimum the package supports). jsii-docgen's
 * own command searches every `.jsii` under the project, and so picked projen's newer nested copy
 * of constructs and documented a `with()` that does not exist in 10.4.2.
 *
 * Two changes to what jsii-docgen makes, so the page can be read: the constants of the built-in
 * catalogs (`BuiltInRole`, `DirectoryRole`, `GraphPermission`: 1,782 of them, two thirds of the
 * page) are left out, their classes pointing at docs/roles.md, which lists them as tables; and the
 * page starts with a table of contents.
 *
 *   npm run docgen   (the projen task runs this file)
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { Documentation, Language } from 'jsii-docgen';
import { CATALOG_SECTIONS, ROLE_REFERENCE_PAGE } from './render-role-reference';

const ROOT = path.join(__dirname, '..');

/** The parts of a jsii assembly this script reads or changes. */
interface Assembly {
  readonly name: string;
  readonly types: Record<string, AssemblyType>;
}

interface AssemblyType {
  readonly fqn: string;
  readonly name: string;
  docs?: { summary?: string; remarks?: string };
  properties?: { const?: boolean; static?: boolean }[];
}

/**
 * Leaves the catalogs' constants out of the assembly that API.md is made from (the package's own
 * .jsii is untouched) and says where they are listed instead.
 */
export function withoutCatalogConstants(assembly: Assembly): Assembly {
  for (const section of CATALOG_SECTIONS) {
    const type = assembly.types[`${assembly.name}.${section.className}`];
    if (!type?.properties) throw new Error(`docgen: the assembly has no class ${section.className} with constants to leave out`);
    const constants = type.properties.filter((p) => p.static && p.const).length;
    type.properties = type.properties.filter((p) => !(p.static && p.const));
    const pointer = `Its ${constants} constants are listed in [${ROLE_REFERENCE_PAGE}](${ROLE_REFERENCE_PAGE}#${section.anchor}), with their IDs and tiers.`;
    type.docs = { ...type.docs, remarks: type.docs?.remarks ? `${type.docs.remarks}\n\n${pointer}` : pointer };
  }
  return assembly;
}

const CATEGORY_TITLES: Record<string, string> = {
  Constructs: 'Constructs',
  Structs: 'Structs (props and options)',
  Classes: 'Classes',
  Protocols: 'Interfaces',
  Enums: 'Enums',
};

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\s+/g, ' ').trim();
}

/**
 * A table of contents from the rendered page's own headings (jsii-docgen's categories and
 * anchors), each type with its summary, put after the page title.
 */
export function withContents(markdown: string, assembly: Assembly): string {
  const lines = markdown.split('\n');
  const contents: string[] = ['## Contents <a name="Contents" id="contents"></a>'];
  for (const line of lines) {
    const category = /^## (\w+) <a name="\w+" id="\w+"><\/a>$/.exec(line);
    if (category) {
      const title = CATEGORY_TITLES[category[1]];
      if (!title) throw new Error(`docgen: no table-of-contents title for the category "${category[1]}"`);
      contents.push('', `**${title}**`, '', '| name | what it is for |', '| --- | --- |');
    }
    const type = /^### (\w+) <a name="\w+" id="([\w.-]+)"><\/a>$/.exec(line);
    if (type) {
      // The same words jsii-docgen writes for a member without a summary, so one count finds both.
      const summary = assembly.types[type[2]]?.docs?.summary;
      contents.push(`| [${type[1]}](#${type[2]}) | ${summary ? cell(summary) : '*No description.*'} |`);
    }
  }
  const title = lines.findIndex((l) => l.startsWith('# '));
  if (title < 0) throw new Error('docgen: the rendered page has no title');
  // jsii-docgen's own blank line after the title ends the contents.
  return [...lines.slice(0, title + 1), '', ...contents, ...lines.slice(title + 1)].join('\n');
}

/** The package's jsii dependencies, transitively, each as its top-level node_modules folder. */
function dependencies(name: string, seen = new Set<string>()): Set<string> {
  const assembly = JSON.parse(readFileSync(path.join(name === '.' ? ROOT : path.join(ROOT, 'node_modules', name), '.jsii'), 'utf8'));
  for (const dependency of Object.keys(assembly.dependencies ?? {})) {
    if (!seen.has(dependency)) {
      seen.add(dependency);
      dependencies(dependency, seen);
    }
  }
  return seen;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'docgen-'));
  try {
    const { name } = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { name: string };
    const assembly = withoutCatalogConstants(JSON.parse(readFileSync(path.join(ROOT, '.jsii'), 'utf8')) as Assembly);
    writeFileSync(path.join(dir, '.jsii'), JSON.stringify(assembly));
    for (const dependency of dependencies('.')) {
      const link = path.join(dir, 'node_modules', dependency);
      mkdirSync(path.dirname(link), { recursive: true });
      // The top-level folder only: nested node_modules of other tools are not what users compile against.
      mkdirSync(link);
      copyFileSync(path.join(ROOT, 'node_modules', dependency, '.jsii'), path.join(link, '.jsii'));
    }
    const docs = await Documentation.forAssembly(name, dir);
    const markdown = await docs.toMarkdown({ language: Language.TYPESCRIPT, allSubmodules: true, readme: false });
    writeFileSync(path.join(ROOT, 'API.md'), withContents(markdown.render(), assembly));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  void main().catch((error) => {
    console.error(error);
    process.exitCode = 1;
  });
}
