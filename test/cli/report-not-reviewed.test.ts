import { mkdirSync, mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { cli } from './run-cli';

/** A root with two module calls the reader cannot read: one missing, one a registry module not installed. */
const MODULES = 'test/fixtures/reader/modules/root';
/** Every module and access resource of it is read. */
const HCL = 'test/fixtures/cli/hcl-repo';

const NETWORK_REASON = 'test/fixtures/reader/modules/modules/network-not-here: no such file or directory';
const VAULT_REASON = 'it is not a local path and is not installed: run "terraform init" so that .terraform/modules/modules.json lists module "vault"';

describe('the report names the modules it could not read', () => {
  test('markdown: the "Not reviewed" part says so and lists each call with its source and reason', async () => {
    const { code, stdout } = await cli(['report', MODULES]);
    expect(code).toBe(0);
    const part = stdout.slice(stdout.indexOf('### Not reviewed'), stdout.indexOf('### Credentials'));
    expect(part).toContain('Every access resource of the input was read (8), but not the modules below.');
    expect(part).toContain('2 module call(s) could not be read: whatever access they declare is in none of the tables above, and nothing judged it.');
    expect(part).toContain(`| \`module.network\` | \`../modules/network-not-here\` | ${NETWORK_REASON} | \`${MODULES}\` |`);
    expect(part).toContain('| `module.vault` | `Azure/avm-res-keyvault-vault/azurerm` | it is not a local path and is not installed');
  });

  test('json: modulesNotRead lists each call', async () => {
    const report = JSON.parse((await cli(['report', '--format', 'json', MODULES])).stdout);
    expect(report.modulesNotRead).toEqual([
      { address: 'module.network', source: '../modules/network-not-here', reason: NETWORK_REASON, file: MODULES },
      { address: 'module.vault', source: 'Azure/avm-res-keyvault-vault/azurerm', reason: VAULT_REASON, file: MODULES },
    ]);
  });

  test('html: the totals count them and "Not reviewed" lists them', async () => {
    const { stdout } = await cli(['report', '--format', 'html', MODULES]);
    expect(stdout).toMatch(/<p class="totals">[^<]*, 2 module call\(s\) not read\.<\/p>/);
    expect(stdout).toContain('<tr><td>module.vault</td><td>Azure/avm-res-keyvault-vault/azurerm</td><td>it is not a local path and is not installed');
  });

  test('an input whose modules are all read says nothing of modules, in any format', async () => {
    const markdown = (await cli(['report', HCL])).stdout;
    expect(markdown).toMatch(/Every access resource of the input was read \([1-9]\d*\)\.\n/);
    expect(markdown).not.toContain('module call(s)');
    expect(JSON.parse((await cli(['report', '--format', 'json', HCL])).stdout).modulesNotRead).toEqual([]);
    expect((await cli(['report', '--format', 'html', HCL])).stdout).not.toContain('module call(s)');
  });
});

describe('the report says why an access resource it read gave no grant', () => {
  const policy = '  access_policy {\n    tenant_id = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee"\n    object_id = "00000000-0000-0000-0000-0000000000dd"\n'
    + '    secret_permissions = ["Get"]\n  }\n';
  function vault(rbac: boolean): string {
    const dir = mkdtempSync(path.join(tmpdir(), 'report-notes-'));
    mkdirSync(path.join(dir, 'repo'));
    writeFileSync(path.join(dir, 'repo', 'main.tf'), 'resource "azurerm_key_vault" "kv" {\n  name = "kv-app"\n  resource_group_name = "rg-app"\n'
      + `  tenant_id = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee"\n  sku_name = "standard"\n  rbac_authorization_enabled = ${rbac}\n${policy}}\n`);
    return path.join(dir, 'repo');
  }
  const IGNORED = 'no grant: the vault uses RBAC authorization, so Azure does not evaluate its access policies';

  test('a vault with RBAC authorization: its access policy is listed with the reason, and gives no row', async () => {
    const input = vault(true);
    const report = JSON.parse((await cli(['report', '--format', 'json', input])).stdout);
    expect(report.rows).toEqual([]);
    expect(report.coverageNotes).toEqual([{ kind: 'azurerm_key_vault (access_policy)', note: IGNORED, address: 'azurerm_key_vault.kv', file: input }]);
    const markdown = (await cli(['report', input])).stdout;
    expect(markdown).toContain(`Read, but giving no grant:\n\n| resource | why | address | file |\n| --- | --- | --- | --- |\n| azurerm_key_vault (access_policy) | ${IGNORED} | \`azurerm_key_vault.kv\` |`);
    expect((await cli(['report', '--format', 'html', input])).stdout).toContain(`<td>azurerm_key_vault (access_policy)</td><td>${IGNORED}</td>`);
  });

  test('a vault that uses access policies: the policy is a row, and there is no note', async () => {
    const input = vault(false);
    const report = JSON.parse((await cli(['report', '--format', 'json', input])).stdout);
    expect(report.rows.map((r: { address: string; scopeName?: string }) => [r.address, r.scopeName])).toEqual([['azurerm_key_vault.kv', 'kv-app']]);
    expect(report.coverageNotes).toEqual([]);
    expect((await cli(['report', input])).stdout).not.toContain('Read, but giving no grant');
  });
});
