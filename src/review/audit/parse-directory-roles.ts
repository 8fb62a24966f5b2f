import { entryAt, guid, optionalText } from './export-shape';
import { ExportKind, readExportText } from './export-stream';
import { LiveDirectoryRole, LiveExport } from './live-types';
import { directoryScopeLevel } from '../../model/directory-scope';
import { ScopeLevel } from '../../model/scope-level';
import { InputError } from '../reader/input-error';
import { describe, expectRecord, expectString, isRecord, JsonRecord, pointerTo } from '../reader/shape-check';

/** The principal kinds Graph assigns directory roles to, by the expanded principal's `@odata.type`. */
const PRINCIPAL_TYPES = new Map([
  ['#microsoft.graph.user', 'User'],
  ['#microsoft.graph.group', 'Group'],
  ['#microsoft.graph.serviceprincipal', 'ServicePrincipal'],
]);

/** Graph's `scheduleInfo.expiration.type` values. */
const EXPIRATION_TYPES = new Set(['notSpecified', 'noExpiration', 'afterDateTime', 'afterDuration']);

/**
 * Microsoft Graph `GET /v1.0/roleManagement/directory/roleAssignments` (with or without
 * `$expand=principal`): the standing Entra directory roles of the tenant.
 */
export const DIRECTORY_ROLE_ASSIGNMENTS: ExportKind<LiveDirectoryRole> = {
  what: 'a Microsoft Graph roleManagement/directory/roleAssignments list',
  shape: 'pages',
  read(file, place, value, shared) {
    return { kind: 'standing', ...directoryRoleHolding(file, place, value, 'a directory role assignment', shared) };
  },
};

/**
 * Microsoft Graph `GET /v1.0/roleManagement/directory/roleEligibilitySchedules`: who may
 * activate which Entra directory role through PIM, and until when.
 */
export const DIRECTORY_ROLE_ELIGIBILITIES: ExportKind<LiveDirectoryRole> = {
  what: 'a Microsoft Graph roleManagement/directory/roleEligibilitySchedules list',
  shape: 'pages',
  read(file, place, value, shared) {
    const item = directoryRoleHolding(file, place, value, 'a directory role eligibility schedule', shared);
    return { kind: 'eligible', ...item, ...pimScheduleOf(file, place, value as JsonRecord, shared) };
  },
};

/** Reads a directory role assignment export from its text. */
export function parseDirectoryRoleAssignments(file: string, text: string): LiveExport<LiveDirectoryRole> {
  return readExportText(file, text, DIRECTORY_ROLE_ASSIGNMENTS);
}

/** Reads a directory role eligibility schedule export from its text. */
export function parseDirectoryRoleEligibilities(file: string, text: string): LiveExport<LiveDirectoryRole> {
  return readExportText(file, text, DIRECTORY_ROLE_ELIGIBILITIES);
}

/**
 * What both lists hold: the ID, the principal (expanded or not), the role and the scopes. Shared
 * with AzureHound's directory role kinds (parse-azurehound.ts), which carry the same fields.
 */
export function directoryRoleHolding(file: string, place: string, value: unknown, what: string, shared: (text: string) => string): Omit<LiveDirectoryRole, 'kind'> {
  const { entry, at } = entryAt(file, place, value, what);
  const principalId = shared(guid(file, at('principalId'), entry.principalId));
  const directoryScopeId = directoryScopeOf(file, at('directoryScopeId'), entry.directoryScopeId);
  const appScopeId = optionalText(file, at('appScopeId'), entry.appScopeId);
  if (directoryScopeId === undefined && appScopeId === undefined) {
    throw new InputError(file, `expected a directory scope ("/", "/administrativeUnits/<id>", "/<object id>"), got ${describe(entry.directoryScopeId)}`, at('directoryScopeId'));
  }
  return {
    file,
    place,
    id: expectString(file, at('id'), entry.id),
    principalId,
    ...expandedPrincipal(file, at('principal'), entry.principal, principalId, shared),
    // A built-in role's definition ID is its template ID, the same in every tenant.
    roleDefinitionId: shared(guid(file, at('roleDefinitionId'), entry.roleDefinitionId)),
    ...(directoryScopeId === undefined ? {} : { directoryScopeId: shared(directoryScopeId) }),
    ...(appScopeId === undefined ? {} : { appScopeId: shared(appScopeId) }),
  };
}

/**
 * A directory scope as Graph writes it for the directory provider; anything else is no scope
 * Graph would list, refused with its place rather than read as some scope.
 */
function directoryScopeOf(file: string, place: string, value: unknown): string | undefined {
  const scope = optionalText(file, place, value);
  if (scope === undefined) return undefined;
  if (directoryScopeLevel(scope) === ScopeLevel.UNKNOWN) {
    throw new InputError(file, `expected a directory scope ("/", "/administrativeUnits/<id>", "/<object id>"), got ${JSON.stringify(scope)}`, place);
  }
  return scope;
}

/** The principal `$expand=principal` adds: its kind and display name. It must be the assignment's (or schedule's) own principal. Shared with PIM for Groups (parse-group-schedules.ts). */
export function expandedPrincipal(
  file: string, place: string, value: unknown, principalId: string, shared: (text: string) => string,
): Pick<LiveDirectoryRole, 'principalType' | 'principalDisplayName'> {
  if (value === undefined || value === null) return {};
  const principal = expectRecord(file, place, value, 'an object (the expanded principal)');
  if (principal.id !== undefined && guid(file, pointerTo(place, 'id'), principal.id) !== principalId) {
    throw new InputError(file, `expected the principal ${principalId}, got ${String(principal.id)}`, pointerTo(place, 'id'));
  }
  const odataType = optionalText(file, pointerTo(place, '@odata.type'), principal['@odata.type']);
  const principalType = odataType === undefined ? undefined : PRINCIPAL_TYPES.get(odataType.toLowerCase());
  const displayName = optionalText(file, pointerTo(place, 'displayName'), principal.displayName);
  return {
    ...(principalType === undefined ? {} : { principalType }),
    ...(displayName === undefined ? {} : { principalDisplayName: shared(displayName) }),
  };
}

/**
 * What every PIM schedule of Graph says beside what it gives (a directory role's, PIM for Groups'):
 * `memberType` (held directly or through a group), `status`, and `scheduleInfo`.
 */
export function pimScheduleOf(file: string, place: string, entry: JsonRecord, shared: (text: string) => string):
Pick<LiveDirectoryRole, 'memberType' | 'status' | 'startDateTime' | 'expirationType' | 'endDateTime' | 'duration'> {
  const at = (key: string) => pointerTo(place, key);
  const memberType = optionalText(file, at('memberType'), entry.memberType);
  const status = optionalText(file, at('status'), entry.status);
  return {
    ...(memberType === undefined ? {} : { memberType: shared(memberType) }),
    ...(status === undefined ? {} : { status: shared(status) }),
    ...scheduleOf(file, at('scheduleInfo'), entry.scheduleInfo),
  };
}

/** An ISO 8601 duration as Graph writes one: years and months included, at least one part, a time part after `T`. */
const ISO_8601_DURATION = /^P(?=\d|T\d)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$/;

/** `scheduleInfo`: its start and `expiration` (type, endDateTime, duration). No end date is `null`. */
function scheduleOf(file: string, place: string, value: unknown): Pick<LiveDirectoryRole, 'startDateTime' | 'expirationType' | 'endDateTime' | 'duration'> {
  if (value === undefined || value === null) return { endDateTime: null };
  const schedule = expectRecord(file, place, value, 'an object (scheduleInfo)');
  const startDateTime = optionalText(file, pointerTo(place, 'startDateTime'), schedule.startDateTime);
  const expirationPlace = pointerTo(place, 'expiration');
  const expiration = schedule.expiration === undefined || schedule.expiration === null ? undefined : expectRecord(file, expirationPlace, schedule.expiration, 'an object (expiration)');
  const type = isRecord(expiration) ? optionalText(file, pointerTo(expirationPlace, 'type'), expiration.type) : undefined;
  if (type !== undefined && !EXPIRATION_TYPES.has(type)) {
    throw new InputError(file, `expected one of ${[...EXPIRATION_TYPES].join(', ')}, got ${JSON.stringify(type)}`, pointerTo(expirationPlace, 'type'));
  }
  const endDateTime = isRecord(expiration) ? optionalText(file, pointerTo(expirationPlace, 'endDateTime'), expiration.endDateTime) : undefined;
  const duration = isRecord(expiration) ? optionalText(file, pointerTo(expirationPlace, 'duration'), expiration.duration) : undefined;
  // Graph writes an ISO 8601 duration (PT8H, P30D, P1Y): anything else is no length, refused rather than read as never ending.
  if (duration !== undefined && !ISO_8601_DURATION.test(duration)) {
    throw new InputError(file, `expected an ISO 8601 duration ("PT8H", "P30D", "P1Y"), got ${JSON.stringify(duration)}`, pointerTo(expirationPlace, 'duration'));
  }
  return {
    ...(startDateTime === undefined ? {} : { startDateTime }),
    ...(type === undefined ? {} : { expirationType: type }),
    endDateTime: endDateTime ?? null,
    ...(duration === undefined ? {} : { duration }),
  };
}
