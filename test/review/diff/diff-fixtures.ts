import { AccessDiff } from '../../../src/review/diff/access-change';
import { diffGraphs } from '../../../src/review/diff/diff-graphs';
import { AccessGraph } from '../../../src/review/graph/access-graph';
import { TerraformDocument } from '../../../src/review/terraform-json';
import { cdktfShape, hclJson } from '../../policy/rule-fixtures';

export const SUB = '11111111-2222-3333-4444-555555555555';
export const GROUP = 'cccccccc-1111-2222-3333-dddddddddddd';
export const OWNER = '8e3af657-a8ff-443c-a75c-2fe8c4bcb635';
export const RG_ID = `/subscriptions/${SUB}/resourceGroups/rg-app`;

/** The resources grants refer to: a resource group, a vault in it, and a user-assigned identity. */
export const RESOURCES = `
resource "azurerm_resource_group" "rg" {
  name     = "rg-app"
  location = "eastus"
}
resource "azurerm_key_vault" "kv" {
  name                = "kv-app"
  location            = "eastus"
  resource_group_name = azurerm_resource_group.rg.name
  tenant_id           = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee"
  sku_name            = "standard"
}
resource "azurerm_user_assigned_identity" "api" {
  name                = "uai-api"
  resource_group_name = "rg-identities"
  location            = "eastus"
}
`;

/** A standing grant to the identity (or another principal expression). */
export function grant(name: string, role: string, scope: string, principal = 'azurerm_user_assigned_identity.api.principal_id'): string {
  return `resource "azurerm_role_assignment" "${name}" {\n  scope = ${scope}\n  role_definition_name = "${role}"\n  principal_id = ${principal}\n}\n`;
}

/** An eligibility for a literal group at a literal scope. */
export function eligibility(name: string, role: string, scope = `"${RG_ID}"`, principal = `"${GROUP}"`): string {
  return `resource "azurerm_pim_eligible_role_assignment" "${name}" {\n  scope = ${scope}\n  role_definition_id = "/subscriptions/${SUB}/providers/Microsoft.Authorization/roleDefinitions/${role}"\n`
    + `  principal_id = ${principal}\n  schedule {\n    expiration {\n      duration_days = 180\n    }\n  }\n}\n`;
}

export function standingGroup(name: string, role: string, scope = `"${RG_ID}"`): string {
  return `resource "azurerm_role_assignment" "${name}" {\n  scope = ${scope}\n  role_definition_id = "/subscriptions/${SUB}/providers/Microsoft.Authorization/roleDefinitions/${role}"\n`
    + `  principal_id = "${GROUP}"\n  principal_type = "Group"\n}\n`;
}

export function activationPolicy(name: string, maximum: string, role = OWNER): string {
  return `resource "azurerm_role_management_policy" "${name}" {\n  scope = "${RG_ID}"\n`
    + `  role_definition_id = "/subscriptions/${SUB}/providers/Microsoft.Authorization/roleDefinitions/${role}"\n`
    + `  activation_rules {\n    maximum_duration = "${maximum}"\n    require_approval = false\n  }\n}\n`;
}

export function graphOf(document: TerraformDocument, file = 'main.tf'): AccessGraph {
  return AccessGraph.fromDocuments([{ file, document }]);
}

/**
 * The diff of two HCL configurations, read as hcl2json writes them and in cdktf's shape; fails
 * when the shapes disagree. The files differ, as they do when base and head are two checkouts.
 */
export async function diffHcl(base: string, head: string): Promise<AccessDiff> {
  const [baseJson, headJson] = [await hclJson(base), await hclJson(head)];
  const fromHcl = diffGraphs(graphOf(baseJson, 'base/main.tf'), graphOf(headJson, 'head/main.tf'));
  const fromCdktf = diffGraphs(
    graphOf(cdktfShape(baseJson) as TerraformDocument, 'base/cdk.tf.json'),
    graphOf(cdktfShape(headJson) as TerraformDocument, 'head/cdk.tf.json'),
  );
  expect(fromCdktf).toEqual(fromHcl);
  return fromHcl;
}
