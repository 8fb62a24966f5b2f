import '@microsoft/jest-sarif';
import { readFileSync } from 'fs';
import * as path from 'path';
import { cli, REPO } from './run-cli';

/**
 * A finding inside a module points at the module's own `.tf` file and line, in every format, with
 * the `module` blocks of the calls that lead there: code scanning annotates the line to change,
 * not the directory that was given.
 */
const INPUT = 'test/fixtures/cli/module-places';
const GRANT = 'module.app["blue"].module.grant.azurerm_role_assignment.reader';
const GRANT_FILE = `${INPUT}/modules/app/modules/grant/main.tf`;
const CALLS = [
  { address: 'module.app["blue"]', file: `${INPUT}/main.tf`, line: 3 },
  { address: 'module.app["blue"].module.grant', file: `${INPUT}/modules/app/main.tf`, line: 12 },
];

/** The text of a file's line (from 1), to prove a place points at what it says. */
const lineOf = (file: string, line: number) => readFileSync(path.join(REPO, file), 'utf8').split('\n')[line - 1];

describe('places of findings inside modules', () => {
  test('the places are the declarations themselves', () => {
    expect(lineOf(GRANT_FILE, 3)).toBe('resource "azurerm_role_assignment" "reader" {');
    expect(CALLS.map((c) => lineOf(c.file, c.line))).toEqual(['module "app" {', 'module "grant" {']);
    expect(lineOf(`${INPUT}/main.tf`, 10)).toBe('module "naming" {');
  });

  test('sarif: the result is at the module file and line, the module calls are its related locations', async () => {
    const { code, stdout } = await cli(['check', '--format', 'sarif', '--today', '2026-12-01', INPUT]);
    expect(code).toBe(1);
    const sarif = JSON.parse(stdout);
    expect(sarif).toBeValidSarifLog();
    const results = sarif.runs[0].results;
    const grant = results.find((r: any) => r.ruleId === 'AZA001');
    expect(grant.locations[0].logicalLocations[0].fullyQualifiedName).toBe(GRANT);
    expect(grant.locations[0].physicalLocation).toEqual({ artifactLocation: { uri: GRANT_FILE, uriBaseId: '%SRCROOT%' }, region: { startLine: 3 } });
    expect(grant.relatedLocations).toEqual(CALLS.map((c, i) => ({
      id: i + 1,
      physicalLocation: { artifactLocation: { uri: c.file, uriBaseId: '%SRCROOT%' }, region: { startLine: c.line } },
      message: { text: `${c.address}: the module call that leads to ${GRANT}` },
    })));
    // A module that was not read is at its module block.
    const notRead = results.find((r: any) => r.ruleId === 'AZA016');
    expect(notRead.locations[0].physicalLocation).toEqual({ artifactLocation: { uri: `${INPUT}/main.tf`, uriBaseId: '%SRCROOT%' }, region: { startLine: 10 } });
    expect(notRead.relatedLocations).toBeUndefined();
  });

  test('sarif URIs are relative to the repository root however the input is typed', async () => {
    const fromFixture = await cli(['check', '--format', 'sarif', '--today', '2026-12-01', '.'], { cwd: path.join(REPO, INPUT) });
    const grant = JSON.parse(fromFixture.stdout).runs[0].results.find((r: any) => r.ruleId === 'AZA001');
    expect(grant.locations[0].physicalLocation.artifactLocation.uri).toBe(GRANT_FILE);
    expect(grant.relatedLocations.map((r: any) => r.physicalLocation.artifactLocation.uri)).toEqual(CALLS.map((c) => c.file));
    expect(fromFixture.stdout).not.toContain(REPO);
  });

  test('json: declaredAt and moduleCalls beside the input', async () => {
    const { stdout } = await cli(['check', '--format', 'json', '--today', '2026-12-01', INPUT]);
    const findings = JSON.parse(stdout).findings;
    expect(findings.map((f: any) => [f.ruleId, f.address, f.file, f.declaredAt, f.moduleCalls])).toEqual([
      ['AZA001', GRANT, INPUT, { file: GRANT_FILE, line: 3 }, CALLS],
      ['AZA016', 'module.naming', INPUT, { file: `${INPUT}/main.tf`, line: 10 }, undefined],
    ]);
  });

  test('text: a declared line under the finding, with the calls that lead there', async () => {
    const { stdout } = await cli(['check', '--today', '2026-12-01', INPUT]);
    expect(stdout).toContain([
      `${INPUT}: ${GRANT}: error AZA001: managed identity uai-blue holds "Reader" at subscription scope \${module.app["blue"].module.grant.data.azurerm_subscription.current.id}.`,
      `  declared: ${GRANT_FILE}:3, called through module.app["blue"] at ${INPUT}/main.tf:3 > module.app["blue"].module.grant at ${INPUT}/modules/app/main.tf:12`,
    ].join('\n'));
    expect(stdout).toContain(`${INPUT}: module.naming: error AZA016: `);
    expect(stdout).toContain(`  declared: ${INPUT}/main.tf:10\n`);
  });
});
