import { mkdtempSync, readFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { App, Aspects, TerraformHclModule, TerraformStack } from 'cdktf';
import {
  MODULES_WITHOUT_ACCESS_DATA, MODULES_WITHOUT_ACCESS_MODULE, renderModulesWithoutAccessModule,
} from '../../../scripts/render-modules-without-access';
import { RuleId } from '../../../src/model/rule-id';
import { AccessGuard } from '../../../src/policy/access-guard';
import { evaluate } from '../../../src/policy/evaluate';
import { AccessGraph } from '../../../src/review/graph/access-graph';
import { readInputs } from '../../../src/review/reader/read-inputs';

const ROOT = path.resolve(__dirname, '../../..');

async function graphOf(input: string, cwd?: string) {
  const documents = await readInputs([input], { env: {}, ...(cwd === undefined ? {} : { cwd }) });
  return AccessGraph.fromDocuments(documents.map((d) => ({ file: d.file, document: d.document, stack: d.stack })));
}

const notRead = (g: AccessGraph) => evaluate(g, { today: '2026-12-01' }).findings.filter((f) => f.ruleId === RuleId.MODULE_NOT_READ);

/** A cdktf app that calls a naming module and a module that may hold access, as TerraformHclModule. */
function cdktfApp(outdir: string, guard: boolean): TerraformStack {
  const app = new App({ outdir });
  const stack = new TerraformStack(app, 'platform');
  new TerraformHclModule(stack, 'naming', { source: 'Azure/naming/azurerm', version: '0.4.2', variables: { suffix: ['app'] } });
  new TerraformHclModule(stack, 'roles', { source: 'Azure/avm-res-authorization-roleassignment/azurerm', version: '0.2.0' });
  if (guard) Aspects.of(stack).add(new AccessGuard({ today: '2026-12-01' }));
  app.synth();
  return stack;
}

describe('AZA016 for every module the review could not read', () => {
  test('the committed list of modules without access is what the data makes', () => {
    const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');
    expect(read(MODULES_WITHOUT_ACCESS_MODULE)).toEqual(renderModulesWithoutAccessModule(read(MODULES_WITHOUT_ACCESS_DATA)));
  });

  test('a cdktf TerraformHclModule call is not read: AZA016 with its construct path and how to see it', async () => {
    const outdir = mkdtempSync(path.join(tmpdir(), 'cdktf-modules-'));
    cdktfApp(outdir, false);
    const g = await graphOf('.', outdir);
    const findings = notRead(g);
    expect(findings.map((f) => [f.address, f.severity, f.constructPath, f.message])).toEqual([[
      'module.roles', 'error', 'platform/roles',
      'module.roles (source "Azure/avm-res-authorization-roleassignment/azurerm") was not read: a cdktf module call (TerraformHclModule, '
        + 'TerraformModule): the review reads the blocks of a stack, not the modules it calls; the access it declares is not reviewed.',
    ]]);
    expect(findings[0].fix).toMatch(/^Review the stack's plan JSON \(`terraform show -json`/);
    // The naming module is not read either, and the report says so, with why it hides nothing.
    expect(g.modulesNotRead.map((m) => [m.origin.address, m.holdsNoAccess?.repository])).toEqual([
      ['module.naming', 'Azure/terraform-azurerm-naming'], ['module.roles', undefined],
    ]);
    expect(g.modulesNotRead[0].reason).toMatch(/it holds no access \(Azure\/terraform-azurerm-naming read at 755223b75f1b: It builds resource names/);
  });

  test('the guard reports the call at synth, on the module\'s construct', () => {
    const outdir = mkdtempSync(path.join(tmpdir(), 'cdktf-modules-'));
    expect(() => cdktfApp(outdir, true)).toThrow(/\[platform\/roles\] \[AZA016\] module\.roles \(source "Azure\/avm-res-authorization-roleassignment\/azurerm"\) was not read/);
  });

  test('HCL registry calls without terraform init: AZA016, but not for a module listed as holding no access', async () => {
    const g = await graphOf('test/fixtures/reader/modules-not-read');
    expect(notRead(g).map((f) => [f.address, f.severity, f.fix])).toEqual([
      ['module.environment_fork', 'error', expect.stringMatching(/^Run `terraform init` \(or `terraform get`\) first, or review the plan JSON/)],
      // It declares no access resource, but the azapi role assignments beside it take their type and body from it.
      ['module.interfaces', 'error', expect.stringMatching(/^Run `terraform init` \(or `terraform get`\) first, or review the plan JSON/)],
      ['module.naming_part', 'error', expect.stringMatching(/^Run `terraform init` \(or `terraform get`\) first, or review the plan JSON/)],
      ['module.vault', 'error', expect.stringMatching(/^Run `terraform init` \(or `terraform get`\) first, or review the plan JSON/)],
    ]);
    expect(g.modulesNotRead.map((m) => [m.origin.address, m.holdsNoAccess?.source])).toEqual([
      ['module.environment', 'github.com/microsoft/terraform-azurerm-environment-configuration'],
      ['module.environment_fork', undefined],
      ['module.interfaces', undefined],
      ['module.naming', 'Azure/naming/azurerm'],
      ['module.naming_part', undefined],
      ['module.regions', 'Azure/avm-utl-regions/azurerm'],
      ['module.regions_legacy', 'Azure/regions/azurerm'],
      ['module.vault', undefined],
    ]);
  });
});
