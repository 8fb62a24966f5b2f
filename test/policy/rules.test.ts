import { GROUP, ruleFindings, SUB, USER } from './rule-fixtures';
import { RuleId } from '../../src/model/rule-id';

const UAI = `
resource "azurerm_user_assigned_identity" "api" {
  name                = "uai-api"
  resource_group_name = "rg"
  location            = "eastus"
  tags = { owner = "team-api" }
}
`;
const RG = `/subscriptions/${SUB}/resourceGroups/rg-app`;
const OWNER = '8e3af657-a8ff-443c-a75c-2fe8c4bcb635';
const UAA = '18d7d88d-d35e-4fb5-a5c3-7773c20a72d9';

function assignment(name: string, body: string): string {
  return `\nresource "azurerm_role_assignment" "${name}" {\n${body}\n}\n`;
}

const toIdentity = (role: string, scope: string) =>
  assignment('grant', `  scope = ${scope}\n  role_definition_name = "${role}"\n  principal_id = azurerm_user_assigned_identity.api.principal_id`);

const GLOBAL_ADMIN = '62e90394-69f5-4237-9190-012177145e10';
const DIRECTORY_READERS = '88d8e3e3-8f55-4a1e-953a-9b9898b8876b';
const GRAPH_SP = `
data "azuread_service_principal" "msgraph" {
  client_id = "00000003-0000-0000-c000-000000000000"
}
`;

/** An Entra directory role assigned standing to a principal, at a directory scope. */
function directoryRole(roleId: string, principal: string, scope = '"/"'): string {
  return `\nresource "azuread_directory_role_assignment" "role" {\n  role_id = "${roleId}"\n  principal_object_id = ${principal}\n  directory_scope_id = ${scope}\n}\n`;
}

/** A Microsoft Graph application permission, by its app role ID, given to the API identity. */
function graphPermission(appRoleId: string): string {
  return UAI + GRAPH_SP + `
resource "azuread_app_role_assignment" "graph" {
  app_role_id         = "${appRoleId}"
  principal_object_id = azurerm_user_assigned_identity.api.principal_id
  resource_object_id  = data.azuread_service_principal.msgraph.object_id
}
`;
}

interface Case {
  readonly rule: RuleId;
  readonly triggers: string;
  readonly clean: string;
  readonly message: RegExp;
  readonly today?: string;
}

const cases: Case[] = [
  {
    rule: RuleId.WIDE_SCOPE,
    triggers: UAI + toIdentity('Reader', `"/subscriptions/${SUB}"`),
    clean: UAI + toIdentity('Reader', `"${RG}"`),
    message: /managed identity uai-api holds "Reader" at subscription scope/,
  },
  {
    rule: RuleId.STANDING_ACCESS_ADMIN,
    triggers: assignment('admins', `  scope = "${RG}"\n  role_definition_id = "/providers/Microsoft.Authorization/roleDefinitions/${UAA}"\n  principal_id = "${GROUP}"\n  principal_type = "Group"\n  description = "platform admins"`),
    clean: assignment('admins', `  scope = "${RG}"\n  role_definition_name = "Reader"\n  principal_id = "${GROUP}"\n  principal_type = "Group"\n  description = "platform admins"`),
    message: /group .* holds "User Access Administrator" standing/,
  },
  {
    rule: RuleId.WORKLOAD_CAN_GRANT_ACCESS,
    triggers: UAI + toIdentity('Role Based Access Control Administrator', `"${RG}"`),
    clean: UAI + toIdentity('Key Vault Secrets User', `"${RG}/providers/Microsoft.KeyVault/vaults/kv"`),
    message: /uai-api holds "Role Based Access Control Administrator" .* which can grant access/,
  },
  {
    rule: RuleId.WORKLOAD_WILDCARD,
    triggers: UAI + toIdentity('Contributor', `"${RG}"`),
    clean: UAI + toIdentity('Reader', `"${RG}"`),
    message: /uai-api holds "Contributor" \(wildcard control plane\)/,
  },
  {
    rule: RuleId.SECRET_PRESENT,
    triggers: 'resource "azuread_application_password" "legacy" {\n  application_id = azuread_application.app.id\n  end_date = "2027-03-31T00:00:00Z"\n}',
    clean: 'resource "azurerm_federated_identity_credential" "github" {\n  name = "github"\n  resource_group_name = "rg"\n  parent_id = azurerm_user_assigned_identity.api.id\n  issuer = "https://token.actions.githubusercontent.com"\n  subject = "repo:contoso/app:environment:prod"\n  audience = ["api://AzureADTokenExchange"]\n}',
    message: /application password of \$\{azuread_application\.app\.id\} \(ends 2027-03-31T00:00:00Z\)/,
  },
  {
    rule: RuleId.ELIGIBILITY_WITHOUT_EXPIRY,
    triggers: `resource "azurerm_pim_eligible_role_assignment" "owner" {\n  scope = "${RG}"\n  role_definition_id = "/subscriptions/${SUB}/providers/Microsoft.Authorization/roleDefinitions/${OWNER}"\n  principal_id = "${USER}"\n  schedule {\n    start_date_time = "2026-12-01T00:00:00Z"\n  }\n}`,
    clean: `resource "azurerm_pim_eligible_role_assignment" "owner" {\n  scope = "${RG}"\n  role_definition_id = "/subscriptions/${SUB}/providers/Microsoft.Authorization/roleDefinitions/${OWNER}"\n  principal_id = "${USER}"\n  schedule {\n    expiration {\n      duration_days = 180\n    }\n  }\n}`,
    message: /is eligible for "Owner" at .* with no expiry/,
  },
  {
    rule: RuleId.DIRECTORY_ROLE_ELIGIBILITY,
    triggers: `resource "azuread_directory_role_eligibility_schedule_request" "ga" {\n  role_definition_id = "62e90394-69f5-4237-9190-012177145e10"\n  principal_id = "${USER}"\n  directory_scope_id = "/"\n  justification = "break glass"\n}`,
    clean: `resource "azuread_privileged_access_group_eligibility_schedule" "ga" {\n  group_id = "${GROUP}"\n  principal_id = "${USER}"\n  assignment_type = "member"\n  duration = "P180D"\n}`,
    message: /cannot expire; use PIM for Groups/,
  },
  {
    rule: RuleId.WEAK_ACTIVATION,
    triggers: `resource "azurerm_role_management_policy" "owner" {\n  scope = "${RG}"\n  role_definition_id = "/subscriptions/${SUB}/providers/Microsoft.Authorization/roleDefinitions/${OWNER}"\n  activation_rules {\n    maximum_duration = "PT12H"\n    require_approval = false\n    require_multifactor_authentication = true\n    require_justification = true\n  }\n}`,
    clean: `resource "azurerm_role_management_policy" "owner" {\n  scope = "${RG}"\n  role_definition_id = "/subscriptions/${SUB}/providers/Microsoft.Authorization/roleDefinitions/${OWNER}"\n  activation_rules {\n    maximum_duration = "PT1H"\n    require_approval = true\n    require_multifactor_authentication = true\n    require_justification = true\n    approval_stage {\n      primary_approver {\n        object_id = "${GROUP}"\n        type = "Group"\n      }\n    }\n  }\n}`,
    message: /activation of "Owner" at .* has no approval by named approvers, activation up to PT12H \(limit 8 hours\)/,
  },
  {
    rule: RuleId.DUPLICATE_ASSIGNMENT,
    triggers: UAI + toIdentity('Reader', `"${RG}"`) + toIdentity('Reader', `"${RG.toUpperCase().replace('RESOURCEGROUPS', 'resourceGroups')}"`).replace('"grant"', '"again"'),
    clean: UAI + toIdentity('Reader', `"${RG}"`) + toIdentity('Reader', `"${RG}2"`).replace('"grant"', '"again"'),
    message: /azurerm_role_assignment\.grant repeats azurerm_role_assignment\.again: "Reader" for uai-api/,
  },
  {
    rule: RuleId.USER_STANDING_WRITE,
    triggers: assignment('svc', `  scope = "${RG}"\n  role_definition_name = "Website Contributor"\n  principal_id = "${USER}"\n  principal_type = "User"\n  description = "deploy account"`),
    clean: assignment('svc', `  scope = "${RG}"\n  role_definition_name = "Reader"\n  principal_id = "${USER}"\n  principal_type = "User"\n  description = "deploy account"`),
    message: /human .* holds "Website Contributor" \(write access\) standing/,
  },
  {
    rule: RuleId.MISSING_OWNER,
    triggers: 'resource "azurerm_user_assigned_identity" "api" {\n  name = "uai-api"\n  resource_group_name = "rg"\n  location = "eastus"\n}',
    clean: UAI,
    message: /identity uai-api has no owner tag/,
  },
  {
    rule: RuleId.GROUP_STANDING_WRITE,
    triggers: assignment('ops', `  scope = "${RG}"\n  role_definition_name = "Contributor"\n  principal_id = "${GROUP}"\n  principal_type = "Group"\n  description = "ops"`),
    clean: assignment('ops', `  scope = "${RG}"\n  role_definition_name = "Reader"\n  principal_id = "${GROUP}"\n  principal_type = "Group"\n  description = "ops"`),
    message: new RegExp(`^group ${GROUP} holds "Contributor" \\(write access\\) standing at /subscriptions/`),
  },
  {
    rule: RuleId.DATA_ROLE_ELSEWHERE,
    triggers: UAI + toIdentity('Key Vault Secrets User', `"${RG}/providers/Microsoft.Storage/storageAccounts/stapp"`),
    clean: UAI + toIdentity('Key Vault Secrets User', `"${RG}/providers/Microsoft.KeyVault/vaults/kv-app"`),
    message: /^managed identity uai-api holds "Key Vault Secrets User" at stapp, a Microsoft.Storage resource, but its data actions are microsoft.keyvault operations: it grants nothing there\.$/,
  },
  {
    rule: RuleId.ACTIVE_ASSIGNMENT_STANDING,
    triggers: activeOwner('expiration {\n      duration_days = 400\n    }'),
    clean: activeOwner('expiration {\n      duration_hours = 8\n    }'),
    message: new RegExp(`^principal of unknown kind ${USER} holds "Owner" active at /subscriptions/.* for P400D, longer than 365 days\\.$`),
  },
  {
    rule: RuleId.SCHEDULE_ENDED,
    triggers: activeOwner('expiration {\n      end_date_time = "2026-11-01T00:00:00Z"\n    }'),
    clean: activeOwner('expiration {\n      end_date_time = "2026-12-01T00:00:00Z"\n    }'),
    message: new RegExp(`^the active assignment of "Owner" to principal of unknown kind ${USER} ended on 2026-11-01T00:00:00Z, before 2026-11-27\\.$`),
  },
  {
    rule: RuleId.STANDING_TIER0_DIRECTORY_ROLE,
    triggers: directoryRole(GLOBAL_ADMIN, `"${USER}"`),
    clean: directoryRole(DIRECTORY_READERS, `"${USER}"`),
    message: new RegExp(`^principal of unknown kind ${USER} holds the Entra role "Global Administrator" standing at the whole tenant \\(/\\)\\.$`),
  },
  {
    rule: RuleId.WORKLOAD_TIER0_ENTRA,
    // RoleManagement.ReadWrite.Directory (tier 0) against User.Read.All (tier 2).
    triggers: graphPermission('9e3f62cf-ca93-4989-b6ce-bf83c28f9fe8'),
    clean: graphPermission('df021288-bdef-4463-88db-98f22de89214'),
    message: /^managed identity uai-api holds the Microsoft Graph application permission "RoleManagement\.ReadWrite\.Directory" \(tier 0\)\.$/,
  },
  {
    rule: RuleId.WORKLOAD_TIER1_GRAPH_PERMISSION,
    // Mail.Read (tier 1) against User.Read.All (tier 2).
    triggers: graphPermission('810c84a8-4a9e-49e6-bf7d-12d183f40d01'),
    clean: graphPermission('df021288-bdef-4463-88db-98f22de89214'),
    message: /^managed identity uai-api holds the Microsoft Graph application permission "Mail\.Read" \(tier 1\)\.$/,
  },
];

/** An active PIM assignment of Owner to a user at the resource group, with this schedule. */
function activeOwner(schedule: string): string {
  return `
resource "azurerm_pim_active_role_assignment" "incident" {
  scope              = "${RG}"
  role_definition_id = "/subscriptions/${SUB}/providers/Microsoft.Authorization/roleDefinitions/${OWNER}"
  principal_id       = "${USER}"
  justification      = "incident"
  schedule {
    ${schedule}
  }
}
`;
}

describe.each(cases)('$rule', ({ rule, triggers, clean, message }) => {
  test('triggers, over hcl2json and cdktf JSON alike', async () => {
    const findings = await ruleFindings(triggers, rule);
    expect(findings).toHaveLength(1);
    expect(findings[0].message).toMatch(message);
    expect(findings[0].file).toBe('main.tf');
    expect(findings[0].fix.length).toBeGreaterThan(20);
  });

  test('stays quiet when the configuration is right', async () => {
    expect(await ruleFindings(clean, rule)).toEqual([]);
  });
});

describe('rule details', () => {
  test('an eligible privileged role with no policy at all is reported', async () => {
    const hcl = cases.find((c) => c.rule === RuleId.ELIGIBILITY_WITHOUT_EXPIRY)!.clean;
    const [finding] = await ruleFindings(hcl, RuleId.WEAK_ACTIVATION);
    expect(finding.message).toMatch(/"Owner" at .* is eligible but no activation policy for it is in the configuration/);
  });

  test('an unknown role counts as one that can grant access', async () => {
    const hcl = assignment('x', `  scope = "${RG}"\n  role_definition_id = var.role\n  principal_id = "${GROUP}"\n  principal_type = "Group"\n  description = "d"`);
    const [finding] = await ruleFindings(hcl, RuleId.STANDING_ACCESS_ADMIN);
    expect(finding.message).toMatch(/the role cannot be read, so it counts as one that can grant access/);
  });

  test('a custom role that can write role assignments is classified like the built-ins', async () => {
    const hcl = UAI + `
resource "azurerm_role_definition" "deployer" {
  name  = "Deployer"
  scope = "/subscriptions/${SUB}"
  permissions {
    actions = ["Microsoft.Resources/*", "Microsoft.Authorization/roleAssignments/write"]
  }
}
resource "azurerm_role_assignment" "deployer" {
  scope              = "${RG}"
  role_definition_id = azurerm_role_definition.deployer.role_definition_resource_id
  principal_id       = azurerm_user_assigned_identity.api.principal_id
}`;
    const [finding] = await ruleFindings(hcl, RuleId.WORKLOAD_CAN_GRANT_ACCESS);
    expect(finding.message).toMatch(/uai-api holds "Deployer"/);
  });

  test('a grant to a principal nothing describes has no owner', async () => {
    const hcl = assignment('x', `  scope = "${RG}"\n  role_definition_name = "Reader"\n  principal_id = "${GROUP}"\n  principal_type = "Group"`);
    const [finding] = await ruleFindings(hcl, RuleId.MISSING_OWNER);
    expect(finding.message).toMatch(/"Reader" is granted to cccccccc-.*, which nothing in the configuration describes/);
  });

  test('a principal of unknown kind with standing write access counts as a person', async () => {
    const hcl = assignment('x', `  scope = "${RG}"\n  role_definition_name = "Contributor"\n  principal_id = var.principal\n  description = "d"`);
    const [finding] = await ruleFindings(hcl, RuleId.USER_STANDING_WRITE);
    expect(finding.message).toMatch(/^principal of unknown kind \$\{var\.principal\} holds "Contributor" \(write access\)/);
  });

  test('count and for_each instances are resolved like single resources', async () => {
    const hcl = `
resource "azurerm_user_assigned_identity" "api" {
  count = 2
  name  = "uai-api"
}
resource "azurerm_role_assignment" "owner" {
  scope                = azurerm_key_vault.kv["prod"].id
  role_definition_name = "Owner"
  principal_id         = azurerm_user_assigned_identity.api[0].principal_id
}`;
    const [finding] = await ruleFindings(hcl, RuleId.WORKLOAD_WILDCARD);
    expect(finding.message).toMatch(/^managed identity .* holds "Owner" \(wildcard control plane\) at \$\{azurerm_key_vault\.kv\["prod"\]\.id\}/);
    expect(await ruleFindings(hcl, RuleId.WIDE_SCOPE)).toEqual([]);
  });

  test('an eligibility whose length cannot be read counts as never expiring', async () => {
    const hcl = `resource "azurerm_pim_eligible_role_assignment" "owner" {\n  scope = "${RG}"\n  role_definition_id = "/providers/Microsoft.Authorization/roleDefinitions/${OWNER}"\n  principal_id = "${USER}"\n  schedule {\n    expiration {\n      duration_days = var.days\n    }\n  }\n}`;
    expect((await ruleFindings(hcl, RuleId.ELIGIBILITY_WITHOUT_EXPIRY)).map((f) => f.ruleId)).toEqual(['AZA006']);
  });

  test('unknown scopes count as the widest', async () => {
    const [finding] = await ruleFindings(UAI + toIdentity('Reader', 'var.scope'), RuleId.WIDE_SCOPE);
    expect(finding.message).toBe('managed identity uai-api holds "Reader" at a scope that cannot be read (${var.scope}; unknown counts as the widest).');
  });

  test('system-assigned identities are workloads too', async () => {
    const hcl = `
resource "azurerm_linux_function_app" "api" {
  name = "func-api"
  identity {
    type = "SystemAssigned"
  }
}
resource "azurerm_role_assignment" "owner" {
  scope = "${RG}"
  role_definition_name = "Owner"
  principal_id = azurerm_linux_function_app.api.identity[0].principal_id
}`;
    const [finding] = await ruleFindings(hcl, RuleId.WORKLOAD_WILDCARD);
    expect(finding.message).toMatch(/managed identity func-api \(system-assigned\) holds "Owner"/);
  });

  test('passwords inline in an application count', async () => {
    const hcl = 'resource "azuread_application" "app" {\n  display_name = "legacy"\n  password {\n    display_name = "ci"\n    end_date = "2026-01-01T00:00:00Z"\n  }\n}';
    const [finding] = await ruleFindings(hcl, RuleId.SECRET_PRESENT);
    expect(finding.message).toBe('application password of azuread_application.app (ends 2026-01-01T00:00:00Z).');
  });
});
