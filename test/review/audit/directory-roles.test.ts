import { emptyGraph, expectRefused, fixtureText, sampleExports, TODAY } from './audit-fixtures';
import { Finding } from '../../../src/model/finding';
import { Severity } from '../../../src/model/severity';
import { audit } from '../../../src/review/audit/audit';
import { AuditRuleId } from '../../../src/review/audit/audit-rule-ids';
import { LiveExports } from '../../../src/review/audit/live-types';
import { parseDirectoryRoleAssignments, parseDirectoryRoleEligibilities } from '../../../src/review/audit/parse-directory-roles';
import { renderAuditJson, renderAuditJsonLines, renderAuditMarkdown } from '../../../src/review/audit/render-audit';
import { AccessGraph } from '../../../src/review/graph/access-graph';
import { hclJson } from '../../policy/rule-fixtures';

const ASSIGNMENTS = 'graph-directory-role-assignments.json';
const ELIGIBILITIES = 'graph-directory-role-eligibility-schedules.json';
const GLOBAL_ADMIN = '62e90394-69f5-4237-9190-012177145e10';
const PRIVILEGED_ROLE_ADMIN = 'e8611ab8-c189-46e8-94e1-60213ab1f814';
const DIRECTORY_READERS = '88d8e3e3-8f55-4a1e-953a-9b9898b8876b';
const JOEY = 'ace08ec9-aa11-4ada-9145-addf0398233e';
const KALYAN = '6f87972e-2e7e-4b49-9980-eb3888bdcfe1';
const PIPELINE = 'bbbbbbbb-1111-2222-3333-cccccccccccc';
const OPERATORS = 'dddddddd-5555-6666-7777-eeeeeeeeeeee';
const UNIT = '/administrativeUnits/eeeeeeee-1111-2222-3333-ffffffffffff';
const APP_SCOPE = '/ffffffff-4444-5555-6666-aaaaaaaaaaaa';

const assignmentsJson = () => JSON.parse(fixtureText(ASSIGNMENTS));
const eligibilitiesJson = () => JSON.parse(fixtureText(ELIGIBILITIES));

describe('Graph directory role exports', () => {
  test('roleAssignments: each assignment with its principal, role template ID and directory scope, the expanded principal read', () => {
    const parsed = parseDirectoryRoleAssignments(ASSIGNMENTS, fixtureText(ASSIGNMENTS));
    expect(parsed.nextLink).toBeUndefined();
    const rows = parsed.items.map((r) => [
      r.kind, r.principalId, r.principalType, r.principalDisplayName, r.roleDefinitionId, r.directoryScopeId, r.place,
    ]);
    expect(rows).toEqual([
      ['standing', JOEY, 'User', 'Joey Cruz', GLOBAL_ADMIN, '/', '/value/0'],
      ['standing', KALYAN, 'User', 'Kalyan Krishna', GLOBAL_ADMIN, '/', '/value/1'],
      ['standing', PIPELINE, 'ServicePrincipal', 'contoso-deploy-pipeline', DIRECTORY_READERS, '/', '/value/2'],
      ['standing', OPERATORS, 'Group', 'contoso-operators', 'fe930be7-5e62-47db-91af-98c3a49a38b1', UNIT, '/value/3'],
      ['standing', PIPELINE, 'ServicePrincipal', 'contoso-deploy-pipeline', '158c047a-c907-4556-b7ef-446551a6b5f7', APP_SCOPE, '/value/4'],
    ]);
    expect(parsed.items[0].id).toBe('lAPpYvVpN0KRkAEhdxReEMmO4KwRqtpKkUWt3wOYIz4-1');
  });

  test('roleEligibilitySchedules: the schedule, its member type and status, and no end as null', () => {
    const parsed = parseDirectoryRoleEligibilities(ELIGIBILITIES, fixtureText(ELIGIBILITIES));
    expect(parsed.items).toEqual([
      expect.objectContaining({
        kind: 'eligible',
        id: '77f71919-62f3-4d0c-9f88-0a0391b665cd',
        principalId: '071cc716-8147-4397-a5ba-b2105951cc0b',
        roleDefinitionId: '8424c6f0-a189-499e-bbd0-26c1753c96d4',
        directoryScopeId: '/',
        memberType: 'Direct',
        status: 'Provisioned',
        startDateTime: '2022-04-12T14:44:50.287Z',
        expirationType: 'afterDateTime',
        endDateTime: '2024-04-10T00:00:00Z',
      }),
      expect.objectContaining({ kind: 'eligible', principalId: JOEY, roleDefinitionId: PRIVILEGED_ROLE_ADMIN, expirationType: 'noExpiration', endDateTime: null }),
    ]);
    expect(parsed.items[0]).not.toHaveProperty('appScopeId');
  });

  test.each([
    ['a page', (json: any) => json],
    ['an array of pages, as a paging loop writes them', (json: any) => [{ value: json.value.slice(0, 2) }, { value: json.value.slice(2) }]],
    ['a plain array of items', (json: any) => json.value],
  ])('%s gives the same assignments and eligibilities', (_shape, shape) => {
    const ids = (text: string, parse: typeof parseDirectoryRoleAssignments, file: string) =>
      parse(file, text).items.map((r) => [r.id, r.principalId, r.roleDefinitionId, r.directoryScopeId]);
    const assignments = ids(JSON.stringify(shape(assignmentsJson())), parseDirectoryRoleAssignments, ASSIGNMENTS);
    const eligibilities = ids(JSON.stringify(shape(eligibilitiesJson())), parseDirectoryRoleEligibilities, ELIGIBILITIES);
    expect(assignments).toHaveLength(5);
    expect(assignments).toEqual(ids(fixtureText(ASSIGNMENTS), parseDirectoryRoleAssignments, ASSIGNMENTS));
    expect(eligibilities).toHaveLength(2);
    expect(eligibilities).toEqual(ids(fixtureText(ELIGIBILITIES), parseDirectoryRoleEligibilities, ELIGIBILITIES));
  });

  test.each([
    ['a principal ID that is no GUID', (j: any) => { j.value[1].principalId = 'Joey'; }, '/value/1/principalId', /object ID/],
    ['a role definition ID that is no GUID', (j: any) => { j.value[2].roleDefinitionId = 'Global Administrator'; }, '/value/2/roleDefinitionId', /GUID/],
    ['a directory scope Graph never writes', (j: any) => { j.value[3].directoryScopeId = '/subscriptions/x'; }, '/value/3/directoryScopeId', /directory scope/],
    ['no scope at all', (j: any) => { delete j.value[0].directoryScopeId; }, '/value/0/directoryScopeId', /directory scope/],
    ['an ID that is not a string', (j: any) => { j.value[0].id = 7; }, '/value/0/id', /string/],
    ['an expanded principal of another object', (j: any) => { j.value[0].principal.id = KALYAN; }, '/value/0/principal/id', /principal/],
  ])('roleAssignments: %s is an InputError with file and JSON pointer', (_what, spoil, place, message) => {
    expectRefused(ASSIGNMENTS, assignmentsJson(), spoil, parseDirectoryRoleAssignments, place, message);
  });

  test.each([
    ['an expiration type Graph does not have', (j: any) => { j.value[1].scheduleInfo.expiration.type = 'never'; }, '/value/1/scheduleInfo/expiration/type', /noExpiration/],
    ['an end that is no date-time text', (j: any) => { j.value[0].scheduleInfo.expiration.endDateTime = 20240410; }, '/value/0/scheduleInfo/expiration/endDateTime', /string/],
    ['a scheduleInfo that is no object', (j: any) => { j.value[0].scheduleInfo = 'always'; }, '/value/0/scheduleInfo', /object/],
    ['a principal ID that is no GUID', (j: any) => { j.value[0].principalId = ''; }, '/value/0/principalId', /object ID/],
  ])('roleEligibilitySchedules: %s is an InputError with file and JSON pointer', (_what, spoil, place, message) => {
    expectRefused(ELIGIBILITIES, eligibilitiesJson(), spoil, parseDirectoryRoleEligibilities, place, message);
  });
});

/**
 * The code of the sample tenant's Entra half: Kalyan's Global Administrator by object ID (in the
 * tenant), Joey's Privileged Role Administrator eligibility (in the tenant), Directory Readers for
 * an object the tenant has none for, the pipeline's Cloud Application Administrator scoped to the
 * wrong application, and two that cannot be compared (a principal from a variable, a custom role
 * known only after apply).
 */
const ENTRA_HCL = `
variable "admin_id" {
  type = string
}
resource "azuread_directory_role_assignment" "kalyan_global_admin" {
  role_id             = "${GLOBAL_ADMIN}"
  principal_object_id = "${KALYAN.toUpperCase()}"
}
resource "azuread_directory_role_eligibility_schedule_request" "joey_pra" {
  role_definition_id = "${PRIVILEGED_ROLE_ADMIN}"
  principal_id       = "${JOEY}"
  directory_scope_id = "/"
  justification      = "break glass"
}
resource "azuread_directory_role_assignment" "readers" {
  role_id             = "${DIRECTORY_READERS}"
  principal_object_id = "99999999-8888-7777-6666-555555555555"
  directory_scope_id  = "/"
}
resource "azuread_directory_role_assignment" "pipeline_apps" {
  role_id             = "158c047a-c907-4556-b7ef-446551a6b5f7"
  principal_object_id = "${PIPELINE}"
  directory_scope_id  = "/00000000-4444-5555-6666-aaaaaaaaaaaa"
}
resource "azuread_directory_role_assignment" "from_variable" {
  role_id             = "${GLOBAL_ADMIN}"
  principal_object_id = var.admin_id
}
resource "azuread_custom_directory_role" "custom" {
  display_name = "Custom"
  enabled      = true
  version      = "1.0"
  permissions {
    allowed_resource_actions = ["microsoft.directory/applications/basic/update"]
  }
}
resource "azuread_directory_role_assignment" "custom_role" {
  role_id             = azuread_custom_directory_role.custom.object_id
  principal_object_id = "${PIPELINE}"
}
`;

async function entraGraph(hcl = ENTRA_HCL): Promise<AccessGraph> {
  return AccessGraph.fromDocuments([{ file: 'infra/entra.tf', document: await hclJson(hcl) }]);
}

function entraExports(): LiveExports {
  return {
    ...sampleExports(),
    directoryRoles: parseDirectoryRoleAssignments(ASSIGNMENTS, fixtureText(ASSIGNMENTS)),
    directoryEligibilities: parseDirectoryRoleEligibilities(ELIGIBILITIES, fixtureText(ELIGIBILITIES)),
  };
}

const of = (findings: Finding[], ruleId: AuditRuleId) => findings.filter((f) => f.ruleId === ruleId);

describe('an audit of the Entra half', () => {
  let result: ReturnType<typeof audit>;
  beforeAll(async () => {
    result = audit(await entraGraph(), entraExports(), { today: TODAY });
  });

  test('a declared directory role the tenant holds matches it, standing and eligible, and gives no drift finding', () => {
    expect(result.directoryRoles?.matched).toEqual([
      { file: 'infra/entra.tf', address: 'azuread_directory_role_assignment.kalyan_global_admin', liveId: 'lAPpYvVpN0KRkAEhdxReEC6Xh29-LklLmYDrOIi9z-E-1', how: 'exact' },
      { file: 'infra/entra.tf', address: 'azuread_directory_role_eligibility_schedule_request.joey_pra', liveId: '30000000-aaaa-bbbb-cccc-000000000001', how: 'exact' },
    ]);
    const drift = [AuditRuleId.UNMANAGED_DIRECTORY_ROLE, AuditRuleId.DIRECTORY_ROLE_MISSING_IN_TENANT, AuditRuleId.NOT_COMPARABLE];
    const about = result.findings.filter((f) => drift.includes(f.ruleId as AuditRuleId)).map((f) => f.address);
    expect(about).not.toContain('lAPpYvVpN0KRkAEhdxReEC6Xh29-LklLmYDrOIi9z-E-1');
    expect(about).not.toContain('30000000-aaaa-bbbb-cccc-000000000001');
    expect(about).not.toContain('azuread_directory_role_assignment.kalyan_global_admin');
    expect(about).not.toContain('azuread_directory_role_eligibility_schedule_request.joey_pra');
  });

  test('AUD011: each directory role no code declares, with its role, principal and scope; tier 0 as an error', () => {
    // In the audit's order: by file, then by ID.
    expect(of(result.findings, AuditRuleId.UNMANAGED_DIRECTORY_ROLE).map((f) => [f.severity, f.file, f.address, f.message])).toEqual([
      [Severity.ERROR, ASSIGNMENTS, '5wuT_mJe20eRr5jDpJo4sXWc_2wFFMhNpwOkhdmXNl0-1',
        `The Entra role "User Administrator" (tier 0 (ControlPlane)) at administrative unit ${UNIT} for group contoso-operators (${OPERATORS}) is in the tenant, but no code declares it.`],
      [Severity.ERROR, ASSIGNMENTS, 'egSMFQfJVkW376RGVRq19ZBgOqNqpsdMpJ8PyXlLjDI-1',
        `The Entra role "Cloud Application Administrator" (tier 0 (ControlPlane)) at directory object ${APP_SCOPE} for service principal contoso-deploy-pipeline (${PIPELINE}) is in the tenant, but no code declares it.`],
      [Severity.WARNING, ASSIGNMENTS, 'iOPYiFWPHkqVOpuYmLiHa1Bv-1rAGwtDrEhiJfvrnLk-1',
        `The Entra role "Directory Readers" (tier 1 (ManagementPlane)) at the whole tenant (/) for service principal contoso-deploy-pipeline (${PIPELINE}) is in the tenant, but no code declares it.`],
      [Severity.ERROR, ASSIGNMENTS, 'lAPpYvVpN0KRkAEhdxReEMmO4KwRqtpKkUWt3wOYIz4-1',
        `The Entra role "Global Administrator" (tier 0 (ControlPlane)) at the whole tenant (/) for user Joey Cruz (${JOEY}) is in the tenant, but no code declares it.`],
      [Severity.ERROR, ELIGIBILITIES, '77f71919-62f3-4d0c-9f88-0a0391b665cd',
        'An eligibility for the Entra role "Attribute Definition Administrator" (tier 0 (ControlPlane)) at the whole tenant (/) for principal 071cc716-8147-4397-a5ba-b2105951cc0b is in the tenant, but no code declares it.'],
    ]);
    expect(result.summary.directoryRoles).toEqual({ live: 7, matched: 2, unmanaged: 5, missing: 2 });
  });

  test('AUD012: a declared directory role the tenant lacks, with the role, principal and directory scope looked for', () => {
    expect(of(result.findings, AuditRuleId.DIRECTORY_ROLE_MISSING_IN_TENANT).map((f) => [f.address, f.message])).toEqual([
      ['azuread_directory_role_assignment.pipeline_apps', 'declares the Entra role "Cloud Application Administrator" at directory object /00000000-4444-5555-6666-aaaaaaaaaaaa '
        + `for principal ${PIPELINE}, which the tenant does not hold (no directory role assignment with role 158c047a-c907-4556-b7ef-446551a6b5f7, `
        + `directory scope /00000000-4444-5555-6666-aaaaaaaaaaaa and object ID ${PIPELINE}).`],
      ['azuread_directory_role_assignment.readers', 'declares the Entra role "Directory Readers" at the whole tenant (/) for principal 99999999-8888-7777-6666-555555555555, '
        + `which the tenant does not hold (no directory role assignment with role ${DIRECTORY_READERS}, directory scope / and object ID 99999999-8888-7777-6666-555555555555).`],
    ]);
  });

  test('AUD008: a principal or role known only after apply is not comparable, never missing', () => {
    const notComparable = of(result.findings, AuditRuleId.NOT_COMPARABLE).filter((f) => f.file === 'infra/entra.tf');
    expect(notComparable.map((f) => [f.address, f.severity])).toEqual([
      ['azuread_directory_role_assignment.custom_role', Severity.INFO],
      ['azuread_directory_role_assignment.from_variable', Severity.INFO],
    ]);
    expect(notComparable[0].message).toMatch(/its role \(custom role Custom\) is known only after apply/);
    expect(notComparable[1].message).toMatch(/its principal \(.*admin_id.*\) is known only after apply/);
    expect(of(result.findings, AuditRuleId.DIRECTORY_ROLE_MISSING_IN_TENANT).map((f) => f.address)).not.toContain('azuread_directory_role_assignment.from_variable');
  });

  test('AUD003: a user holding Global Administrator standing, declared or not; a group with User Administrator is not one', () => {
    const human = of(result.findings, AuditRuleId.HUMAN_STANDING_ACCESS_ADMIN).filter((f) => f.file === ASSIGNMENTS);
    expect(human.map((f) => [f.severity, f.address, f.message])).toEqual([
      [Severity.ERROR, 'lAPpYvVpN0KRkAEhdxReEC6Xh29-LklLmYDrOIi9z-E-1', `user Kalyan Krishna (${KALYAN}) holds the Entra role "Global Administrator" standing at the whole tenant (/): `
        + '"Global Administrator" assigns directory roles (microsoft.directory/roleAssignments/allProperties/allTasks), so whoever uses this account can give anyone any Entra role, Global Administrator included.'],
      [Severity.ERROR, 'lAPpYvVpN0KRkAEhdxReEMmO4KwRqtpKkUWt3wOYIz4-1', expect.stringMatching(/^user Joey Cruz \(ace08ec9-.*\) holds the Entra role "Global Administrator" standing at the whole tenant/)],
    ]);
  });

  test('the outputs carry the Entra half: markdown summary, JSON and JSON Lines', () => {
    const markdown = renderAuditMarkdown(result);
    expect(markdown).toContain('Entra directory roles: 2 of 7 matched the code; 5 unmanaged; 2 declared but missing.');
    expect(markdown).toContain(`| error | AUD011 | ${ASSIGNMENTS}: \`lAPpYvVpN0KRkAEhdxReEMmO4KwRqtpKkUWt3wOYIz4-1\``);
    const json = JSON.parse(renderAuditJson(result));
    expect(json.summary.directoryRoles).toEqual({ live: 7, matched: 2, unmanaged: 5, missing: 2 });
    expect(json.directoryRoles.unmanaged.map((r: { id: string }) => r.id)).toHaveLength(5);
    expect(json.sources).toEqual(expect.arrayContaining([ASSIGNMENTS, ELIGIBILITIES]));
    const lines = [...renderAuditJsonLines(result)].join('').trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.filter((l) => l.ruleId === AuditRuleId.UNMANAGED_DIRECTORY_ROLE)).toHaveLength(5);
    expect(lines.filter((l) => l.ruleId === AuditRuleId.DIRECTORY_ROLE_MISSING_IN_TENANT)).toHaveLength(2);
  });
});

describe('the Entra half, given part of it', () => {
  test('without the eligibility export, a declared eligibility is not comparable, never missing', async () => {
    const { directoryEligibilities: _, ...live } = entraExports();
    const result = audit(await entraGraph(), live, { today: TODAY });
    const joey = result.findings.filter((f) => f.address === 'azuread_directory_role_eligibility_schedule_request.joey_pra');
    expect(joey.map((f) => [f.ruleId, f.message])).toEqual([[AuditRuleId.NOT_COMPARABLE, expect.stringMatching(/no roleManagement\/directory\/roleEligibilitySchedules export was given/)]]);
  });

  test('without either export, the Entra half is not asked for: no finding of it and no summary of it', async () => {
    const result = audit(await entraGraph(), sampleExports(), { today: TODAY });
    expect(result.findings.filter((f) => f.file === 'infra/entra.tf' || f.ruleId === AuditRuleId.UNMANAGED_DIRECTORY_ROLE)).toEqual([]);
    expect(result.findings.length).toBeGreaterThan(0);
    expect(result.summary.directoryRoles).toBeUndefined();
  });

  test('a principal the code names is matched by the name the expanded export gives it; an export without names makes it not comparable', async () => {
    const hcl = `
resource "azuread_group" "operators" {
  display_name     = "contoso-operators"
  security_enabled = true
  assignable_to_role = true
}
resource "azuread_directory_role_assignment" "operators" {
  role_id             = "fe930be7-5e62-47db-91af-98c3a49a38b1"
  principal_object_id = azuread_group.operators.object_id
  directory_scope_id  = "${UNIT}"
}`;
    const named = audit(await entraGraph(hcl), entraExports(), { today: TODAY });
    expect(named.directoryRoles?.matched).toEqual([
      { file: 'infra/entra.tf', address: 'azuread_directory_role_assignment.operators', liveId: '5wuT_mJe20eRr5jDpJo4sXWc_2wFFMhNpwOkhdmXNl0-1', how: 'semantic' },
    ]);
    const json = assignmentsJson();
    for (const item of json.value) delete item.principal;
    const withoutNames = { ...entraExports(), directoryRoles: parseDirectoryRoleAssignments(ASSIGNMENTS, JSON.stringify(json)) };
    const unnamed = audit(await entraGraph(hcl), withoutNames, { today: TODAY });
    expect(unnamed.directoryRoles?.matched).toEqual([]);
    expect(unnamed.findings.filter((f) => f.address === 'azuread_directory_role_assignment.operators').map((f) => [f.ruleId, f.message])).toEqual([
      [AuditRuleId.NOT_COMPARABLE, expect.stringMatching(/export it with \$expand=principal/)],
    ]);
  });

  test('AUD009: a directory role export cut at its first page', () => {
    const json = assignmentsJson();
    json['@odata.nextLink'] = 'https://graph.microsoft.com/v1.0/roleManagement/directory/roleAssignments?$skiptoken=abc';
    const eligibilities = eligibilitiesJson();
    eligibilities['@odata.nextLink'] = 'https://graph.microsoft.com/v1.0/roleManagement/directory/roleEligibilitySchedules?$skiptoken=def';
    const result = audit(emptyGraph(), {
      ...sampleExports(),
      directoryRoles: parseDirectoryRoleAssignments(ASSIGNMENTS, JSON.stringify(json)),
      directoryEligibilities: parseDirectoryRoleEligibilities(ELIGIBILITIES, JSON.stringify(eligibilities)),
    }, { today: TODAY });
    expect(of(result.findings, AuditRuleId.INCOMPLETE_EXPORT).map((f) => f.file)).toEqual([ASSIGNMENTS, ELIGIBILITIES]);
  });
});
