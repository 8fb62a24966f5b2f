import { mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { cli, REPO } from './run-cli';
import { parseFlowchart } from '../support/mermaid-subset';

const ACCEPTED = 'test/fixtures/suppression-accepts/accepted';
const WIDENED = 'test/fixtures/suppression-accepts/widened';
/** The widened configuration with the VM running as no identity: alice reaches nothing through it. */
const WITHOUT_WORKER = (() => {
  const dir = mkdtempSync(path.join(tmpdir(), 'azure-access-comment-'));
  const text = readFileSync(path.join(REPO, WIDENED, 'main.tf'), 'utf8').replace(/\n  identity \{[^}]*\}\n/, '\n');
  writeFileSync(path.join(dir, 'main.tf'), text);
  return dir;
})();

function mermaidBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/```mermaid\n([\s\S]*?)\n```/g)].map((m) => m[1]);
}

describe('azure-access diff --format comment', () => {
  test('a widening: the verdict first, the gate, a section per root cause with its paths drawn as one tree, then the changes, the marker', async () => {
    const { code, stdout, stderr } = await cli(['diff', '--format', 'comment', ACCEPTED, WIDENED]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    // uai-worker gets every vault of rg-payments; alice could already run as it: the path extends one the base had.
    expect(stdout.split('\n')[0]).toBe('**Access widens: 1 grant; extends 1 existing escalation path (up to tier 1)**');
    expect(stdout).toContain('Gate (standard): passes.');
    expect(stdout).toContain('<details><summary>extends an existing path: managed identity uai-worker holds "Key Vault Secrets Officer" at rg-payments: '
      + '1 path, up to tier 1: "Key Vault Secrets Officer" at rg-payments</summary>');
    expect(stdout).toContain('<details><summary>managed identity uai-worker: 1 change</summary>');
    expect(stdout).toContain('| added | Key Vault Secrets Officer | rg-payments `${azurerm_resource_group.payments.id}` (resource-group) |');
    expect(stdout.trimEnd().endsWith('<!-- azure-access-diff -->')).toBe(true);
    const charts = mermaidBlocks(stdout);
    // One picture for the root cause: its one path, as a tree.
    expect(charts).toHaveLength(1);
    const parsed = parseFlowchart(charts[0]);
    expect([...parsed.nodes.values()]).toEqual([
      'human alice',
      'Virtual Machine Contributor at rg-app',
      'runs as uai-worker on vm-worker',
      'Key Vault Secrets Officer at rg-payments',
    ]);
    expect(parsed.edges.map((e) => e.label)).toEqual(['holds', 'Microsoft.Compute/virtualMachines/runCommand/action', 'holds']);
  });

  test('a tree draws shared beginnings once: two paths of one root cause, one picture', async () => {
    const { stdout } = await cli(['diff', '--format', 'comment', WITHOUT_WORKER, WIDENED]);
    const charts = mermaidBlocks(stdout);
    expect(charts).toHaveLength(1);
    const parsed = parseFlowchart(charts[0]);
    // alice → her role → the VM → two ends: the tree branches once, at the identity.
    expect([...parsed.nodes.values()].filter((n) => n === 'human alice')).toHaveLength(1);
    expect([...parsed.nodes.values()].filter((n) => n.startsWith('Key Vault Secrets Officer at '))).toEqual([
      'Key Vault Secrets Officer at kv-payments', 'Key Vault Secrets Officer at rg-payments',
    ]);
    expect(stdout).toContain('Gate (standard): **fails**: a new root cause of escalation: ');
  });

  test('--platform azure-devops draws the same chain as text', async () => {
    const { stdout } = await cli(['diff', '--format', 'comment', '--platform', 'azure-devops', ACCEPTED, WIDENED]);
    expect(mermaidBlocks(stdout)).toEqual([]);
    expect(stdout).toContain('human alice\n  └─ holds → Virtual Machine Contributor at rg-app\n    └─ Microsoft.Compute/virtualMachines/runCommand/action → runs as uai-worker on vm-worker\n');
  });

  test('--only-if-widens is silent and exits 0 for a narrowing, even with --fail-on-escalation', async () => {
    const narrowing = await cli(['diff', '--format', 'comment', '--only-if-widens', '--fail-on-escalation', WIDENED, ACCEPTED]);
    expect(narrowing).toEqual({ code: 0, stdout: '', stderr: '' });
    const same = await cli(['diff', '--format', 'comment', '--only-if-widens', ACCEPTED, ACCEPTED]);
    expect(same).toEqual({ code: 0, stdout: '', stderr: '' });
    // Widening that only extends a path: printed, and the standard gate passes; the strict one fails on any widening.
    const widening = await cli(['diff', '--format', 'comment', '--only-if-widens', '--fail-on-escalation', ACCEPTED, WIDENED]);
    expect(widening.code).toBe(0);
    expect(widening.stdout).toMatch(/^\*\*Access widens/);
    const strict = await cli(['diff', '--format', 'comment', '--only-if-widens', '--fail-on-escalation', '--gate', 'strict', ACCEPTED, WIDENED]);
    expect(strict.code).toBe(1);
    expect(strict.stdout).toContain('Gate (strict): **fails**:');
  });

  test('the verdict of a narrowing and of no change', async () => {
    expect((await cli(['diff', '--format', 'comment', WIDENED, ACCEPTED])).stdout.split('\n')[0]).toBe('**Access narrows: 1 grant, 1 root cause of escalation closed**');
    expect((await cli(['diff', '--format', 'comment', ACCEPTED, ACCEPTED])).stdout.split('\n')[0]).toBe('**No access change**');
  });

  test('a comment over the size limit leaves sections out and says where the full diff is', async () => {
    const { stdout } = await cli(['diff', '--format', 'comment', '--max-chars', '1000', '--full-report', 'https://ci.example/run/1', ACCEPTED, WIDENED]);
    expect(stdout.length).toBeLessThanOrEqual(1000);
    expect(stdout).toMatch(/^\*\*Access widens/);
    expect(stdout).toMatch(/_\d+ more sections? left out to stay under the 65,536-character comment limit; the full diff is: https:\/\/ci\.example\/run\/1\._/);
    expect(stdout).toContain('<!-- azure-access-diff -->');
    expect((await cli(['diff', '--format', 'comment', '--max-chars', '70000', ACCEPTED, WIDENED])).code).toBe(2);
  });

  test('the mermaid subset parser rejects what mermaid would', () => {
    expect(() => parseFlowchart('flowchart LR\n  n0["a "b" c"]')).toThrow();
    expect(() => parseFlowchart('flowchart LR\n  n1 -->|"x"| n2["y"]')).toThrow(/not declared/);
    expect(() => parseFlowchart('graph TD\n  n0["a"]')).toThrow(/flowchart LR/);
  });
});
