import { cli } from './run-cli';
import { parseFlowchart } from '../support/mermaid-subset';

const ACCEPTED = 'test/fixtures/suppression-accepts/accepted';
const WIDENED = 'test/fixtures/suppression-accepts/widened';

function mermaidBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/```mermaid\n([\s\S]*?)\n```/g)].map((m) => m[1]);
}

describe('azure-access diff --format comment', () => {
  test('a widening: the verdict first, a section per principal, the new chain drawn in mermaid, the marker', async () => {
    const { code, stdout, stderr } = await cli(['diff', '--format', 'comment', ACCEPTED, WIDENED]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout.split('\n')[0]).toBe('**Access widens: 1 grant, 2 new escalation chains**');
    expect(stdout).toContain('<details><summary>managed identity uai-worker: 1 change</summary>');
    expect(stdout).toContain('| added | Key Vault Secrets Officer | `${azurerm_resource_group.payments.id}` (resource-group) |');
    expect(stdout.trimEnd().endsWith('<!-- azure-access-diff -->')).toBe(true);
    const charts = mermaidBlocks(stdout);
    // The chain to the role, and the chain on to the secret values that role reads.
    expect(charts).toHaveLength(2);
    charts.forEach((chart) => parseFlowchart(chart));
    const parsed = parseFlowchart(charts[0]);
    expect([...parsed.nodes.values()]).toEqual([
      'human alice',
      'Virtual Machine Contributor at rg-app',
      'runs as uai-worker on vm-worker',
      'Key Vault Secrets Officer at rg-payments',
    ]);
    expect(parsed.edges.map((e) => e.label)).toEqual(['holds', 'Microsoft.Compute/virtualMachines/runCommand/action', 'holds']);
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
    const widening = await cli(['diff', '--format', 'comment', '--only-if-widens', '--fail-on-escalation', ACCEPTED, WIDENED]);
    expect(widening.code).toBe(1);
    expect(widening.stdout).toMatch(/^\*\*Access widens/);
  });

  test('the verdict of a narrowing and of no change', async () => {
    expect((await cli(['diff', '--format', 'comment', WIDENED, ACCEPTED])).stdout.split('\n')[0]).toBe('**Access narrows: 1 grant, 2 escalation chains closed**');
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
