import { readFileSync } from 'fs';
import * as path from 'path';
import { COVERAGE_STATUSES, CoverageData, renderCoverage } from '../scripts/render-coverage';
import { followedEntraEdgeKinds } from '../src/review/escalation/entra-holdings';
import { ESCALATION_PATHS } from '../src/roles/escalation-paths.generated';

const ROOT = path.resolve(__dirname, '..');
const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');
const coverage = read('data/edge-coverage.json');
const attackPaths = read('data/entraops/attack-paths.json');
const data = JSON.parse(coverage) as CoverageData;

describe('docs/coverage.md', () => {
  test('is exactly what scripts/render-coverage.ts makes of the data', () => {
    expect(read('docs/coverage.md')).toBe(renderCoverage(coverage, attackPaths));
  });

  test('has a row for every attack path of the data, and every row\'s status is one of the three', () => {
    const page = read('docs/coverage.md');
    for (const p of JSON.parse(attackPaths) as { id: string }[]) expect(page).toContain(`| \`${p.id}\`: `);
    for (const row of [...data.edges, ...data.attackPaths]) expect(COVERAGE_STATUSES).toContain(row.status);
  });

  test('lists every edge kind of issue 13 once', () => {
    const kinds = data.edges.map((e) => e.kind);
    expect(new Set(kinds).size).toBe(kinds.length);
    expect(kinds).toHaveLength(45);
    expect(kinds).toEqual(expect.arrayContaining(['AZGlobalAdmin', 'AZMGRoleManagement_ReadWrite_Directory', 'AZRunsAs', 'AZNodeResourceGroup']));
  });

  test('a row said to be modelled by an escalation path names one the reach engine follows', () => {
    const known = new Set(ESCALATION_PATHS.map((p) => p.id));
    for (const row of [...data.edges, ...data.attackPaths]) for (const id of row.escalationPaths ?? []) expect(known).toContain(id);
  });

  test('refuses a status outside the three, and an attack path without a row', () => {
    const bad = { ...data, edges: [{ ...data.edges[0], status: 'partly' }] };
    expect(() => renderCoverage(JSON.stringify(bad), attackPaths)).toThrow(/status "partly" is not one of modelled, not modelled yet, cannot be known before apply/);
    const short = { ...data, attackPaths: data.attackPaths.slice(1) };
    expect(() => renderCoverage(JSON.stringify(short), attackPaths)).toThrow(/no status for attack path\(s\) aztier-conditional-access-lockout/);
  });

  test('every Entra edge kind reach can name on a step is a row marked modelled, and no modelled Entra row is left unexplained', () => {
    const followed = followedEntraEdgeKinds();
    expect(followed.length).toBeGreaterThan(15);
    const rows = new Map(data.edges.map((e) => [e.kind, e]));
    expect(followed.filter((kind) => rows.get(kind)?.status !== 'modelled')).toEqual([]);
    // A modelled Entra row that reach does not follow must say which rule judges it.
    const unexplained = data.edges.filter((e) => e.side === 'entra' && e.status === 'modelled' && !followed.includes(e.kind) && !/AZA0\d\d/.test(e.reason));
    expect(unexplained.map((e) => e.kind)).toEqual([]);
  });
});
