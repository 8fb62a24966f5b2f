import { declaredAccessOf } from './declared-access';
import { declaredDirectoryRolesOf } from './declared-directory-roles';
import {
  LiveAppRoleAssignment, LiveAssignment, LiveDirectoryMember, LiveDirectoryRole, LiveExports, LiveGroupSchedule, LiveHolding, LiveOwned,
} from './live-types';
import { matchDeclared } from './match-declared';
import { matchDirectoryRoles } from './match-directory-roles';
import { PrincipalDirectory } from './principal-directory';
import { SameEdges } from '../escalation/chain-diff';
import { eligibilityEdgeKey, grantEdgeKey } from '../escalation/root-causes';
import { AccessGraph } from '../graph/access-graph';
import {
  TenantAppPermission, TenantAssignment, TenantDirectoryObject, TenantDirectoryRole, TenantEdges, TenantGroupMembership, TenantGroupSchedule,
  TenantHolding, TenantOwnership,
} from '../graph/graph-types';

/**
 * What the live tenant holds that the code does not declare, as edges to overlay on the code's
 * graph: the standing role assignments no declared grant matches (matched as `audit` matches
 * them, so a grant the code declares is never counted twice), the standing Entra directory role
 * assignments no declared one matches (as `audit` matches them), the managed identities of the
 * export with the resource each belongs to, and PIM eligibilities (Azure and Entra directory
 * roles), app permissions, group memberships and owners the code does not declare.
 */
export function tenantEdgesOf(live: LiveExports, code: AccessGraph, alsoDeclaredBy?: AccessGraph): TenantEdges {
  const directory = new PrincipalDirectory(live);
  // A change's head leaves out what its base declares too: removed from the code, it is destroyed at apply.
  const graphs = alsoDeclaredBy === undefined ? [code] : [code, alsoDeclaredBy];
  // Standing and eligible alike, as `audit` matches them: a declared eligibility is no standing assignment.
  const { unmatchedLive } = matchDeclared(graphs.flatMap(declaredAccessOf), assignmentsAndEligibilities(live), directory);
  const liveRoles = [...(live.directoryRoles?.items ?? []), ...(live.directoryEligibilities?.items ?? [])];
  const roles = liveRoles.length === 0 ? [] : matchDirectoryRoles(graphs.flatMap(declaredDirectoryRolesOf), liveRoles, directory).unmatchedLive;
  // An app permission the code grants by the holder's object ID is the code's (whatever the code
  // says of the API: an app role's ID is Graph's role's only); one it grants to a principal it names
  // by reference is not recognised in the export, and is the tenant's too.
  const declaredPermissions = new Set(graphs.flatMap((g) => g.appPermissions)
    .filter((p) => p.appRoleId !== undefined)
    .map((p) => `${p.principal.key}\u0000${p.appRoleId}`));
  const permissions = (live.appRoleAssignments?.items ?? []).filter((p) => !declaredPermissions.has(`${p.principalId}\u0000${p.appRoleId}`));
  return edgesOf(unmatchedLive, roles, live, directory, permissions);
}

/**
 * The grants and eligibilities a change adopts (the head declares an assignment or eligibility
 * the base sees only in the tenant), as the same edge on both sides of the diff: in Azure nothing
 * changes.
 */
export function adoptedEdges(live: LiveExports, base: AccessGraph, head: AccessGraph): SameEdges {
  // Each side's edge key by where it is: the tenant's by its live ID, the head's by file and address.
  const tenantInBase = new Map<string, string | undefined>([
    ...base.tenantGrants.map((g) => [g.origin.address, grantEdgeKey(g)] as const),
    ...base.tenantEligibilities.map((e) => [e.origin.address, eligibilityEdgeKey(e)] as const),
  ]);
  const declaredInHead = new Map<string, string | undefined>([
    ...head.grants.map((g) => [`${g.origin.file}\u0000${g.origin.address}`, grantEdgeKey(g)] as const),
    ...head.eligibilities.map((e) => [`${e.origin.file}\u0000${e.origin.address}`, eligibilityEdgeKey(e)] as const),
  ]);
  const { matches } = matchDeclared(declaredAccessOf(head), assignmentsAndEligibilities(live), new PrincipalDirectory(live));
  const inBase = new Set<string>();
  const inHead = new Set<string>();
  const adopted = new Set<string>();
  for (const match of matches) {
    const inTenant = tenantInBase.get(match.liveId);
    const declared = declaredInHead.get(`${match.file}\u0000${match.address}`);
    if (inTenant === undefined || declared === undefined) continue;
    inBase.add(declared);
    inHead.add(inTenant);
    adopted.add(match.address);
  }
  return { inBase, inHead, adopted };
}

/** The tenant's assignments and eligibilities, one list: a million assignments are copied into a second only when there are eligibilities to add. */
function assignmentsAndEligibilities(live: LiveExports): LiveAssignment[] {
  const eligible = live.eligibilities?.items ?? [];
  return eligible.length === 0 ? live.assignments.items : [...live.assignments.items, ...eligible];
}

/** Everything the live tenant holds, as edges of a graph of its own: what `audit` finds the tenant's own escalations in. */
export function allTenantEdges(live: LiveExports, directory: PrincipalDirectory): TenantEdges {
  return edgesOf(assignmentsAndEligibilities(live),
    [...(live.directoryRoles?.items ?? []), ...(live.directoryEligibilities?.items ?? [])], live, directory, live.appRoleAssignments?.items ?? []);
}

function edgesOf(
  assignments: readonly LiveAssignment[], roles: readonly LiveDirectoryRole[], live: LiveExports, directory: PrincipalDirectory,
  permissions: readonly LiveAppRoleAssignment[],
): TenantEdges {
  const scheduled = scheduledOf(live);
  return {
    assignments: standingEdgesOf(assignments, directory),
    groupMemberships: (live.groupMembers?.items ?? []).flatMap((group) => group.members
      .filter((member) => !scheduled('member', group.id, member.id)).map((member): TenantGroupMembership => ({
        ...memberHolding(directory, group, 'members', member),
        groupId: group.id,
        ...(group.displayName === undefined ? {} : { groupName: group.displayName }),
        // A group the export does not say is role-assignable may be: the wider case.
        roleAssignable: group.roleAssignable ?? true,
      }))),
    appPermissions: permissions.map((p): TenantAppPermission => ({ ...holdingOf(directory, p), appRoleId: p.appRoleId, resourceId: p.resourceId })),
    // A role scoped to an app alone has no directory scope the review reads (as `audit` matches it).
    directoryRoles: roles.flatMap((r): TenantDirectoryRole[] => (r.kind !== 'standing' || r.directoryScopeId === undefined ? []
      : [{ ...holdingOf(directory, r), roleDefinitionId: r.roleDefinitionId, directoryScopeId: r.directoryScopeId }])),
    directoryEligibilities: roles.flatMap((r) => (r.kind !== 'eligible' || r.directoryScopeId === undefined ? []
      : [{
        ...holdingOf(directory, r),
        roleDefinitionId: r.roleDefinitionId,
        directoryScopeId: r.directoryScopeId,
        endDateTime: r.endDateTime,
        ...(r.duration === undefined ? {} : { duration: r.duration }),
      }])),
    eligibilities: assignments.filter((a) => a.kind === 'eligible').map((a) => ({ ...assignmentEdgeOf(a, directory), endDateTime: a.endDateTime })),
    directoryObjects: directoryObjectsOf(live, directory),
    ownerships: ownershipsOf(live, directory).filter((o) => o.ownedKind !== 'group' || !scheduled('owner', o.ownedId, o.principalId)),
    groupEligibilities: (live.groupEligibilities?.items ?? []).map((s) => groupScheduleOf(s, directory)),
    groupAssignments: (live.groupAssignments?.items ?? []).map((s) => groupScheduleOf(s, directory)),
    identities: (live.managedIdentities?.items ?? []).flatMap((i) => (i.resourceId === undefined || i.assignment === undefined ? [] : [{
      at: { file: i.file, place: i.place },
      objectId: i.id.toLowerCase(),
      name: i.displayName,
      kind: i.assignment,
      resourceId: i.resourceId,
    }])),
  };
}

/** The standing assignments as edges, made as the graph places them (a generator: never a second list of a million). */
function* standingEdgesOf(assignments: readonly LiveAssignment[], directory: PrincipalDirectory): Generator<TenantAssignment> {
  for (const a of assignments) {
    if (a.kind === 'standing') yield assignmentEdgeOf(a, directory);
  }
}

function assignmentEdgeOf(a: LiveAssignment, directory: PrincipalDirectory): TenantAssignment {
  return {
    ...holdingOf(directory, a),
    roleDefinitionId: a.roleDefinitionId,
    ...(a.roleName === undefined ? {} : { roleName: a.roleName }),
    scope: a.scope,
    ...(a.condition === undefined ? {} : { condition: a.condition }),
  };
}

/**
 * The PIM for Groups memberships and ownerships held now (active schedules, assigned or activated),
 * by access, group and principal: the members and owners exports list them too, and each is one
 * edge, the schedule's (which says more: when it ends).
 */
function scheduledOf(live: LiveExports): (access: LiveGroupSchedule['accessId'], groupId: string, principalId: string) => boolean {
  const scheduled = new Set((live.groupAssignments?.items ?? []).map((s) => `${s.accessId}\u0000${s.groupId}\u0000${s.principalId}`));
  return (access, groupId, principalId) => scheduled.size > 0 && scheduled.has(`${access}\u0000${groupId}\u0000${principalId}`);
}

function groupScheduleOf(s: LiveGroupSchedule, directory: PrincipalDirectory): TenantGroupSchedule {
  return {
    ...holdingOf(directory, s),
    groupId: s.groupId,
    ...(s.groupDisplayName === undefined ? {} : { groupName: s.groupDisplayName }),
    accessId: s.accessId,
    endDateTime: s.endDateTime,
    ...(s.duration === undefined ? {} : { duration: s.duration }),
  };
}

/**
 * What reaching an application, service principal or group leads to: the group, or the service
 * principal it signs in as. A managed identity's service principal takes no credential (Graph's
 * servicePrincipalType, or the identities export): neither its owner nor anyone else signs in as it
 * by adding one.
 */
function principalsOfObjects(live: LiveExports): (o: Pick<LiveOwned, 'kind' | 'id' | 'appId'>) => string | undefined {
  // An application's appId is the owners export's, else the applications export's (AzureHound names an owned application by its object ID).
  const appIds = new Map((live.applications?.items ?? []).map((a) => [a.id.toLowerCase(), a.appId.toLowerCase()]));
  const principals = new Map((live.servicePrincipals?.items ?? []).map((p) => [p.appId, p.id]));
  const identities = new Set([
    ...(live.managedIdentities?.items ?? []).map((i) => i.id),
    ...(live.owners?.items ?? []).filter((o) => o.servicePrincipalType?.toLowerCase() === 'managedidentity').map((o) => o.id),
  ]);
  return (o) => {
    if (o.kind === 'service-principal' && identities.has(o.id)) return undefined;
    if (o.kind !== 'application') return o.id;
    const appId = o.appId ?? appIds.get(o.id);
    return appId === undefined ? undefined : principals.get(appId);
  };
}

/**
 * Every application, service principal and group the owners, applications and group members
 * exports list, owned or not: what an owner, or a directory role over applications or groups, reaches. A managed
 * identity's service principal takes no credential, so no one signs in as it by adding one.
 */
function directoryObjectsOf(live: LiveExports, directory: PrincipalDirectory): TenantDirectoryObject[] {
  const principalOf = principalsOfObjects(live);
  const object = (o: Pick<LiveOwned, 'file' | 'place' | 'kind' | 'id' | 'appId' | 'displayName' | 'roleAssignable'>): TenantDirectoryObject => {
    const name = o.displayName ?? directory.displayNameOf(o.id);
    const principalId = principalOf(o);
    return {
      at: { file: o.file, place: o.place },
      kind: o.kind,
      id: o.id,
      ...(name === undefined ? {} : { name }),
      ...(principalId === undefined ? {} : { principalId }),
      ...(o.roleAssignable === undefined ? {} : { roleAssignable: o.roleAssignable }),
    };
  };
  return [
    ...(live.owners?.items ?? []).map(object),
    ...(live.applications?.items ?? []).map((a) => object({ ...a, kind: 'application' })),
    ...(live.groupMembers?.items ?? []).map((g) => object({ ...g, kind: 'group' })),
  ];
}

/**
 * Each owner of an application, service principal or group, with what owning it leads to: the
 * group, or the service principal it signs in as (an application's is the one with its appId,
 * which the owners export or the applications export says).
 */
function ownershipsOf(live: LiveExports, directory: PrincipalDirectory): TenantOwnership[] {
  const owned = live.owners?.items ?? [];
  if (owned.length === 0) return [];
  const principalOf = principalsOfObjects(live);
  return owned.flatMap((o) => {
    const ownedPrincipalId = principalOf(o);
    const ownedName = o.displayName ?? directory.displayNameOf(o.id);
    return o.owners.map((owner): TenantOwnership => ({
      ...memberHolding(directory, o, 'owners', owner),
      ownedKind: o.kind,
      ownedId: o.id,
      ...(ownedName === undefined ? {} : { ownedName }),
      ...(ownedPrincipalId === undefined ? {} : { ownedPrincipalId }),
      ...(o.roleAssignable === undefined ? {} : { roleAssignable: o.roleAssignable }),
    }));
  });
}

/** A member or owner of a directory object as the holder of an edge: its ID is `<object>/<members|owners>/<member>`. */
function memberHolding(directory: PrincipalDirectory, object: { readonly file: string; readonly id: string }, relation: 'members' | 'owners',
  member: LiveDirectoryMember): TenantHolding {
  return holdingOf(directory, {
    file: object.file,
    place: member.place,
    id: `${object.id}/${relation}/${member.id}`,
    principalId: member.id,
    ...(member.principalType === undefined ? {} : { principalType: member.principalType }),
    ...(member.displayName === undefined ? {} : { principalDisplayName: member.displayName }),
  });
}

/**
 * What every tenant edge says of its holder: where the export says it, its ID, and the principal
 * with the friendliest name the exports give it (a Graph display name before az's principalName).
 */
function holdingOf(directory: PrincipalDirectory, held: LiveHolding): TenantHolding {
  const name = directory.displayNameOf(held.principalId) ?? held.principalDisplayName;
  return {
    at: { file: held.file, place: held.place },
    id: held.id,
    principalId: held.principalId,
    ...(held.principalType === undefined ? {} : { principalType: held.principalType }),
    ...(name === undefined ? {} : { principalName: name }),
  };
}
