import { declarationLines } from '../../../src/review/reader/declaration-lines';

describe('the lines that declare blocks', () => {
  test('HCL: resource, data and module blocks, labels quoted or bare, the first declaration of a name', () => {
    const text = [
      'module "app" {', //                                 1
      '  source = "./app"', //                             2
      '}', //                                              3
      'resource "azurerm_role_assignment" "reader" {', //  4
      '  description = "resource \\"x\\" \\"y\\" {"', //   5
      '}', //                                              6
      'data azurerm_subscription current {', //            7
      '}', //                                              8
    ].join('\n');
    const lines = declarationLines(text, false);
    expect(lines.lineOf('module', '', 'app')).toBe(1);
    expect(lines.lineOf('resource', 'azurerm_role_assignment', 'reader')).toBe(4);
    expect(lines.lineOf('data', 'azurerm_subscription', 'current')).toBe(7);
    expect(lines.lineOf('resource', 'azurerm_role_assignment', 'writer')).toBeUndefined();
  });

  test('JSON: the name under its type, in objects or hcl2json arrays; names in values, deeper keys and escapes are no declaration', () => {
    const text = JSON.stringify({
      variable: { reader: { default: 'azurerm_role_assignment' } },
      module: { app: { source: './app', reader: { note: 'a key named like a block, deeper' } } },
      resource: [{
        azurerm_storage_account: [{ reader: { name: 'reader' } }],
        azurerm_role_assignment: [{ 'reader': { scope: '/x' }, 'we"ird': { scope: '/y' } }],
      }],
    }, null, 2);
    const lineOfText = (needle: string, from = 0) => text.split('\n').findIndex((l, i) => i >= from && l.includes(needle)) + 1;
    const lines = declarationLines(text, true);
    expect(lines.lineOf('module', '', 'app')).toBe(lineOfText('"app": {'));
    const roleAssignments = lineOfText('"azurerm_role_assignment": [');
    expect(lines.lineOf('resource', 'azurerm_role_assignment', 'reader')).toBe(lineOfText('"reader": {', roleAssignments));
    expect(lines.lineOf('resource', 'azurerm_role_assignment', 'we"ird')).toBe(lineOfText('"we\\"ird": {'));
    expect(lines.lineOf('resource', 'azurerm_storage_account', 'reader')).toBe(lineOfText('"reader": {', lineOfText('"azurerm_storage_account"')));
    expect(lines.lineOf('module', '', 'reader')).toBeUndefined();
    expect(lines.lineOf('resource', 'azurerm_role_assignment', 'missing')).toBeUndefined();
  });

  test('JSON that ends inside a string keeps what was found before it', () => {
    const lines = declarationLines('{\n  "module": {\n    "app": {\n      "source": "./a', true);
    expect(lines.lineOf('module', '', 'app')).toBe(3);
  });
});
