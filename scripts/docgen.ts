/**
 * API.md, documented against the assemblies this package is built and tested with: the ones at
 * the top of node_modules (constructs 10.4.2, the minimum the package supports). jsii-docgen's
 * own command searches every `.jsii` under the project, and so picked projen's newer nested copy
 * of constructs and documented a `with()` that does not exist in 10.4.2.
 *
 *   npm run docgen   (the projen task runs this file)
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { Documentation, Language } from 'jsii-docgen';

const ROOT = path.join(__dirname, '..');

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
    copyFileSync(path.join(ROOT, '.jsii'), path.join(dir, '.jsii'));
    for (const dependency of dependencies('.')) {
      const link = path.join(dir, 'node_modules', dependency);
      mkdirSync(path.dirname(link), { recursive: true });
      // The top-level folder only: nested node_modules of other tools are not what users compile against.
      mkdirSync(link);
      copyFileSync(path.join(ROOT, 'node_modules', dependency, '.jsii'), path.join(link, '.jsii'));
    }
    const docs = await Documentation.forAssembly(name, dir);
    const markdown = await docs.toMarkdown({ language: Language.TYPESCRIPT, allSubmodules: true, readme: false });
    writeFileSync(path.join(ROOT, 'API.md'), markdown.render());
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

void main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
