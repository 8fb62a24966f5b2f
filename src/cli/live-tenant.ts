import { CliIo } from './cli-io';
import { graphOf } from './load-graph';
import { ParsedArgs, repeatedValues } from './parse-args';
import { readExport } from './read-export';
import { UsageError } from './usage-error';
import {
  assignmentKey, directoryRoleKey, graphObjectKey, LiveAppRoleAssignment, LiveAssignment, LiveDirectoryRole, LiveExport, LiveExports,
  LiveGroupMembers, LiveManagedIdentity, mergeExports, objectKey,
} from '../review/audit/live-types';
import type * as AppRolesModule from '../review/audit/parse-app-role-assignments';
import type * as AzureHoundModule from '../review/audit/parse-azurehound';
import type * as DirectoryRolesModule from '../review/audit/parse-directory-roles';
import type * as GroupMembersModule from '../review/audit/parse-group-members';
import type * as ManagedIdentitiesModule from '../review/audit/parse-managed-identities';
import type * as RoleAssignmentsModule from '../review/audit/parse-role-assignments';
import type * as TenantEdgesModule from '../review/audit/tenant-edges';
import type { SameEdges } from '../review/escalation/chain-diff';
import { AccessGraph, SuppressionsByAddress } from '../review/graph/access-graph';
import { SourceDocument } from '../review/reader/source-document';

/** The options that give `check`, `report` and `diff` the live tenant, as `audit` takes them: each once per file. */
export const LIVE_OPTIONS = ['live-assignments', 'identities', 'live-directory-roles', 'live-app-roles', 'live-group-members', 'azurehound'];

/** What these commands read of an AzureHound collection: the rest of it is named on standard error as not reviewed. */
const AZUREHOUND_PARTS: readonly AzureHoundModule.AzureHoundPart[] = [
  'assignments', 'managedIdentities', 'directoryRoles', 'appRoleAssignments', 'groupMembers',
];

export const LIVE_HELP = `The tenant as it is (the same exports as audit): the code is reviewed on top of what the tenant
holds, and a path that needs both says which steps are "in the tenant, not in this code":
  --live-assignments FILE   az role assignment list --all -o json (once per file: one per subscription)
  --identities FILE         Microsoft Graph managed-identity servicePrincipals (with --live-assignments)
  --live-directory-roles FILE   Microsoft Graph roleManagement/directory/roleAssignments (with --live-assignments)
  --live-app-roles FILE     Microsoft Graph's own appRoleAssignedTo: its application permissions (with --live-assignments)
  --live-group-members FILE Microsoft Graph groups with $expand=members: who is in which group (with --live-assignments)
  --azurehound FILE         AzureHound's collection (azurehound list -o FILE ...), instead of or beside
                            the exports above: its Azure role assignments, managed identities, Entra
                            directory roles, Graph permissions and group members are read (the same
                            item in both is one); what else it holds is named on standard error, with
                            its count, as not reviewed
`;

/* eslint-disable @typescript-eslint/no-require-imports */
// The exports' readers load only when a command is given exports: most reviews have none.
const parsers = () => ({
  assignments: (require('../review/audit/parse-role-assignments') as typeof RoleAssignmentsModule).ROLE_ASSIGNMENT_LIST,
  identities: (require('../review/audit/parse-managed-identities') as typeof ManagedIdentitiesModule).MANAGED_IDENTITIES,
  directoryRoles: (require('../review/audit/parse-directory-roles') as typeof DirectoryRolesModule).DIRECTORY_ROLE_ASSIGNMENTS,
  appRoles: (require('../review/audit/parse-app-role-assignments') as typeof AppRolesModule).APP_ROLE_ASSIGNMENTS,
  groups: require('../review/audit/parse-group-members') as typeof GroupMembersModule,
  azureHound: require('../review/audit/parse-azurehound') as typeof AzureHoundModule,
  edges: (require('../review/audit/tenant-edges') as typeof TenantEdgesModule).tenantEdgesOf,
  adopted: (require('../review/audit/tenant-edges') as typeof TenantEdgesModule).adoptedEdges,
});
/* eslint-enable @typescript-eslint/no-require-imports */

/** The live exports the command was given, read and checked; undefined without `--live-assignments` or `--azurehound`. */
export async function readLiveTenant(command: string, args: ParsedArgs, io: CliIo): Promise<LiveExports | undefined> {
  const assignmentFiles = repeatedValues(args, 'live-assignments');
  const identityFiles = repeatedValues(args, 'identities');
  const roleFiles = repeatedValues(args, 'live-directory-roles');
  const appRoleFiles = repeatedValues(args, 'live-app-roles');
  const groupFiles = repeatedValues(args, 'live-group-members');
  const houndFiles = repeatedValues(args, 'azurehound');
  if (assignmentFiles.length === 0 && houndFiles.length === 0) {
    if (identityFiles.length > 0) throw new UsageError('--identities needs --live-assignments: the identities hold what the assignments say', command);
    if (roleFiles.length > 0) throw new UsageError('--live-directory-roles needs --live-assignments: the tenant is read with its Azure half', command);
    if (appRoleFiles.length > 0) throw new UsageError('--live-app-roles needs --live-assignments: the tenant is read with its Azure half', command);
    if (groupFiles.length > 0) throw new UsageError('--live-group-members needs --live-assignments: the tenant is read with its Azure half', command);
    return undefined;
  }
  const parse = parsers();
  // One after another, in the order given: the first bad file is the one told, every run.
  // The files share their texts: a principal named in 250 subscriptions' files is kept once.
  const texts = new Map<string, string>();
  const assignments = assignmentFiles.map((file): LiveExport<LiveAssignment> => readExport(io.cwd, file, parse.assignments, texts));
  const identities = identityFiles.map((file): LiveExport<LiveManagedIdentity> => readExport(io.cwd, file, parse.identities));
  // AzureHound's files come after the az and Graph exports: an item both hold is kept as az or Graph wrote it.
  const houndTexts = new Map<string, string>();
  const hounds = houndFiles.map((file) => parse.azureHound.readAzureHound(file, (kind) => readExport(io.cwd, file, kind, houndTexts)));
  const groups = groupFiles.map((file): LiveExport<LiveGroupMembers> => readExport(io.cwd, file, parse.groups.GROUP_MEMBERS));
  const houndGroups = hounds.filter((h) => parse.azureHound.holdsPart(h, 'groupMembers')).map((h) => h.groupMembers);
  const groupMembers = mergeExports([...groups, ...houndGroups], objectKey);
  // Read before anything is written, and said before the review: what the tenant holds that this review did not look at.
  const notReviewed = [
    ...hounds.flatMap((h) => parse.azureHound.notReviewedOf(h, AZUREHOUND_PARTS)),
    // Only Graph's $expand stops at 20 members; the collector pages through them all.
    ...groups.flatMap(parse.groups.membersNotListed),
  ];
  for (const part of notReviewed) {
    io.stderr(`azure-access ${command}: ${part.file}: ${part.count} ${part.kind} item${part.count === 1 ? '' : 's'} not reviewed `
      + '(what they grant is not part of this review)\n');
  }
  const managedIdentities = mergeExports([...identities, ...hounds.map((h) => h.managedIdentities)], objectKey);
  const roles = roleFiles.map((file): LiveExport<LiveDirectoryRole> => readExport(io.cwd, file, parse.directoryRoles));
  const houndRoles = hounds.filter((h) => parse.azureHound.holdsPart(h, 'directoryRoles')).map((h) => h.directoryRoles);
  const directoryRoles = mergeExports([...roles, ...houndRoles], directoryRoleKey);
  const appRoles = appRoleFiles.map((file): LiveExport<LiveAppRoleAssignment> => readExport(io.cwd, file, parse.appRoles));
  const houndAppRoles = hounds.filter((h) => parse.azureHound.holdsPart(h, 'appRoleAssignments')).map((h) => h.appRoleAssignments);
  const appRoleAssignments = mergeExports([...appRoles, ...houndAppRoles], graphObjectKey);
  return {
    assignments: mergeExports([...assignments, ...hounds.map((h) => h.assignments)], assignmentKey)!,
    ...(managedIdentities === undefined ? {} : { managedIdentities }),
    ...(directoryRoles === undefined ? {} : { directoryRoles }),
    ...(appRoleAssignments === undefined ? {} : { appRoleAssignments }),
    ...(groupMembers === undefined ? {} : { groupMembers }),
  };
}

/**
 * The code's graph, with the live tenant's edges beside it when there are exports: the
 * assignments the code does not declare and the managed identities on their resources.
 */
export function graphOnTenant(sources: SourceDocument[], live: LiveExports | undefined, suppressions?: SuppressionsByAddress,
  base?: AccessGraph): AccessGraph {
  if (live === undefined) return graphOf(sources, suppressions);
  const graph = graphOf(sources, suppressions, { forTenant: true });
  graph.addTenant(parsers().edges(live, graph, base));
  return graph;
}

/** For a diff on top of the tenant: the assignments the change adopts, the same edge on both sides. */
export function adoptedOnTenant(live: LiveExports, base: AccessGraph, head: AccessGraph): SameEdges {
  return parsers().adopted(live, base, head);
}
