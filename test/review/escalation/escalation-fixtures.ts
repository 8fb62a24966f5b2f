import { computeReach, ReachResult } from '../../../src/review/escalation/reach';
import { AccessGraph, GraphInput, SuppressionsByAddress } from '../../../src/review/graph/access-graph';
import { TerraformDocument } from '../../../src/review/terraform-json';
import { cdktfShape, hclJson } from '../../policy/rule-fixtures';

export const SHAPES = ['hcl2json', 'cdktf'] as const;
export type Shape = (typeof SHAPES)[number];

/** Resource groups, the user, and the vault in another group that the identity can read. */
export const BASE = `
resource "azurerm_resource_group" "app" {
  name     = "rg-app"
  location = "eastus"
}
resource "azurerm_resource_group" "other" {
  name     = "rg-other"
  location = "eastus"
}
resource "azurerm_resource_group" "payments" {
  name     = "rg-payments"
  location = "eastus"
}
resource "azuread_user" "alice" {
  user_principal_name = "alice@contoso.example"
  display_name        = "alice"
}
resource "azurerm_key_vault" "payments" {
  name                = "kv-payments"
  resource_group_name = azurerm_resource_group.payments.name
  location            = "eastus"
  tenant_id           = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee"
  sku_name            = "standard"
}
`;

/** uai-worker in a group, holding Key Vault Secrets Officer on kv-payments. */
export function workerIdentity(group: 'app' | 'other'): string {
  return `
resource "azurerm_user_assigned_identity" "worker" {
  name                = "uai-worker"
  resource_group_name = azurerm_resource_group.${group}.name
  location            = "eastus"
}
resource "azurerm_role_assignment" "worker_secrets" {
  scope                = azurerm_key_vault.payments.id
  role_definition_name = "Key Vault Secrets Officer"
  principal_id         = azurerm_user_assigned_identity.worker.principal_id
}
`;
}

const quoted = (values: readonly string[]) => `[${values.map((v) => JSON.stringify(v)).join(', ')}]`;

/** A custom role with exactly these operations, assigned to alice on rg-app. */
export function probeRole(actions: readonly string[], dataActions: readonly string[] = []): string {
  return `
resource "azurerm_role_definition" "probe" {
  name  = "probe"
  scope = azurerm_resource_group.app.id
  permissions {
    actions      = ${quoted(actions)}
    data_actions = ${quoted(dataActions)}
  }
}
resource "azurerm_role_assignment" "alice_probe" {
  scope              = azurerm_resource_group.app.id
  role_definition_id = azurerm_role_definition.probe.role_definition_resource_id
  principal_id       = azuread_user.alice.object_id
}
`;
}

/** The document in one of the two shapes the reader accepts. */
export async function documentOf(hcl: string, shape: Shape): Promise<TerraformDocument> {
  const json = await hclJson(hcl);
  return (shape === 'cdktf' ? cdktfShape(json) : json) as TerraformDocument;
}

export interface Reached {
  readonly graph: AccessGraph;
  readonly inputs: GraphInput[];
  readonly reach: ReachResult;
}

export async function reachOf(hcl: string, shape: Shape, suppressions?: SuppressionsByAddress): Promise<Reached> {
  const inputs = [{ file: 'main.tf', document: await documentOf(hcl, shape) }];
  const graph = AccessGraph.fromDocuments(inputs, suppressions);
  return { graph, inputs, reach: computeReach(graph) };
}

export const RULE_CONTEXT = { today: '2026-11-27', maxActivationHours: 8, allowedWideScopes: [] };
