import { entraGraphOf } from './graph/entra-fixtures';
import { buildReport } from '../../src/review/report/access-report';
import { delegatedGrantRow, groupAssignmentRow, requestedPermissionRow } from '../../src/review/report/entra-extra-rows';
import { renderReportJson, renderReportMarkdown } from '../../src/review/report/render-report';
import { USER } from '../policy/rule-fixtures';

const HCL = `
data "azuread_service_principal" "msgraph" {
  client_id = "00000003-0000-0000-c000-000000000000"
}
resource "azuread_group" "ops" {
  display_name       = "ops-admins"
  assignable_to_role = true
}
resource "azuread_application" "portal" {
  display_name = "portal"
  required_resource_access {
    resource_app_id = "00000003-0000-0000-c000-000000000000"
    resource_access {
      id   = "9e3f62cf-ca93-4989-b6ce-bf83c28f9fe8"
      type = "Role"
    }
  }
}
resource "azuread_service_principal" "portal" {
  client_id    = azuread_application.portal.client_id
  display_name = "portal"
}
resource "azuread_privileged_access_group_assignment_schedule" "alice" {
  group_id        = azuread_group.ops.object_id
  principal_id    = "${USER}"
  assignment_type = "owner"
  duration        = "PT8H"
}
resource "azuread_service_principal_delegated_permission_grant" "portal" {
  service_principal_object_id          = azuread_service_principal.portal.object_id
  resource_service_principal_object_id = data.azuread_service_principal.msgraph.object_id
  claim_values                         = ["Mail.Read"]
}
`;

describe('report rows for the Entra lists beside the grants', () => {
  test('an active group assignment, a delegated consent and a request, each as an auditor reads it', async () => {
    const g = await entraGraphOf(HCL, ['groupAssignments', 'delegatedGrants', 'requestedPermissions']);
    const none = () => ({ suppressions: [] });
    expect(g.groupAssignments.map((a) => groupAssignmentRow(a, none))).toEqual([{
      principal: USER,
      principalKind: 'unknown',
      role: 'owner of ops-admins (PIM for Groups)',
      plane: 'unknown',
      scope: 'ops-admins',
      scopeLevel: 'group',
      access: 'active',
      expiry: 'PT8H',
      address: 'azuread_privileged_access_group_assignment_schedule.alice',
      file: 'main.tf',
      suppressions: [],
    }]);
    expect(g.delegatedGrants.map((d) => delegatedGrantRow(d, none))).toEqual([{
      principal: 'portal',
      principalKind: 'application',
      role: 'Mail.Read (delegated, on behalf of every user)',
      plane: 'unknown',
      scope: 'Microsoft Graph',
      scopeLevel: 'api',
      tier: 'tier 1 (ManagementPlane)',
      access: 'standing',
      expiry: 'never',
      address: 'azuread_service_principal_delegated_permission_grant.portal',
      file: 'main.tf',
      suppressions: [],
    }]);
    expect(g.requestedPermissions.map(requestedPermissionRow)).toEqual([{
      application: 'azuread_application.portal',
      api: 'Microsoft Graph',
      kind: 'application',
      permission: 'RoleManagement.ReadWrite.Directory',
      tier: 'tier 0 (ControlPlane)',
      address: 'azuread_application.portal',
      file: 'main.tf',
    }]);
  });

  test('the report shows them: the assignment and the consent as rows, the request in a list of its own', async () => {
    const report = buildReport(await entraGraphOf(HCL, []));
    expect(report.rows.map((r) => r.role)).toEqual(expect.arrayContaining(['owner of ops-admins (PIM for Groups)', 'Mail.Read (delegated, on behalf of every user)']));
    expect(report.requestedPermissions.map((r) => r.permission)).toEqual(['RoleManagement.ReadWrite.Directory']);
    const markdown = renderReportMarkdown(report);
    expect(markdown).toContain('### Requested, not granted');
    expect(markdown).toContain('| Microsoft Graph | application | `RoleManagement.ReadWrite.Directory` | tier 0 (ControlPlane) | `azuread_application.portal` |');
    expect(JSON.parse(renderReportJson(report)).requestedPermissions).toHaveLength(1);
  });

  test('a configuration that requests nothing has no such section', async () => {
    const report = buildReport(await entraGraphOf(HCL.replace(/  required_resource_access \{[\s\S]*?\n  \}\n/, ''), []));
    expect(report.rows.length).toBeGreaterThan(0);
    expect(renderReportMarkdown(report)).not.toContain('Requested, not granted');
  });
});
