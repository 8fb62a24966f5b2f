/**
 * Renders data/service-role-sets.json as src/review/graph/service-role-sets.generated.ts: the
 * package ships lib/ only, never data/, so the role sets travel as code. A test fails while the
 * two differ; `npx ts-node --transpile-only scripts/render-service-role-sets.ts` rewrites it.
 */
import { readFileSync, writeFileSync } from 'fs';
import * as path from 'path';

export const SERVICE_ROLE_SETS_DATA = 'data/service-role-sets.json';
export const SERVICE_ROLE_SETS_MODULE = 'src/review/graph/service-role-sets.generated.ts';

interface RoleEntry {
  readonly id?: string;
  readonly name: string;
  readonly aliases?: string[];
  readonly dataActions: string[];
  readonly runsAsResourceIdentity?: string;
}

interface SetEntry {
  readonly id: string;
  readonly service: string;
  readonly resourceType: string;
  readonly assignmentType: string;
  readonly definitionTypes: string[];
  readonly roleBy: 'id' | 'name';
  readonly readActions: string[];
  readonly widest: string;
  readonly roles: RoleEntry[];
}

export function renderServiceRoleSetsModule(text: string): string {
  const data = JSON.parse(text) as { version: string; roleSets: SetEntry[] };
  const sets = data.roleSets.map((s) => {
    if (!s.roles.some((r) => r.name === s.widest)) throw new Error(`${SERVICE_ROLE_SETS_DATA}: ${s.id}: the widest role "${s.widest}" is not one of its roles`);
    const roles = s.roles.map((r) => `      ${JSON.stringify({
      ...(r.id === undefined ? {} : { id: r.id }),
      name: r.name,
      ...(r.aliases === undefined ? {} : { aliases: r.aliases }),
      dataActions: r.dataActions,
      ...(r.runsAsResourceIdentity === undefined ? {} : { runsAsResourceIdentity: r.runsAsResourceIdentity }),
    })},`);
    const head = JSON.stringify({
      id: s.id,
      service: s.service,
      resourceType: s.resourceType,
      assignmentType: s.assignmentType,
      definitionTypes: s.definitionTypes,
      roleBy: s.roleBy,
      readActions: s.readActions,
      widest: s.widest,
    });
    // The set's own fields as JSON, then its roles one per line: a diff of the data is a diff of a line or two here.
    return [`  ${head.slice(0, -1)},`, '    "roles": [', ...roles, '    ] },'];
  });
  return [
    `// Generated from ${SERVICE_ROLE_SETS_DATA} by scripts/render-service-role-sets.ts.`,
    '// Do not edit: change the data, then run `npx ts-node --transpile-only scripts/render-service-role-sets.ts`.',
    '/* eslint-disable */',
    '',
    "import type { ServiceRoleSet } from './service-role-set';",
    '',
    '/** Where the sets came from. */',
    `export const SERVICE_ROLE_SOURCE = ${JSON.stringify({ file: SERVICE_ROLE_SETS_DATA, version: data.version, sets: data.roleSets.length })};`,
    '',
    '/** The role systems of services beside Azure RBAC, each with its built-in roles and its widest role. */',
    'export const SERVICE_ROLE_SETS: ServiceRoleSet[] = [',
    ...sets.flat(),
    '];',
    '',
  ].join('\n');
}

if (require.main === module) {
  const root = path.join(__dirname, '..');
  writeFileSync(path.join(root, SERVICE_ROLE_SETS_MODULE), renderServiceRoleSetsModule(readFileSync(path.join(root, SERVICE_ROLE_SETS_DATA), 'utf8')));
}
