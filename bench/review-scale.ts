import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { medianOfFreshProcesses, Sample, timeProcessesInTurns } from './measure';

const ROOT = path.resolve(__dirname, '..');
const BIN = path.join(ROOT, 'lib', 'cli', 'main.js');
const SUB = '11111111-2222-3333-4444-555555555555';
const ROLES = ['4633458b-17de-408a-b874-0445c86b69e6', 'acdd72a7-3385-48ef-bd42-f606fba81ae7', '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1', 'b24988ac-6180-42a0-ab88-20f7382dd24c'];

/** A cdktf-shaped document with `grants` role assignments to 1 identity per 5 grants. */
export function grantsDocument(grants: number): object {
  const identities: Record<string, object> = {};
  const assignments: Record<string, object> = {};
  for (let i = 0; i < grants; i++) {
    const id = `id${Math.floor(i / 5)}`;
    identities[id] ??= { 'name': `uai-${id}`, 'resource_group_name': `rg-${id}`, 'location': 'eastus', 'tags': { owner: 'team' }, '//': { metadata: { path: `bench/${id}` } } };
    assignments[`grant${i}`] = {
      'scope': `/subscriptions/${SUB}/resourceGroups/rg-${i % 500}`,
      'role_definition_id': `/subscriptions/${SUB}/providers/Microsoft.Authorization/roleDefinitions/${ROLES[i % ROLES.length]}`,
      'principal_id': `\${azurerm_user_assigned_identity.${id}.principal_id}`,
      'principal_type': 'ServicePrincipal',
      '//': { metadata: { path: `bench/${id}/grant${i}` } },
    };
  }
  return {
    '//': { metadata: { backend: 'local', stackName: 'bench', version: '0.21.0' } },
    'resource': { azurerm_user_assigned_identity: identities, azurerm_role_assignment: assignments },
  };
}

/**
 * report and check over a 20,000-grant JSON, beside a bare JSON.parse of the same file; and SARIF
 * of the same grants written on one line, as `terraform show -json` writes a plan.
 */
export function reviewScale(): string[] {
  const dir = mkdtempSync(path.join(tmpdir(), 'review-bench-'));
  const file = path.join(dir, 'cdk.tf.json');
  const oneLine = path.join(dir, 'one-line.tf.json');
  writeFileSync(file, JSON.stringify(grantsDocument(20_000), null, 2));
  writeFileSync(oneLine, JSON.stringify(grantsDocument(20_000)));
  try {
    const parseInside = medianOfFreshProcesses(
      `const fs = require('fs'); const __t0 = process.hrtime.bigint(); JSON.parse(fs.readFileSync(${JSON.stringify(file)}, 'utf8'));` +
        'globalThis.__benchMs = Number(process.hrtime.bigint() - __t0) / 1e6;',
    );
    // Like with like: a fresh process that only parses the file, timed whole, as the commands are.
    const { parse, report, check, sarif } = timeProcessesInTurns({
      parse: ['-e', `JSON.parse(require('fs').readFileSync(${JSON.stringify(file)}, 'utf8'))`],
      report: [BIN, 'report', '--format', 'json', file],
      check: [BIN, 'check', '--format', 'json', '--today', '2026-11-27', file],
      // Added 2026-12-07: every finding's place was looked for by searching the one line whole.
      sarif: [BIN, 'check', '--format', 'sarif', '--today', '2026-11-27', oneLine],
    });
    const verdict = (s: Sample) =>
      `${(s.ms / parse.ms).toFixed(1)}x the bare parse; target < 2 s and ≤ 4x (issue "One model"): ${s.ms < 2000 && s.ms <= 4 * parse.ms ? 'met' : 'MISSED'}`;
    return [
      '### Review of a 20,000-grant cdktf JSON, whole process, median of 5 rounds run in turns',
      '',
      '| what | time | |',
      '| --- | --- | --- |',
      `| a fresh process that JSON.parses the file | ${parse.ms.toFixed(0)} ms | (the parse itself: ${parseInside.ms.toFixed(0)} ms, peak RSS ${parseInside.rssMb.toFixed(0)} MB) |`,
      `| azure-access report --format json | ${report.ms.toFixed(0)} ms | ${verdict(report)} |`,
      `| azure-access check --format json | ${check.ms.toFixed(0)} ms | ${verdict(check)} |`,
      `| azure-access check --format sarif, the same grants written on one line | ${sarif.ms.toFixed(0)} ms | ${(sarif.ms / check.ms).toFixed(1)}x check --format json (no target) |`,
      '',
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
