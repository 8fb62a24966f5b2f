import * as fs from 'fs';
import * as path from 'path';
import { LiveExports } from '../../../src/review/audit/live-types';
import { parseApplications } from '../../../src/review/audit/parse-applications';
import { parseEligibilitySchedules } from '../../../src/review/audit/parse-eligibility-schedules';
import { parseManagedIdentities } from '../../../src/review/audit/parse-managed-identities';
import { parseRoleAssignmentList } from '../../../src/review/audit/parse-role-assignments';
import { AccessGraph } from '../../../src/review/graph/access-graph';
import { InputError } from '../../../src/review/reader/input-error';
import { hclJson } from '../../policy/rule-fixtures';

export const TODAY = '2026-06-01';
export const SUB = '11111111-2222-3333-4444-555555555555';
export const RG = `/subscriptions/${SUB}/resourceGroups/rg-contoso-app`;

/** A fixture's text; tests name it by its file name only, so no message holds this machine's paths. */
export function fixtureText(name: string): string {
  return fs.readFileSync(path.join(__dirname, '..', '..', 'fixtures', 'audit', name), 'utf8');
}

/** Every sample export, read by its parser under its own file name. */
export function sampleExports(assignments = 'az-role-assignment-list.json'): Required<Pick<LiveExports, 'assignments' | 'eligibilities' | 'applications' | 'managedIdentities'>> {
  return {
    assignments: parseRoleAssignmentList(assignments, fixtureText(assignments)),
    eligibilities: parseEligibilitySchedules('arm-role-eligibility-schedules-list.json', fixtureText('arm-role-eligibility-schedules-list.json')),
    applications: parseApplications('graph-applications-credentials.json', fixtureText('graph-applications-credentials.json')),
    managedIdentities: parseManagedIdentities('graph-serviceprincipals-managedidentity.json', fixtureText('graph-serviceprincipals-managedidentity.json')),
  };
}

/**
 * The code of the sample tenant: the identity's vault grant by reference (known only after
 * apply), the operators' Reader and Alex's Owner eligibility by literal IDs, a Reader grant the
 * tenant lacks, and a grant to a principal nothing can name.
 */
export const DECLARED_HCL = `
resource "azurerm_user_assigned_identity" "app" {
  name                = "id-contoso-app"
  resource_group_name = "rg-contoso-app"
  location            = "eastus"
}
resource "azurerm_key_vault" "kv" {
  name                = "kv-contoso-app"
  resource_group_name = "rg-contoso-app"
  location            = "eastus"
  tenant_id           = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee"
  sku_name            = "standard"
}
resource "azurerm_role_assignment" "app_secrets" {
  scope                = azurerm_key_vault.kv.id
  role_definition_name = "Key Vault Secrets User"
  principal_id         = azurerm_user_assigned_identity.app.principal_id
}
resource "azurerm_role_assignment" "operators_reader" {
  scope                = "${RG.replace('resourceGroups', 'resourcegroups')}"
  role_definition_name = "Reader"
  principal_id         = "CCCCCCCC-2222-3333-4444-DDDDDDDDDDDD"
  principal_type       = "Group"
}
resource "azurerm_role_assignment" "auditors_reader" {
  scope                = "/subscriptions/${SUB}"
  role_definition_name = "Reader"
  principal_id         = "99999999-2222-3333-4444-dddddddddddd"
  principal_type       = "Group"
}
resource "azurerm_role_assignment" "from_variable" {
  scope                = "${RG}"
  role_definition_name = "Reader"
  principal_id         = var.principal_id
}
resource "azurerm_pim_eligible_role_assignment" "alex_owner" {
  scope              = "/subscriptions/${SUB}"
  role_definition_id = "/subscriptions/${SUB}/providers/Microsoft.Authorization/roleDefinitions/8e3af657-a8ff-443c-a75c-2fe8c4bcb635"
  principal_id       = "dddddddd-3333-4444-5555-eeeeeeeeeeee"
  schedule {
    expiration {
      duration_days = 180
    }
  }
}
`;

export async function declaredGraph(hcl = DECLARED_HCL): Promise<AccessGraph> {
  return AccessGraph.fromDocuments([{ file: 'infra/main.tf', document: await hclJson(hcl) }]);
}

export function emptyGraph(): AccessGraph {
  return AccessGraph.fromDocuments([]);
}

/** The InputError a parse throws (the test fails if it throws none, or another error). */
export function errorOf(parse: () => unknown): InputError {
  try {
    parse();
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return error as InputError;
  }
  throw new Error('expected an InputError');
}

/**
 * Spoils an export's JSON (a fresh copy) and expects its parser to refuse it as an InputError at
 * the file and JSON pointer given, with a message that matches.
 */
export function expectRefused(file: string, json: unknown, spoil: (json: any) => void, parse: (file: string, text: string) => unknown, place: string,
  message: RegExp): void {
  spoil(json);
  const error = errorOf(() => parse(file, JSON.stringify(json)));
  expect([error.file, error.place]).toEqual([file, place]);
  expect(error.message).toMatch(message);
}
