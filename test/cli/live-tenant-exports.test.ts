import { mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { findingsOf } from './json-findings';
import { cli, REPO } from './run-cli';
import { LIVE_EXPORT_OPTIONS } from '../../src/cli/live-exports';
import { parseGroupMembers } from '../../src/review/audit/parse-group-members';
import { parseGroupAssignmentSchedules } from '../../src/review/audit/parse-group-schedules';
import { parseOwners } from '../../src/review/audit/parse-owners';
import { parseRoleAssignmentList } from '../../src/review/audit/parse-role-assignments';
import { tenantEdgesOf } from '../../src/review/audit/tenant-edges';
import { EscalationChain } from '../../src/review/escalation/escalation-chain';
import { computeReach, reachOfGraph, touchesCode } from '../../src/review/escalation/reach';
import { AccessGraph } from '../../src/review/graph/access-graph';

/**
 * The tenant's exports beyond its assignments and directory roles (live-tenant*.test.ts have
 * those): owners, PIM eligibilities and PIM for Groups schedules as edges of reach, federated
 * credentials, and every export's mistakes. The contractor case again: the change
 * gives a contractor Automation Contributor on an account whose identity (aa-ops) holds nothing
 * itself in the tenant, but owns the service principal deploy-bot, which holds Owner at the
 * subscription (deploy-bot-owner.json, owners.json).
 */

const FIXTURE = 'test/fixtures/tenant/contractor';
const MAIN = `${FIXTURE}/main.tf`;
const IDENTITIES = `${FIXTURE}/identities.json`;
const BOT_OWNER = `${FIXTURE}/deploy-bot-owner.json`;
const OWNERS = `${FIXTURE}/owners.json`;
const IDENTITY = 'dddddddd-1234-5678-9abc-eeeeeeeeeeee';
const BOT = 'bbbbbbbb-2222-4444-6666-888888888888';
const BOT_APP_ID = '99998888-7777-6666-5555-444433332222';
const SUB = '11111111-2222-3333-4444-555555555555';
const OWNER_ROLE = '8e3af657-a8ff-443c-a75c-2fe8c4bcb635';
const PRIVILEGED_ROLE_ADMINISTRATOR = 'e8611ab8-c189-46e8-94e1-60213ab1f814';
const IN_TENANT = '(in the tenant, not in this code)';

function written(name: string, value: unknown): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'azure-access-owners-')), name);
  writeFileSync(file, JSON.stringify(value));
  return file;
}

/** A Graph page of `kind`s with `$expand=owners`, as the README's commands write them. */
const NO_EXPIRATION = { type: 'noExpiration', endDateTime: null, duration: null };

/** aa-ops's PIM for Groups schedule on a group, as Graph's eligibilitySchedules and assignmentSchedules write it. */
const groupSchedule = (group: string, accessId: string, expiration: object, assignmentType?: string) => ({
  id: `${group}_${accessId}_40000000-aaaa-bbbb-cccc-000000000009`,
  groupId: group,
  principalId: IDENTITY,
  accessId,
  memberType: 'Direct',
  status: 'Provisioned',
  ...(assignmentType === undefined ? {} : { assignmentType }),
  scheduleInfo: { startDateTime: '2026-01-01T00:00:00Z', expiration },
});

/** The group platform-admins holding Owner at the subscription, as `az role assignment list` prints it. */
const groupOwnerAssignment = (group: string, n: string) => ({
  id: `/subscriptions/${SUB}/providers/Microsoft.Authorization/roleAssignments/30000000-aaaa-bbbb-cccc-00000000000${n}`,
  principalId: group,
  principalType: 'Group',
  principalName: 'platform-admins',
  roleDefinitionId: `/subscriptions/${SUB}/providers/Microsoft.Authorization/roleDefinitions/${OWNER_ROLE}`,
  roleDefinitionName: 'Owner',
  scope: `/subscriptions/${SUB}`,
  type: 'Microsoft.Authorization/roleAssignments',
});

/** An Azure PIM eligibility for Owner at the subscription, as ARM's roleEligibilitySchedules list writes it. */
const ownerEligibility = (principalId: string, n: number, endDateTime: string | null) => ({
  id: `/subscriptions/${SUB}/providers/Microsoft.Authorization/roleEligibilitySchedules/20000000-aaaa-bbbb-cccc-00000000000${n}`,
  name: `20000000-aaaa-bbbb-cccc-00000000000${n}`,
  type: 'Microsoft.Authorization/roleEligibilitySchedules',
  properties: {
    principalId,
    principalType: 'ServicePrincipal',
    scope: `/subscriptions/${SUB}`,
    roleDefinitionId: `/subscriptions/${SUB}/providers/Microsoft.Authorization/roleDefinitions/${OWNER_ROLE}`,
    memberType: 'Direct',
    status: 'Provisioned',
    startDateTime: '2026-01-01T00:00:00Z',
    endDateTime,
  },
});

const page = (items: object[]) => ({ '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#directoryObjects', 'value': items });
const identityOwner = { '@odata.type': '#microsoft.graph.servicePrincipal', 'id': IDENTITY, 'displayName': 'aa-ops' };

describe('check on top of the tenant\'s owners (--live-owners)', () => {
  test('aa-ops owns deploy-bot, which holds Owner: the contractor\'s grant reaches Owner through the ownership, each tenant step marked', async () => {
    const { code, stdout } = await cli(['check', '--format', 'json', '--live-assignments', BOT_OWNER, '--identities', IDENTITIES,
      '--live-owners', OWNERS, MAIN]);
    expect(code).toBe(1);
    const escalations = findingsOf(stdout, 'AZA013');
    expect(escalations.map((f) => f.address)).toEqual(['azurerm_role_assignment.contractor']);
    const message = escalations[0].message;
    expect(message).toContain(`"Owner" at subscription ${SUB}`);
    expect(message).toContain(`aa-ops owns the service principal "deploy-bot" (BloodHound AZOwns) ${IN_TENANT}`);
    expect(message).toContain('adds a secret to the service principal "deploy-bot" and signs in as it (owner, BloodHound AZOwns)');
    expect(message).toContain(`deploy-bot holds "Owner" at subscription ${SUB} ${IN_TENANT}`);
  });

  test('the README\'s copy of this check is what `azure-access check` prints', async () => {
    const { stdout } = await cli(['check', '--live-assignments', BOT_OWNER, '--identities', IDENTITIES, '--live-owners', OWNERS, MAIN]);
    const readme = readFileSync(path.join(REPO, 'README.md'), 'utf8');
    const fence = '```text\n';
    const start = readme.indexOf(fence, readme.indexOf('--live-owners test/fixtures/tenant/contractor/owners.json')) + fence.length;
    expect(stdout).toContain('aa-ops owns the service principal "deploy-bot"');
    expect(readme.slice(start, readme.indexOf('```', start))).toBe(stdout);
  });

  test('without the owners export the same tenant opens no path: only the standing grant is found', async () => {
    const { stdout } = await cli(['check', '--format', 'json', '--live-assignments', BOT_OWNER, '--identities', IDENTITIES, MAIN]);
    expect(findingsOf(stdout, 'AZA013')).toEqual([]);
    expect(findingsOf(stdout, 'AZA010').map((f) => f.address)).toEqual(['azurerm_role_assignment.contractor']);
  });

  test('an application\'s owner signs in as the service principal of its appId, from the same export', async () => {
    const owners = written('owners.json', page([
      { id: 'aaaaaaaa-0000-0000-0000-000000000001', appId: BOT_APP_ID, displayName: 'deploy-bot', owners: [identityOwner] },
      { id: BOT, appId: BOT_APP_ID, displayName: 'deploy-bot', servicePrincipalType: 'Application', owners: [] },
    ]));
    const { stdout, stderr } = await cli(['check', '--format', 'json', '--live-assignments', BOT_OWNER, '--identities', IDENTITIES,
      '--live-owners', owners, MAIN]);
    expect(stderr).toBe('');
    const [escalation] = findingsOf(stdout, 'AZA013');
    expect(escalation.message).toContain(`aa-ops owns the application "deploy-bot" (BloodHound AZOwns) ${IN_TENANT}`);
    expect(escalation.message).toContain('adds a secret to the application "deploy-bot" and signs in as its service principal');
  });

  test('an application whose service principal no export lists: its owners are named as not reviewed, not read as leading nowhere', async () => {
    const owners = written('owners.json', page([{ id: 'aaaaaaaa-0000-0000-0000-000000000001', appId: BOT_APP_ID, displayName: 'deploy-bot', owners: [identityOwner] }]));
    const { stdout, stderr } = await cli(['check', '--format', 'json', '--live-assignments', BOT_OWNER, '--live-owners', owners, MAIN]);
    expect(stderr).toContain('1 owner of application "deploy-bot" (aaaaaaaa-0000-0000-0000-000000000001) whose service principal is in no export');
    expect(findingsOf(stdout, 'AZA013')).toEqual([]);
  });

  test('a group\'s owner adds itself as a member and holds what the group holds', async () => {
    const group = 'eeeeeeee-0000-0000-0000-00000000000f';
    const live = written('live.json', [groupOwnerAssignment(group, 'f')]);
    const owners = written('owners.json', page([{ id: group, displayName: 'platform-admins', isAssignableToRole: true, owners: [identityOwner] }]));
    const { stdout } = await cli(['check', '--format', 'json', '--live-assignments', live, '--identities', IDENTITIES, '--live-owners', owners, MAIN]);
    const [escalation] = findingsOf(stdout, 'AZA013');
    expect(escalation.message).toContain(`aa-ops owns the group "platform-admins" (BloodHound AZOwns) ${IN_TENANT}`);
    expect(escalation.message).toContain('adds itself to the group "platform-admins"');
    expect(escalation.message).toContain(`platform-admins holds "Owner" at subscription ${SUB} ${IN_TENANT}`);
  });

  test('an item that says neither its kind nor its owners: exit 2, the file and the JSON pointer', async () => {
    const noKind = written('owners.json', page([{ id: BOT, displayName: 'deploy-bot', owners: [] }]));
    const noOwners = written('owners.json', page([{ id: BOT, appId: BOT_APP_ID, servicePrincipalType: 'Application' }]));
    for (const [file, expected] of [
      [noKind, `${noKind}: /value/0: expected an application (appId), a service principal (servicePrincipalType) or a group (isAssignableToRole)`],
      [noOwners, `${noOwners}: /value/0/owners: expected an array (the owners: export with $expand=owners)`],
    ]) {
      const { code, stdout, stderr } = await cli(['check', '--live-assignments', BOT_OWNER, '--live-owners', file, MAIN]);
      expect(code).toBe(2);
      expect(stdout).toBe('');
      expect(stderr).toContain(expected);
    }
  });

  test('--live-owners alone is a usage error: the tenant is read with its Azure half', async () => {
    const { code, stderr } = await cli(['check', '--live-owners', OWNERS, MAIN]);
    expect(code).toBe(2);
    expect(stderr).toContain('--live-owners needs --live-assignments (or --azurehound)');
  });

  test('audit follows the tenant\'s own ownership chains (AUD010)', async () => {
    const { stdout } = await cli(['audit', '--format', 'json', '--fail-on', 'never', '--live-assignments', BOT_OWNER, '--identities', IDENTITIES,
      '--live-owners', OWNERS]);
    const escalations = findingsOf(stdout, 'AUD010');
    expect(escalations.length).toBeGreaterThan(0);
    expect(escalations.some((f) => f.message.includes('managed identity aa-ops → owns the service principal "deploy-bot"'))).toBe(true);
  });
});

describe('check on top of the tenant\'s PIM eligibilities', () => {

  test('aa-ops is eligible for Owner in the tenant: the path goes through activation, marked as the tenant\'s', async () => {
    const live = written('live.json', []);
    const eligibilities = written('eligibility.json', { value: [ownerEligibility(IDENTITY, 1, null)] });
    const { stdout } = await cli(['check', '--format', 'json', '--live-assignments', live, '--live-eligibility', eligibilities,
      '--identities', IDENTITIES, MAIN]);
    const [escalation] = findingsOf(stdout, 'AZA013');
    expect(escalation.message).toContain(`aa-ops is eligible for "Owner" at subscription ${SUB} ${IN_TENANT} (after activation`);
    expect(escalation.message).toContain(IN_TENANT);
    expect(escalation.message).toContain('after activation');
  });

  test('an eligibility the tenant holds and the export of eligibilities is left out: no path', async () => {
    const live = written('live.json', []);
    const { stdout } = await cli(['check', '--format', 'json', '--live-assignments', live, '--identities', IDENTITIES, MAIN]);
    expect(findingsOf(stdout, 'AZA013')).toEqual([]);
    expect(findingsOf(stdout, 'AZA010')).toHaveLength(1);
  });

  test('aa-ops is eligible for Privileged Role Administrator in the directory: reached after activation, marked as the tenant\'s', async () => {
    const live = written('live.json', []);
    const directory = written('directory-eligibility.json', {
      value: [{
        id: 'a5cbde3d-0000-4d6c-8cd6-000000000001',
        principalId: IDENTITY,
        roleDefinitionId: PRIVILEGED_ROLE_ADMINISTRATOR,
        directoryScopeId: '/',
        memberType: 'Direct',
        status: 'Provisioned',
        scheduleInfo: { startDateTime: '2026-01-01T00:00:00Z', expiration: { type: 'noExpiration', endDateTime: null, duration: null } },
      }],
    });
    const { stdout } = await cli(['check', '--format', 'json', '--live-assignments', live, '--identities', IDENTITIES,
      '--live-directory-eligibility', directory, MAIN]);
    const [escalation] = findingsOf(stdout, 'AZA013');
    expect(escalation.message).toContain('is eligible for the Entra role "Privileged Role Administrator" at the whole tenant (/) (after activation');
    expect(escalation.message).toContain(IN_TENANT);
  });

  test('the same eligibility from AzureHound (AZRoleEligibilityScheduleInstance, which keeps no end date): the same path', async () => {
    const live = written('live.json', []);
    const hound = written('hound.json', {
      data: [{
        kind: 'AZRoleEligibilityScheduleInstance',
        data: {
          id: 'A5CBDE3D-0000-4D6C-8CD6-000000000001-1-E',
          roleDefinitionId: PRIVILEGED_ROLE_ADMINISTRATOR.toUpperCase(),
          principalId: IDENTITY.toUpperCase(),
          directoryScopeId: '/',
          startDateTime: '2026-01-01T00:00:00Z',
          tenantId: '99999999-8888-7777-6666-555555555555',
        },
      }],
      meta: { type: 'azure', version: 5, count: 1 },
    });
    const { stdout, stderr } = await cli(['check', '--format', 'json', '--live-assignments', live, '--identities', IDENTITIES, '--azurehound', hound, MAIN]);
    const [escalation] = findingsOf(stdout, 'AZA013');
    expect(escalation.message).toContain('is eligible for the Entra role "Privileged Role Administrator" at the whole tenant (/) (after activation');
    expect(escalation.message).toContain(IN_TENANT);
    // Read, so not named as not reviewed.
    expect(stderr).not.toContain('AZRoleEligibilityScheduleInstance');
    // The collector keeps no end date: the export says the end is unknown (counted as never), not that there is none.
    const graph = await cli(['report', '--format', 'opengraph', '--live-assignments', live, '--identities', IDENTITIES, '--azurehound', hound, MAIN]);
    type Edge = { kind: string; start: { value: string }; properties: Record<string, unknown> };
    const edges = (JSON.parse(graph.stdout) as { graph: { edges: Edge[] } }).graph.edges.filter((e) => e.kind === 'AZRoleEligible');
    expect(edges.map((e) => [e.start.value, e.properties.origin, e.properties.expiry])).toEqual([[IDENTITY.toUpperCase(), 'tenant', 'unknown (counts as never)']]);
    // Graph's schedule of the same holding says when it ends: one eligibility, Graph's.
    const schedule = written('directory-eligibility.json', {
      value: [{
        id: 'a5cbde3d-0000-4d6c-8cd6-000000000001',
        principalId: IDENTITY,
        roleDefinitionId: PRIVILEGED_ROLE_ADMINISTRATOR,
        directoryScopeId: '/',
        scheduleInfo: { startDateTime: '2026-01-01T00:00:00Z', expiration: { type: 'afterDateTime', endDateTime: '2027-01-01T00:00:00Z', duration: null } },
      }],
    });
    const both = await cli(['report', '--format', 'opengraph', '--live-assignments', live, '--identities', IDENTITIES, '--azurehound', hound,
      '--live-directory-eligibility', schedule, MAIN]);
    const merged = (JSON.parse(both.stdout) as { graph: { edges: Edge[] } }).graph.edges.filter((e) => e.kind === 'AZRoleEligible');
    expect(merged.map((e) => [e.start.value, e.properties.expiry])).toEqual([[IDENTITY.toUpperCase(), '2027-01-01T00:00:00Z']]);
  });
});

describe('check on top of the tenant\'s PIM for Groups schedules', () => {
  const GROUP = 'eeeeeeee-0000-0000-0000-00000000000a';
  const groupOwner = () => written('live.json', [groupOwnerAssignment(GROUP, 'a')]);
  /** A schedule of Graph's PIM for Groups lists, as the README's loop writes them: an array of pages. */
  const schedules = (accessId: string, assignmentType?: string) => [{
    value: [{ ...groupSchedule(GROUP, accessId, NO_EXPIRATION, assignmentType), group: { id: GROUP, displayName: 'platform-admins' } }],
  }];

  test('aa-ops is eligible to be a member of a group that holds Owner: the path goes through activation, marked as the tenant\'s', async () => {
    const eligibility = written('group-eligibility.json', schedules('member'));
    const { stdout } = await cli(['check', '--format', 'json', '--live-assignments', groupOwner(), '--identities', IDENTITIES,
      '--live-group-eligibility', eligibility, MAIN]);
    const [escalation] = findingsOf(stdout, 'AZA013');
    expect(escalation.message).toContain('is eligible to be member of the group "platform-admins" (after activation');
    expect(escalation.message).toContain(`platform-admins holds "Owner" at subscription ${SUB} ${IN_TENANT}`);
  });

  test('an active ownership through PIM for Groups is an ownership of the group: its owner adds itself as a member', async () => {
    const assignments = written('group-assignments.json', schedules('owner', 'assigned'));
    const { stdout } = await cli(['check', '--format', 'json', '--live-assignments', groupOwner(), '--identities', IDENTITIES,
      '--live-group-assignments', assignments, MAIN]);
    const [escalation] = findingsOf(stdout, 'AZA013');
    expect(escalation.message).toContain(`aa-ops is an active owner of the group "platform-admins" (PIM for Groups, until no end; BloodHound AZOwns) ${IN_TENANT}`
      + ' → adds itself to the group "platform-admins" (owner, BloodHound AZOwns)');
  });

  test('an active owner at the start of a path escalates: audit names it, as it names an owner the owners export lists', async () => {
    const assignments = written('group-assignments.json', schedules('owner', 'assigned'));
    const { stdout } = await cli(['audit', '--format', 'json', '--fail-on', 'never', '--live-assignments', groupOwner(), '--identities', IDENTITIES,
      '--live-group-assignments', assignments]);
    // One root cause, the group's Owner (its removal closes the path for every member too), its path starting at the owner.
    const escalations = findingsOf(stdout, 'AUD010');
    expect(escalations).toHaveLength(1);
    expect(escalations[0].message).toContain('Shortest: managed identity aa-ops → is an active owner of the group "platform-admins" '
      + '(PIM for Groups, until no end; BloodHound AZOwns) → adds itself to the group "platform-admins" (owner, BloodHound AZOwns) → platform-admins holds "Owner"');
  });

  test('an active membership the members export lists too is one edge, not two paths', async () => {
    const assignments = written('group-assignments.json', schedules('member', 'activated'));
    const members = written('members.json', { value: [{ id: GROUP, displayName: 'platform-admins', members: [identityOwner] }] });
    const both = await cli(['check', '--format', 'json', '--live-assignments', groupOwner(), '--identities', IDENTITIES,
      '--live-group-assignments', assignments, '--live-group-members', members, MAIN]);
    const [escalation] = findingsOf(both.stdout, 'AZA013');
    expect(escalation.message).toContain('opens 1 escalation path');
    // The schedule's edge, which says when it ends, not the members export's beside it.
    expect(escalation.message).toContain(`aa-ops is an active member of the group "platform-admins" (PIM for Groups, until no end; BloodHound AZMemberOf) ${IN_TENANT}`);
    expect(escalation.message).not.toContain('is a member of the group');
    const live = {
      assignments: parseRoleAssignmentList('live.json', readFileSync(groupOwner(), 'utf8')),
      groupAssignments: parseGroupAssignmentSchedules('group-assignments.json', readFileSync(assignments, 'utf8')),
      groupMembers: parseGroupMembers('members.json', readFileSync(members, 'utf8')),
    };
    const edges = tenantEdgesOf(live, AccessGraph.fromDocuments([]));
    expect(edges.groupMemberships).toEqual([]);
    expect(edges.groupAssignments?.map((a) => [a.id, a.principalId, a.groupId, a.accessId])).toEqual([
      [`${GROUP}_member_40000000-aaaa-bbbb-cccc-000000000009`, IDENTITY, GROUP, 'member'],
    ]);
    // Without the schedules, the members export's membership is the edge.
    const membersOnly = tenantEdgesOf({ ...live, groupAssignments: undefined }, AccessGraph.fromDocuments([]));
    expect(membersOnly.groupMemberships?.map((m) => [m.principalId, m.groupId])).toEqual([[IDENTITY, GROUP]]);
    expect(membersOnly.groupAssignments).toEqual([]);
  });
});

describe('federated credentials of the tenant', () => {
  const APP_FICS = 'test/fixtures/audit/graph-applications-federated-credentials.json';
  const UAI_FICS = 'test/fixtures/audit/az-identity-federated-credential-list.json';

  test('audit compares them with the code: each the code does not declare is AUD014, and the summary counts them', async () => {
    const { stdout } = await cli(['audit', '--format', 'json', '--fail-on', 'never', '--live-assignments', BOT_OWNER,
      '--app-federated-credentials', APP_FICS, '--identity-federated-credentials', UAI_FICS]);
    const result = JSON.parse(stdout) as { sources: string[]; summary: { federatedCredentials: Record<'live' | 'matched' | 'unmanaged', number> } };
    const unmanaged = findingsOf(stdout, 'AUD014');
    expect(unmanaged.length).toBeGreaterThan(0);
    expect(result.summary.federatedCredentials.unmanaged).toBe(unmanaged.length);
    expect(result.summary.federatedCredentials.live).toBe(unmanaged.length);
    expect(result.sources).toEqual([BOT_OWNER, APP_FICS, UAI_FICS]);
  });

  test('check names them on standard error as not reviewed there, with their count', async () => {
    const { stderr } = await cli(['check', '--live-assignments', BOT_OWNER, '--identity-federated-credentials', UAI_FICS, MAIN]);
    const counted = '\\d+ federated credential \\(audit compares them with the code: AUD014\\) items? not reviewed';
    expect(stderr).toMatch(new RegExp(`^azure-access check: ${UAI_FICS}: ${counted}`));
  });
});

test('the OpenGraph export holds the tenant\'s ownerships and eligibilities, each edge marked as the tenant\'s', async () => {
  const live = written('live.json', []);
  const eligibilities = written('eligibility.json', { value: [ownerEligibility(BOT, 1, null)] });
  const { code, stdout } = await cli(['report', '--format', 'opengraph', '--live-assignments', live, '--live-eligibility', eligibilities,
    '--identities', IDENTITIES, '--live-owners', OWNERS, MAIN]);
  expect(code).toBe(0);
  type Edge = { kind: string; start: { value: string }; end: { value: string }; properties: Record<string, unknown> };
  const edges = (JSON.parse(stdout) as { graph: { edges: Edge[] } }).graph.edges;
  const owns = edges.filter((e) => e.kind === 'AZOwns');
  expect(owns.map((e) => [e.start.value, e.properties.origin, e.properties.owned_kind])).toEqual([[IDENTITY.toUpperCase(), 'tenant', 'service-principal']]);
  const eligible = edges.filter((e) => e.properties.live_id === `/subscriptions/${SUB}/providers/Microsoft.Authorization/roleEligibilitySchedules/20000000-aaaa-bbbb-cccc-000000000001`);
  expect(eligible.map((e) => [e.start.value, e.properties.origin, e.properties.role])).toEqual([[BOT.toUpperCase(), 'tenant', 'Owner']]);
});

test('an application or service principal the exports list without owners is still reached by a directory role over applications', async () => {
  const APPLICATION_ADMINISTRATOR = '9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3';
  const unowned = written('owners.json', page([
    { id: BOT, appId: BOT_APP_ID, displayName: 'deploy-bot', servicePrincipalType: 'Application', owners: [] },
    // A managed identity's service principal takes no credential: no one signs in as it by adding one.
    { id: IDENTITY, appId: '44445555-eeee-6666-ffff-7777aaaa8888', displayName: 'aa-ops', servicePrincipalType: 'ManagedIdentity', owners: [] },
  ]));
  const roles = written('directory-roles.json', { value: [{ id: 'lAPpYvVpN0KRkAEhdxReE-1', principalId: IDENTITY, directoryScopeId: '/', roleDefinitionId: APPLICATION_ADMINISTRATOR }] });
  const withList = await cli(['check', '--format', 'json', '--live-assignments', BOT_OWNER, '--identities', IDENTITIES,
    '--live-directory-roles', roles, '--live-owners', unowned, MAIN]);
  const [escalation] = findingsOf(withList.stdout, 'AZA013');
  expect(escalation.message).toContain(`holds the Entra role "Application Administrator" at the whole tenant (/) (BloodHound AZHasRole) ${IN_TENANT}`);
  // Through the role, deploy-bot's Owner; the managed identity's service principal is no target.
  expect(escalation.message).toContain(`opens 2 escalation paths, up to tier 0: "Owner" at subscription ${SUB}, "Application Administrator"`);
  // Without the list, the tenant's service principal is no object the role is known to reach.
  const without = await cli(['check', '--format', 'json', '--live-assignments', BOT_OWNER, '--identities', IDENTITIES, '--live-directory-roles', roles, MAIN]);
  const [alone] = findingsOf(without.stdout, 'AZA013');
  expect(alone.message).toContain('opens 1 escalation path, up to tier 0: "Application Administrator"');
  const objects = tenantEdgesOf({
    assignments: parseRoleAssignmentList('live.json', readFileSync(BOT_OWNER, 'utf8')),
    owners: parseOwners('owners.json', readFileSync(unowned, 'utf8')),
  }, AccessGraph.fromDocuments([])).directoryObjects;
  expect(objects?.map((o) => [o.kind, o.id, o.principalId])).toEqual([['service-principal', BOT, BOT], ['service-principal', IDENTITY, undefined]]);
});

describe('what the first review of the tenant\'s Entra edges found', () => {
  const empty = () => written('live.json', []);
  const botEligible = (end: string | null = null) => written('eligibility.json', { value: [ownerEligibility(BOT, 9, end)] });
  const userOwner = { '@odata.type': '#microsoft.graph.user', 'id': 'abababab-0000-0000-0000-000000000001', 'displayName': 'Yann' };

  test('a path made only of the tenant\'s edges is audit\'s, not the change\'s: check raises no AZA013 for it', async () => {
    const owners = written('owners.json', page([{ id: BOT, appId: BOT_APP_ID, displayName: 'deploy-bot', servicePrincipalType: 'Application', owners: [userOwner] }]));
    const { code, stdout } = await cli(['check', '--format', 'json', '--live-assignments', empty(), '--live-eligibility', botEligible(),
      '--live-owners', owners, MAIN]);
    expect(findingsOf(stdout, 'AZA013')).toEqual([]);
    expect(findingsOf(stdout, 'AZA010').map((f) => f.address)).toEqual(['azurerm_role_assignment.contractor']);
    expect(code).toBe(0);
    // audit reports the same path as the tenant's own.
    const audit = await cli(['audit', '--format', 'json', '--fail-on', 'never', '--live-assignments', empty(), '--live-eligibility', botEligible(),
      '--live-owners', owners]);
    expect(findingsOf(audit.stdout, 'AUD010').some((f) => f.message.includes('Yann → owns the service principal "deploy-bot"'))).toBe(true);
  });

  test('the owner of a managed identity\'s service principal cannot add it a credential: no path through it', async () => {
    const owners = written('owners.json', page([
      { id: IDENTITY, appId: '44445555-eeee-6666-ffff-7777aaaa8888', displayName: 'aa-ops', servicePrincipalType: 'ManagedIdentity', owners: [userOwner] },
    ]));
    const live = `${FIXTURE}/live.json`;
    for (const extra of [[], ['--identities', IDENTITIES]]) {
      const { stdout } = await cli(['audit', '--format', 'json', '--fail-on', 'never', '--live-assignments', live, ...extra, '--live-owners', owners]);
      const messages = JSON.stringify(JSON.parse(stdout).findings);
      expect(messages).toContain('aa-ops');
      expect(messages).not.toContain('adds a secret to the service principal \\"aa-ops\\"');
    }
    // Told by the identities export alone too (AzureHound's owners say no servicePrincipalType).
    const untyped = written('owners.json', page([{ '@odata.type': '#microsoft.graph.servicePrincipal', 'id': IDENTITY, 'appId': '44445555-eeee-6666-ffff-7777aaaa8888', 'owners': [userOwner] }]));
    const { stdout } = await cli(['audit', '--format', 'json', '--fail-on', 'never', '--live-assignments', live, '--identities', IDENTITIES, '--live-owners', untyped]);
    expect(JSON.stringify(JSON.parse(stdout).findings)).not.toContain('adds a secret to the service principal');
  });

  test('an object listed with the 20 owners $expand gives at most is named as not reviewed past them', async () => {
    const twenty = Array.from({ length: 20 }, (_, i) => ({ ...userOwner, id: `abababab-0000-0000-0000-0000000000${String(i).padStart(2, '0')}` }));
    const owners = written('owners.json', page([{ id: BOT, appId: BOT_APP_ID, displayName: 'deploy-bot', servicePrincipalType: 'Application', owners: twenty }]));
    const { stderr } = await cli(['check', '--live-assignments', BOT_OWNER, '--live-owners', owners, MAIN]);
    expect(stderr).toContain(`service principal "deploy-bot" (${BOT}) listed with the 20 owners $expand gives at most: its other owners item not reviewed`);
    const nineteen = written('owners.json', page([{ id: BOT, appId: BOT_APP_ID, servicePrincipalType: 'Application', owners: twenty.slice(1) }]));
    expect((await cli(['check', '--live-assignments', BOT_OWNER, '--live-owners', nineteen, MAIN])).stderr).toBe('');
  });

  test('audit\'s OpenGraph export writes an eligibility the code declares and the tenant holds once, as both', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'azure-access-owners-'));
    writeFileSync(path.join(dir, 'main.tf'), `
resource "azurerm_pim_eligible_role_assignment" "bot" {
  scope              = "/subscriptions/${SUB}"
  role_definition_id = "/subscriptions/${SUB}/providers/Microsoft.Authorization/roleDefinitions/${OWNER_ROLE}"
  principal_id       = "${BOT}"
  schedule {
    expiration { end_date_time = "2027-01-01T00:00:00Z" }
  }
}
`);
    const { stdout } = await cli(['audit', '--format', 'opengraph', '--fail-on', 'never', '--live-assignments', empty(),
      '--live-eligibility', botEligible('2027-01-01T00:00:00Z'), dir]);
    const edges = (JSON.parse(stdout) as { graph: { edges: { kind: string; properties: Record<string, unknown> }[] } }).graph.edges
      .filter((e) => e.kind === 'AZA_AzureRoleEligible');
    expect(edges.map((e) => e.properties.origin)).toEqual(['both']);
  });

  test('a schedule that lasts a duration says so; an active one says when it ends', async () => {
    const GROUP = 'eeeeeeee-0000-0000-0000-00000000000b';
    const schedule = (accessId: string, expiration: object, assignmentType?: string) => ({
      value: [groupSchedule(GROUP, accessId, expiration, assignmentType)],
    });
    const eligibility = written('group-eligibility.json', schedule('member', { type: 'afterDuration', endDateTime: null, duration: 'P30D' }));
    const active = written('group-assignments.json', schedule('owner', { type: 'afterDateTime', endDateTime: '2026-12-31T00:00:00Z', duration: null }, 'activated'));
    const { stdout } = await cli(['report', '--format', 'opengraph', '--live-assignments', empty(), '--live-group-eligibility', eligibility,
      '--live-group-assignments', active, MAIN]);
    const edges = (JSON.parse(stdout) as { graph: { edges: { kind: string; properties: Record<string, unknown> }[] } }).graph.edges;
    expect(edges.filter((e) => e.kind === 'AZA_GroupEligible').map((e) => e.properties.expiry)).toEqual(['P30D']);
    expect(edges.filter((e) => e.properties.via === 'pim-group-assignment').map((e) => [e.kind, e.properties.expiry])).toEqual([['AZOwns', '2026-12-31T00:00:00Z']]);
    // A length in years is Graph's to write and this review's to keep as written; anything else is no length at all.
    const yearly = written('group-assignments.json', schedule('member', { type: 'afterDuration', endDateTime: null, duration: 'P1Y' }, 'assigned'));
    const withYear = await cli(['report', '--format', 'opengraph', '--live-assignments', empty(), '--live-group-assignments', yearly, MAIN]);
    expect((JSON.parse(withYear.stdout) as { graph: { edges: { properties: Record<string, unknown> }[] } }).graph.edges
      .filter((e) => e.properties.via === 'pim-group-assignment').map((e) => e.properties.expiry)).toEqual(['P1Y']);
    const garbage = written('group-assignments.json', schedule('member', { type: 'afterDuration', endDateTime: null, duration: 'a while' }, 'assigned'));
    const refused = await cli(['report', '--live-assignments', empty(), '--live-group-assignments', garbage, MAIN]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`${garbage}: /value/0/scheduleInfo/expiration/duration: expected an ISO 8601 duration`);
  });

  test('federated credentials from many files are named in one line an export, with the files counted', async () => {
    const files = Array.from({ length: 3 }, (_, i) => written(`uai-${i}.json`, [{
      id: `/subscriptions/${SUB}/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-${i}/federatedIdentityCredentials/gh`,
      name: 'gh',
      issuer: 'https://token.actions.githubusercontent.com',
      subject: `repo:contoso/app-${i}:environment:prod`,
      audiences: ['api://AzureADTokenExchange'],
      type: 'Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials',
    }]));
    const { stderr } = await cli(['check', '--live-assignments', BOT_OWNER, ...files.flatMap((f) => ['--identity-federated-credentials', f]), MAIN]);
    expect(stderr.split('\n').filter((l) => l !== '')).toEqual([
      `azure-access check: ${files[0]} and 2 more files: 3 federated credential (audit compares them with the code: AUD014) items not reviewed `
        + '(what they grant is not part of this review)',
    ]);
  });
});

test('diff: adopting an eligibility the tenant holds changes nothing in Azure, as adopting an assignment does', async () => {
  const eligibility = written('eligibility.json', { value: [ownerEligibility(IDENTITY, 7, '2027-06-01T00:00:00Z')] });
  const declaring = path.join(mkdtempSync(path.join(tmpdir(), 'azure-access-owners-')), 'declaring.tf');
  writeFileSync(declaring, `${readFileSync(MAIN, 'utf8')}
resource "azurerm_pim_eligible_role_assignment" "account_owner" {
  scope              = "/subscriptions/${SUB}"
  role_definition_id = "/subscriptions/${SUB}/providers/Microsoft.Authorization/roleDefinitions/${OWNER_ROLE}"
  principal_id       = "${IDENTITY}"
  schedule {
    expiration { end_date_time = "2027-06-01T00:00:00Z" }
  }
}
`);
  const live = ['--live-assignments', written('live.json', []), '--live-eligibility', eligibility, '--identities', IDENTITIES];
  const { stdout, stderr } = await cli(['diff', '--format', 'json', ...live, MAIN, declaring]);
  expect(stderr).toBe('');
  const adopted = JSON.parse(stdout);
  expect(adopted.rootCauses.opened).toEqual([]);
  expect(adopted.rootCauses.closed).toEqual([]);
  expect(adopted.gate.fails).toBe(false);
  expect(adopted.changes.map((c: { kind: string; address: string; escalation: boolean }) => [c.kind, c.address, c.escalation]))
    .toEqual([['added', 'azurerm_pim_eligible_role_assignment.account_owner', false]]);
  expect(adopted.changes[0].details).toContain('Adopted: the tenant holds it already');
  // Without the tenant's eligibilities, the same change opens the contractor's path.
  const alone = JSON.parse((await cli(['diff', '--format', 'json', '--live-assignments', written('live.json', []), '--identities', IDENTITIES, MAIN, declaring])).stdout);
  expect(alone.rootCauses.opened.length).toBeGreaterThan(0);
});

test.each(LIVE_EXPORT_OPTIONS.filter((o) => o !== 'live-assignments' && o !== 'azurehound'))(
  'a malformed --%s file: exit 2, the file and the JSON pointer, nothing on standard output, for audit and check alike',
  async (option) => {
    const bad = written('bad.json', { value: [42] });
    for (const argv of [['audit', '--live-assignments', BOT_OWNER, `--${option}`, bad], ['check', '--live-assignments', BOT_OWNER, `--${option}`, bad, MAIN]]) {
      const { code, stdout, stderr } = await cli(argv);
      expect(code).toBe(2);
      expect(stdout).toBe('');
      expect(stderr).toContain(`${bad}: /value/0: expected`);
      expect(stderr).not.toMatch(/\n\s+at /);
    }
  },
);

test('a group the exports do not say is role-assignable or not is one a Groups Administrator may join (the wider reading, as the code\'s)', async () => {
  const GROUPS_ADMINISTRATOR = 'fdd7a751-b60b-444a-984c-02652fe8fa1c';
  const group = 'eeeeeeee-0000-0000-0000-00000000000c';
  const live = written('live.json', [groupOwnerAssignment(group, 'c')]);
  const roles = written('directory-roles.json', { value: [{ id: 'lAPpYvVpN0KRkAEhdxReE-2', principalId: IDENTITY, directoryScopeId: '/', roleDefinitionId: GROUPS_ADMINISTRATOR }] });
  const listed = (assignable?: boolean) => written('owners.json', page([{
    '@odata.type': '#microsoft.graph.group', 'id': group, 'displayName': 'platform-admins', ...(assignable === undefined ? {} : { isAssignableToRole: assignable }), 'owners': [],
  }]));
  const audit = async (owners: string) => findingsOf((await cli(['audit', '--format', 'json', '--fail-on', 'never', '--live-assignments', live,
    '--identities', IDENTITIES, '--live-directory-roles', roles, '--live-owners', owners])).stdout, 'AUD010')
    .filter((f) => f.message.includes('adds itself to the group "platform-admins"'));
  expect(await audit(listed())).toHaveLength(1);
  expect(await audit(listed(false))).toHaveLength(1);
  // Only Privileged Role Administrators and owners manage a role-assignable group's members.
  expect(await audit(listed(true))).toEqual([]);
  // What one export leaves out, another may say: the members export's flag is the group's.
  const members = written('members.json', { value: [{ id: group, displayName: 'platform-admins', isAssignableToRole: true, members: [] }] });
  const both = findingsOf((await cli(['audit', '--format', 'json', '--fail-on', 'never', '--live-assignments', live, '--identities', IDENTITIES,
    '--live-directory-roles', roles, '--live-owners', listed(), '--live-group-members', members])).stdout, 'AUD010');
  expect(both.filter((f) => f.message.includes('adds itself to the group "platform-admins"'))).toEqual([]);
});

describe('a directory role whose reach over the tenant\'s objects no export lists is named as not reviewed', () => {
  const APPLICATION_ADMINISTRATOR = '9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3';
  const HELPDESK_ADMINISTRATOR = '729827e3-9c14-49f7-bb1b-9608f156bbb8';
  const roles = (...held: [string, string][]) => written('directory-roles.json', {
    value: held.map(([roleDefinitionId, directoryScopeId], i) => ({ id: `lAPpYvVpN0KRkAEhdxReE-${i + 3}`, principalId: IDENTITY, directoryScopeId, roleDefinitionId })),
  });
  const spOwners = () => written('owners.json', page([{ id: BOT, appId: BOT_APP_ID, displayName: 'deploy-bot', servicePrincipalType: 'Application', owners: [] }]));

  test('check says it on standard error; with the service principals listed, it is followed and not said', async () => {
    const directory = roles([APPLICATION_ADMINISTRATOR, '/']);
    const unlisted = await cli(['check', '--live-assignments', BOT_OWNER, '--live-directory-roles', directory, MAIN]);
    // Said at the export that holds the role.
    expect(unlisted.stderr).toBe(`azure-access check: ${directory}: what 1 holder of "Application Administrator" reaches over the tenant's applications `
      + 'and service principals is not reviewed: no export lists them (give --live-owners with Graph\'s servicePrincipals list)\n');
    const listed = await cli(['check', '--live-assignments', BOT_OWNER, '--live-directory-roles', directory, '--live-owners', spOwners(), MAIN]);
    expect(listed.stderr).toBe('');
  });

  test('audit names it in AUD013, with a password administrator\'s reach over users and a role held at an administrative unit', async () => {
    const unit = '/administrativeUnits/abcdabcd-0000-0000-0000-000000000001';
    const directory = roles([HELPDESK_ADMINISTRATOR, '/'], [APPLICATION_ADMINISTRATOR, unit]);
    const { stdout } = await cli(['audit', '--format', 'json', '--fail-on', 'never', '--live-assignments', BOT_OWNER, '--live-directory-roles', directory,
      '--live-owners', spOwners()]);
    const [notReviewed] = findingsOf(stdout, 'AUD013');
    expect(notReviewed.file).toBe(directory);
    expect(notReviewed.message).toContain('1 holder of "Helpdesk Administrator", whose reach over the tenant\'s users is not reviewed (this review does not read them)');
    expect(notReviewed.message).toContain('1 holder of "Application Administrator", whose reach over the administrative unit abcdabcd-0000-0000-0000-000000000001 '
      + 'is not reviewed (no export lists its members)');
    expect(notReviewed.message).not.toContain('service principals');
  });

  test('report and diff say it too, once; a Graph permission over service principals is named as a role is', async () => {
    const permission = written('app-roles.json', {
      value: [{
        id: 'permission-1',
        appRoleId: '1bfefb4e-e0b5-418b-a88f-73c46d2cc8e9',
        principalId: BOT,
        principalType: 'ServicePrincipal',
        principalDisplayName: 'deploy-bot',
        resourceDisplayName: 'Microsoft Graph',
        resourceId: '00000000-0000-0000-0000-0000000000aa',
      }],
    });
    const live = ['--live-assignments', BOT_OWNER, '--live-app-roles', permission];
    const line = `${permission}: what 1 holder of "Application.ReadWrite.All" reaches over the tenant's applications and service principals is not reviewed`;
    for (const argv of [['report', '--format', 'json', ...live, MAIN], ['diff', '--format', 'json', ...live, MAIN, MAIN]]) {
      const { stderr } = await cli(argv);
      expect(stderr.split('\n').filter((l) => l.includes(line))).toHaveLength(1);
    }
  });

  test('groups that are all role-assignable leave a Groups Administrator\'s other groups unlisted; one that is not, listed, is followed', async () => {
    const GROUPS_ADMINISTRATOR = 'fdd7a751-b60b-444a-984c-02652fe8fa1c';
    const directory = roles([GROUPS_ADMINISTRATOR, '/']);
    const group = 'eeeeeeee-0000-0000-0000-00000000000d';
    const live = written('live.json', [groupOwnerAssignment(group, 'd')]);
    const members = (assignable: boolean) => written('members.json', { value: [{ id: group, displayName: 'platform-admins', isAssignableToRole: assignable, members: [] }] });
    const roleAssignableOnly = await cli(['check', '--format', 'json', '--live-assignments', live, '--identities', IDENTITIES, '--live-directory-roles', directory,
      '--live-group-members', members(true), MAIN]);
    expect(roleAssignableOnly.stderr).toContain('reaches over the tenant\'s groups that are not role-assignable is not reviewed');
    // A group the members export lists is an object of the tenant a Groups Administrator joins.
    const joinable = await cli(['check', '--format', 'json', '--live-assignments', live, '--identities', IDENTITIES, '--live-directory-roles', directory,
      '--live-group-members', members(false), MAIN]);
    expect(joinable.stderr).toBe('');
    expect(findingsOf(joinable.stdout, 'AZA013')[0].message).toContain(`"Owner" at subscription ${SUB}`);
    expect(findingsOf(roleAssignableOnly.stdout, 'AZA013')[0].message).not.toContain(`"Owner" at subscription ${SUB}`);
  });
});

test('on the tenant, the reach the review keeps holds no chain made of the tenant\'s edges alone (audit computes those itself)', () => {
  const live = {
    assignments: parseRoleAssignmentList('live.json', readFileSync(BOT_OWNER, 'utf8')),
    owners: parseOwners('owners.json', JSON.stringify(page([{
      id: BOT,
      appId: BOT_APP_ID,
      displayName: 'deploy-bot',
      servicePrincipalType: 'Application',
      owners: [{ '@odata.type': '#microsoft.graph.user', 'id': 'abababab-0000-0000-0000-000000000001', 'displayName': 'Yann' }],
    }]))),
  };
  const graph = AccessGraph.fromDocuments([{ file: 'main.tf.json', document: {} }], new Map(), { forTenant: true });
  graph.addTenant(tenantEdgesOf(live, graph));
  // The tenant's own path (Yann owns deploy-bot, which holds Owner) is there to find...
  expect(computeReach(graph).chains.some((c) => c.steps.some((s) => s.description.includes('owns the service principal "deploy-bot"')))).toBe(true);
  // ...and is not what the review of the code keeps.
  expect(reachOfGraph(graph).chains).toEqual([]);
});

test('a chain that touches the code anywhere is kept: its grant, the resource an identity runs on, the store, the trust', () => {
  const tenant = { file: 'live.json', place: '/0' };
  const inTenant = { file: 'main.tf.json', address: 'x', suppressions: [], tenant };
  const ofCode = { file: 'main.tf.json', address: 'y', suppressions: [] };
  const chain = (step: object) => ({ steps: [{ grant: { origin: inTenant } }, { grant: { origin: inTenant }, ...step }] }) as unknown as
    EscalationChain;
  expect(touchesCode(chain({}))).toBe(false);
  expect(touchesCode(chain({ grant: { origin: ofCode } }))).toBe(true);
  expect(touchesCode(chain({ on: { origin: ofCode } }))).toBe(true);
  expect(touchesCode(chain({ on: { origin: inTenant } }))).toBe(false);
  expect(touchesCode(chain({ store: { origin: ofCode } }))).toBe(true);
  expect(touchesCode(chain({ trust: { credential: { origin: ofCode } } }))).toBe(true);
  expect(touchesCode(chain({ trust: { credential: { origin: inTenant } } }))).toBe(false);
});

test('a step that adds a secret names the role\'s action over what it adds it to: a service principal\'s, an application\'s', async () => {
  const APPLICATION_ADMINISTRATOR = '9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3';
  const roles = written('directory-roles.json', { value: [{ id: 'lAPpYvVpN0KRkAEhdxReE-9', principalId: 'abababab-0000-0000-0000-000000000001', directoryScopeId: '/', roleDefinitionId: APPLICATION_ADMINISTRATOR }] });
  const stepOf = async (items: object[]) => {
    const { stdout } = await cli(['audit', '--format', 'json', '--fail-on', 'never', '--live-assignments', BOT_OWNER, '--live-directory-roles', roles,
      '--live-owners', written('owners.json', page(items))]);
    const [escalation] = findingsOf(stdout, 'AUD010');
    return /→ (adds a secret to [^→]*)→/.exec(escalation.message)?.[1];
  };
  expect(await stepOf([{ id: BOT, appId: BOT_APP_ID, displayName: 'deploy-bot', servicePrincipalType: 'Application', owners: [] }]))
    .toBe('adds a secret to the service principal "deploy-bot" and signs in as it (microsoft.directory/servicePrincipals/credentials/update, BloodHound AZAddSecret) ');
  expect(await stepOf([
    { id: 'aaaaaaaa-0000-0000-0000-000000000001', appId: BOT_APP_ID, displayName: 'deploy-bot', owners: [] },
    { id: BOT, appId: BOT_APP_ID, displayName: 'deploy-bot', servicePrincipalType: 'Application', owners: [] },
  ])).toMatch(/^adds a secret to the (application "deploy-bot" and signs in as its service principal \(microsoft\.directory\/applications\/|service principal "deploy-bot" and signs in as it \(microsoft\.directory\/servicePrincipals\/)/);
});
