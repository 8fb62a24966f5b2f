import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { RuleId } from '../../../src/model/rule-id';
import { ScopeLevel } from '../../../src/model/scope-level';
import { evaluate as evaluatePolicy } from '../../../src/policy/evaluate';
import { AccessGraph } from '../../../src/review/graph/access-graph';
import { readInputs } from '../../../src/review/reader/read-inputs';
import { evaluate } from '../../../src/review/reader/values/evaluate-expression';
import { parseExpression } from '../../../src/review/reader/values/expression-parser';
import { Reference, Unknown, Value } from '../../../src/review/reader/values/value';
import { buildReport } from '../../../src/review/report/access-report';
import { renderReportMarkdown } from '../../../src/review/report/render-report';

/** What Terraform knows at plan time, the review knows too; what it does not, the review does not pretend to. */
const DIR = 'test/fixtures/reader/plan-time';
const SUB = '11111111-2222-3333-4444-555555555555';
const RG_APP = `/subscriptions/${SUB}/resourceGroups/rg-app`;

async function graphOf(fixture: string, options: Parameters<typeof readInputs>[1] = {}) {
  const documents = await readInputs([`${DIR}/${fixture}`], { env: {}, ...options });
  return AccessGraph.fromDocuments(documents.map((d) => ({ file: d.file, document: d.document })));
}

const value = (text: string, names: Record<string, Value> = {}, variables: Record<string, Value> = {}) => evaluate(parseExpression(text), {
  variable: (name) => (Object.hasOwn(variables, name) ? variables[name] : undefined),
  local: (name) => new Unknown(`local.${name}`),
  names: new Map(Object.entries(names)),
  modulePrefix: '',
});

describe('unknown propagates as in Terraform', () => {
  test('for_each = try(var.assignments, {}) with the variable not given: one row repeated an unknown number of times, not none', async () => {
    const g = await graphOf('try-unknown');
    const rows = g.grants.filter((x) => x.origin.address.startsWith('azurerm_role_assignment.from_variable'));
    expect(rows.map((x) => [x.origin.address, x.origin.repeated, x.role.known, x.principal.kind, x.scope.value, x.scope.level])).toEqual([
      ['azurerm_role_assignment.from_variable', 'for_each = try(var.assignments, {})', false, 'unknown', RG_APP, ScopeLevel.RESOURCE_GROUP],
    ]);
    // The widest: an unknown role counts as one that can grant access (AZA002, standing access administration).
    const findings = evaluatePolicy(g, { today: '2026-12-01' }).findings.filter((f) => f.address === 'azurerm_role_assignment.from_variable');
    expect(findings.map((f) => f.ruleId)).toContain(RuleId.STANDING_ACCESS_ADMIN);
  });

  test('try() of an attribute a known object lacks takes its fallback', async () => {
    const g = await graphOf('try-unknown');
    const known = g.grants.filter((x) => x.origin.address.startsWith('azurerm_role_assignment.from_known'));
    expect(known.map((x) => [x.origin.address, x.role.name, x.principal.key, x.scope.value])).toEqual([
      ['azurerm_role_assignment.from_known["reader"]', 'Reader', '00000000-0000-0000-0000-000000000001', RG_APP],
    ]);
  });

  test('a dynamic block guarded by try() stays a block, and try(unknown.attr, null) as permissions is the whole vault, not none', async () => {
    const g = await graphOf('try-unknown');
    const vault = g.grants.filter((x) => x.origin.address.startsWith('azurerm_key_vault'));
    expect(vault.map((x) => [x.origin.address, x.role.name, x.principal.name, x.scope.value, x.scope.level])).toEqual([
      ['azurerm_key_vault_access_policy.ops', 'Key Vault access policy on kv-app (secret: unknown)', '00000000-0000-0000-0000-000000000002',
        '${azurerm_key_vault.kv.id}', ScopeLevel.RESOURCE],
      ['azurerm_key_vault.kv', 'Key Vault access policy on kv-app (secret: unknown)', '${access_policy.value.object_id}', '${azurerm_key_vault.kv.id}', ScopeLevel.RESOURCE],
    ]);
    expect(vault.map((x) => x.role.role?.permissions[0].dataActions)).toEqual([['Microsoft.KeyVault/vaults/*'], ['Microsoft.KeyVault/vaults/*']]);
  });

  test.each<[string, Value]>([
    // can() of an unknown is unknown; of a failure, false; of a known value, true.
    ['can(var.not_given.attr)', new Unknown('can(...)')],
    ['can({ a = 1 }.b)', false],
    ['can({ a = 1 }.a)', true],
    // A conditional on an unknown condition is unknown, whatever its branches.
    ['var.not_given ? "Owner" : "Owner"', new Unknown('the condition of var.not_given ? ...')],
    // Comparisons: unknown with an unknown, false where types differ, known between known values.
    ['var.not_given == null', new Unknown('var.not_given')],
    ['1 == "1"', false],
    ['null == null', true],
    ['"a" != "b"', true],
    // A known side that settles && or || settles it.
    ['false && var.not_given', false],
    ['var.not_given || true', true],
    ['var.not_given && true', new Unknown('var.not_given')],
    // Functions of an unknown are unknown; of a list of unknowns, what does not depend on them is known.
    ['upper(var.not_given)', new Unknown('upper(var.not_given)')],
    ['length([var.not_given, azurerm_storage_account.a.id])', 2],
    ['try(var.not_given, {})', new Unknown('try(...)')],
    ['try(azurerm_storage_account.a.id, null)', new Reference('azurerm_storage_account.a.id')],
  ])('%s', (text, expected) => {
    expect(value(text, {}, { not_given: new Unknown('var.not_given') })).toEqual(expected);
  });

  test('what Terraform refuses is unknown with the reason, and try() takes its fallback', () => {
    const refused = value('[1, 2][5]') as Unknown;
    expect(refused).toBeInstanceOf(Unknown);
    expect(refused.notEvaluated).toBe('Terraform would fail to evaluate it: [...][5]: index 5 is out of range (the list has 2 element(s))');
    expect(value('try([1, 2][5], "fallback")')).toBe('fallback');
    expect(value('try(null.a, lookup({}, "x"), "last")')).toBe('last');
  });
});

describe('null is a value', () => {
  test('default = null gives no instance of count = var.x != null ? 1 : 0; tfvars x = null likewise; nullable = false takes the default', async () => {
    const g = await graphOf('null-values');
    expect(g.grants.map((x) => [x.origin.address, x.principal.key, x.scope.value])).toEqual([
      ['azurerm_role_assignment.extra["reader"]', '00000000-0000-0000-0000-000000000005', `${RG_APP}-app`],
      ['azurerm_role_assignment.kept', '00000000-0000-0000-0000-000000000004', `/subscriptions/${SUB}/resourceGroups/rg-kept`],
    ]);
    expect(g.grants.some((x) => x.origin.repeated !== undefined)).toBe(false);
  });

  test('--var x=null is null for a map, and the text "null" for a string, as Terraform reads -var', async () => {
    const g = await graphOf('null-values', { variables: [{ kind: 'var', text: 'extra_roles=null' }] });
    expect(g.grants.filter((x) => x.origin.address.startsWith('azurerm_role_assignment.extra'))).toEqual([]);
    expect(g.grants.map((x) => x.origin.address)).toEqual(['azurerm_role_assignment.kept']);
    const named = await graphOf('null-values', { variables: [{ kind: 'var', text: 'label=null' }] });
    expect(named.grants.filter((x) => x.origin.address.startsWith('azurerm_role_assignment.extra')).map((x) => x.scope.value)).toEqual([`${RG_APP}-null`]);
  });
});

describe("Terraform's functions, as module repositories use them", () => {
  test('the AVM role idiom (strcontains(lower(...))), regexall in a count, templatestring and %{if} directives in names', async () => {
    const g = await graphOf('functions');
    expect(g.grants.map((x) => [x.origin.address, x.role.name, x.role.known, x.principal.name, x.principal.kind])).toEqual([
      ['azurerm_role_assignment.api', 'Storage Blob Data Reader', true, 'uai-payments-prod-eu', 'managed-identity'],
      ['azurerm_role_assignment.production_only[0]', 'Key Vault Secrets User', true, 'uai-worker-prod', 'managed-identity'],
      // ba92f5b4-... is Storage Blob Data Contributor's role definition ID.
      ['azurerm_role_assignment.this["by_id"]', 'Storage Blob Data Contributor', true, '00000000-0000-0000-0000-000000000002', 'unknown'],
      ['azurerm_role_assignment.this["by_name"]', 'Reader', true, '00000000-0000-0000-0000-000000000001', 'unknown'],
    ]);
    // Both roles read: no "unknown role" counted as one that can grant access (AZA003) or holds "*" (AZA004).
    const findings = evaluatePolicy(g, { today: '2026-12-01' }).findings;
    expect(findings.filter((f) => f.ruleId === RuleId.WORKLOAD_CAN_GRANT_ACCESS || f.ruleId === RuleId.WORKLOAD_WILDCARD)).toEqual([]);
    expect(findings.length).toBeGreaterThan(0);
  });

  test('a template directive is evaluated, and an unknown condition leaves it unknown', () => {
    expect(value('"a%{ for x in ["b", "c"] }-${x}%{ endfor }"')).toBe('a-b-c');
    expect(value('"%{ if true ~}  yes  %{~ else }no%{ endif }"')).toBe('yes');
    expect(value('"%{ if var.not_given }x%{ endif }"', {}, { not_given: new Unknown('var.not_given') })).toBeInstanceOf(Unknown);
  });
});

describe('known collections stay known', () => {
  test('count = length(local.ids) over two references, scope = local.ids[count.index]: two instances, each at its own account', async () => {
    const g = await graphOf('known-lists');
    expect(g.grants.map((x) => [x.origin.address, x.origin.repeated, x.scope.value, x.scope.level])).toEqual([
      ['azurerm_role_assignment.blob[0]', undefined, '${azurerm_storage_account.a.id}', ScopeLevel.RESOURCE],
      ['azurerm_role_assignment.blob[1]', undefined, '${azurerm_storage_account.b.id}', ScopeLevel.RESOURCE],
      ['azurerm_role_assignment.queue["0"]', undefined, '${azurerm_storage_account.a.id}', ScopeLevel.RESOURCE],
      ['azurerm_role_assignment.queue["1"]', undefined, '${azurerm_storage_account.b.id}', ScopeLevel.RESOURCE],
    ]);
    expect(evaluatePolicy(g, { today: '2026-12-01' }).findings.filter((f) => f.ruleId === RuleId.WIDE_SCOPE)).toEqual([]);
  });
});

describe('a resource or data source named whole is its instances, as the plan knows them', () => {
  const IDENTITIES = `
resource "azurerm_user_assigned_identity" "id" {
  for_each            = toset(["a", "b"])
  name                = "id-\${each.key}"
  resource_group_name = "rg-app"
  location            = "eastus"
}
`;
  async function graphOfHcl(hcl: string) {
    const dir = mkdtempSync(path.join(tmpdir(), 'whole-block-'));
    writeFileSync(path.join(dir, 'main.tf'), hcl);
    const documents = await readInputs([dir], { env: {} });
    rmSync(dir, { recursive: true, force: true });
    return AccessGraph.fromDocuments(documents.map((d) => ({ file: 'main.tf', document: d.document })));
  }
  const grantRows = (g: AccessGraph) =>
    g.grants.map((x) => [x.origin.address, x.origin.repeated, x.role.name, x.principal.name, x.principal.kind, x.scope.value]);

  test('for_each = azurerm_user_assigned_identity.id, and a for over it: one grant per identity, each a managed identity, none a person', async () => {
    const g = await graphOfHcl(`${IDENTITIES}
locals {
  principals = { for k, v in azurerm_user_assigned_identity.id : k => v.principal_id }
}
resource "azurerm_role_assignment" "chained" {
  for_each             = azurerm_user_assigned_identity.id
  scope                = "${RG_APP}"
  role_definition_name = "Owner"
  principal_id         = each.value.principal_id
}
resource "azurerm_role_assignment" "through_for" {
  for_each             = local.principals
  scope                = "${RG_APP}"
  role_definition_name = "Reader"
  principal_id         = each.value
}
`);
    expect(grantRows(g)).toEqual([
      ['azurerm_role_assignment.chained["a"]', undefined, 'Owner', 'id-a', 'managed-identity', RG_APP],
      ['azurerm_role_assignment.chained["b"]', undefined, 'Owner', 'id-b', 'managed-identity', RG_APP],
      ['azurerm_role_assignment.through_for["a"]', undefined, 'Reader', 'id-a', 'managed-identity', RG_APP],
      ['azurerm_role_assignment.through_for["b"]', undefined, 'Reader', 'id-b', 'managed-identity', RG_APP],
    ]);
    const rules = new Set(evaluatePolicy(g, { today: '2026-12-01' }).findings.map((f) => f.ruleId));
    // Owner for workloads is judged as theirs (AZA003); no person holds it (AZA002), and no identity is without a grant.
    expect(rules).toContain(RuleId.WORKLOAD_CAN_GRANT_ACCESS);
    expect(rules).not.toContain(RuleId.STANDING_ACCESS_ADMIN);
    expect(g.identities.map((i) => i.name)).toEqual(['id-a', 'id-b']);
  });

  test('the users of a data source with for_each, through a for and a local map: each grant its own user, so none repeats another (AZA009)', async () => {
    const g = await graphOfHcl(`
variable "users" {
  default = { alice = "alice@contoso.com", bob = "bob@contoso.com" }
}
data "azuread_user" "u" {
  for_each            = var.users
  user_principal_name = each.value
}
locals {
  ids = { for k, v in data.azuread_user.u : k => v.object_id }
}
resource "azurerm_role_assignment" "r" {
  for_each             = { for k in keys(var.users) : k => { principal_id = local.ids[k] } }
  scope                = "${RG_APP}"
  role_definition_name = "Reader"
  principal_id         = each.value.principal_id
}
`);
    expect(grantRows(g)).toEqual([
      ['azurerm_role_assignment.r["alice"]', undefined, 'Reader', 'alice@contoso.com', 'human', RG_APP],
      ['azurerm_role_assignment.r["bob"]', undefined, 'Reader', 'bob@contoso.com', 'human', RG_APP],
    ]);
    expect(evaluatePolicy(g, { today: '2026-12-01' }).findings.filter((f) => f.ruleId === RuleId.DUPLICATE_ASSIGNMENT)).toEqual([]);
  });

  test('a principal each instance knows only at apply is written alike in every instance, and is no duplicate (AZA009)', async () => {
    const g = await graphOfHcl(`
variable "principal_ids" {}
resource "azurerm_role_assignment" "r" {
  for_each             = toset(["alice", "bob"])
  scope                = "${RG_APP}"
  role_definition_name = "Reader"
  principal_id         = var.principal_ids[each.key]
}
resource "azurerm_role_assignment" "same" {
  count                = 2
  scope                = "${RG_APP}"
  role_definition_name = "Reader"
  principal_id         = var.principal_ids["carol"]
}
`);
    expect(grantRows(g)).toEqual([
      ['azurerm_role_assignment.r["alice"]', undefined, 'Reader', '${var.principal_ids[each.key]}', 'unknown', RG_APP],
      ['azurerm_role_assignment.r["bob"]', undefined, 'Reader', '${var.principal_ids[each.key]}', 'unknown', RG_APP],
      ['azurerm_role_assignment.same[0]', undefined, 'Reader', '${var.principal_ids["carol"]}', 'unknown', RG_APP],
      ['azurerm_role_assignment.same[1]', undefined, 'Reader', '${var.principal_ids["carol"]}', 'unknown', RG_APP],
    ]);
    // The same unknown value in two instances is the same principal: that one is a duplicate.
    expect(evaluatePolicy(g, { today: '2026-12-01' }).findings.filter((f) => f.ruleId === RuleId.DUPLICATE_ASSIGNMENT).map((f) => f.address))
      .toEqual(['azurerm_role_assignment.same[1]']);
  });

  test('an instance of a block repeated an unknown number of times, picked by a key known only at apply, is that block: its custom role is read', async () => {
    const g = await graphOfHcl(`
variable "mg_ids" {
  type = list(string)
}
resource "azurerm_user_assigned_identity" "app" {
  name                = "uai-app"
  resource_group_name = "rg-app"
  location            = "eastus"
}
resource "azurerm_role_definition" "web_reader" {
  for_each          = toset(var.mg_ids)
  name              = "web-reader-\${each.key}"
  scope             = "/providers/Microsoft.Management/managementGroups/\${each.key}"
  assignable_scopes = ["/providers/Microsoft.Management/managementGroups/\${each.key}"]
  permissions {
    actions = ["Microsoft.Web/sites/read"]
  }
}
resource "azurerm_role_assignment" "a" {
  for_each           = toset(var.mg_ids)
  scope              = "/providers/Microsoft.Management/managementGroups/\${each.key}"
  role_definition_id = azurerm_role_definition.web_reader[each.key].role_definition_resource_id
  principal_id       = azurerm_user_assigned_identity.app.principal_id
}
`);
    const rows = g.grants.map((x) => [x.origin.address, x.origin.repeated, x.role.known, x.role.role?.permissions[0].actions, x.principal.name]);
    expect(rows).toEqual([['azurerm_role_assignment.a', 'for_each = toset(var.mg_ids)', true, ['Microsoft.Web/sites/read'], 'uai-app']]);
    expect(g.grants.map((x) => [x.scope.value, x.scope.level])).toEqual([['/providers/Microsoft.Management/managementGroups/${each.key}', ScopeLevel.MANAGEMENT_GROUP]]);
    const rules = evaluatePolicy(g, { today: '2026-12-01' }).findings.map((f) => f.ruleId);
    // The scope is wide (a management group), and that is all: the role reads web apps, it grants nothing.
    expect(rules).toContain(RuleId.WIDE_SCOPE);
    expect(rules).not.toContain(RuleId.WORKLOAD_CAN_GRANT_ACCESS);
    expect(rules).not.toContain(RuleId.WORKLOAD_WILDCARD);
  });

  test('a role looked up by name in the role definitions a data source lists, the name as default (the AVM interfaces module), is that role', async () => {
    const g = await graphOfHcl(`
variable "role_assignments" {
  default = {
    reader = { role = "Storage Blob Data Reader", principal_id = "00000000-0000-0000-0000-000000000001" }
    owner  = { role = "Owner", principal_id = "00000000-0000-0000-0000-000000000002" }
    by_id  = { role = "/providers/Microsoft.Authorization/roleDefinitions/acdd72a7-3385-48ef-bd42-f606fba81ae7", principal_id = "00000000-0000-0000-0000-000000000003" }
    custom = { role = "Our Deployer", principal_id = "00000000-0000-0000-0000-000000000004" }
  }
}
data "azapi_resource_list" "role_definitions" {
  parent_id              = "${RG_APP}"
  type                   = "Microsoft.Authorization/roleDefinitions@2022-04-01"
  response_export_values = { results = "value[].{id: id, role_name: properties.roleName}" }
}
locals {
  by_name = { for r in data.azapi_resource_list.role_definitions.output.results : r.role_name => r.id }
}
resource "azapi_resource" "assignment" {
  for_each  = var.role_assignments
  type      = "Microsoft.Authorization/roleAssignments@2022-04-01"
  name      = each.key
  parent_id = "${RG_APP}"
  body = {
    properties = {
      principalId      = each.value.principal_id
      roleDefinitionId = lookup(local.by_name, each.value.role, each.value.role)
    }
  }
}
`);
    expect(g.grants.map((x) => [x.origin.address, x.role.name, x.role.known, x.scope.value])).toEqual([
      ['azapi_resource.assignment["by_id"]', 'Reader', true, RG_APP],
      // A custom role's name says nothing of what it may do: unknown, the widest.
      ['azapi_resource.assignment["custom"]', expect.stringMatching(/^unknown role \(.*"Our Deployer", "Our Deployer"\)\}\)$/), false, RG_APP],
      ['azapi_resource.assignment["owner"]', 'Owner', true, RG_APP],
      ['azapi_resource.assignment["reader"]', 'Storage Blob Data Reader', true, RG_APP],
    ]);
  });

  test('count: length() of a counted resource is known, and its splat lists each instance', async () => {
    const g = await graphOfHcl(`
resource "azurerm_storage_account" "sa" {
  count                    = 2
  name                     = "stapp\${count.index}"
  resource_group_name      = "rg-app"
  location                 = "eastus"
  account_tier             = "Standard"
  account_replication_type = "LRS"
}
resource "azurerm_role_assignment" "blob" {
  count                = length(azurerm_storage_account.sa)
  scope                = azurerm_storage_account.sa[*].id[count.index]
  role_definition_name = "Storage Blob Data Reader"
  principal_id         = "00000000-0000-0000-0000-000000000001"
}
`);
    expect(g.grants.map((x) => [x.origin.address, x.origin.repeated, x.scope.value, x.scope.level])).toEqual([
      ['azurerm_role_assignment.blob[0]', undefined, '${azurerm_storage_account.sa[0].id}', ScopeLevel.RESOURCE],
      ['azurerm_role_assignment.blob[1]', undefined, '${azurerm_storage_account.sa[1].id}', ScopeLevel.RESOURCE],
    ]);
  });

  test('what Terraform cannot know stays unknown: for_each over a resource whose own for_each is a variable not given, or over itself', async () => {
    const g = await graphOfHcl(`
variable "names" {}
resource "azurerm_user_assigned_identity" "later" {
  for_each            = var.names
  name                = each.value
  resource_group_name = "rg-app"
  location            = "eastus"
}
resource "azurerm_role_assignment" "r" {
  for_each             = azurerm_user_assigned_identity.later
  scope                = "${RG_APP}"
  role_definition_name = "Reader"
  principal_id         = each.value.principal_id
}
resource "azurerm_role_assignment" "self" {
  for_each             = azurerm_role_assignment.self
  scope                = "${RG_APP}"
  role_definition_name = "Reader"
  principal_id         = "00000000-0000-0000-0000-000000000001"
}
`);
    expect(grantRows(g)).toEqual([
      ['azurerm_role_assignment.r', 'for_each = azurerm_user_assigned_identity.later', 'Reader', '${each.value.principal_id}', 'unknown', RG_APP],
      ['azurerm_role_assignment.self', 'for_each = azurerm_role_assignment.self', 'Reader', '00000000-0000-0000-0000-000000000001', 'unknown', RG_APP],
    ]);
  });
});

describe('an instance set known to be empty gives no instance', () => {
  test('a registry module called with for_each over an empty map, and a resource with for_each = module.iface: no grant, no module not read', async () => {
    const g = await graphOf('empty-instances');
    expect(g.grants).toEqual([]);
    expect(g.modulesNotRead).toEqual([]);
    expect(evaluatePolicy(g, { today: '2026-12-01' }).findings).toEqual([]);
  });

  test('with a workload given, the same calls are modules not read, and the resource is repeated an unknown number of times', async () => {
    const g = await graphOf('empty-instances', { variables: [{ kind: 'var', text: 'workloads={ api = { principal_id = "00000000-0000-0000-0000-000000000009" } }' }] });
    expect(g.modulesNotRead.map((m) => m.origin.address)).toEqual(['module.iface', 'module.role_assignments']);
    expect(g.grants.map((x) => [x.origin.address, x.origin.repeated])).toEqual([['azurerm_role_assignment.per_iface', 'for_each = module.iface']]);
  });
});

describe('values the review does not evaluate are named under "Not reviewed"', () => {
  test('a file() in a scope and a uuid() name: which function, where; the scope keeps its known shape', async () => {
    const g = await graphOf('not-evaluated');
    expect(g.valuesNotEvaluated.map((v) => [v.origin.address, v.reason])).toEqual([
      ['azurerm_role_assignment.from_file', 'scope: file() reads files, which this review does not'],
      ['azurerm_role_assignment.random_name', 'name: uuid() has a value only when Terraform applies'],
    ]);
    const fromFile = g.grants.find((x) => x.origin.address === 'azurerm_role_assignment.from_file')!;
    expect([fromFile.scope.value, fromFile.scope.level]).toEqual([`/subscriptions/${SUB}/resourceGroups/\${trimspace(...)}`, ScopeLevel.RESOURCE_GROUP]);
    const markdown = renderReportMarkdown(buildReport(g));
    const notReviewed = markdown.slice(markdown.indexOf('### Not reviewed'), markdown.indexOf('### Credentials'));
    expect(notReviewed).toContain('2 value(s) of access resources were not evaluated');
    expect(notReviewed).toContain('| scope: file() reads files, which this review does not | `azurerm_role_assignment.from_file` |');
    expect(notReviewed).toContain('| name: uuid() has a value only when Terraform applies | `azurerm_role_assignment.random_name` |');
  });
});
