/**
 * Regenerates the role catalogs under src/roles/ from exports:
 *
 *   npm run generate:roles                       # from data/ (the committed snapshots)
 *   npm run generate:roles -- --azure my-tenant-roles.json
 *   npm run generate:roles -- --entra graph-role-definitions.json
 *   npm run generate:roles -- --escalation my-escalation-paths.json
 *   npm run generate:roles -- --entraops path/to/entraops
 *   npm run generate:roles -- --scopes my-delegated-scopes.json
 *
 * --azure takes `az role definition list -o json` output (custom roles included);
 * --entra takes `GET /roleManagement/directory/roleDefinitions` from Microsoft Graph;
 * --escalation takes a table shaped like data/azure-escalation-actions.json (the paths each
 * built-in role opens are computed from it and the --azure export);
 * --entraops takes a folder shaped like data/entraops/ (the entraops privilege classification:
 * graph-app-roles.json, entra-directory-roles.json, azure-roles.json, source.json, LICENSE), from
 * which the Microsoft Graph permission catalog and every role's tier are made;
 * --scopes takes a table shaped like data/graph-delegated-scopes.json (delegated Microsoft Graph
 * scopes by ID and name, with reviewed tiers and their sources).
 */
import { readFileSync, writeFileSync } from 'fs';
import * as path from 'path';
import { parseProvenance } from './role-catalog/entraops';
import { GeneratedFile, renderAzureCatalog, renderEntraCatalog } from './role-catalog/render';
import { renderAzureTiers } from './role-catalog/render-azure-tiers';
import { renderDelegatedScopes } from './role-catalog/render-delegated-scopes';
import { renderEntraActionTiers } from './role-catalog/render-entra-tiers';
import { renderEscalationCatalog } from './role-catalog/render-escalation';
import { renderGraphPermissions } from './role-catalog/render-graph-permissions';

const ROOT = path.resolve(__dirname, '..');

function option(args: string[], name: string, fallback: string): string {
  const i = args.indexOf(name);
  if (i === -1) return fallback;
  const value = args[i + 1];
  if (!value || value.startsWith('--')) throw new Error(`${name} needs a file name`);
  return value;
}

function main(args: string[]): void {
  const known = ['--azure', '--entra', '--escalation', '--entraops', '--scopes'];
  const unknown = args.filter((a, i) => a.startsWith('--') && !known.includes(a) && !known.includes(args[i - 1]));
  if (unknown.length) throw new Error(`unknown option ${unknown[0]}; accepted: ${known.join(', ')}`);
  const azure = option(args, '--azure', 'data/azure-builtin-roles.json');
  const entra = option(args, '--entra', 'data/entra-builtin-roles.json');
  const escalation = option(args, '--escalation', 'data/azure-escalation-actions.json');
  const entraops = option(args, '--entraops', 'data/entraops');
  const scopes = option(args, '--scopes', 'data/graph-delegated-scopes.json');
  // The source path is written into the generated header, so keep it relative to the repository.
  const relative = (file: string) => path.relative(ROOT, path.resolve(file)).split(path.sep).join('/');
  const read = (file: string) => readFileSync(path.resolve(file), 'utf8');
  const source = (file: string) => ({ file: relative(file), text: read(file) });
  const inEntraops = (name: string) => source(path.join(entraops, name));
  const provenance = parseProvenance(inEntraops('source.json'));
  const licence = inEntraops('LICENSE');
  // Render everything before writing anything: a bad export leaves the catalog untouched.
  const files: GeneratedFile[] = [
    ...renderAzureCatalog(relative(azure), read(azure)),
    ...renderEntraCatalog(relative(entra), read(entra), { roles: inEntraops('entra-directory-roles.json'), provenance, licence }),
    ...renderAzureTiers(source(azure), inEntraops('azure-roles.json'), provenance, licence),
    ...renderEntraActionTiers(inEntraops('entra-directory-roles.json'), provenance, licence),
    ...renderGraphPermissions(inEntraops('graph-app-roles.json'), provenance, licence),
    ...renderEscalationCatalog({ file: relative(escalation), text: read(escalation) }, { file: relative(azure), text: read(azure) }),
    ...renderDelegatedScopes(source(scopes)),
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
