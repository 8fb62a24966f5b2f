import { readFileSync } from 'fs';
import * as path from 'path';
import { ScopeLevel } from '../../../src/model/scope-level';
import { notReviewedOf, parseAzureHound } from '../../../src/review/audit/parse-azurehound';
import { InputError } from '../../../src/review/reader/input-error';

/** AzureHound's collection, read into the live types every other export is read into. */

const FILE = 'collection.json';
const TEXT = readFileSync(path.join(__dirname, '..', '..', 'fixtures', 'azurehound', FILE), 'utf8');
const SUB = '11111111-2222-3333-4444-555555555555';
const RD = `/subscriptions/${SUB}/providers/Microsoft.Authorization/roleDefinitions/`;
const RA = '/providers/Microsoft.Authorization/roleAssignments/40000000-aaaa-bbbb-cccc-00000000000';
const collection = () => parseAzureHound(FILE, TEXT);

function errorOf(text: string): InputError {
  try {
    parseAzureHound('hound.json', text);
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error('expected an InputError');
}

/** A collection of the items given, with the meta the collector writes. */
const hound = (data: unknown[], meta: unknown = { type: 'azure', version: 5, count: data.length }) => JSON.stringify({ data, meta });

describe('the kinds read', () => {
  test('every Azure RBAC kind: each assignment once (the subscription lists the management group\'s again), every field', () => {
    expect(collection().assignments).toEqual({
      file: FILE,
      items: [
        {
          kind: 'standing',
          file: FILE,
          place: '/data/0/data/roleAssignments/0/roleAssignment',
          id: `/providers/Microsoft.Management/managementGroups/mg-platform${RA}1`,
          principalId: 'aaaaaaaa-1111-2222-3333-444444444444',
          roleDefinitionId: '/providers/Microsoft.Authorization/roleDefinitions/8e3af657-a8ff-443c-a75c-2fe8c4bcb635',
          roleGuid: '8e3af657-a8ff-443c-a75c-2fe8c4bcb635',
          scope: '/PROVIDERS/MICROSOFT.MANAGEMENT/MANAGEMENTGROUPS/MG-PLATFORM',
          scopeLevel: ScopeLevel.MANAGEMENT_GROUP,
        },
        {
          kind: 'standing',
          file: FILE,
          place: '/data/1/data/roleAssignments/1/roleAssignment',
          id: `/subscriptions/${SUB}${RA}2`,
          principalId: 'bbbbbbbb-1111-2222-3333-444444444444',
          roleDefinitionId: `${RD}acdd72a7-3385-48ef-bd42-f606fba81ae7`,
          roleGuid: 'acdd72a7-3385-48ef-bd42-f606fba81ae7',
          scope: `/SUBSCRIPTIONS/${SUB}`,
          scopeLevel: ScopeLevel.SUBSCRIPTION,
        },
        {
          kind: 'standing',
          file: FILE,
          place: '/data/2/data/roleAssignments/0/roleAssignment',
          id: `/subscriptions/${SUB}/resourceGroups/rg-app${RA}3`,
          principalId: 'dddddddd-1234-5678-9abc-eeeeeeeeeeee',
          roleDefinitionId: `${RD}b24988ac-6180-42a0-ab88-20f7382dd24c`,
          roleGuid: 'b24988ac-6180-42a0-ab88-20f7382dd24c',
          scope: `/SUBSCRIPTIONS/${SUB}/RESOURCEGROUPS/RG-APP`,
          scopeLevel: ScopeLevel.RESOURCE_GROUP,
        },
        {
          kind: 'standing',
          file: FILE,
          place: '/data/3/data/roleAssignments/0/roleAssignment',
          id: `/subscriptions/${SUB}/resourceGroups/rg-app/providers/Microsoft.KeyVault/vaults/kv-app${RA}4`,
          principalId: 'bbbbbbbb-1111-2222-3333-444444444444',
          roleDefinitionId: `${RD}4633458b-17de-408a-b874-0445c86b69e6`,
          roleGuid: '4633458b-17de-408a-b874-0445c86b69e6',
          scope: `/SUBSCRIPTIONS/${SUB}/RESOURCEGROUPS/RG-APP/PROVIDERS/MICROSOFT.KEYVAULT/VAULTS/KV-APP`,
          scopeLevel: ScopeLevel.RESOURCE,
        },
        {
          kind: 'standing',
          file: FILE,
          place: '/data/4/data/roleAssignments/0/roleAssignment',
          id: `/subscriptions/${SUB}/resourceGroups/rg-app/providers/Microsoft.Compute/virtualMachines/vm-app${RA}5`,
          principalId: 'cccccccc-7777-8888-9999-dddddddddddd',
          roleDefinitionId: `${RD}1c0163c0-47e6-4577-8991-ea5c82e286e4`,
          roleGuid: '1c0163c0-47e6-4577-8991-ea5c82e286e4',
          scope: `/SUBSCRIPTIONS/${SUB}/RESOURCEGROUPS/RG-APP/PROVIDERS/MICROSOFT.COMPUTE/VIRTUALMACHINES/VM-APP`,
          scopeLevel: ScopeLevel.RESOURCE,
        },
        {
          kind: 'standing',
          file: FILE,
          place: '/data/5/data/assignees/0/assignee',
          id: `/subscriptions/${SUB}/resourceGroups/rg-ops/providers/Microsoft.Automation/automationAccounts/aa-ops${RA}6`,
          principalId: 'cccccccc-7777-8888-9999-dddddddddddd',
          roleDefinitionId: `${RD}f353d9bd-d4a6-484e-a77a-8050b599b867`,
          roleGuid: 'f353d9bd-d4a6-484e-a77a-8050b599b867',
          scope: `/SUBSCRIPTIONS/${SUB}/RESOURCEGROUPS/RG-OPS/PROVIDERS/MICROSOFT.AUTOMATION/AUTOMATIONACCOUNTS/AA-OPS`,
          scopeLevel: ScopeLevel.RESOURCE,
        },
      ],
    });
  });

  test('AZRoleAssignment: Entra directory role assignments, IDs lower-cased, the administrative unit\'s scope as Graph writes it', () => {
    expect(collection().directoryRoles.items).toEqual([
      {
        kind: 'standing',
        file: FILE,
        place: '/data/7/data/roleAssignments/0',
        id: 'lAPpYvVpN0KRkAEhdxReEJC2sEqbR_9Hr48lds9SGHI-1',
        principalId: 'bbbbbbbb-1111-2222-3333-444444444444',
        roleDefinitionId: '62e90394-69f5-4237-9190-012177145e10',
        directoryScopeId: '/',
      },
      {
        kind: 'standing',
        file: FILE,
        place: '/data/7/data/roleAssignments/1',
        id: 'lAPpYvVpN0KRkAEhdxReEJC2sEqbR_9Hr48lds9SGHI-2',
        principalId: 'cccccccc-7777-8888-9999-dddddddddddd',
        principalType: 'User',
        principalDisplayName: 'Casey Contractor',
        roleDefinitionId: '62e90394-69f5-4237-9190-012177145e10',
        directoryScopeId: '/administrativeUnits/eeeeeeee-0000-1111-2222-333333333333',
      },
    ]);
  });

  test('AZServicePrincipal: the managed identity, with what alternativeNames say; an application\'s service principal is passed over', () => {
    expect(collection().managedIdentities).toEqual({
      file: FILE,
      items: [{
        file: FILE,
        place: '/data/8/data',
        id: 'dddddddd-1234-5678-9abc-eeeeeeeeeeee',
        appId: '44445555-eeee-6666-ffff-7777aaaa8888',
        displayName: 'AA-OPS',
        assignment: 'system-assigned',
        resourceId: `/subscriptions/${SUB}/resourcegroups/rg-ops/providers/Microsoft.Automation/automationAccounts/aa-ops`,
      }],
    });
  });

  test('AZApp: the application and its credentials\' metadata, never a secret\'s hint or a key', () => {
    expect(collection().applications).toEqual({
      file: FILE,
      items: [{
        file: FILE,
        place: '/data/10/data',
        id: 'eeeeeeee-abcd-ef01-2345-6789abcdef01',
        appId: '12345678-aaaa-bbbb-cccc-1234567890ab',
        displayName: 'BILLING-SYNC',
        credentials: [
          {
            kind: 'secret',
            place: '/data/10/data/passwordCredentials/0',
            keyId: '6a1f9c2e-0000-4000-8000-000000000001',
            displayName: 'ci',
            startDateTime: '2025-01-01T00:00:00Z',
            endDateTime: '2026-12-31T00:00:00Z',
          },
          {
            kind: 'certificate',
            place: '/data/10/data/keyCredentials/0',
            keyId: '6a1f9c2e-0000-4000-8000-000000000002',
            displayName: 'CN=billing-sync',
            startDateTime: '2025-02-01T00:00:00Z',
            endDateTime: '2027-01-31T00:00:00Z',
          },
        ],
      }],
    });
    expect(JSON.stringify(collection().applications)).not.toContain('Zx~');
  });

  test('every kind is counted; what a command does not read is named with its count, unknown kinds too', () => {
    expect([...collection().kinds]).toEqual([
      ['AZManagementGroupRoleAssignment', 1], ['AZSubscriptionRoleAssignment', 1], ['AZResourceGroupRoleAssignment', 2], ['AZKeyVaultRoleAssignment', 1],
      ['AZVMRoleAssignment', 1], ['AZAutomationAccountRoleAssignment', 1], ['AZRoleAssignment', 1], ['AZServicePrincipal', 2], ['AZApp', 1],
      ['AZAppRoleAssignment', 1], ['AZAppRoleAssignment (not Microsoft Graph)', 1], ['AZGroupMember', 2], ['AZAppOwner', 1], ['AZNewerThing', 1],
    ]);
    const everyPart = ['assignments', 'directoryRoles', 'managedIdentities', 'applications', 'appRoleAssignments', 'groupMembers', 'owners'] as const;
    expect(notReviewedOf(collection(), everyPart)).toEqual([
      { file: FILE, kind: 'AZAppRoleAssignment (not Microsoft Graph)', count: 1 },
      { file: FILE, kind: 'AZNewerThing', count: 1 },
    ]);
    expect(notReviewedOf(collection(), ['assignments', 'managedIdentities']).map((n) => n.kind)).toEqual([
      'AZApp', 'AZAppOwner', 'AZAppRoleAssignment', 'AZAppRoleAssignment (not Microsoft Graph)', 'AZGroupMember', 'AZNewerThing', 'AZRoleAssignment',
    ]);
  });

  test('group members: each group with its members, object IDs lower case, the member\'s kind from @odata.type', () => {
    const groups = collection().groupMembers.items;
    expect(groups.map((g) => [g.id, g.roleAssignable, g.members.map((m) => [m.id, m.principalType, m.displayName])])).toEqual([
      ['12121212-3434-5656-7878-909090909090', undefined, [['cccccccc-7777-8888-9999-dddddddddddd', 'User', 'Casey Contractor']]],
      ['34343434-3434-5656-7878-909090909090', undefined, [['bbbbbbbb-1111-2222-3333-444444444444', 'User', 'Robin Reader']]],
    ]);
    expect(collection().groupMembers.items[0].members[0].place).toMatch(/^\/data\/\d+\/data\/members\/0\/member$/);
  });

  test('AZAppOwner: the application by its object ID (the collector names no appId), each owner with its kind; every service principal by appId', () => {
    const { owners, servicePrincipals, applications } = collection();
    expect(owners.items).toEqual([{
      file: FILE,
      place: expect.stringMatching(/^\/data\/\d+\/data$/),
      kind: 'application',
      id: 'eeeeeeee-abcd-ef01-2345-6789abcdef01',
      owners: [{
        place: expect.stringMatching(/^\/data\/\d+\/data\/owners\/0\/owner$/),
        id: 'bbbbbbbb-1111-2222-3333-444444444444',
        principalType: 'User',
        displayName: 'Robin Reader',
      }],
    }]);
    // The application's appId is the applications export's; its service principal is the one of that appId.
    expect(applications.items.find((a) => a.id === owners.items[0].id)?.appId).toBe('12345678-aaaa-bbbb-cccc-1234567890ab');
    expect(servicePrincipals.items.map((p) => [p.id, p.appId])).toEqual([
      ['dddddddd-1234-5678-9abc-eeeeeeeeeeee', '44445555-eeee-6666-ffff-7777aaaa8888'],
      ['ffffffff-1234-5678-9abc-eeeeeeeeeeee', '12345678-aaaa-bbbb-cccc-1234567890ab'],
    ]);
  });

  test('the kinds the collector derives by role (AZSubscriptionOwner, AZVMAdminLogin, ...) are the same assignments again: read, kept once', () => {
    const ra = (n: number, scope: string) => ({
      id: `${scope}/providers/Microsoft.Authorization/roleAssignments/40000000-aaaa-bbbb-cccc-00000000000${n}`,
      type: 'Microsoft.Authorization/roleAssignments',
      properties: { principalId: 'AAAAAAAA-1111-2222-3333-44444444444' + n, roleDefinitionId: `${RD}8e3af657-a8ff-443c-a75c-2fe8c4bcb635`, scope: scope.toUpperCase() },
    });
    const sub = `/subscriptions/${SUB}`;
    const vm = `${sub}/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm1`;
    const text = hound([
      { kind: 'AZSubscriptionRoleAssignment', data: { subscriptionId: sub, roleAssignments: [{ roleAssignment: ra(1, sub) }] } },
      { kind: 'AZSubscriptionOwner', data: { subscriptionId: sub, owners: [{ owner: ra(1, sub), subscriptionId: sub }] } },
      { kind: 'AZVMAdminLogin', data: { virtualMachineId: vm, adminLogins: [{ adminLogin: ra(2, vm), virtualMachineId: vm }] } },
      { kind: 'AZKeyVaultKVContributor', data: { keyVaultId: 'x', kvContributors: null } },
    ]);
    const parsed = parseAzureHound('hound.json', text);
    expect(parsed.assignments.items.map((a) => [a.id, a.place])).toEqual([
      [ra(1, sub).id, '/data/0/data/roleAssignments/0/roleAssignment'],
      [ra(2, vm).id, '/data/2/data/adminLogins/0/adminLogin'],
    ]);
    expect(notReviewedOf(parsed, ['assignments'])).toEqual([]);
    const bad = errorOf(hound([{ kind: 'AZSubscriptionOwner', data: { subscriptionId: sub, owners: [{ owner: { ...ra(1, sub), properties: {} } }] } }]));
    expect([bad.file, bad.place]).toEqual(['hound.json', '/data/0/data/owners/0/owner/properties/scope']);
  });

  test('AZServicePrincipalOwner and AZGroupOwner: the owned object by its own ID field, owners as the collector writes them', () => {
    const owner = { owner: { '@odata.type': '#microsoft.graph.servicePrincipal', 'id': 'DDDDDDDD-1234-5678-9ABC-EEEEEEEEEEEE', 'displayName': 'AA-OPS' } };
    const text = hound([
      { kind: 'AZServicePrincipalOwner', data: { servicePrincipalId: 'FFFFFFFF-1234-5678-9ABC-EEEEEEEEEEEE', owners: [{ ...owner, servicePrincipalId: 'X' }] } },
      { kind: 'AZGroupOwner', data: { groupId: '12121212-3434-5656-7878-909090909090', owners: [owner] } },
      { kind: 'AZGroupOwner', data: { groupId: '34343434-3434-5656-7878-909090909090', owners: null } },
    ]);
    const { owners } = parseAzureHound('hound.json', text);
    expect(owners.items.map((o) => [o.kind, o.id, o.owners.map((m) => [m.id, m.principalType])])).toEqual([
      ['service-principal', 'ffffffff-1234-5678-9abc-eeeeeeeeeeee', [['dddddddd-1234-5678-9abc-eeeeeeeeeeee', 'ServicePrincipal']]],
      ['group', '12121212-3434-5656-7878-909090909090', [['dddddddd-1234-5678-9abc-eeeeeeeeeeee', 'ServicePrincipal']]],
      ['group', '34343434-3434-5656-7878-909090909090', []],
    ]);
    const bad = errorOf(hound([{ kind: 'AZGroupOwner', data: { groupId: 'not-a-guid', owners: [] } }]));
    expect([bad.file, bad.place]).toEqual(['hound.json', '/data/0/data/groupId']);
  });

  test('AZGroup: the group with whether it is role-assignable (the collector leaves the flag out when false), merged with its owners', () => {
    const owner = { owner: { '@odata.type': '#microsoft.graph.user', 'id': 'BBBBBBBB-1111-2222-3333-444444444444', 'displayName': 'Robin Reader' } };
    const parsed = parseAzureHound('hound.json', hound([
      { kind: 'AZGroupOwner', data: { groupId: '12121212-3434-5656-7878-909090909090', owners: [owner] } },
      { kind: 'AZGroup', data: { id: '12121212-3434-5656-7878-909090909090', displayName: 'PLATFORM-ADMINS', isAssignableToRole: true } },
      { kind: 'AZGroup', data: { id: '34343434-3434-5656-7878-909090909090', displayName: 'READERS' } },
    ]));
    expect(parsed.owners.items.map((g) => [g.kind, g.id, g.displayName, g.roleAssignable, g.owners.map((o) => o.id)])).toEqual([
      ['group', '12121212-3434-5656-7878-909090909090', 'PLATFORM-ADMINS', true, ['bbbbbbbb-1111-2222-3333-444444444444']],
      ['group', '34343434-3434-5656-7878-909090909090', 'READERS', false, []],
    ]);
    expect(notReviewedOf(parsed, ['owners'])).toEqual([]);
  });

  test('AZFederatedIdentityCredential: each credential with its application, by the AZApp of its appId; one without is named, not read', () => {
    const app = JSON.parse(TEXT).data.find((i: { kind: string }) => i.kind === 'AZApp');
    const fic = (id: string, subject: string) => ({ fic: { id, name: 'gh', issuer: 'https://token.actions.githubusercontent.com', subject, audiences: ['api://AzureADTokenExchange'] }, appId: 'x' });
    const parsed = parseAzureHound('hound.json', hound([
      { kind: 'AZFederatedIdentityCredential', data: { appId: '12345678-AAAA-BBBB-CCCC-1234567890AB', fics: [fic('DDDD0000-0000-0000-0000-000000000001', 'repo:contoso/app:environment:prod')] } },
      app,
      { kind: 'AZFederatedIdentityCredential', data: { appId: '99999999-AAAA-BBBB-CCCC-1234567890AB', fics: [fic('DDDD0000-0000-0000-0000-000000000002', 'repo:contoso/x:ref:refs/heads/main')] } },
    ]));
    expect(parsed.applicationFederatedCredentials.items.flatMap((a) => a.credentials.map((c) => [c.id, c.subject, c.owner.id, c.place]))).toEqual([
      ['dddd0000-0000-0000-0000-000000000001', 'repo:contoso/app:environment:prod', app.data.id.toLowerCase(), '/data/0/data/fics/0/fic'],
    ]);
    expect(notReviewedOf(parsed, ['applications', 'federatedCredentials'])).toEqual([
      { file: 'hound.json', kind: 'AZFederatedIdentityCredential (no AZApp of its appId)', count: 1 },
    ]);
    const bad = errorOf(hound([app, { kind: 'AZFederatedIdentityCredential', data: { appId: '12345678-AAAA-BBBB-CCCC-1234567890AB', fics: [{ fic: { id: 'x' } }] } }]));
    expect([bad.file, bad.place]).toEqual(['hound.json', '/data/1/data/fics/0/fic/subject']);
  });

  test('AZRoleEligibilityScheduleInstance: who may activate which Entra role, IDs lower-cased, no end date (the collector keeps none), one per holding', () => {
    const instance = (id: string, principal: string, scope: string) => ({
      kind: 'AZRoleEligibilityScheduleInstance',
      data: {
        id,
        roleDefinitionId: '62E90394-69F5-4237-9190-012177145E10',
        principalId: principal,
        directoryScopeId: scope,
        startDateTime: '2026-01-05T09:00:00Z',
        tenantId: '99999999-8888-7777-6666-555555555555',
      },
    });
    const parsed = parseAzureHound('hound.json', hound([
      instance('LAPPYVVPN0KRKAEHDXREEJC2SEQBR_9HR48LDS9SGHI-1-E', 'BBBBBBBB-1111-2222-3333-444444444444', '/'),
      instance('LAPPYVVPN0KRKAEHDXREEJC2SEQBR_9HR48LDS9SGHI-2-E', 'CCCCCCCC-7777-8888-9999-DDDDDDDDDDDD', '/ADMINISTRATIVEUNITS/EEEEEEEE-0000-1111-2222-333333333333'),
      // A second instance of the first holding (another window of the same schedule): the same eligibility.
      instance('LAPPYVVPN0KRKAEHDXREEJC2SEQBR_9HR48LDS9SGHI-3-E', 'BBBBBBBB-1111-2222-3333-444444444444', '/'),
    ]));
    expect(parsed.directoryEligibilities.items).toEqual([
      {
        file: 'hound.json',
        place: '/data/0/data',
        kind: 'eligible',
        id: 'LAPPYVVPN0KRKAEHDXREEJC2SEQBR_9HR48LDS9SGHI-1-E',
        principalId: 'bbbbbbbb-1111-2222-3333-444444444444',
        roleDefinitionId: '62e90394-69f5-4237-9190-012177145e10',
        directoryScopeId: '/',
        startDateTime: '2026-01-05T09:00:00Z',
      },
      {
        file: 'hound.json',
        place: '/data/1/data',
        kind: 'eligible',
        id: 'LAPPYVVPN0KRKAEHDXREEJC2SEQBR_9HR48LDS9SGHI-2-E',
        principalId: 'cccccccc-7777-8888-9999-dddddddddddd',
        roleDefinitionId: '62e90394-69f5-4237-9190-012177145e10',
        directoryScopeId: '/administrativeUnits/eeeeeeee-0000-1111-2222-333333333333',
        startDateTime: '2026-01-05T09:00:00Z',
      },
    ]);
    expect(parsed.directoryEligibilities.items.every((e) => e.endDateTime === undefined)).toBe(true);
    expect(parsed.directoryRoles.items).toEqual([]);
    expect(notReviewedOf(parsed, ['directoryEligibilities'])).toEqual([]);
    expect(notReviewedOf(parsed, ['directoryRoles'])).toEqual([{ file: 'hound.json', kind: 'AZRoleEligibilityScheduleInstance', count: 3 }]);
    const bad = errorOf(hound([instance('x', 'not-a-guid', '/')]));
    expect([bad.file, bad.place]).toEqual(['hound.json', '/data/0/data/principalId']);
  });

  test('Microsoft Graph\'s app role assignments are its permissions; another API\'s are counted, not read', () => {
    expect(collection().appRoleAssignments.items).toEqual([{
      file: FILE,
      place: expect.stringMatching(/^\/data\/\d+\/data$/),
      id: '_6Ykg7Ab1UKUxZdqD4IlnBbCRkTRPHhBnXe5pUd-7B4',
      appRoleId: '9a5d68dd-52b0-4cc2-bd40-abcf44ac3a30',
      principalId: 'ffffffff-1234-5678-9abc-eeeeeeeeeeee',
      principalType: 'ServicePrincipal',
      principalDisplayName: 'billing-sync',
      resourceId: '00000000-0000-0000-0000-0000000000aa',
    }]);
  });
});

describe('mistakes, each with the file and its JSON pointer', () => {
  const assignment = (properties: Record<string, unknown>) => ({
    kind: 'AZSubscriptionRoleAssignment',
    data: {
      subscriptionId: `/SUBSCRIPTIONS/${SUB}`,
      roleAssignments: [{
        subscriptionId: `/SUBSCRIPTIONS/${SUB}`,
        roleAssignment: {
          id: `/subscriptions/${SUB}${RA}2`,
          type: 'Microsoft.Authorization/roleAssignments',
          properties: { principalId: 'BBBBBBBB-1111-2222-3333-444444444444', roleDefinitionId: `${RD}acdd72a7-3385-48ef-bd42-f606fba81ae7`, scope: `/SUBSCRIPTIONS/${SUB}`, ...properties },
        },
      }],
    },
  });

  test.each([
    ['an array, not the collection', '[]', undefined, 'expected an object with "data" (an AzureHound collection, as "azurehound list -o FILE" writes it), got an array'],
    ['no data', '{"meta": {"type": "azure", "version": 5, "count": 0}}', undefined, 'expected an object with "data"'],
    ['data not an array', '{"data": {}, "meta": {}}', '/data', 'expected an array'],
    ['no meta', '{"data": []}', undefined, 'expected "meta" beside "data"'],
    ['SharpHound\'s meta', hound([], { type: 'users', version: 5, count: 0 }), '/meta/type', 'expected "azure"'],
    ['a count that is no number', hound([], { type: 'azure', version: 5, count: '0' }), '/meta/count', 'expected a whole number, got a string'],
    ['a count unlike the items', hound([{ kind: 'AZUser', data: {} }], { type: 'azure', version: 5, count: 2 }), '/meta/count', 'expected 2 items in "data", as "meta" counts them, got 1'],
    ['an item without kind', hound([{ data: {} }]), '/data/0/kind', 'expected a string'],
    ['a kind read without data', hound([{ kind: 'AZApp' }]), '/data/0/data', 'expected an object (the data of AZApp)'],
    ['a principal that is no GUID', hound([assignment({ principalId: 'somebody' })]), '/data/0/data/roleAssignments/0/roleAssignment/properties/principalId', 'expected an object ID'],
    ['a scope that is none', hound([assignment({ scope: 'rg-app' })]), '/data/0/data/roleAssignments/0/roleAssignment/properties/scope', 'expected a scope ID'],
    ['a role that is none', hound([assignment({ roleDefinitionId: 'Owner' })]), '/data/0/data/roleAssignments/0/roleAssignment/properties/roleDefinitionId', 'expected a role definition ID'],
    ['assignees not a list', hound([{ kind: 'AZWebAppRoleAssignment', data: { assignees: {}, objectId: 'x' } }]), '/data/0/data/assignees', 'expected an array'],
    ['a directory role without principal', hound([{ kind: 'AZRoleAssignment', data: { roleAssignments: [{ id: 'x', roleDefinitionId: '62E90394-69F5-4237-9190-012177145E10', directoryScopeId: '/' }] } }]),
      '/data/0/data/roleAssignments/0/principalId', 'expected a string'],
    ['an identity without appId', hound([{ kind: 'AZServicePrincipal', data: { id: 'DDDDDDDD-1234-5678-9ABC-EEEEEEEEEEEE', displayName: 'X', servicePrincipalType: 'ManagedIdentity' } }]),
      '/data/0/data/appId', 'expected a string'],
  ])('%s', (_name, text, place, message) => {
    const error = errorOf(text);
    expect(error.file).toBe('hound.json');
    expect(error.place).toBe(place);
    expect(error.message).toContain(message);
  });
});
