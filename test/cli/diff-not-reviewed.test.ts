import { mkdirSync, mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { cli } from './run-cli';

/**
 * A change whose access the review cannot read (a registry module that is not installed, an azapi
 * resource whose type comes from it) must not read as "No access change", and must not pass the
 * gate: unknown counts as the widest. Found on Azure's storage account module, whose role
 * assignments are azapi resources typed by a module: the diff said "No access change", exit 0.
 */
const SUB = '11111111-2222-3333-4444-555555555555';
const GRANT = `
resource "azurerm_role_assignment" "reader" {
  scope                = "/subscriptions/${SUB}/resourceGroups/rg-app"
  role_definition_name = "Reader"
  principal_id         = "00000000-0000-0000-0000-000000000001"
}
`;
const UNREAD = `
module "roles" {
  source  = "Azure/avm-res-authorization-roleassignment/azurerm"
  version = "0.3.0"
}
module "naming" {
  source  = "Azure/naming/azurerm"
  version = "0.4.2"
}
resource "azapi_resource" "assignment" {
  type      = module.roles.type
  name      = "a"
  parent_id = "/subscriptions/${SUB}"
  body      = {}
}
`;

function configuration(text: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'diff-not-reviewed-'));
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'main.tf'), text);
  return dir;
}

describe('diff: what the head holds that the review cannot read', () => {
  const base = configuration(GRANT);
  const head = configuration(GRANT + UNREAD);

  test('added by the change: access widens, the gate fails at every level, and both are named (the naming module, which holds no access, is not)', async () => {
    for (const gate of ['strict', 'standard', 'relaxed']) {
      const { code, stdout, stderr } = await cli(['diff', '--fail-on-escalation', '--gate', gate, base, head]);
      expect(stderr).toBe('');
      expect(code).toBe(1);
      expect(stdout.split('\n')[0]).toBe('**Access widens: 2 access resources or module calls not reviewed (counted as the widest)**');
      expect(stdout).toContain('not reviewed: the head adds 2 access resources or module calls the review cannot read (module.roles, azapi\\_resource.assignment)');
    }
    const { stdout } = await cli(['diff', base, head]);
    expect(stdout).toContain('### Not reviewed (2)');
    expect(stdout).toContain('- `module.roles` (added by the change): module call (source "Azure/avm-res-authorization-roleassignment/azurerm") not read:');
    expect(stdout).toContain('- `azapi_resource.assignment` (added by the change): azapi_resource not reviewed: the ARM type (${module.roles.type}) cannot be read');
    expect(stdout).not.toContain('module.naming');
  });

  test('JSON lists them, and the comment names them first, so --only-if-widens posts it', async () => {
    const json = JSON.parse((await cli(['diff', '--format', 'json', base, head])).stdout);
    expect(json.notReviewed.map((u: { address: string; added: boolean }) => [u.address, u.added])).toEqual([
      ['module.roles', true], ['azapi_resource.assignment', true],
    ]);
    expect(json.gate.fails).toBe(true);
    const comment = await cli(['diff', '--format', 'comment', '--only-if-widens', base, head]);
    expect(comment.stdout).toContain('### Not reviewed (2)');
    expect(comment.stdout.indexOf('### Not reviewed')).toBeLessThan(comment.stdout.indexOf('<!-- azure-access-diff -->'));
  });

  test('unread in the base too: listed, not added, and the gate passes; check judges them (AZA016)', async () => {
    const { code, stdout } = await cli(['diff', '--fail-on-escalation', head, configuration(GRANT + UNREAD)]);
    expect(code).toBe(0);
    expect(stdout.split('\n')[0]).toBe('**No access change**');
    expect(stdout).toContain('- `module.roles`: module call (source');
    expect(stdout).not.toContain('added by the change');
    const json = JSON.parse((await cli(['diff', '--format', 'json', head, head])).stdout);
    expect(json.notReviewed.map((u: { added: boolean }) => u.added)).toEqual([false, false]);
  });

  test('the instances of one call not read are one item, added when any of them is (as they are one AZA016)', async () => {
    const team = configuration('');
    mkdirSync(path.join(team, 'team'));
    writeFileSync(path.join(team, 'team', 'main.tf'), 'module "roles" {\n  source  = "Azure/avm-res-authorization-roleassignment/azurerm"\n  version = "0.3.0"\n}\n');
    writeFileSync(path.join(team, 'main.tf'), `${GRANT}module "team" {\n  source   = "./team"\n  for_each = toset(["blue", "green"])\n}\n`);
    const json = JSON.parse((await cli(['diff', '--format', 'json', base, team])).stdout);
    expect(json.notReviewed).toEqual([{
      address: 'module.team["blue"].module.roles',
      what: expect.stringMatching(/^module call \(source "Azure\/avm-res-authorization-roleassignment\/azurerm"\) \(and 1 other instance of the same call\) not read: /),
      added: true,
    }]);
  });
});
