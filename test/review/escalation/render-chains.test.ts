import { readFileSync } from 'fs';
import * as path from 'path';
import { reachOf, SHAPES } from './escalation-fixtures';
import { diffChains, renderChainDiff, renderChains } from '../../../src/review/escalation/render-chains';

const HCL = readFileSync(path.join(__dirname, '../../fixtures/escalation/multi-step.tf'), 'utf8');
// The same configuration without the identity on the VM: no chain through uai-worker.
const WITHOUT_IDENTITY = HCL.replace(/\n  identity \{[^}]*\}\n/, '\n');
const CHAIN = 'holds "Virtual Machine Contributor" at rg-app → runs as uai-worker on vm-worker '
  + '(Microsoft.Compute/virtualMachines/runCommand/action) → uai-worker holds "Key Vault Secrets Officer" at kv-payments';

describe.each(SHAPES)('chains in the report and the diff (%s)', (shape) => {
  test('the report lists chains of more than one step, marking those AZA013 reports', async () => {
    const { reach } = await reachOf(HCL, shape);
    const markdown = renderChains(reach);
    expect(markdown).toContain('### Escalation chains');
    // uai-worker reading secrets with Key Vault Secrets Officer is what the role says: not listed.
    // Virtual Machine Contributor's storage keys in rg-app are the second.
    expect(markdown).toContain('3 chains, 2 reported by AZA013.');
    expect(markdown).toContain('- **AZA013** human alice reaches "all storage account data (Shared Key)" at rg-app: holds "Virtual Machine Contributor" at rg-app → can reach');
    expect(markdown).not.toContain('managed identity uai-worker reaches');
    expect(markdown).toContain(`- **AZA013** human alice reaches "Key Vault Secrets Officer" at kv-payments: ${CHAIN}`);
    expect(markdown).not.toContain('reaches "Virtual Machine Contributor" at rg-app');
    // Listing every chain adds what a data-plane role reads where it is granted; a grant held is a row, never a chain.
    const every = renderChains(reach, { includeDirect: true });
    expect(every).toContain('4 chains, 2 reported by AZA013.');
    expect(every).toContain('- managed identity uai-worker reaches "Key Vault secret values" at kv-payments: holds "Key Vault Secrets Officer" at kv-payments → can reach');
    expect(every).not.toContain('reaches "Virtual Machine Contributor" at rg-app');
    expect(renderChains(reach, { onlyReported: true }).match(/^- /gm)).toHaveLength(2);
  });

  test('operation strings cannot turn into markdown emphasis', async () => {
    const { reach } = await reachOf(HCL.replace('"rg-app"', '"rg_app_*"'), shape);
    expect(renderChains(reach)).toContain('rg\\_app\\_\\*');
  });

  test('the diff reports the chains a change opens and closes, matched by what they say', async () => {
    const base = (await reachOf(WITHOUT_IDENTITY, shape)).reach;
    const head = (await reachOf(HCL, shape)).reach;
    const opened = diffChains(base, head);
    expect(opened.closed).toEqual([]);
    expect(opened.opened.map((c) => c.reaches.role)).toEqual(['Key Vault Secrets Officer', 'Key Vault secret values']);
    expect(renderChainDiff(opened)).toContain(`#### Opened (2)\n\n- **AZA013** human alice reaches "Key Vault Secrets Officer" at kv-payments: ${CHAIN}`);

    const closed = diffChains(head, base);
    expect(closed.opened).toEqual([]);
    expect(closed.closed).toHaveLength(2);
    expect(renderChainDiff(closed)).toContain('#### Closed (2)');
    expect(renderChainDiff(diffChains(head, head))).toBe('### Escalation chains\n\nNo chain opened or closed.\n');
  });

  test('renaming Terraform addresses opens and closes nothing', async () => {
    const renamed = HCL.replace(/azurerm_user_assigned_identity\.worker/g, 'azurerm_user_assigned_identity.runner')
      .replace('"azurerm_user_assigned_identity" "worker"', '"azurerm_user_assigned_identity" "runner"')
      .replace(/alice_vms/g, 'alice_machines');
    const diff = diffChains((await reachOf(HCL, shape)).reach, (await reachOf(renamed, shape)).reach);
    expect(diff).toEqual({ opened: [], closed: [] });
  });
});
