import { CliIo } from './cli-io';
import { ParsedArgs, repeatedValues } from './parse-args';
import { readExport } from './read-export';
import { UsageError } from './usage-error';
import type { ExportKind } from '../review/audit/export-stream';
import {
  assignmentKey, directoryEligibilityKey, directoryRoleKey, graphObjectKey, LiveExport, LiveExports, LiveServicePrincipal, mergeExports, objectKey,
} from '../review/audit/live-types';
import type * as AppRolesModule from '../review/audit/parse-app-role-assignments';
import type * as ApplicationsModule from '../review/audit/parse-applications';
import type * as AzureHoundModule from '../review/audit/parse-azurehound';
import type * as DirectoryRolesModule from '../review/audit/parse-directory-roles';
import type * as EligibilityModule from '../review/audit/parse-eligibility-schedules';
import type * as FederatedCredentialsModule from '../review/audit/parse-federated-credentials';
import type * as GroupMembersModule from '../review/audit/parse-group-members';
import type * as GroupSchedulesModule from '../review/audit/parse-group-schedules';
import type * as ManagedIdentitiesModule from '../review/audit/parse-managed-identities';
import type * as OwnersModule from '../review/audit/parse-owners';
import type * as RoleAssignmentsModule from '../review/audit/parse-role-assignments';

/**
 * Every option that gives a command a live export of the tenant, each once per file: `audit`,
 * `check`, `report` and `diff` take them all, and read them here, the one place.
 */
export const LIVE_EXPORT_OPTIONS = [
  'live-assignments', 'live-eligibility', 'apps', 'identities', 'live-directory-roles', 'live-directory-eligibility', 'live-app-roles',
  'live-group-members', 'live-owners', 'live-group-eligibility', 'live-group-assignments', 'app-federated-credentials',
  'identity-federated-credentials', 'azurehound',
] as const;

/** What the commands read of an AzureHound collection; every other kind is named as not reviewed. */
const AZUREHOUND_PARTS: readonly AzureHoundModule.AzureHoundPart[] = [
  'assignments', 'directoryRoles', 'directoryEligibilities', 'managedIdentities', 'applications', 'appRoleAssignments', 'groupMembers', 'owners',
  'federatedCredentials',
];

/* eslint-disable @typescript-eslint/no-require-imports */
// The readers load only when a command is given exports: most reviews have none.
const readers = () => ({
  assignments: (require('../review/audit/parse-role-assignments') as typeof RoleAssignmentsModule).ROLE_ASSIGNMENT_LIST,
  eligibilities: (require('../review/audit/parse-eligibility-schedules') as typeof EligibilityModule).ELIGIBILITY_SCHEDULES,
  applications: (require('../review/audit/parse-applications') as typeof ApplicationsModule).APPLICATIONS,
  identities: (require('../review/audit/parse-managed-identities') as typeof ManagedIdentitiesModule).MANAGED_IDENTITIES,
  directoryRoles: require('../review/audit/parse-directory-roles') as typeof DirectoryRolesModule,
  appRoles: (require('../review/audit/parse-app-role-assignments') as typeof AppRolesModule).APP_ROLE_ASSIGNMENTS,
  groups: require('../review/audit/parse-group-members') as typeof GroupMembersModule,
  owners: require('../review/audit/parse-owners') as typeof OwnersModule,
  groupSchedules: require('../review/audit/parse-group-schedules') as typeof GroupSchedulesModule,
  federated: require('../review/audit/parse-federated-credentials') as typeof FederatedCredentialsModule,
  azureHound: require('../review/audit/parse-azurehound') as typeof AzureHoundModule,
});
/* eslint-enable @typescript-eslint/no-require-imports */

/**
 * The live exports a command was given, read and checked; undefined when it was given none.
 * Files are read one after another, in the order given, so the first bad file is the one told,
 * every run; the files of one kind share their texts (a principal named in 250 subscriptions'
 * files is kept once). AzureHound's files come after the az and Graph exports: an item both hold
 * is kept as az or Graph wrote it. Without any Azure role assignment (`--live-assignments`, or a
 * collection that holds some) the tenant is not read at all: its Entra half alone would make every
 * chain through its Azure half look absent.
 */
export function readLiveExports(command: string, args: ParsedArgs, io: CliIo): LiveExports | undefined {
  const filesOf = (option: typeof LIVE_EXPORT_OPTIONS[number]) => repeatedValues(args, option);
  if (filesOf('live-assignments').length === 0 && filesOf('azurehound').length === 0) {
    const given = LIVE_EXPORT_OPTIONS.find((o) => filesOf(o).length > 0);
    if (given !== undefined) {
      throw new UsageError(`--${given} needs --live-assignments (or --azurehound): the tenant is read with its Azure half`, command);
    }
    return undefined;
  }
  const read = readers();
  const readAll = <T>(option: typeof LIVE_EXPORT_OPTIONS[number], kind: ExportKind<T>) => {
    const texts = new Map<string, string>();
    return filesOf(option).map((file): LiveExport<T> => readExport(io.cwd, file, kind, texts));
  };
  const assignments = readAll('live-assignments', read.assignments);
  const eligibilities = readAll('live-eligibility', read.eligibilities);
  const applications = readAll('apps', read.applications);
  const identities = readAll('identities', read.identities);
  const directoryRoles = readAll('live-directory-roles', read.directoryRoles.DIRECTORY_ROLE_ASSIGNMENTS);
  const directoryEligibilities = readAll('live-directory-eligibility', read.directoryRoles.DIRECTORY_ROLE_ELIGIBILITIES);
  const appRoleAssignments = readAll('live-app-roles', read.appRoles);
  const graphGroups = readAll('live-group-members', read.groups.GROUP_MEMBERS);
  const graphOwners = readAll('live-owners', read.owners.OWNERS);
  const groupEligibilities = readAll('live-group-eligibility', read.groupSchedules.GROUP_ELIGIBILITY_SCHEDULES);
  const groupAssignments = readAll('live-group-assignments', read.groupSchedules.GROUP_ASSIGNMENT_SCHEDULES);
  const appFederated = readAll('app-federated-credentials', read.federated.APPLICATION_FEDERATED_CREDENTIALS);
  const identityFederated = readAll('identity-federated-credentials', read.federated.IDENTITY_FEDERATED_CREDENTIALS);
  const houndTexts = new Map<string, string>();
  const hounds = filesOf('azurehound').map((file) => read.azureHound.readAzureHound(file, (kind) => readExport(io.cwd, file, kind, houndTexts)));
  // A part a collection holds no item of was not collected (azurehound list az-ad has no Azure role
  // assignments): it is no empty export, or every declared grant of that part would be "missing".
  const fromHounds = <T>(part: AzureHoundModule.AzureHoundPart, of: (hound: AzureHoundModule.AzureHoundCollection) => LiveExport<T>) =>
    hounds.filter((h) => read.azureHound.holdsPart(h, part)).map(of);
  const houndAssignments = fromHounds('assignments', (h) => h.assignments);
  if (assignments.length === 0 && houndAssignments.length === 0) {
    throw new UsageError(`${hounds.map((h) => h.file).join(', ')} holds no Azure role assignments (AZSubscriptionRoleAssignment, ...): `
      + 'collect them (azurehound list az-rm, or list) or give --live-assignments', command);
  }
  const applicationsMerged = mergeExports([...applications, ...fromHounds('applications', (h) => h.applications)], objectKey);
  const owners = mergeExports([...graphOwners, ...fromHounds('owners', (h) => h.owners)], objectKey);
  const servicePrincipals = mergeExports<LiveServicePrincipal>([
    ...graphOwners.map(read.owners.servicePrincipalsOf),
    ...hounds.map((h) => h.servicePrincipals).filter((e) => e.items.length > 0),
  ], objectKey);
  return {
    assignments: mergeExports([...assignments, ...houndAssignments], assignmentKey)!,
    ...present('eligibilities', mergeExports(eligibilities, assignmentKey)),
    ...present('applications', applicationsMerged),
    ...present('managedIdentities', mergeExports([...identities, ...fromHounds('managedIdentities', (h) => h.managedIdentities)], objectKey)),
    ...present('directoryRoles', mergeExports([...directoryRoles, ...fromHounds('directoryRoles', (h) => h.directoryRoles)], directoryRoleKey)),
    // Graph's schedules first: they say when each ends; AzureHound's instances do not.
    ...present('directoryEligibilities', mergeExports([...directoryEligibilities, ...fromHounds('directoryEligibilities', (h) => h.directoryEligibilities)],
      directoryEligibilityKey)),
    ...present('appRoleAssignments', mergeExports([...appRoleAssignments, ...fromHounds('appRoleAssignments', (h) => h.appRoleAssignments)], graphObjectKey)),
    ...present('groupMembers', mergeExports([...graphGroups, ...fromHounds('groupMembers', (h) => h.groupMembers)], objectKey)),
    ...present('owners', owners),
    ...present('servicePrincipals', servicePrincipals),
    ...present('groupEligibilities', mergeExports(groupEligibilities, graphObjectKey)),
    ...present('groupAssignments', mergeExports(groupAssignments, graphObjectKey)),
    ...present('applicationFederatedCredentials',
      mergeExports([...appFederated, ...fromHounds('federatedCredentials', (h) => h.applicationFederatedCredentials)], objectKey)),
    ...present('identityFederatedCredentials', mergeExports(identityFederated, objectKey)),
    notReviewed: [
      ...hounds.flatMap((h) => read.azureHound.notReviewedOf(h, AZUREHOUND_PARTS)),
      // Only Graph's $expand stops at 20 members; the collector pages through them all.
      ...graphGroups.flatMap(read.groups.membersNotListed),
      ...graphOwners.flatMap(read.owners.ownersNotListed),
      ...(owners === undefined ? [] : read.owners.ownersNotFollowed(owners.items, appIdsOf(applicationsMerged),
        new Set((servicePrincipals?.items ?? []).map((p) => p.appId)))),
    ],
  };
}

/** An application's appId by its object ID, as the applications export says it. */
function appIdsOf(applications: LiveExport<{ readonly id: string; readonly appId: string }> | undefined): (id: string) => string | undefined {
  const byId = new Map((applications?.items ?? []).map((a) => [a.id.toLowerCase(), a.appId.toLowerCase()]));
  return (id) => byId.get(id);
}

/** A field of LiveExports, left out when no file gave it. */
function present<K extends keyof LiveExports>(key: K, value: LiveExports[K] | undefined): Partial<LiveExports> {
  return value === undefined ? {} : { [key]: value };
}
