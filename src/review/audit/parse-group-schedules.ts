import { entryAt, guid, optionalText } from './export-shape';
import { ExportKind, readExportText } from './export-stream';
import { LiveGroupSchedule, LiveExport } from './live-types';
import { expandedPrincipal, pimScheduleOf } from './parse-directory-roles';
import { InputError } from '../reader/input-error';
import { expectRecord, expectString, JsonRecord, pointerTo } from '../reader/shape-check';

/** `accessId`: what PIM for Groups governs. Graph's `unknownFutureValue` (or anything else) is no access this review can judge. */
const ACCESS_IDS: ReadonlySet<string> = new Set(['member', 'owner']);

/** `assignmentType` of an active schedule; Graph's documented example writes it capitalized (`Assigned`). */
const ASSIGNMENT_TYPES: ReadonlySet<string> = new Set(['assigned', 'activated']);

/**
 * Microsoft Graph `GET /v1.0/identityGovernance/privilegedAccess/group/eligibilitySchedules?$filter=groupId eq '<id>'`
 * (optionally `&$expand=principal`): who may activate membership or ownership of a group through
 * PIM for Groups, and until when. Graph requires the filter (a groupId or a principalId), so a
 * tenant's export is one call per group, written as an array of the pages.
 */
export const GROUP_ELIGIBILITY_SCHEDULES: ExportKind<LiveGroupSchedule> = {
  what: 'a Microsoft Graph identityGovernance/privilegedAccess/group/eligibilitySchedules list',
  shape: 'pages',
  read(file, place, value, shared) {
    return { kind: 'eligible', ...scheduleItem(file, place, value, 'a PIM for Groups eligibility schedule', shared) };
  },
};

/**
 * Microsoft Graph `GET /v1.0/identityGovernance/privilegedAccess/group/assignmentSchedules?$filter=groupId eq '<id>'`:
 * who is a member or owner of a group through PIM for Groups now, assigned by an administrator
 * or activated from an eligibility. The same filter is required.
 */
export const GROUP_ASSIGNMENT_SCHEDULES: ExportKind<LiveGroupSchedule> = {
  what: 'a Microsoft Graph identityGovernance/privilegedAccess/group/assignmentSchedules list',
  shape: 'pages',
  read(file, place, value, shared) {
    const item = scheduleItem(file, place, value, 'a PIM for Groups assignment schedule', shared);
    const at = pointerTo(place, 'assignmentType');
    const written = optionalText(file, at, (value as JsonRecord).assignmentType);
    const assignmentType = written?.toLowerCase();
    if (assignmentType !== undefined && !ASSIGNMENT_TYPES.has(assignmentType)) {
      throw new InputError(file, `expected "assigned" or "activated", got ${JSON.stringify(written)}`, at);
    }
    return { kind: 'active', ...item, ...(assignmentType === undefined ? {} : { assignmentType: assignmentType as LiveGroupSchedule['assignmentType'] }) };
  },
};

/** Reads a PIM for Groups eligibility schedule export from its text. */
export function parseGroupEligibilitySchedules(file: string, text: string): LiveExport<LiveGroupSchedule> {
  return readExportText(file, text, GROUP_ELIGIBILITY_SCHEDULES);
}

/** Reads a PIM for Groups assignment schedule export from its text. */
export function parseGroupAssignmentSchedules(file: string, text: string): LiveExport<LiveGroupSchedule> {
  return readExportText(file, text, GROUP_ASSIGNMENT_SCHEDULES);
}

/** What both lists hold: the schedule's ID, group, access, principal (expanded or not), member type, status and schedule. */
function scheduleItem(file: string, place: string, value: unknown, what: string, shared: (text: string) => string): Omit<LiveGroupSchedule, 'kind'> {
  const { entry, at } = entryAt(file, place, value, what);
  const principalId = shared(guid(file, at('principalId'), entry.principalId));
  const groupId = shared(guid(file, at('groupId'), entry.groupId));
  const written = optionalText(file, at('accessId'), entry.accessId);
  // Graph documents `member` and `owner`, and writes its other enums of these schedules capitalized
  // in its own examples (`Assigned`, `Direct`): read without regard to case. A schedule without one
  // says nothing of what it gives.
  const accessId = written?.toLowerCase();
  if (accessId === undefined || !ACCESS_IDS.has(accessId)) {
    throw new InputError(file, `expected "member" or "owner", got ${written === undefined ? 'nothing' : JSON.stringify(written)}`, at('accessId'));
  }
  return {
    file,
    place,
    id: expectString(file, at('id'), entry.id),
    principalId,
    ...expandedPrincipal(file, at('principal'), entry.principal, principalId, shared),
    groupId,
    ...expandedGroup(file, at('group'), entry.group, groupId, shared),
    accessId: accessId as LiveGroupSchedule['accessId'],
    ...pimScheduleOf(file, place, entry, shared),
  };
}

/** The group `$expand=group` adds: its display name. It must be the schedule's own group. */
function expandedGroup(file: string, place: string, value: unknown, groupId: string, shared: (text: string) => string): Pick<LiveGroupSchedule, 'groupDisplayName'> {
  if (value === undefined || value === null) return {};
  const group = expectRecord(file, place, value, 'an object (the expanded group)');
  if (group.id !== undefined && guid(file, pointerTo(place, 'id'), group.id) !== groupId) {
    throw new InputError(file, `expected the group ${groupId}, got ${String(group.id)}`, pointerTo(place, 'id'));
  }
  const displayName = optionalText(file, pointerTo(place, 'displayName'), group.displayName);
  return displayName === undefined ? {} : { groupDisplayName: shared(displayName) };
}
