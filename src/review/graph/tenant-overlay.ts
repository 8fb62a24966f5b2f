import { terraformTypeOfArm } from './arm-terraform-types';
import {
  GraphAppPermission, GraphDirectoryObject, GraphDirectoryRole, GraphEligibility, GraphEntraRole, GraphExpiry, GraphGrant, GraphGroupAssignment,
  GraphGroupMembership,
  GraphIdentity, GraphOwnership, GraphPlacement, GraphPrincipal, GraphResource, GraphRole, GraphScope, Origin, TenantEdges, TenantEligibility,
  TenantDirectoryObject, TenantGroupSchedule, TenantHolding, TenantOwnership, TenantPlace,
} from './graph-types';
import { PlacedResources } from './placed-resources';
import { ResourcePlacement } from './resource-placement';
import { Duration } from '../../model/duration';
import { SuppressionRecord } from '../../model/metadata';
import { PrincipalKind } from '../../model/principal-kind';
import { ScopeLevel } from '../../model/scope-level';
import { parseArmId } from '../../scope/arm-id';
import { setAndReturn } from '../set-and-return';

/** What the overlay needs of one document of the code: where its resources are, and how it reads values. */
export interface DocumentContext {
  readonly file: string;
  readonly stack?: string;
  readonly placement: ResourcePlacement;
  readonly resources: PlacedResources;
  readonly scopeOf: (value: string) => GraphScope;
  readonly roleOf: (body: Record<string, unknown>) => GraphRole;
  readonly principalOf: (body: Record<string, unknown>, principalType?: string) => GraphPrincipal;
  /** An Entra role by its template ID, and a directory scope, as the document reads its own. */
  readonly entraRoleOf: (value: string) => GraphEntraRole;
  readonly directoryScopeOf: (value: string) => GraphScope;
  /** A Microsoft Graph application permission by its app role ID. */
  readonly graphAppPermissionOf: (appRoleId: string, resourceObjectId: string) => Omit<GraphAppPermission, 'origin' | 'principal'>;
}

/** The tenant's edges, placed among the code's. */
export interface PlacedTenant {
  readonly grants: GraphGrant[];
  readonly identities: GraphIdentity[];
  readonly directoryRoles: GraphDirectoryRole[];
  readonly appPermissions: GraphAppPermission[];
  readonly groupMemberships: GraphGroupMembership[];
  /** PIM eligibilities of Azure and Entra directory roles. */
  readonly eligibilities: GraphEligibility[];
  /** The applications, service principals and groups owned, one each, and their owners. */
  readonly directoryObjects: GraphDirectoryObject[];
  readonly ownerships: GraphOwnership[];
  /** PIM for Groups memberships and ownerships held now. */
  readonly groupAssignments: GraphGroupAssignment[];
}

/**
 * Places what the live tenant holds beside what the code declares, so reach follows both: each
 * role assignment the code does not declare becomes a grant, each managed identity of the export
 * an identity on its resource. Each goes into the document that declares its resource (a data
 * source counts: `data.azurerm_automation_account.ops` is the account the tenant's identity runs
 * on), else the first: resources are compared by address only within a document, while
 * subscriptions and groups are the same everywhere. A principal the code declares with a stated
 * object ID (a plan) is that principal; any other is known by its object ID and the export's name.
 */
export function overlayTenant(edges: TenantEdges, documents: readonly DocumentContext[]): PlacedTenant {
  if (documents.length === 0) {
    return {
      grants: [],
      identities: [],
      directoryRoles: [],
      appPermissions: [],
      groupMemberships: [],
      eligibilities: [],
      directoryObjects: [],
      ownerships: [],
      groupAssignments: [],
    };
  }
  // Most scopes repeat (a subscription, a group): which document declares each is worked out once.
  const declarers = new Map<string, DocumentContext>();
  const declaring = (armId: string): DocumentContext => {
    const key = armId.toLowerCase();
    let found = declarers.get(key);
    if (found === undefined) {
      found = documents.length === 1 ? documents[0] : documents.find((d) => d.placement.locate(armId).address !== undefined) ?? documents[0];
      declarers.set(key, found);
    }
    return found;
  };
  const identities: GraphIdentity[] = [];
  const identityPrincipals = new Map<string, GraphPrincipal>();
  for (const identity of edges.identities) {
    const document = declaring(identity.resourceId);
    // An identity the code declares (its resource, or its object ID stated in a plan) is the code's
    // own already: the tenant's assignments to that object ID are assignments to it.
    const declared = declaredIdentityOf(document, identity.resourceId, identity.kind);
    const principal = declared ?? principalOf(document, identity.objectId, 'ServicePrincipal', identity.name, PrincipalKind.MANAGED_IDENTITY);
    identityPrincipals.set(identity.objectId, principal);
    if (declared !== undefined || principal.key !== identity.objectId.toLowerCase()) continue;
    const resource = resourceOf(document, identity.resourceId, identity.kind, identity.at);
    identities.push({
      origin: originIn(document, identity.at, identity.resourceId),
      kind: identity.kind,
      principal,
      name: identity.name,
      resource,
      // A user-assigned identity's export does not say what runs as it; a system-assigned one runs on its resource.
      attachedTo: identity.kind === 'system-assigned' ? [resource] : [],
    });
  }
  const placements = new Map<GraphPlacement, GraphPlacement>();
  // One principal object per principal, as the code's are: a tenant's million assignments name a few hundred thousand.
  const principals = new Map<string, GraphPrincipal>();
  const principalOfAssignment = (document: DocumentContext, assignment: TenantHolding): GraphPrincipal => {
    const known = identityPrincipals.get(assignment.principalId);
    if (known !== undefined) return known;
    const key = `${assignment.principalId}\u0000${document.file}\u0000${document.stack ?? ''}`;
    return principals.get(key)
      ?? setAndReturn(principals, key, principalOf(document, assignment.principalId, assignment.principalType, assignment.principalName, undefined));
  };
  /** A scope of the tenant, in the document that declares it: a resource the code does not declare is known by its ARM ID. */
  const placed = (armId: string) => {
    const document = declaring(armId);
    const scope = document.scopeOf(armId);
    const located = document.placement.locate(scope.value);
    // One object per place, as the code's placements are: reach works out a scope's routes once per object.
    const scopePlacement = located.level === ScopeLevel.RESOURCE && located.address === undefined
      ? placements.get(located) ?? setAndReturn(placements, located, { ...located, address: tenantAddress(armId) }) : located;
    return { document, scope, scopePlacement };
  };
  const grants: GraphGrant[] = [];
  for (const assignment of edges.assignments) {
    const { document, scope, scopePlacement } = placed(assignment.scope);
    grants.push({
      origin: originIn(document, assignment.at, assignment.id),
      principal: principalOfAssignment(document, assignment),
      role: document.roleOf({
        role_definition_id: assignment.roleDefinitionId,
        ...(assignment.roleName === undefined ? {} : { role_definition_name: assignment.roleName }),
      }),
      scope,
      scopePlacement,
      via: 'role-assignment',
      ...(assignment.condition === undefined ? {} : { condition: assignment.condition }),
    });
  }
  // The directory is the tenant's, one for every document: its roles go into the first.
  const directoryRoles = (edges.directoryRoles ?? []).map((role): GraphDirectoryRole => ({
    origin: originIn(documents[0], role.at, role.id),
    principal: principalOfAssignment(documents[0], role),
    role: documents[0].entraRoleOf(role.roleDefinitionId),
    scope: documents[0].directoryScopeOf(role.directoryScopeId),
    via: 'role-assignment',
  }));
  const appPermissions = (edges.appPermissions ?? []).map((p): GraphAppPermission => ({
    origin: originIn(documents[0], p.at, p.id),
    principal: principalOfAssignment(documents[0], p),
    ...documents[0].graphAppPermissionOf(p.appRoleId, p.resourceId),
  }));
  const groupMemberships = (edges.groupMemberships ?? []).map((m): GraphGroupMembership => ({
    origin: originIn(documents[0], m.at, m.id),
    member: principalOfAssignment(documents[0], m),
    // The group by its object ID: the key its own assignments (the tenant's or the code's) carry.
    group: principalOfAssignment(documents[0], {
      at: m.at, id: m.groupId, principalId: m.groupId, principalType: 'Group', ...(m.groupName === undefined ? {} : { principalName: m.groupName }),
    }),
    roleAssignable: m.roleAssignable,
  }));
  // The group by its object ID: the key its own assignments (the tenant's or the code's) carry.
  const groupOf = (s: TenantGroupSchedule) => principalOfAssignment(documents[0], {
    at: s.at, id: s.groupId, principalId: s.groupId, principalType: 'Group', ...(s.groupName === undefined ? {} : { principalName: s.groupName }),
  });
  const eligibilities = [
    ...(edges.eligibilities ?? []).map((e): GraphEligibility => {
      const { document, scope, scopePlacement } = placed(e.scope);
      return {
        origin: originIn(document, e.at, e.id),
        kind: 'azure-rbac',
        principal: principalOfAssignment(document, e),
        role: document.roleOf({ role_definition_id: e.roleDefinitionId, ...(e.roleName === undefined ? {} : { role_definition_name: e.roleName }) }),
        scope,
        scopePlacement,
        expiry: expiryOf(e),
      };
    }),
    ...(edges.groupEligibilities ?? []).map((e): GraphEligibility => ({
      origin: originIn(documents[0], e.at, e.id),
      kind: 'pim-group',
      principal: principalOfAssignment(documents[0], e),
      groupId: e.groupId,
      group: groupOf(e),
      assignmentType: e.accessId,
      expiry: expiryOf(e),
    })),
    ...(edges.directoryEligibilities ?? []).map((e): GraphEligibility => ({
      origin: originIn(documents[0], e.at, e.id),
      kind: 'entra-directory-role',
      principal: principalOfAssignment(documents[0], e),
      directoryRole: e.roleDefinitionId,
      entraRole: documents[0].entraRoleOf(e.roleDefinitionId),
      scope: documents[0].directoryScopeOf(e.directoryScopeId),
      expiry: expiryOf(e),
    })),
  ];
  const { directoryObjects, ownerships } = ownershipsOf(edges.directoryObjects ?? [], edges.ownerships ?? [], documents[0], principalOfAssignment);
  const groupAssignments = (edges.groupAssignments ?? []).map((a): GraphGroupAssignment => ({
    origin: originIn(documents[0], a.at, a.id),
    principal: principalOfAssignment(documents[0], a),
    group: groupOf(a),
    assignmentType: a.accessId,
    expiry: expiryOf(a),
  }));
  return { grants, identities, directoryRoles, appPermissions, groupMemberships, eligibilities, directoryObjects, ownerships, groupAssignments };
}

/**
 * How long a tenant schedule lasts, as its export says: an end, else a duration from its start,
 * else never. A duration this review does not count (years, months) still ends: it is kept as written.
 * An export that says nothing of the end (AzureHound's schedule instances) is unknown, counted as never.
 */
function expiryOf(e: TenantEligibility): GraphExpiry {
  if (e.endDateTime !== undefined && e.endDateTime !== null) return { permanent: false, endDateTime: e.endDateTime };
  if (e.duration === undefined) return e.endDateTime === undefined ? { permanent: true, unknown: true } : { permanent: true };
  try {
    return { permanent: false, duration: Duration.parse(e.duration) };
  } catch {
    return { permanent: false, writtenDuration: e.duration };
  }
}

/**
 * The tenant's applications, service principals and groups, one each, as directory objects reach
 * can sign in as or join (each known by its object ID), and an ownership for each owner. An object
 * an owner names that the list does not (a group owned through PIM for Groups) is made from the
 * ownership. An application whose service principal no export names has no principal: reaching it
 * leads nowhere reach can tell.
 */
function ownershipsOf(
  listed: readonly TenantDirectoryObject[], owned: readonly TenantOwnership[], document: DocumentContext,
  holderOf: (document: DocumentContext, holding: TenantHolding) => GraphPrincipal,
): { directoryObjects: GraphDirectoryObject[]; ownerships: GraphOwnership[] } {
  const objects = new Map<string, GraphDirectoryObject>();
  const place = (o: TenantDirectoryObject): string => {
    const address = `tenant:${o.kind}/${o.id}`;
    const placed = objects.get(address);
    if (placed !== undefined) {
      // One export may say what another leaves out (AzureHound's groups never say whether they are role-assignable).
      if (placed.roleAssignable === 'unknown' && o.roleAssignable !== undefined) objects.set(address, { ...placed, roleAssignable: o.roleAssignable });
      return address;
    }
    const principal = o.principalId === undefined ? undefined : holderOf(document, {
      at: o.at,
      id: o.principalId,
      principalId: o.principalId,
      principalType: o.kind === 'group' ? 'Group' : 'ServicePrincipal',
      ...(o.name === undefined ? {} : { principalName: o.name }),
    });
    objects.set(address, {
      origin: originIn(document, o.at, address),
      kind: o.kind,
      name: o.name ?? o.id,
      ...(principal === undefined ? {} : { principal }),
      // A group the export does not say is role-assignable or not is read both ways, as the code's are:
      // a group administrator may join it, and its members are privileged.
      ...(o.kind === 'group' ? { roleAssignable: o.roleAssignable ?? 'unknown' } : {}),
      administrativeUnits: [],
    });
    return address;
  };
  for (const o of listed) place(o);
  const ownerships = owned.map((o): GraphOwnership => {
    const address = place({
      at: o.at,
      kind: o.ownedKind,
      id: o.ownedId,
      ...(o.ownedName === undefined ? {} : { name: o.ownedName }),
      ...(o.ownedPrincipalId === undefined ? {} : { principalId: o.ownedPrincipalId }),
      ...(o.roleAssignable === undefined ? {} : { roleAssignable: o.roleAssignable }),
    });
    return { origin: originIn(document, o.at, o.id), owner: holderOf(document, o), owned: address, ownedKind: o.ownedKind };
  });
  return { directoryObjects: [...objects.values()], ownerships };
}

// No suppression names what only the tenant holds: one empty list for all of them, never added to.
const NO_SUPPRESSIONS: SuppressionRecord[] = Object.freeze([]) as unknown as SuppressionRecord[];

/** An origin in the code's document (so reach compares it with the code's resources) that says where in the export it was read. */
function originIn(document: DocumentContext, at: TenantPlace, id: string): Origin {
  const stack = document.stack === undefined ? {} : { stack: document.stack };
  return { file: document.file, ...stack, address: id, suppressions: NO_SUPPRESSIONS, tenant: at };
}

/**
 * The principal of an object ID: the code's own when the document states that ID, else one known
 * by the ID, named as the export names it.
 */
function principalOf(document: DocumentContext, objectId: string, principalType: string | undefined, name: string | undefined,
  kind: PrincipalKind | undefined): GraphPrincipal {
  const declared = document.principalOf({ principal_id: objectId }, principalType);
  if (declared.key !== objectId.toLowerCase()) return declared;
  return {
    key: objectId.toLowerCase(),
    written: objectId,
    name: name ?? objectId,
    kind: kind ?? declared.kind,
    stableKey: objectId.toLowerCase(),
  };
}

/** The resource an identity belongs to: the block the code declares for it, else one known by its ARM ID. */
function resourceOf(document: DocumentContext, armId: string, kind: 'user-assigned' | 'system-assigned', at: TenantPlace): GraphResource {
  const placed = document.placement.locate(armId);
  const block = placed.address === undefined ? undefined : document.placement.index.get(placed.address);
  if (block !== undefined) return document.resources.of(block);
  let armType: string | undefined;
  try {
    const id = parseArmId(armId);
    const section = id.providers?.[id.providers.length - 1];
    armType = section && [section.namespace, ...section.path.map((p) => p.type)].join('/');
  } catch {
    armType = undefined;
  }
  const type = kind === 'user-assigned' ? 'azurerm_user_assigned_identity' : (armType && terraformTypeOfArm(armType)) ?? armType ?? 'unknown';
  const address = tenantAddress(armId);
  return {
    address,
    origin: { file: document.file, address, suppressions: [], tenant: at },
    type,
    name: placed.name ?? armId,
    ...(placed.level === ScopeLevel.RESOURCE && placed.group !== undefined ? { group: placed.group } : {}),
  };
}

/** The address of a resource known only by its ARM ID, the same however the exports write its case. */
function tenantAddress(armId: string): string {
  return `tenant:${armId.replace(/\/+$/, '').toLowerCase()}`;
}

/** What a principal reference reads of each kind of identity the code declares. */
const IDENTITY_ATTRIBUTE = { 'user-assigned': 'principal_id', 'system-assigned': 'identity.0.principal_id' } as const;

/**
 * The principal of an identity whose resource the code declares: a user-assigned identity block,
 * or the resource a system-assigned one belongs to when that block turns it on. Undefined when the
 * code does not declare it.
 */
function declaredIdentityOf(document: DocumentContext, armId: string, kind: 'user-assigned' | 'system-assigned'): GraphPrincipal | undefined {
  const address = document.placement.locate(armId).address;
  const block = address === undefined ? undefined : document.placement.index.get(address);
  if (block === undefined || block.isData) return undefined;
  if (kind === 'user-assigned' && block.type !== 'azurerm_user_assigned_identity') return undefined;
  if (kind === 'system-assigned' && !/systemassigned/i.test(JSON.stringify(block.body.identity ?? ''))) return undefined;
  return document.principalOf({ principal_id: `\${${block.address}.${IDENTITY_ATTRIBUTE[kind]}}` }, 'ServicePrincipal');
}
