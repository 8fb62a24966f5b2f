import { readFileSync } from 'fs';
import * as path from 'path';
import { RuleId } from '../../../src/model/rule-id';
import { evaluate } from '../../../src/policy/evaluate';
import { escalationChain } from '../../../src/policy/rules/escalation-rules';
import { resettableRoleNames } from '../../../src/review/escalation/entra-capability';
import { describeChain, EscalationChain } from '../../../src/review/escalation/escalation-chain';
import { computeReach } from '../../../src/review/escalation/reach';
import { isReportedChain } from '../../../src/review/escalation/reported-chain';
import { AccessGraph } from '../../../src/review/graph/access-graph';
import { EntraRoleCatalog } from '../../../src/roles/entra-role-catalog';
import { hclJson } from '../../policy/rule-fixtures';

const TODAY = '2026-11-30';
const ROLE = {
  globalAdmin: '62e90394-69f5-4237-9190-012177145e10',
  privilegedRoleAdmin: 'e8611ab8-c189-46e8-94e1-60213ab1f814',
  applicationAdmin: '9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3',
  groupsAdmin: 'fdd7a751-b60b-444a-984c-02652fe8fa1c',
  helpdeskAdmin: '729827e3-9c14-49f7-bb1b-9608f156bbb8',
  privilegedAuthAdmin: '7be44c8a-adaf-4e2a-84d6-ab2649e08a13',
};

/** Microsoft Graph's service principal, and the published app IDs its client ID is read from. */
const SUBSCRIPTION = '"/subscriptions/00000000-0000-0000-0000-000000000000"';
const GRAPH = `
data "azuread_application_published_app_ids" "well_known" {}
resource "azuread_service_principal" "msgraph" {
  client_id    = data.azuread_application_published_app_ids.well_known.result["MicrosoftGraph"]
  use_existing = true
}
`;

/** An Azure role assignment; at the subscription unless a scope is given. */
function roleAssignment(address: string, role: string, principal: string, scope = SUBSCRIPTION): string {
  return `resource "azurerm_role_assignment" "${address}" {
  scope                = ${scope}
  role_definition_name = "${role}"
  principal_id         = ${principal}
}
`;
}

function graphPermission(name: string, address: string, principal: string): string {
  return `
resource "azuread_app_role_assignment" "${address}" {
  app_role_id         = azuread_service_principal.msgraph.app_role_ids["${name}"]
  principal_object_id = ${principal}
  resource_object_id  = azuread_service_principal.msgraph.object_id
}
`;
}

function directoryRole(templateId: string, address: string, principal: string, scope?: string): string {
  return `
resource "azuread_directory_role_assignment" "${address}" {
  role_id             = "${templateId}"
  principal_object_id = ${principal}
${scope === undefined ? '' : `  directory_scope_id  = ${scope}\n`}}
`;
}

/** An application, its service principal, and what that service principal holds (`holds`). */
function application(name: string, holds: string, owners?: string): string {
  return `
resource "azuread_application" "${name}" {
  display_name = "${name}"
${owners === undefined ? '' : `  owners       = [${owners}]\n`}}
resource "azuread_service_principal" "${name}" {
  client_id = azuread_application.${name}.client_id
}
${holds}
`;
}

function user(name: string): string {
  return `
resource "azuread_user" "${name}" {
  user_principal_name = "${name}@contoso.example"
  display_name        = "${name}"
}
`;
}

/** rg-app with a VM that runs as the user-assigned identity `uai-<name>`. */
function vmRunningAs(name: string): string {
  return `
resource "azurerm_resource_group" "app" {
  name     = "rg-app"
  location = "eastus"
}
resource "azurerm_user_assigned_identity" "${name}" {
  name                = "uai-${name}"
  resource_group_name = azurerm_resource_group.app.name
  location            = "eastus"
}
resource "azurerm_linux_virtual_machine" "${name}" {
  name                = "vm-${name}"
  resource_group_name = azurerm_resource_group.app.name
  location            = "eastus"
  identity {
    type         = "UserAssigned"
    identity_ids = [azurerm_user_assigned_identity.${name}.id]
  }
}
`;
}

/** The group "ops", holding Reader on the subscription; role-assignable or not. */
function opsGroupWithReader(roleAssignable: boolean): string {
  return `
resource "azuread_group" "ops" {
  display_name       = "ops"
  security_enabled   = true
  assignable_to_role = ${roleAssignable}
}
${roleAssignment('ops_reader', 'Reader', 'azuread_group.ops.object_id')}`;
}

async function reachOf(hcl: string): Promise<{ graph: AccessGraph; chains: EscalationChain[] }> {
  const graph = AccessGraph.fromDocuments([{ file: 'main.tf', document: await hclJson(hcl) }]);
  return { graph, chains: computeReach(graph).chains };
}

async function escalationFindings(hcl: string) {
  const { graph } = await reachOf(hcl);
  return evaluate(graph, { today: TODAY }).findings.filter((f) => f.ruleId === RuleId.ESCALATION_CHAIN);
}

const chainsOf = (chains: EscalationChain[], name: string) => chains.filter((c) => c.principal.name === name);
const described = (chains: EscalationChain[]) => chains.map(describeChain);

describe('a function app\'s managed identity with RoleManagement.ReadWrite.Directory', () => {
  const HCL = `${GRAPH}
resource "azurerm_linux_function_app" "sync" {
  name                = "func-sync"
  resource_group_name = "rg-app"
  location            = "eastus"
  service_plan_id     = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-app/providers/Microsoft.Web/serverFarms/plan"
  identity {
    type = "SystemAssigned"
  }
  site_config {}
}
${graphPermission('RoleManagement.ReadWrite.Directory', 'sync_roles', 'azurerm_linux_function_app.sync.identity[0].principal_id')}`;

  test('assigning itself Global Administrator is the permission\'s own reach: AZA022 judges the permission, no AZA013 repeats it', async () => {
    const { graph, chains } = await reachOf(HCL);
    const toGlobalAdmin = chains.filter((c) => c.reaches.role === 'Global Administrator');
    expect(toGlobalAdmin.map((c) => [c.ownReach, isReportedChain(c)])).toEqual([[true, false]]);
    expect(toGlobalAdmin[0].steps.map((s) => s.description)).toEqual([
      'holds the Microsoft Graph application permission "RoleManagement.ReadWrite.Directory" (BloodHound AZMGRoleManagement_ReadWrite_Directory)',
      'can assign itself the Entra role "Global Administrator" at the whole tenant (/) (RoleManagement.ReadWrite.Directory, BloodHound AZMGGrantRole)',
    ]);
    const findings = evaluate(graph, { today: TODAY }).findings;
    expect(findings.filter((f) => f.ruleId === RuleId.ESCALATION_CHAIN)).toEqual([]);
    expect(findings.filter((f) => f.ruleId === RuleId.WORKLOAD_TIER0_ENTRA).map((f) => [f.severity, f.address]))
      .toEqual([['error', 'azuread_app_role_assignment.sync_roles']]);
  });

  test('the README shows that finding as check prints it', async () => {
    const { graph } = await reachOf(HCL);
    const [finding] = evaluate(graph, { today: TODAY }).findings.filter((f) => f.ruleId === RuleId.WORKLOAD_TIER0_ENTRA);
    const readme = readFileSync(path.join(__dirname, '../../../README.md'), 'utf8');
    expect(readme).toContain(`[AZA022] ${finding.message}\n`);
  });

  test('whoever runs code on the function app reaches what the permission opens: an escalation, at the permission (its root cause)', async () => {
    const writer = `${user('alice')}
${roleAssignment('alice_sites', 'Website Contributor', 'azuread_user.alice.object_id', '"/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-app"')}`;
    const findings = await escalationFindings(HCL + writer);
    expect(findings.map((f) => [f.severity, f.address])).toEqual([['error', 'azuread_app_role_assignment.sync_roles']]);
    expect(findings[0].message).toMatch(/^managed identity func-sync \(system-assigned\) holds the Microsoft Graph application permission "RoleManagement.ReadWrite.Directory" .* opens 3 escalation paths, up to tier 0: "Global Administrator" at the whole tenant \(\/\), .*"User Access Administrator" at \//);
    expect(findings[0].message).toContain('human alice → holds "Website Contributor" at rg-app → deploys code that runs as func-sync (system-assigned) on func-sync');
  });

  test('the same identity with User.Read.All reaches nothing it does not hold', async () => {
    const findings = await escalationFindings(HCL.replace('RoleManagement.ReadWrite.Directory', 'User.Read.All'));
    expect(findings).toEqual([]);
    const { chains } = await reachOf(HCL.replace('RoleManagement.ReadWrite.Directory', 'User.Read.All'));
    // The permission itself is held, as a one-step chain.
    expect(described(chains)).toEqual(['managed identity func-sync (system-assigned) → holds the Microsoft Graph application permission "User.Read.All" (BloodHound AZMGAppRoleAssignment)']);
  });
});

describe('a deployment identity that owns the application of a privileged service principal', () => {
  const DEPLOY = `
resource "azurerm_user_assigned_identity" "deploy" {
  name                = "uai-deploy"
  resource_group_name = "rg-ci"
  location            = "eastus"
}
`;
  const ownerAtSubscription = `
${roleAssignment('app_owner', 'Owner', 'azuread_service_principal.payments.object_id')}`;

  test('fails check with a chain through "adds a secret", at its root cause: the grant at its privileged end', async () => {
    const hcl = DEPLOY + application('payments', ownerAtSubscription, 'azurerm_user_assigned_identity.deploy.principal_id');
    const { graph } = await reachOf(hcl);
    const hits = escalationChain.check(graph, { today: TODAY, maxActivationHours: 8, allowedWideScopes: [] });
    // One path, two edges (the ownership, the Owner grant): a tie goes to the edge nearest the privileged end.
    expect(hits.map((h) => [h.severity, h.origin.address])).toEqual([['error', 'azurerm_role_assignment.app_owner']]);
    expect(hits[0].message).toBe(
      'application payments holds "Owner" at subscription 00000000-0000-0000-0000-000000000000 opens 1 escalation path, up to tier 0: '
      + '"Owner" at subscription 00000000-0000-0000-0000-000000000000. Shortest: managed identity uai-deploy → owns the application "payments" (BloodHound AZOwns) '
      + '→ adds a secret to the application "payments" and signs in as its service principal (owner, BloodHound AZOwns) '
      + '→ payments holds "Owner" at subscription 00000000-0000-0000-0000-000000000000.',
    );
    // The path starts at the ownership: a suppression written there before root causes still covers it.
    expect(hits[0].paths?.map((p) => p.origin.address)).toEqual(['azuread_application.payments']);
  });

  test('owning the application through azuread_application_owner is the same edge', async () => {
    const hcl = DEPLOY + application('payments', ownerAtSubscription) + `
resource "azuread_application_owner" "deploy" {
  application_id  = azuread_application.payments.id
  owner_object_id = azurerm_user_assigned_identity.deploy.principal_id
}
`;
    const { graph } = await reachOf(hcl);
    const hits = escalationChain.check(graph, { today: TODAY, maxActivationHours: 8, allowedWideScopes: [] });
    expect(hits.map((h) => h.origin.address)).toEqual(['azurerm_role_assignment.app_owner']);
    expect(hits[0].paths?.map((p) => p.origin.address)).toEqual(['azuread_application_owner.deploy']);
    expect(hits[0].message).toContain('adds a secret to the application "payments" and signs in as its service principal');
  });

  test('owning an application whose service principal holds Reader is a note, not an error', async () => {
    const reader = ownerAtSubscription.replace('"Owner"', '"Reader"');
    const findings = await escalationFindings(DEPLOY + application('payments', reader, 'azurerm_user_assigned_identity.deploy.principal_id'));
    expect(findings.map((f) => f.severity)).toEqual(['error']);
    // Reader at a subscription the identity does not hold is beyond its scopes: an error all the same. Within one it holds:
    const within = DEPLOY + application('payments', reader, 'azurerm_user_assigned_identity.deploy.principal_id')
      + reader.replace('app_owner', 'deploy_reader').replace('azuread_service_principal.payments.object_id', 'azurerm_user_assigned_identity.deploy.principal_id');
    expect(await escalationFindings(within)).toEqual([]);
  });
});

describe('Entra edges, each firing and not', () => {
  test('Application Administrator at the tenant signs in as every declared service principal (AZAddSecret)', async () => {
    const hcl = GRAPH + user('ann') + directoryRole(ROLE.applicationAdmin, 'ann_apps', 'azuread_user.ann.object_id')
      + application('billing', graphPermission('Directory.ReadWrite.All', 'billing_dir', 'azuread_service_principal.billing.object_id'));
    const { chains } = await reachOf(hcl);
    const viaSecret = chainsOf(chains, 'ann').filter((c) => c.steps.some((s) => s.edgeKind === 'AZAddSecret'));
    expect(viaSecret.length).toBeGreaterThan(0);
    expect(viaSecret[0].steps[1].description).toBe(
      'adds a secret to the application "billing" and signs in as its service principal (microsoft.directory/applications/credentials/update, BloodHound AZAddSecret)',
    );
    expect(viaSecret.every(isReportedChain)).toBe(true);
  });

  test('Application Administrator scoped to an administrative unit reaches only what is in it', async () => {
    const unit = `
resource "azuread_administrative_unit" "finance" {
  display_name = "finance"
  members      = [azuread_service_principal.billing.object_id]
}
`;
    const scoped = (scope: string) => GRAPH + user('ann') + unit + directoryRole(ROLE.applicationAdmin, 'ann_apps', 'azuread_user.ann.object_id', scope)
      + application('billing', graphPermission('Directory.ReadWrite.All', 'billing_dir', 'azuread_service_principal.billing.object_id'))
      + application('hr', graphPermission('Directory.ReadWrite.All', 'hr_dir', 'azuread_service_principal.hr.object_id'));
    const { chains } = await reachOf(scoped('"/administrativeUnits/${azuread_administrative_unit.finance.object_id}"'));
    const reached = new Set(chainsOf(chains, 'ann').flatMap((c) => c.steps.map((s) => s.identity?.name)).filter((n) => n !== undefined));
    expect([...reached]).toEqual(['billing']);
  });

  test('Groups Administrator joins ordinary groups, not role-assignable ones; PIM for Groups rights join both; '
    + 'Privileged Role Administrator stops at Global Administrator', async () => {
    const groups = `
resource "azuread_group" "ops" {
  display_name     = "ops"
  security_enabled = true
}
resource "azuread_group" "admins" {
  display_name       = "admins"
  security_enabled   = true
  assignable_to_role = true
}
${roleAssignment('ops_contributor', 'Contributor', 'azuread_group.ops.object_id')}
${directoryRole(ROLE.globalAdmin, 'admins_ga', 'azuread_group.admins.object_id')}`;
    const joined = async (role: string) => {
      const { chains } = await reachOf(groups + user('gus') + directoryRole(role, 'gus_role', 'azuread_user.gus.object_id'));
      return [...new Set(chainsOf(chains, 'gus').flatMap((c) => c.steps.filter((s) => s.edgeKind !== undefined && s.kind === 'acts-as').map((s) => s.identity?.name)))].sort();
    };
    expect(await joined(ROLE.groupsAdmin)).toEqual(['ops']);
    // It can assign itself Global Administrator: that chain says all, not one more per group.
    expect(await joined(ROLE.privilegedRoleAdmin)).toEqual([]);
    const { chains } = await reachOf(groups + GRAPH + application('pim', graphPermission('PrivilegedAccess.ReadWrite.AzureADGroup', 'pim_groups', 'azuread_service_principal.pim.object_id')));
    const viaPim = chainsOf(chains, 'pim').flatMap((c) => c.steps.filter((s) => s.kind === 'acts-as').map((s) => s.identity?.name));
    expect([...new Set(viaPim)].sort()).toEqual(['admins', 'ops']);
  });

  test('a member holds its group\'s roles without an escalation step; the chain is not reported on its own', async () => {
    const hcl = user('mia') + `
resource "azuread_group" "ops" {
  display_name     = "ops"
  security_enabled = true
  members          = [azuread_user.mia.object_id]
}
${roleAssignment('ops_owner', 'Owner', 'azuread_group.ops.object_id')}`;
    const { chains } = await reachOf(hcl);
    const mia = chainsOf(chains, 'mia');
    expect(described(mia)).toContain('human mia → is a member of the group "ops" (BloodHound AZMemberOf) → ops holds "Owner" at subscription 00000000-0000-0000-0000-000000000000');
    expect(mia.filter(isReportedChain)).toEqual([]);
  });

  test('what a group\'s grant opens in one step is its members\' own reach too, not an escalation of theirs', async () => {
    // Virtual Machine Contributor lists storage keys: the grant's own reach, judged with the grant,
    // whether the group or its member (who holds the group's roles itself) is asked.
    const team = (members: string) => `${user('mia')}${user('noah')}
resource "azuread_group" "ops" {
  display_name     = "ops"
  security_enabled = true
  members          = [${members}]
}
${roleAssignment('ops_vms', 'Virtual Machine Contributor', 'azuread_group.ops.object_id')}`;
    const hcl = team('azuread_user.mia.object_id, azuread_user.noah.object_id');
    const { chains } = await reachOf(hcl);
    const storage = chains.filter((c) => c.reaches.role === 'all storage account data (Shared Key)');
    expect(storage.map((c) => c.principal.name).sort()).toEqual(['mia', 'noah', 'ops']);
    expect(storage.every((c) => c.ownReach && !isReportedChain(c))).toBe(true);
    expect(await escalationFindings(hcl)).toEqual([]);
  });

  test('a Helpdesk Administrator resets ordinary users, not administrators; a Privileged Authentication Administrator resets both', async () => {
    const people = user('bob') + user('root') + directoryRole(ROLE.globalAdmin, 'root_ga', 'azuread_user.root.object_id') + `
${roleAssignment('bob_reader', 'Reader', 'azuread_user.bob.object_id')}`;
    const resets = async (role: string) => {
      const { chains } = await reachOf(people + user('hal') + directoryRole(role, 'hal_role', 'azuread_user.hal.object_id'));
      return [...new Set(chainsOf(chains, 'hal').flatMap((c) => c.steps.filter((s) => s.edgeKind === 'AZResetPassword').map((s) => s.identity?.name)))].sort();
    };
    expect(await resets(ROLE.helpdeskAdmin)).toEqual(['bob']);
    expect(await resets(ROLE.privilegedAuthAdmin)).toEqual(['bob', 'root']);
  });

  test('AppRoleAssignment.ReadWrite.All reaches every Graph permission in one step, its own reach; another API\'s role reaches nothing further', async () => {
    const hcl = GRAPH + application('robot', graphPermission('AppRoleAssignment.ReadWrite.All', 'robot_grant', 'azuread_service_principal.robot.object_id'));
    const { chains } = await reachOf(hcl);
    const toAny = chainsOf(chains, 'robot').filter((c) => c.reaches.role === 'any Microsoft Graph application permission');
    expect(toAny.map((c) => c.steps.map((s) => s.description))).toEqual([[
      'holds the Microsoft Graph application permission "AppRoleAssignment.ReadWrite.All" (BloodHound AZMGAppRoleAssignment_ReadWrite_All)',
      'can grant itself any Microsoft Graph application permission (RoleManagement.ReadWrite.Directory included) (AppRoleAssignment.ReadWrite.All, BloodHound AZMGGrantAppRoles)',
    ]]);
    // The permission is judged itself (AZA022, tier 0); the one step it opens is not said again.
    expect(toAny.map((c) => [c.ownReach, isReportedChain(c)])).toEqual([[true, false]]);
    expect(await escalationFindings(hcl)).toEqual([]);
    const { chains: reading } = await reachOf(GRAPH + application('robot', graphPermission('User.Read.All', 'robot_read', 'azuread_service_principal.robot.object_id')));
    expect(chainsOf(reading, 'robot').filter((c) => c.steps.length > 1)).toEqual([]);
  });

  test('a standing Global Administrator reaches the Azure root and every Graph permission in one step: its own reach, judged as the role (AZA021)', async () => {
    const { graph, chains } = await reachOf(user('root') + directoryRole(ROLE.globalAdmin, 'root_ga', 'azuread_user.root.object_id'));
    const opened = chainsOf(chains, 'root').filter((c) => c.steps.length > 1);
    expect(opened.map((c) => [c.reaches.role, c.reaches.scope, c.endsIn, c.ownReach])).toEqual([
      ['User Access Administrator', '/', 'azure', true],
      ['any Microsoft Graph application permission', 'Microsoft Graph', 'entra', true],
    ]);
    expect(opened[0].steps[1].description).toBe('can elevate itself to "User Access Administrator" at / (Microsoft.Authorization/elevateAccess/action, BloodHound AZGlobalAdmin)');
    expect(opened.filter(isReportedChain)).toEqual([]);
    expect(evaluate(graph, { today: TODAY }).findings.map((f) => f.ruleId)).toContain(RuleId.STANDING_TIER0_DIRECTORY_ROLE);
  });

  test('across the halves: VM Contributor runs as an identity that holds RoleManagement.ReadWrite.Directory', async () => {
    const hcl = `${GRAPH}${user('alice')}
${vmRunningAs('sync')}
${roleAssignment('alice_vms', 'Virtual Machine Contributor', 'azuread_user.alice.object_id', 'azurerm_resource_group.app.id')}
${graphPermission('RoleManagement.ReadWrite.Directory', 'sync_roles', 'azurerm_user_assigned_identity.sync.principal_id')}`;
    const findings = await escalationFindings(hcl);
    // One root cause: the permission, nearest the privileged end of alice's paths.
    expect(findings.map((f) => f.address)).toEqual(['azuread_app_role_assignment.sync_roles']);
    expect(findings[0].message).toContain('"Global Administrator" at the whole tenant (/)');
    expect(findings[0].message).toContain('runs as uai-sync on vm-sync (Microsoft.Compute/virtualMachines/runCommand/action) → uai-sync holds the Microsoft Graph application permission "RoleManagement.ReadWrite.Directory"');
  });
});

describe('PIM eligibility as a step: after activation, approved by whom', () => {
  const VM_PATH = `${user('eve')}${user('bob')}
${vmRunningAs('batch')}
${roleAssignment('batch_owner', 'Owner', 'azurerm_user_assigned_identity.batch.principal_id')}
resource "azurerm_pim_eligible_role_assignment" "eve_vms" {
  scope              = azurerm_resource_group.app.id
  role_definition_id = "/providers/Microsoft.Authorization/roleDefinitions/9980e02c-c2be-4d73-94e8-173b1dc7cf3c"
  principal_id       = azuread_user.eve.object_id
}
resource "azurerm_role_management_policy" "vms" {
  scope              = azurerm_resource_group.app.id
  role_definition_id = "/providers/Microsoft.Authorization/roleDefinitions/9980e02c-c2be-4d73-94e8-173b1dc7cf3c"
  activation_rules {
    maximum_duration = "PT1H"
    require_approval = true
    approval_stage {
      primary_approver {
        object_id = azuread_user.bob.object_id
        type      = "User"
      }
    }
  }
}
`;

  test('an eligible role that runs as an identity is a reported chain, its first step naming the approver', async () => {
    const { chains } = await reachOf(VM_PATH);
    const eve = chainsOf(chains, 'eve').filter(isReportedChain);
    expect(eve.map((c) => c.reaches.role)).toContain('Owner');
    const toOwner = eve.find((c) => c.reaches.role === 'Owner')!;
    expect(toOwner.steps[0]).toMatchObject({ kind: 'holds', eligible: true, edgeKind: 'AZRoleEligible' });
    expect(toOwner.steps[0].description).toBe(
      'is eligible for "Virtual Machine Contributor" at rg-app (after activation, approved by human bob; BloodHound AZRoleEligible)',
    );
  });

  test('what an eligible role opens by itself is left to the activation rules', async () => {
    const { chains } = await reachOf(user('root') + `
resource "azuread_directory_role_eligibility_schedule_request" "root_ga" {
  role_definition_id = "${ROLE.globalAdmin}"
  principal_id       = azuread_user.root.object_id
  directory_scope_id = "/"
  justification      = "break glass"
}
`);
    const root = chainsOf(chains, 'root');
    expect(root.some((c) => c.reaches.role === 'User Access Administrator')).toBe(true);
    expect(root[0].steps[0].description).toContain('is eligible for the Entra role "Global Administrator" at the whole tenant (/) (after activation, ');
    expect(root.filter(isReportedChain)).toEqual([]);
  });

  test('PIM for Groups: an eligible member holds the group\'s roles after activation', async () => {
    const { chains } = await reachOf(user('pat') + `
${opsGroupWithReader(true)}resource "azuread_privileged_access_group_eligibility_schedule" "pat_ops" {
  group_id        = azuread_group.ops.object_id
  principal_id    = azuread_user.pat.object_id
  assignment_type = "member"
  duration        = "P30D"
}
`);
    expect(described(chainsOf(chains, 'pat'))).toEqual([
      'human pat → is eligible to be member of the group "ops" (after activation, under an activation policy this configuration does not declare; '
      + 'BloodHound AZRoleEligible) → ops holds "Reader" at subscription 00000000-0000-0000-0000-000000000000',
    ]);
  });
});

describe('what the independent review found, each pinned', () => {
  const billing = () => GRAPH + application('billing', graphPermission('Directory.ReadWrite.All', 'billing_dir', 'azuread_service_principal.billing.object_id'));
  const hr = () => application('hr', graphPermission('Directory.ReadWrite.All', 'hr_dir', 'azuread_service_principal.hr.object_id'));

  test('a role scoped to one application by reference reaches that application only', async () => {
    const hcl = billing() + hr() + user('ann') + directoryRole(ROLE.applicationAdmin, 'ann_apps', 'azuread_user.ann.object_id', '"/${azuread_application.billing.object_id}"');
    const { chains } = await reachOf(hcl);
    const reached = new Set(chainsOf(chains, 'ann').flatMap((c) => c.steps.map((s) => s.identity?.name)).filter((n) => n !== undefined));
    expect([...reached]).toEqual(['billing']);
    expect(chainsOf(chains, 'ann')[0].steps[0].description).toBe('holds the Entra role "Application Administrator" at directory object billing (BloodHound AZHasRole)');
  });

  test('a custom directory role has the capabilities its actions give, no more', async () => {
    const custom = (actions: string) => `${billing()}${user('cas')}
resource "azuread_custom_directory_role" "apps" {
  display_name = "app-editor"
  enabled      = true
  version      = "1.0"
  permissions {
    allowed_resource_actions = [${actions}]
  }
}
resource "azuread_directory_role_assignment" "cas" {
  role_id             = azuread_custom_directory_role.apps.object_id
  principal_object_id = azuread_user.cas.object_id
}
`;
    const basic = await reachOf(custom('"microsoft.directory/applications/basic/update"'));
    expect(chainsOf(basic.chains, 'cas').filter(isReportedChain)).toEqual([]);
    const secrets = await reachOf(custom('"microsoft.directory/applications/credentials/update"'));
    const steps = chainsOf(secrets.chains, 'cas').flatMap((c) => c.steps.filter((s) => s.kind === 'acts-as').map((s) => s.edgeKind));
    expect([...new Set(steps)]).toEqual(['AZAddSecret']);
    expect(chainsOf(secrets.chains, 'cas').some((c) => c.reaches.role === 'User Access Administrator')).toBe(false);
  });

  test('an eligible Privileged Role Administrator still has its standing Azure chains reported', async () => {
    const hcl = `${user('bob')}${vmRunningAs('ops')}
${roleAssignment('ops_owner', 'Owner', 'azurerm_user_assigned_identity.ops.principal_id')}
${roleAssignment('bob_vms', 'Virtual Machine Contributor', 'azuread_user.bob.object_id', 'azurerm_resource_group.app.id')}
resource "azuread_directory_role_eligibility_schedule_request" "bob_pra" {
  role_definition_id = "${ROLE.privilegedRoleAdmin}"
  principal_id       = azuread_user.bob.object_id
  directory_scope_id = "/"
  justification      = "on call"
}
`;
    const { chains } = await reachOf(hcl);
    expect(chainsOf(chains, 'bob').filter(isReportedChain).map((c) => c.reaches.role)).toContain('Owner');
  });

  test('an active PIM for Groups member holds the group\'s roles in reach', async () => {
    const { chains } = await reachOf(user('pat') + `
${opsGroupWithReader(false)}resource "azuread_privileged_access_group_assignment_schedule" "pat_ops" {
  group_id        = azuread_group.ops.object_id
  principal_id    = azuread_user.pat.object_id
  assignment_type = "member"
  duration        = "PT8H"
}
`);
    expect(described(chainsOf(chains, 'pat'))).toEqual([
      'human pat → is an active member of the group "ops" (PIM for Groups, until PT8H; BloodHound AZMemberOf) → ops holds "Reader" at subscription 00000000-0000-0000-0000-000000000000',
    ]);
  });

  test('the roles whose holders ordinary resetters may reset are roles of the catalog', () => {
    expect(resettableRoleNames().length).toBeGreaterThan(5);
    expect(resettableRoleNames().filter((name) => EntraRoleCatalog.builtIn().tryFromName(name) === undefined)).toEqual([]);
  });

  test('a Helpdesk Administrator cannot reset a member of a role-assignable group, nor a holder of a role beyond Microsoft\'s short list', async () => {
    const hcl = `${user('hal')}${user('gina')}${user('exa')}${user('rita')}
resource "azuread_group" "admins" {
  display_name       = "admins"
  security_enabled   = true
  assignable_to_role = true
  members            = [azuread_user.gina.object_id]
}
${directoryRole(ROLE.helpdeskAdmin, 'hal_role', 'azuread_user.hal.object_id')}
${directoryRole('29232cdf-9323-42fd-ade2-1d097af3e4de', 'exa_exchange', 'azuread_user.exa.object_id')}
${directoryRole('4a5d8f65-41da-4de4-8968-e035b65339cf', 'rita_reports', 'azuread_user.rita.object_id')}
resource "azurerm_role_assignment" "readers" {
  for_each             = toset(["gina", "exa", "rita"])
  scope                = "/subscriptions/00000000-0000-0000-0000-000000000000"
  role_definition_name = "Reader"
  principal_id         = "00000000-0000-0000-0000-000000000000"
}
`;
    const { graph, chains } = await reachOf(hcl);
    expect(graph.directoryRoles.map((d) => d.role.name).sort()).toEqual(['Exchange Administrator', 'Helpdesk Administrator', 'Reports Reader']);
    const reset = [...new Set(chainsOf(chains, 'hal').flatMap((c) => c.steps.filter((s) => s.edgeKind === 'AZResetPassword').map((s) => s.identity?.name)))];
    expect(reset).toEqual(['rita']);
  });

  test('fifty Helpdesk Administrators do not each reach the other forty-nine: what a principal holds itself is not reached again', async () => {
    const team = Array.from({ length: 50 }, (_, i) => user(`hd${i}`) + directoryRole(ROLE.helpdeskAdmin, `hd${i}_role`, `azuread_user.hd${i}.object_id`)).join('');
    const { chains } = await reachOf(team);
    // One chain each: holding the role. None resets another Helpdesk Administrator to reach the same role again.
    expect(chains).toHaveLength(50);
    expect(chains.every((c) => c.steps.length === 1)).toBe(true);
  });

  test('each remaining edge kind, firing and not: AZMGAddSecret, AZAddOwner, AZPrivilegedRoleAdmin', async () => {
    const target = billing();
    const viaGraph = await reachOf(target + application('ci', graphPermission('Application.ReadWrite.All', 'ci_apps', 'azuread_service_principal.ci.object_id')));
    expect(chainsOf(viaGraph.chains, 'ci').flatMap((c) => c.steps.filter((s) => s.kind === 'acts-as').map((s) => [s.edgeKind, s.identity?.name])))
      .toContainEqual(['AZMGAddSecret', 'billing']);
    const readOnly = await reachOf(target + application('ci', graphPermission('Application.Read.All', 'ci_apps', 'azuread_service_principal.ci.object_id')));
    expect(chainsOf(readOnly.chains, 'ci').filter((c) => c.steps.some((s) => s.kind === 'acts-as'))).toEqual([]);

    const ownerWriter = `${target}${user('own')}
resource "azuread_custom_directory_role" "owners" {
  display_name = "owner-writer"
  enabled      = true
  version      = "1.0"
  permissions {
    allowed_resource_actions = ["microsoft.directory/applications/owners/update"]
  }
}
resource "azuread_directory_role_assignment" "own" {
  role_id             = azuread_custom_directory_role.owners.object_id
  principal_object_id = azuread_user.own.object_id
}
`;
    const owners = await reachOf(ownerWriter);
    expect(chainsOf(owners.chains, 'own').flatMap((c) => c.steps.filter((s) => s.kind === 'acts-as').map((s) => s.description))).toContain(
      'makes itself an owner of the application "billing", adds a secret and signs in as its service principal '
      + '(microsoft.directory/applications/owners/update, BloodHound AZAddOwner)',
    );

    const pra = await reachOf(user('pra') + directoryRole(ROLE.privilegedRoleAdmin, 'pra_role', 'azuread_user.pra.object_id'));
    const toGlobalAdmin = chainsOf(pra.chains, 'pra').find((c) => c.reaches.role === 'Global Administrator');
    expect(toGlobalAdmin?.steps.map((s) => s.edgeKind)).toEqual(['AZHasRole', 'AZPrivilegedRoleAdmin']);
    // One step from its own role: the role's reach, which AZA021 judges (tier 0, standing).
    expect([toGlobalAdmin!.ownReach, isReportedChain(toGlobalAdmin!)]).toEqual([true, false]);
    const helpdesk = await reachOf(user('pra') + directoryRole(ROLE.helpdeskAdmin, 'pra_role', 'azuread_user.pra.object_id'));
    expect(chainsOf(helpdesk.chains, 'pra').some((c) => c.reaches.role === 'Global Administrator')).toBe(false);
  });
});
