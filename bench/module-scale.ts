import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { timeProcessesInTurns } from './measure';

const ROOT = path.resolve(__dirname, '..');
const BIN = path.join(ROOT, 'lib', 'cli', 'main.js');
const SUB = '11111111-2222-3333-4444-555555555555';
const ROLES = ['Reader', 'Storage Blob Data Reader', 'Key Vault Secrets User', 'Contributor'];
const CALLS = 200;
const PER_CALL = 100;

/** The assignments one team's module call passes: a map, as generic assignment modules take it. */
function assignmentsOf(team: number): Record<string, object> {
  const out: Record<string, object> = {};
  for (let i = 0; i < PER_CALL; i++) {
    out[`a${i}`] = { scope: `/subscriptions/${SUB}/resourceGroups/rg-${team}-${i % 10}`, role: ROLES[i % ROLES.length] };
  }
  return out;
}

/**
 * A repository as teams write it: a root with 200 calls of one local module, each passing a map
 * of 100 assignments that the module expands with for_each to its own identity: 20,000 grants.
 */
function writeRepository(dir: string): void {
  mkdirSync(path.join(dir, 'modules', 'team'), { recursive: true });
  const module: Record<string, object> = {};
  for (let t = 0; t < CALLS; t++) module[`team${t}`] = { source: './modules/team', name: `team${t}`, assignments: assignmentsOf(t) };
  writeFileSync(path.join(dir, 'main.tf.json'), JSON.stringify({ module }, null, 2));
  writeFileSync(path.join(dir, 'modules', 'team', 'main.tf.json'), JSON.stringify({
    variable: { name: {}, assignments: {} },
    resource: {
      azurerm_user_assigned_identity: { this: { name: '${var.name}', resource_group_name: 'rg-identities', location: 'eastus', tags: { owner: 'team' } } },
      azurerm_role_assignment: {
        this: {
          for_each: '${var.assignments}',
          scope: '${each.value.scope}',
          role_definition_name: '${each.value.role}',
          principal_id: '${azurerm_user_assigned_identity.this.principal_id}',
        },
      },
    },
  }, null, 2));
}

/** The same 20,000 grants written out, expanded, as one Terraform JSON file. */
function writeExpanded(file: string): void {
  const identities: Record<string, object> = {};
  const grants: Record<string, object> = {};
  for (let t = 0; t < CALLS; t++) {
    identities[`module.team${t}.this`] = { name: `team${t}`, resource_group_name: 'rg-identities', location: 'eastus', tags: { owner: 'team' } };
    for (const [key, value] of Object.entries(assignmentsOf(t))) {
      const v = value as { scope: string; role: string };
      grants[`module.team${t}.this["${key}"]`] = {
        scope: v.scope, role_definition_name: v.role, principal_id: `\${module.team${t}.azurerm_user_assigned_identity.this.principal_id}`,
      };
    }
  }
  writeFileSync(file, JSON.stringify({ resource: { azurerm_user_assigned_identity: identities, azurerm_role_assignment: grants } }, null, 2));
}

/** report over 200 module calls expanding to 20,000 grants, beside a fresh process that parses the same grants written out. */
export function moduleScale(): string[] {
  const dir = mkdtempSync(path.join(tmpdir(), 'module-bench-'));
  const repository = path.join(dir, 'repo');
  const expanded = path.join(dir, 'expanded.tf.json');
  writeRepository(repository);
  writeExpanded(expanded);
  try {
    const { parse, report, check, flat } = timeProcessesInTurns({
      parse: ['-e', `JSON.parse(require('fs').readFileSync(${JSON.stringify(expanded)}, 'utf8'))`],
      report: [BIN, 'report', '--format', 'json', repository],
      check: [BIN, 'check', '--format', 'json', '--today', '2026-11-27', repository],
      flat: [BIN, 'report', '--format', 'json', expanded],
    });
    // What reading modules costs beyond reviewing the same grants already written out.
    const verdict = (ms: number) => `${(ms / parse.ms).toFixed(1)}x the parse of the expanded file; target ≤ 5x: ${ms <= 5 * parse.ms ? 'met' : 'MISSED'}`;
    return [
      `### Review of a repository with ${CALLS} module calls and ${CALLS * PER_CALL} expanded grants, whole process, median of 5 rounds run in turns`,
      '',
      '| what | time | |',
      '| --- | --- | --- |',
      `| a fresh process that JSON.parses the ${CALLS * PER_CALL} grants written out as one file | ${parse.ms.toFixed(0)} ms | |`,
      `| azure-access report --format json (modules followed, for_each expanded) | ${report.ms.toFixed(0)} ms | ${verdict(report.ms)} |`,
      `| azure-access check --format json | ${check.ms.toFixed(0)} ms | ${verdict(check.ms)} |`,
      `| azure-access report --format json over the expanded file | ${flat.ms.toFixed(0)} ms | ${verdict(flat.ms)} (module reading adds ${(report.ms - flat.ms).toFixed(0)} ms) |`,
      '',
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
