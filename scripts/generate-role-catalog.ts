/**
 * Regenerates the role catalogs under src/roles/ from exports:
 *
 *   npm run generate:roles                       # from data/ (the committed snapshots)
 *   npm run generate:roles -- --azure my-tenant-roles.json
 *   npm run generate:roles -- --entra graph-role-definitions.json
 *   npm run generate:roles -- --escalation my-escalation-paths.json
 *
 * --azure takes `az role definition list -o json` output (custom roles included);
 * --entra takes `GET /roleManagement/directory/roleDefinitions` from Microsoft Graph;
 * --escalation takes a table shaped like data/azure-escalation-actions.json (the paths each
 * built-in role opens are computed from it and the --azure export).
 */
import { readFileSync, writeFileSync } from 'fs';
import * as path from 'path';
import { GeneratedFile, renderAzureCatalog, renderEntraCatalog } from './role-catalog/render';
import { renderEscalationCatalog } from './role-catalog/render-escalation';

const ROOT = path.resolve(__dirname, '..');

function option(args: string[], name: string, fallback: string): string {
  const i = args.indexOf(name);
  if (i === -1) return fallback;
  const value = args[i + 1];
  if (!value || value.startsWith('--')) throw new Error(`${name} needs a file name`);
  return value;
}

function main(args: string[]): void {
  const known = ['--azure', '--entra', '--escalation'];
  const unknown = args.filter((a, i) => a.startsWith('--') && !known.includes(a) && !known.includes(args[i - 1]));
  if (unknown.length) throw new Error(`unknown option ${unknown[0]}; accepted: ${known.join(', ')}`);
  const azure = option(args, '--azure', 'data/azure-builtin-roles.json');
  const entra = option(args, '--entra', 'data/entra-builtin-roles.json');
  const escalation = option(args, '--escalation', 'data/azure-escalation-actions.json');
  // The source path is written into the generated header, so keep it relative to the repository.
  const relative = (file: string) => path.relative(ROOT, path.resolve(file)).split(path.sep).join('/');
  const read = (file: string) => readFileSync(path.resolve(file), 'utf8');
  // Render everything before writing anything: a bad export leaves the catalog untouched.
  const files: GeneratedFile[] = [
    ...renderAzureCatalog(relative(azure), read(azure)),
    ...renderEntraCatalog(relative(entra), read(entra)),
    ...renderEscalationCatalog({ file: relative(escalation), text: read(escalation) }, { file: relative(azure), text: read(azure) }),
  ];
  for (const file of files) {
    writeFileSync(path.join(ROOT, file.path), file.content);
    console.log(`wrote ${file.path}`);
  }
}

try {
  main(process.argv.slice(2));
} catch (e) {
  console.error(`generate-role-catalog: ${(e as Error).message}`);
  process.exit(1);
}
