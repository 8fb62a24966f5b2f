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

/**
 * A fresh process that reads `input` the way the command does (files, modules, variables,
 * instances) into its AccessGraph, and exits 3 when reading fails or the graph does not hold
 * every grant: a reading that lost the grants would be fast and prove nothing.
 */
function readingProcess(input: string): string[] {
  const lib = (file: string) => JSON.stringify(path.join(ROOT, 'lib', file));
  return ['-e', [
    `const { readInputs } = require(${lib('review/reader/read-inputs')});`,
    `const { graphOf } = require(${lib('cli/load-graph')});`,
    `readInputs([${JSON.stringify(input)}]).then((sources) => {`,
    '  const grants = graphOf(sources).grants.length;',
    `  if (grants !== ${CALLS * PER_CALL}) { console.error(\`read \${grants} grants, not ${CALLS * PER_CALL}\`); process.exit(3); }`,
    // Exit 1 is the commands' "findings" and is let through; a reading that fails must not be.
    '}).catch((error) => { console.error(error); process.exit(3); });',
  ].join('\n')];
}

/**
 * Reading 200 module calls that expand to 20,000 grants, beside a fresh process that parses the
 * same grants written out: the target of "Nothing silently lost". The whole review of both is
 * shown beside it; its own bound is the review benchmark's (review-scale).
 */
export function moduleScale(): string[] {
  const dir = mkdtempSync(path.join(tmpdir(), 'module-bench-'));
  const repository = path.join(dir, 'repo');
  const expanded = path.join(dir, 'expanded.tf.json');
  writeRepository(repository);
  writeExpanded(expanded);
  try {
    const { parse, read, readFlat, report, check, flat } = timeProcessesInTurns({
      parse: ['-e', `JSON.parse(require('fs').readFileSync(${JSON.stringify(expanded)}, 'utf8'))`],
      read: readingProcess(repository),
      readFlat: readingProcess(expanded),
      report: [BIN, 'report', '--format', 'json', repository],
      check: [BIN, 'check', '--format', 'json', '--today', '2026-11-27', repository],
      flat: [BIN, 'report', '--format', 'json', expanded],
    });
    const times = (ms: number) => `${(ms / parse.ms).toFixed(1)}x the parse`;
    const target = (ms: number) => `${times(ms)}; target ≤ 5x: ${ms <= 5 * parse.ms ? 'met' : 'MISSED'}`;
    const grants = CALLS * PER_CALL;
    return [
      `### Reading a repository with ${CALLS} module calls and ${grants} expanded grants, whole process, median of 5 rounds run in turns`,
      '',
      '| what | time | |',
      '| --- | --- | --- |',
      `| a fresh process that JSON.parses the ${grants} grants written out as one file | ${parse.ms.toFixed(0)} ms | |`,
      `| a fresh process that reads the repository into its AccessGraph (modules followed, for_each expanded, ${grants} grants) | ${read.ms.toFixed(0)} ms | ${target(read.ms)} |`,
      `| the same reading of the expanded file | ${readFlat.ms.toFixed(0)} ms | ${times(readFlat.ms)} (modules add ${(read.ms - readFlat.ms).toFixed(0)} ms) |`,
      `| azure-access report --format json over the repository: reading, review, escalation chains, 13 MB of JSON | ${report.ms.toFixed(0)} ms | ${times(report.ms)} |`,
      `| azure-access check --format json over the repository | ${check.ms.toFixed(0)} ms | ${times(check.ms)} |`,
      `| azure-access report --format json over the expanded file | ${flat.ms.toFixed(0)} ms | ${times(flat.ms)} (modules add ${(report.ms - flat.ms).toFixed(0)} ms) |`,
      '',
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
