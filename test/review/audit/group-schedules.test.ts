import { errorOf, expectRefused, fixtureText } from './audit-fixtures';
import { LiveGroupSchedule } from '../../../src/review/audit/live-types';
import { parseGroupAssignmentSchedules, parseGroupEligibilitySchedules } from '../../../src/review/audit/parse-group-schedules';

const ELIGIBILITIES = 'graph-group-eligibility-schedules.json';
const ASSIGNMENTS = 'graph-group-assignment-schedules.json';
const DOCUMENTED_GROUP = '2b5ed229-4072-478d-9504-a047ebd4b07d';
const DOCUMENTED_PRINCIPAL = '3cce9d87-3986-4f19-8335-7ed075408ca2';
const OPERATORS = 'dddddddd-5555-6666-7777-eeeeeeeeeeee';
const JOEY = 'ace08ec9-aa11-4ada-9145-addf0398233e';

const eligibilitiesJson = () => JSON.parse(fixtureText(ELIGIBILITIES));
const assignmentsJson = () => JSON.parse(fixtureText(ASSIGNMENTS));

const row = (s: LiveGroupSchedule) => [s.kind, s.place, s.groupId, s.accessId, s.principalId, s.principalType, s.expirationType, s.endDateTime];

describe('PIM for Groups schedules (Microsoft Graph identityGovernance/privilegedAccess/group)', () => {
  test('eligibilitySchedules: one page a group, each schedule with its group, access, principal and end', () => {
    const parsed = parseGroupEligibilitySchedules(ELIGIBILITIES, fixtureText(ELIGIBILITIES));
    expect(parsed.nextLink).toBeUndefined();
    expect(parsed.items.map(row)).toEqual([
      ['eligible', '/0/value/0', DOCUMENTED_GROUP, 'member', DOCUMENTED_PRINCIPAL, undefined, 'afterDateTime', '2024-04-10T00:00:00Z'],
      ['eligible', '/1/value/0', OPERATORS, 'owner', JOEY, 'User', 'noExpiration', null],
    ]);
    expect(parsed.items[0]).toEqual({
      kind: 'eligible',
      file: ELIGIBILITIES,
      place: '/0/value/0',
      id: '2b5ed229-4072-478d-9504-a047ebd4b07d_member_4cc1a00f-3e44-48ae-9bb5-fba55c9a7a5c',
      principalId: DOCUMENTED_PRINCIPAL,
      groupId: DOCUMENTED_GROUP,
      accessId: 'member',
      memberType: 'Direct',
      status: 'Provisioned',
      startDateTime: '2022-04-12T14:44:50.287Z',
      expirationType: 'afterDateTime',
      endDateTime: '2024-04-10T00:00:00Z',
    });
    expect(parsed.items[1].principalDisplayName).toBe('Joey Cruz');
  });

  test('assignmentSchedules: assigned and activated (Graph writes them capitalized), lower case; a duration kept', () => {
    const parsed = parseGroupAssignmentSchedules(ASSIGNMENTS, fixtureText(ASSIGNMENTS));
    expect(parsed.items.map((s) => [...row(s), s.assignmentType, s.duration])).toEqual([
      ['active', '/value/0', DOCUMENTED_GROUP, 'member', DOCUMENTED_PRINCIPAL, undefined, 'noExpiration', null, 'assigned', undefined],
      ['active', '/value/1', OPERATORS, 'owner', JOEY, undefined, 'afterDuration', null, 'activated', 'PT2H'],
    ]);
    expect(parsed.items[0].id).toBe('2b5ed229-4072-478d-9504-a047ebd4b07d_member_dce168aa-2909-4f10-8cc9-c98e82d8b507');
  });

  test('IDs and the access are lower case, and the expanded group gives its display name', () => {
    const json = assignmentsJson();
    json.value[1].accessId = 'Owner';
    json.value[1].groupId = OPERATORS.toUpperCase();
    json.value[1].principalId = JOEY.toUpperCase();
    json.value[1].group = { id: OPERATORS, displayName: 'contoso-operators' };
    const [, second] = parseGroupAssignmentSchedules(ASSIGNMENTS, JSON.stringify(json)).items;
    expect([second.groupId, second.principalId, second.accessId, second.groupDisplayName]).toEqual([OPERATORS, JOEY, 'owner', 'contoso-operators']);
  });

  test.each([
    ['a page', (pages: any[]) => ({ value: pages.flatMap((p) => p.value) })],
    ['an array of pages, as one call per group writes them', (pages: any[]) => pages],
    ['a plain array of items', (pages: any[]) => pages.flatMap((p) => p.value)],
  ])('%s gives the same eligibilities and assignments', (_shape, shape) => {
    const eligibilities = parseGroupEligibilitySchedules(ELIGIBILITIES, JSON.stringify(shape(eligibilitiesJson()))).items;
    expect(eligibilities.map((s) => [s.id, s.groupId, s.accessId, s.principalId])).toEqual([
      ['2b5ed229-4072-478d-9504-a047ebd4b07d_member_4cc1a00f-3e44-48ae-9bb5-fba55c9a7a5c', DOCUMENTED_GROUP, 'member', DOCUMENTED_PRINCIPAL],
      ['dddddddd-5555-6666-7777-eeeeeeeeeeee_owner_40000000-aaaa-bbbb-cccc-000000000001', OPERATORS, 'owner', JOEY],
    ]);
    const page = assignmentsJson();
    const pages = [{ value: page.value.slice(0, 1) }, { value: page.value.slice(1) }];
    const assignments = parseGroupAssignmentSchedules(ASSIGNMENTS, JSON.stringify(shape(pages))).items;
    expect(assignments.map((s) => [s.groupId, s.accessId, s.assignmentType])).toEqual([[DOCUMENTED_GROUP, 'member', 'assigned'], [OPERATORS, 'owner', 'activated']]);
  });

  test('the nextLink of the last page says later pages were not given', () => {
    const pages = eligibilitiesJson();
    pages[1]['@odata.nextLink'] = 'https://graph.microsoft.com/v1.0/identityGovernance/privilegedAccess/group/eligibilitySchedules?$skiptoken=x';
    expect(parseGroupEligibilitySchedules(ELIGIBILITIES, JSON.stringify(pages)).nextLink).toMatch(/skiptoken=x$/);
  });

  test.each([
    ['an access Graph may add later', (j: any) => { j[0].value[0].accessId = 'unknownFutureValue'; }, '/0/value/0/accessId', /"member" or "owner", got "unknownFutureValue"/],
    ['no access at all', (j: any) => { delete j[0].value[0].accessId; }, '/0/value/0/accessId', /got nothing/],
    ['a group ID that is no GUID', (j: any) => { j[1].value[0].groupId = 'contoso-operators'; }, '/1/value/0/groupId', /object ID/],
    ['a principal ID that is no GUID', (j: any) => { j[0].value[0].principalId = null; }, '/0/value/0/principalId', /string/],
    ['no schedule ID', (j: any) => { delete j[0].value[0].id; }, '/0/value/0/id', /string/],
    ['an expanded principal of another object', (j: any) => { j[1].value[0].principal.id = DOCUMENTED_PRINCIPAL; }, '/1/value/0/principal/id', /principal/],
    ['an expiration type Graph does not have', (j: any) => { j[0].value[0].scheduleInfo.expiration.type = 'never'; }, '/0/value/0/scheduleInfo/expiration/type', /noExpiration/],
    ['an expanded group of another group', (j: any) => { j[0].value[0].group = { id: OPERATORS }; }, '/0/value/0/group/id', /group/],
  ])('eligibilitySchedules: %s is an InputError with file and JSON pointer', (_what, spoil, place, message) => {
    expectRefused(ELIGIBILITIES, eligibilitiesJson(), spoil, parseGroupEligibilitySchedules, place, message);
  });

  test.each([
    ['an assignment type Graph does not have', (j: any) => { j.value[0].assignmentType = 'permanent'; }, '/value/0/assignmentType', /"assigned" or "activated", got "permanent"/],
    ['an assignment type that is no string', (j: any) => { j.value[1].assignmentType = 1; }, '/value/1/assignmentType', /string/],
    ['an access Graph does not have', (j: any) => { j.value[1].accessId = 'admin'; }, '/value/1/accessId', /"member" or "owner"/],
  ])('assignmentSchedules: %s is an InputError with file and JSON pointer', (_what, spoil, place, message) => {
    expectRefused(ASSIGNMENTS, assignmentsJson(), spoil, parseGroupAssignmentSchedules, place, message);
  });

  test('a list of another kind is refused at its root', () => {
    const error = errorOf(() => parseGroupAssignmentSchedules(ASSIGNMENTS, '"assignmentSchedules"'));
    expect(error.message).toMatch(/assignmentSchedules list/);
  });
});
