import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { RuleId } from '../../../src/model/rule-id';
import { evaluate as evaluatePolicy } from '../../../src/policy/evaluate';
import { AccessGraph } from '../../../src/review/graph/access-graph';
import { delegationOf } from '../../../src/review/graph/delegation-condition';
import { describePrincipal } from '../../../src/review/graph/describe-principal';
import { readInputs } from '../../../src/review/reader/read-inputs';

const RG = '/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/rg-app';

async function graph() {
  const documents = await readInputs(['test/fixtures/reader/false-alarms'], { env: {} });
  return AccessGraph.fromDocuments(documents.map((d) => ({ file: d.file, document: d.document })));
}

const grantAt = (g: AccessGraph, address: string) => {
  const found = g.grants.filter((x) => x.origin.address === address);
  expect(found).toHaveLength(1);
  return found[0];
};

describe('fewer false alarms', () => {
  test('a constrained delegation to roles that cannot grant access is no longer a grant that can', async () => {
    const g = await graph();
    const admin = grantAt(g, 'azurerm_role_assignment.constrained_rbac_admin');
    expect([admin.role.canGrantAccess, admin.role.name, admin.scope.value]).toEqual([
      false, 'Role Based Access Control Administrator (may assign only Reader, Storage Blob Data Reader to ServicePrincipal)', RG,
    ]);
    const findings = evaluatePolicy(g, { today: '2026-12-01' }).findings;
    const standingAdmins = findings.filter((f) => f.ruleId === RuleId.STANDING_ACCESS_ADMIN).map((f) => f.address);
    // Still found: a delegation that includes Owner, and one whose write branch has an alternative.
    expect(standingAdmins).toEqual(['azurerm_role_assignment.delegates_owner', 'azurerm_role_assignment.or_alternative']);
    expect(grantAt(g, 'azurerm_role_assignment.delegates_owner').scope.value).toBe(RG);
    expect(grantAt(g, 'azurerm_role_assignment.or_alternative').scope.value).toBe(RG);
  });

  test('a delegation whose roles come from data.azurerm_role_definition (the azurerm docs\' ABAC example) reads them as Terraform does', async () => {
    const condition = (role: string) => "((!(ActionMatches{'Microsoft.Authorization/roleAssignments/write'})) OR "
      + `(@Request[Microsoft.Authorization/roleAssignments:RoleDefinitionId] ForAnyOfAnyValues:GuidEquals {\${${role}}}))`;
    const hcl = `
data "azurerm_role_definition" "reader" {
  name = "Reader"
}
data "azurerm_role_definition" "owner" {
  name = "Owner"
}
variable "role" {}
${[['basename_id', 'basename(data.azurerm_role_definition.reader.id)'], ['guid', 'data.azurerm_role_definition.reader.role_definition_id'],
  ['owner', 'basename(data.azurerm_role_definition.owner.role_definition_id)'], ['unknown', 'basename(var.role)']].map(([name, role]) => `
resource "azurerm_role_assignment" "${name}" {
  scope                = "${RG}"
  role_definition_name = "Role Based Access Control Administrator"
  principal_id         = "aaaaaaaa-1111-2222-3333-444444444444"
  principal_type       = "ServicePrincipal"
  condition_version    = "2.0"
  condition            = "${condition(role).replace(/"/g, '\\"')}"
}`).join('')}
`;
    const dir = mkdtempSync(path.join(tmpdir(), 'abac-data-'));
    writeFileSync(path.join(dir, 'main.tf'), hcl);
    const documents = await readInputs([dir], { env: {} });
    const g = AccessGraph.fromDocuments(documents.map((d) => ({ file: d.file, document: d.document })));
    expect(g.grants.map((x) => [x.origin.address, x.role.name, x.role.canGrantAccess, x.scope.value])).toEqual([
      ['azurerm_role_assignment.basename_id', 'Role Based Access Control Administrator (may assign only Reader)', false, RG],
      ['azurerm_role_assignment.guid', 'Role Based Access Control Administrator (may assign only Reader)', false, RG],
      // Owner can grant access, and a role known only at apply may be any role: both stay the role that can.
      ['azurerm_role_assignment.owner', 'Role Based Access Control Administrator', true, RG],
      ['azurerm_role_assignment.unknown', 'Role Based Access Control Administrator', true, RG],
    ]);
    expect(evaluatePolicy(g, { today: '2026-12-01' }).findings.filter((f) => f.ruleId === RuleId.STANDING_ACCESS_ADMIN || f.ruleId === RuleId.WORKLOAD_CAN_GRANT_ACCESS)
      .map((f) => f.address)).toEqual(['azurerm_role_assignment.owner', 'azurerm_role_assignment.unknown']);
  });

  test('the condition is read only in the shape the portal writes', () => {
    const write = "(!(ActionMatches{'Microsoft.Authorization/roleAssignments/write'})) OR ";
    expect(delegationOf(`(${write}(@Request[Microsoft.Authorization/roleAssignments:RoleDefinitionId] ForAnyOfAnyValues:GuidEquals {ACDD72A7-3385-48EF-BD42-F606FBA81AE7}))`))
      .toEqual({ roleGuids: ['acdd72a7-3385-48ef-bd42-f606fba81ae7'] });
    expect(delegationOf(`(${write}(@Request[Microsoft.Authorization/roleAssignments:RoleDefinitionId] ForAnyOfAnyValues:GuidEquals {\${var.role}}))`)).toBeUndefined();
    expect(delegationOf("@Resource[Microsoft.Storage/storageAccounts/blobServices/containers:name] StringEquals 'logs'")).toBeUndefined();
    expect(delegationOf(undefined)).toBeUndefined();
  });

  test('role names and IDs given through variables with known values resolve', async () => {
    const g = await graph();
    const byName = grantAt(g, 'azurerm_role_assignment.by_variable_name');
    expect([byName.role.name, byName.role.known, byName.scope.value]).toEqual(['Reader', true, RG]);
    const byId = grantAt(g, 'azurerm_role_assignment.by_variable_id');
    expect([byId.role.name, byId.role.known, byId.scope.value]).toEqual(['Contributor', true, RG]);
  });

  test('AKS kubelet and add-on identities are managed identities', async () => {
    const g = await graph();
    const rows = ['by_variable_name', 'by_variable_id', 'secrets_provider'].map((n) => grantAt(g, `azurerm_role_assignment.${n}`))
      .map((x) => [x.principal.name, x.principal.kind, x.scope.value]);
    expect(rows).toEqual([
      ['aks-app (kubelet_identity)', 'managed-identity', RG],
      ['aks-app (oms_agent)', 'managed-identity', RG],
      ['aks-app (key_vault_secrets_provider)', 'managed-identity', RG],
    ]);
  });

  test('a principal that is only a module input is worded as one', async () => {
    const g = await graph();
    const grant = grantAt(g, 'module.grant.azurerm_role_assignment.this');
    expect([describePrincipal(grant.principal), grant.principal.kind, grant.scope.value]).toEqual(['unknown principal (module input var.principal_id)', 'unknown', RG]);
  });
});
