import { mkdirSync, mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { RuleId } from '../../../src/model/rule-id';
import { ScopeLevel } from '../../../src/model/scope-level';
import { evaluate as evaluatePolicy } from '../../../src/policy/evaluate';
import { AccessGraph, SuppressionsByAddress } from '../../../src/review/graph/access-graph';
import { InputError } from '../../../src/review/reader/input-error';
import { MAX_MODULE_DEPTH } from '../../../src/review/reader/module-tree';
import { readInputs } from '../../../src/review/reader/read-inputs';

const DIR = 'test/fixtures/reader/modules';
const SUB = '11111111-2222-3333-4444-555555555555';

async function graphOf(inputs: string[], suppressions?: SuppressionsByAddress) {
  const documents = await readInputs(inputs.map((i) => `${DIR}/${i}`), { env: {} });
  return AccessGraph.fromDocuments(documents.map((d) => ({ file: d.file, document: d.document })), suppressions);
}

const rows = (g: AccessGraph) => g.grants.map((x) =>
  [x.origin.address, x.role.name, x.principal.name, x.principal.kind, x.scope.value, x.scope.level]);

describe('local modules, followed as Terraform follows them', () => {
  test('three levels deep, a generic module with a map of assignments, count and for_each on calls: Terraform\'s addresses', async () => {
    const g = await graphOf(['root']);
    const rg = '${azurerm_resource_group.app.id}';
    expect(rows(g)).toEqual([
      ['azurerm_role_assignment.worker_access_admin', 'User Access Administrator', 'uai-worker', 'managed-identity', '${data.azurerm_subscription.current.id}', ScopeLevel.SUBSCRIPTION],
      ['module.ops[0].azurerm_role_assignment.this["reader"]', 'Reader', '99999999-0000-0000-0000-000000000000', 'unknown', `/subscriptions/${SUB}/resourceGroups/rg-ops-0`, ScopeLevel.RESOURCE_GROUP],
      ['module.ops[1].azurerm_role_assignment.this["reader"]', 'Reader', '99999999-0000-0000-0000-000000000001', 'unknown', `/subscriptions/${SUB}/resourceGroups/rg-ops-1`, ScopeLevel.RESOURCE_GROUP],
      ['module.platform.module.workload.module.grants.azurerm_role_assignment.this["key-vault-secrets-user"]', 'Key Vault Secrets User', 'uai-worker', 'managed-identity', rg, ScopeLevel.RESOURCE_GROUP],
      ['module.platform.module.workload.module.grants.azurerm_role_assignment.this["storage-blob-data-reader"]', 'Storage Blob Data Reader', 'uai-worker', 'managed-identity', rg, ScopeLevel.RESOURCE_GROUP],
      ['module.team["blue"].azurerm_role_assignment.this["members"]', 'Reader', '00000000-0000-0000-0000-000000000001', 'unknown', rg, ScopeLevel.RESOURCE_GROUP],
      ['module.team["green"].azurerm_role_assignment.this["members"]', 'Storage Blob Data Reader', '00000000-0000-0000-0000-000000000002', 'unknown', rg, ScopeLevel.RESOURCE_GROUP],
    ]);
    // One identity, declared in a module, named the same everywhere it is granted.
    expect(g.identities.map((i) => [i.origin.address, i.principal.key])).toEqual([
      ['module.platform.azurerm_user_assigned_identity.worker', 'test/fixtures/reader/modules/root#module.platform.azurerm_user_assigned_identity.worker.principal_id'],
    ]);
    expect(new Set(g.grants.filter((x) => x.principal.name === 'uai-worker').map((x) => x.principal.key)).size).toBe(1);
  });

  test('an attribute the call leaves out takes the default its optional() type gives, or null', async () => {
    const documents = await readInputs(['test/fixtures/reader/module-optional'], { env: {} });
    const g = AccessGraph.fromDocuments(documents.map((d) => ({ file: d.file, document: d.document })));
    expect(g.grants.map((x) => [x.origin.address, x.principal.kind, x.scope.value, x.scope.level, x.condition])).toEqual([
      ['module.access.azurerm_role_assignment.this["reader"]', 'human', `/subscriptions/${SUB}/resourceGroups/rg-app`, ScopeLevel.RESOURCE_GROUP, undefined],
    ]);
  });

  test('a module that cannot be read is AZA016, naming the call and its source', async () => {
    const g = await graphOf(['root']);
    const findings = evaluatePolicy(g, { today: '2026-12-01' }).findings.filter((f) => f.ruleId === RuleId.MODULE_NOT_READ);
    expect(findings.map((f) => [f.address, f.message])).toEqual([
      ['module.network', expect.stringMatching(/^module\.network \(source "\.\.\/modules\/network-not-here"\) was not read: .*network-not-here: no such file or directory/)],
      ['module.vault', expect.stringContaining('(source "Azure/avm-res-keyvault-vault/azurerm") was not read: it is not a local path and is not installed: run "terraform init"')],
    ]);
    // An error: a module not read may hold any access, and a gate must not pass it.
    expect(findings.every((f) => f.severity === 'error')).toBe(true);
  });

  test('a registry module installed by terraform init is read from modules.json, with its own nested module', async () => {
    const g = await graphOf(['installed']);
    expect(rows(g)).toEqual([
      ['module.vault.module.policy.azurerm_role_assignment.admins["00000000-0000-0000-0000-0000000000aa"]', 'Key Vault Administrator',
        '00000000-0000-0000-0000-0000000000aa', 'unknown', '${module.vault.azurerm_key_vault.this.id}', ScopeLevel.RESOURCE],
    ]);
    expect(g.grants[0].scope.name).toBe('kv-installed');
    expect(g.modulesNotRead).toEqual([]);
  });

  test('a Terraform JSON root calls a module the same way', async () => {
    const g = await graphOf(['json-root']);
    expect(rows(g)).toEqual([
      ['module.readers.azurerm_role_assignment.this["auditors"]', 'Reader', '00000000-0000-0000-0000-0000000000cc', 'unknown',
        `/subscriptions/${SUB}/resourceGroups/rg-audit`, ScopeLevel.RESOURCE_GROUP],
    ]);
  });

  test('a module that calls itself is not followed forever', async () => {
    const g = await graphOf(['cycle']);
    expect(g.modulesNotRead.map((m) => [m.origin.address, m.reason])).toEqual([['module.self', expect.stringContaining('it calls itself')]]);
  });

  test('a deep chain is read to its end; one deeper than the limit is named as too deep, never as a cycle', async () => {
    const chain = (depth: number) => {
      const root = mkdtempSync(path.join(tmpdir(), 'azure-access-chain-'));
      for (let i = 1; i <= depth; i++) {
        const dir = path.join(root, ...Array.from({ length: i }, (_, k) => `m${k + 1}`));
        mkdirSync(dir, { recursive: true });
        writeFileSync(path.join(dir, 'main.tf'), i < depth ? `module "m${i + 1}" {\n  source = "./m${i + 1}"\n}\n`
          : `resource "azurerm_role_assignment" "owner" {\n  scope = "/subscriptions/${SUB}"\n  role_definition_name = "Owner"\n  principal_id = "${'0'.repeat(8)}-0000-0000-0000-000000000001"\n}\n`);
      }
      writeFileSync(path.join(root, 'main.tf'), 'module "m1" {\n  source = "./m1"\n}\n');
      return root;
    };
    const read = async (root: string) => {
      const documents = await readInputs([root], { env: {} });
      return AccessGraph.fromDocuments(documents.map((d) => ({ file: d.file, document: d.document })));
    };
    const deep = await read(chain(34));
    expect(deep.grants.map((x) => [x.origin.address.split('.').length, x.role.name, x.scope.value])).toEqual([[34 * 2 + 2, 'Owner', `/subscriptions/${SUB}`]]);
    expect(deep.modulesNotRead).toEqual([]);
    const tooDeep = await read(chain(MAX_MODULE_DEPTH + 2));
    expect(tooDeep.grants).toEqual([]);
    expect(tooDeep.modulesNotRead.map((m) => m.reason)).toEqual([`module calls nest deeper than ${MAX_MODULE_DEPTH} levels here, and the review reads no deeper`]);
    expect(tooDeep.modulesNotRead[0].origin.address.split('.').length).toBe((MAX_MODULE_DEPTH + 1) * 2);
  });

  test('a module file that cannot be parsed stops the review, as a root file does', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'azure-access-broken-'));
    mkdirSync(path.join(root, 'broken'));
    writeFileSync(path.join(root, 'broken', 'main.tf'), 'resource "azurerm_role_assignment" "x" {\n  scope =\n');
    writeFileSync(path.join(root, 'main.tf'), 'module "broken" {\n  source = "./broken"\n}\n');
    const error = await readInputs([root], { env: {} }).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).message).toBe(`${path.join(root, 'broken', 'main.tf')}: line 2, column 10: Invalid expression; `
      + 'Expected the start of an expression, but found an invalid expression token.');
  });

  test('a suppression keyed by the former address of a module resource still applies, and names the new address', async () => {
    const address = 'module.ops[0].azurerm_role_assignment.this["reader"]';
    const g = await graphOf(['root'], new Map([['azurerm_role_assignment.module.ops[0].this["reader"]', [{ ruleId: RuleId.USER_STANDING_WRITE, reason: 'ops' }]]]));
    const grant = g.grants.find((x) => x.origin.address === address)!;
    expect(grant.scope.value).toBe(`/subscriptions/${SUB}/resourceGroups/rg-ops-0`);
    expect(grant.origin.suppressions).toEqual([{ ruleId: RuleId.USER_STANDING_WRITE, reason: `ops (keyed by the former address azurerm_role_assignment.module.ops[0].this["reader"]: write ${address})` }]);
  });
});

describe('an output of a module call that was not read', () => {
  // The shape of Azure-Samples/github-terraform-oidc-ci-cd's bootstrap: identities from a registry
  // module that is not installed, a federated credential per identity through a local map.
  const HCL = `
variable "environments" {
  default = { dev = "ci", prod = "cd" }
}
module "uami" {
  source   = "Azure/avm-res-managedidentity-userassignedidentity/azurerm"
  version  = "0.3.3"
  for_each = var.environments
  name     = "uami-\${each.key}"
}
locals {
  credentials = { for env, workflow in var.environments : env => {
    identity_id = module.uami[env].resource_id
    subject     = "repo:contoso/app:environment:\${env}"
  } }
}
resource "azurerm_federated_identity_credential" "github" {
  for_each  = local.credentials
  name      = "github-\${each.key}"
  parent_id = each.value.identity_id
  audience  = ["api://AzureADTokenExchange"]
  issuer    = "https://token.actions.githubusercontent.com"
  subject   = each.value.subject
}
`;

  test('is named by its instance, so each credential says which identity it belongs to, and the identities stay apart', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'unread-module-output-'));
    writeFileSync(path.join(dir, 'main.tf'), HCL);
    const documents = await readInputs([dir], { env: {} });
    const g = AccessGraph.fromDocuments(documents.map((d) => ({ file: d.file, document: d.document })));
    expect(g.credentials.map((c) => [c.origin.address, c.owner, c.subject])).toEqual([
      ['azurerm_federated_identity_credential.github["dev"]', '${module.uami["dev"].resource_id}', 'repo:contoso/app:environment:dev'],
      ['azurerm_federated_identity_credential.github["prod"]', '${module.uami["prod"].resource_id}', 'repo:contoso/app:environment:prod'],
    ]);
    // The module itself is named as not read, so the gate does not pass what it could not see.
    expect(g.modulesNotRead.map((m) => m.origin.address)).toEqual(['module.uami']);
  });

  test('the instances of one call not read are one AZA016, naming the others; a suppression of one instance covers it alone', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'unread-instances-'));
    mkdirSync(path.join(root, 'team'));
    writeFileSync(path.join(root, 'team', 'main.tf'), 'module "roles" {\n  source  = "Azure/avm-res-authorization-roleassignment/azurerm"\n  version = "0.3.0"\n}\n');
    writeFileSync(path.join(root, 'main.tf'), 'module "team" {\n  source   = "./team"\n  for_each = toset(["blue", "green", "red"])\n}\n');
    const findingsOf = async (suppressions?: SuppressionsByAddress) => {
      const documents = await readInputs([root], { env: {} });
      const g = AccessGraph.fromDocuments(documents.map((d) => ({ file: d.file, document: d.document })), suppressions);
      expect(g.modulesNotRead).toHaveLength(3);
      const evaluation = evaluatePolicy(g, { today: '2026-12-01' });
      return {
        findings: evaluation.findings.filter((f) => f.ruleId === RuleId.MODULE_NOT_READ).map((f) => [f.address, f.message.split(': it is not a local path')[0]]),
        suppressed: evaluation.suppressed.map((x) => x.finding.address),
      };
    };
    expect(await findingsOf()).toEqual({
      findings: [['module.team["blue"].module.roles', 'module.team["blue"].module.roles (source "Azure/avm-res-authorization-roleassignment/azurerm") was not read, '
        + 'nor 2 other instances of the same module call (module.team["green"].module.roles, module.team["red"].module.roles)']],
      suppressed: [],
    });
    const accepted = await findingsOf(new Map([['module.team["green"].module.roles', [{ ruleId: RuleId.MODULE_NOT_READ, reason: 'green holds no access' }]]]));
    expect(accepted.findings.map(([address]) => address)).toEqual(['module.team["blue"].module.roles']);
    expect(accepted.findings[0][1]).toContain('nor 1 other instance of the same module call (module.team["red"].module.roles)');
    expect(accepted.suppressed).toEqual(['module.team["green"].module.roles']);
  });
});
