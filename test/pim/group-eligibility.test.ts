import { newStack, only, PLATFORM_GROUP, SECURITY_GROUP, synth, USER } from './pim-test-support';
import { GroupAssignmentType, GroupEligibility, GroupEligibilityProps, PimSchedule } from '../../src';
import { Principal } from '../../src/identity/principal';
import { Duration } from '../../src/model/duration';

const TYPE = 'azuread_privileged_access_group_eligibility_schedule';

function make(overrides: Partial<GroupEligibilityProps>): void {
  const { stack } = newStack();
  new GroupEligibility(stack, 'Bad', {
    group: Principal.group(PLATFORM_GROUP),
    principal: Principal.user(USER),
    schedule: PimSchedule.afterDuration(Duration.days(30)),
    justification: 'ok',
    ...overrides,
  });
}

describe('GroupEligibility', () => {
  test('synthesizes a membership eligibility that expires', () => {
    const { stack } = newStack();
    new GroupEligibility(stack, 'PlatformAdmins', {
      group: Principal.group(PLATFORM_GROUP, 'pim-platform-admins'),
      principal: Principal.user(USER, 'jdoe'),
      schedule: PimSchedule.afterDuration(Duration.days(365), { startDateTime: '2025-07-01T08:00:00Z' }),
      justification: 'Platform on-call rotation',
      ticket: { number: 'CHG0012345', system: 'ServiceNow' },
    });
    const json = synth(stack);
    expect(json).toMatchSnapshot();
    const resource = only(json, TYPE);
    expect(resource).toEqual({
      group_id: PLATFORM_GROUP,
      principal_id: USER,
      assignment_type: 'member',
      start_date: '2025-07-01T08:00:00Z',
      duration: 'P365D',
      justification: 'Platform on-call rotation',
      ticket_number: 'CHG0012345',
      ticket_system: 'ServiceNow',
    });
  });

  test.each([
    [PimSchedule.until('2026-01-01T00:00:00Z'), { expiration_date: '2026-01-01T00:00:00Z' }],
    [PimSchedule.afterIsoDuration('PT8H'), { duration: 'PT8H' }],
    [PimSchedule.afterDuration(Duration.minutes(90)), { duration: 'PT1H30M' }],
    [PimSchedule.noExpiration('Group owners rotate yearly by hand'), { permanent_assignment: true }],
  ])('writes one way to end: %#', (schedule, expected) => {
    const { stack } = newStack();
    new GroupEligibility(stack, 'E', {
      group: Principal.group(PLATFORM_GROUP),
      principal: Principal.group(SECURITY_GROUP),
      assignmentType: GroupAssignmentType.OWNER,
      schedule,
      justification: 'ok',
    });
    const resource = only(synth(stack), TYPE);
    expect(resource).toMatchObject({ ...expected, assignment_type: 'owner', group_id: PLATFORM_GROUP });
    for (const key of ['duration', 'expiration_date', 'permanent_assignment']) {
      if (!(key in expected)) expect(resource).not.toHaveProperty(key);
    }
  });

  test.each([
    ['P1Y', PimSchedule.afterIsoDuration('P1Y'), /pim\/Bad: schedule: Duration "P1Y" uses years or months.*P365D rather than P1Y.*The PIM services reject P1Y; use P365D\./],
    ['P6M', PimSchedule.afterIsoDuration('P6M'), /pim\/Bad: schedule: Duration "P6M" uses years or months.*use P365D/],
    ['not a duration', PimSchedule.afterIsoDuration('180 days'), /pim\/Bad: schedule: "180 days" is not an ISO 8601 duration\. Accepted: PnW, PnD, PTnH, PTnM/],
  ])('refuses %s', (_name, schedule, message) => {
    expect(() => make({ schedule })).toThrow(message);
  });

  test.each([
    ['a user as the group', { group: Principal.user(USER, 'jdoe') }, /pim\/Bad: group jdoe is of kind "human"\. Accepted: a group \(group\)/],
    ['a workload as the principal', { principal: Principal.existingManagedIdentity(USER, 'uai') }, /pim\/Bad: principal uai is of kind "managed-identity"; PIM is for people/],
    ['an unknown assignment type', { assignmentType: 'admin' as GroupAssignmentType }, /pim\/Bad: assignmentType "admin" is not accepted\. Accepted: member, owner \(GroupAssignmentType\)/],
    ['a ticket without number', { ticket: { number: '', system: 'ServiceNow' } }, /pim\/Bad: ticket number "" is empty\. Accepted: a ticket with both a number and a system/],
    ['a bad start', { schedule: PimSchedule.afterDuration(Duration.days(1), { startDateTime: '2025-07-01' }) }, /pim\/Bad: schedule start "2025-07-01" is not an ISO 8601 date-time\. Accepted: /],
    ['a missing schedule', { schedule: undefined }, /pim\/Bad: schedule is missing\. Accepted: PimSchedule\.afterDuration/],
  ])('refuses %s', (_name, overrides, message) => {
    expect(() => make(overrides as Partial<GroupEligibilityProps>)).toThrow(message);
  });
});
