import { activationOf, eligibleSuffix } from './activation';
import { IN_TENANT } from './chain-steps';
import { capabilitiesOfGraphPermission, capabilitiesOfRole, capabilityEdgeKinds, resettableHolder, EntraCapability, GLOBAL_ADMINISTRATOR_TEMPLATE_ID, HeldCapability } from './entra-capability';
import { ChainReach, StepBasis } from './escalation-chain';
import { ScopeLevel } from '../../model/scope-level';
import { PrivilegeTier } from '../../roles/privilege-tier';
import { AccessGraph } from '../graph/access-graph';
import { describeDirectoryScope } from '../graph/describe-directory-scope';
import { expiryEnd } from '../graph/expiry-end';
import { mayBeMicrosoftGraph } from '../graph/graph-api';
import { GraphDirectoryObject, GraphEntraRole, GraphPrincipal, GraphScope, Origin } from '../graph/graph-types';
import { documentKeyOf } from '../graph/origin';
import { parseReference } from '../reference';

/** A principal an Entra holding lets its holder act as, and the step that says how. */
export interface EntraEdge {
  readonly target: GraphPrincipal;
  /** What the step says; undefined when holding the relation is all it takes (a member holds its group's roles: no step of its own). */
  readonly description?: string;
  readonly edgeKind: string;
  readonly action?: string;
}

/** What an Entra holding reaches without acting as anyone: a role, a permission, Azure's root. */
export interface EntraLeaf {
  readonly reaches: ChainReach;
  /** The step that opens it; undefined for the holding itself. */
  readonly opens?: { readonly description: string; readonly edgeKind: string; readonly action: string };
  /** What is reached, to tell whether the chain's first principal holds it already. */
  readonly key: string;
}

/** A directory role, a Graph permission, an ownership or a membership one principal holds. */
export interface EntraHolding {
  readonly basis: StepBasis;
  /** `holds the Entra role "…" at the whole tenant (/)`, without the holder's name. */
  readonly holds: string;
  readonly edgeKind: string;
  /** What the holding is, to tell whether another principal's chain reaches something its start holds. */
  readonly key?: string;
  /** It lets its holder give itself Entra roles or permissions. */
  readonly canGrantAccess: boolean;
  /** Held only after activation through PIM (the holds step says so). */
  readonly eligible?: boolean;
  readonly edges: EntraEdge[];
  readonly leaves: EntraLeaf[];
}

const TENANT = 'the whole tenant (/)';
const AZURE_ROOT = '/';
const UAA = 'User Access Administrator';
const GRAPH = 'Microsoft Graph';
/** BloodHound's edge per Graph permission it names; others are an app role assignment. */
const GRAPH_PERMISSION_EDGES = new Set([
  'AppRoleAssignment.ReadWrite.All', 'Application.ReadWrite.All', 'Directory.ReadWrite.All', 'GroupMember.ReadWrite.All',
  'Group.ReadWrite.All', 'RoleManagement.ReadWrite.Directory', 'ServicePrincipalEndpoint.ReadWrite.All',
]);

/** BloodHound's edge kind of a Microsoft Graph application permission (`AZMGGroup_ReadWrite_All`); undefined for one it names no edge for. */
export function graphPermissionEdgeKind(permission: string): string | undefined {
  return GRAPH_PERMISSION_EDGES.has(permission) ? `AZMG${permission.replace(/\./g, '_')}` : undefined;
}

/** Which declared objects a holding's capabilities reach: all of them, those in some units, or some objects. */
interface Within {
  readonly all: boolean;
  readonly units?: ReadonlySet<string>;
  readonly objects?: ReadonlySet<string>;
}

const EVERYTHING: Within = { all: true };
const NOTHING: Within = { all: false };

/** The address a reference inside a directory scope names: `/administrativeUnits/${azuread_administrative_unit.hr.object_id}`. */
function referencedAddress(value: string): string | undefined {
  const inner = /\$\{[^}]+\}/.exec(value);
  return inner ? parseReference(inner[0])?.address : undefined;
}

/** The objects a directory scope holds: the tenant and what cannot be read are everything. */
function withinScope(scope: GraphScope, document: string): Within {
  if (scope.level === ScopeLevel.ROOT || scope.level === ScopeLevel.UNKNOWN) return EVERYTHING;
  const address = referencedAddress(scope.value);
  // A literal object or unit ID names something this configuration cannot see.
  if (address === undefined) return NOTHING;
  const key = `${document}\u0000${address}`;
  return scope.level === ScopeLevel.RESOURCE_GROUP ? { all: false, units: new Set([key]) } : { all: false, objects: new Set([key]) };
}

interface PlacedObject {
  readonly object: GraphDirectoryObject;
  readonly principal: GraphPrincipal;
}

/** The declared Entra objects, indexed for the reach: who can be signed in as, joined, reset. */
class DirectoryTargets {
  /** Every declared object that is (or has) a principal, in document order. */
  private readonly all: PlacedObject[] = [];
  /** By document and address, and by document and administrative unit: a scoped role looks only there. */
  private readonly byKey = new Map<string, PlacedObject>();
  private readonly byUnit = new Map<string, PlacedObject[]>();
  private readonly names = new Map<string, GraphDirectoryObject>();
  private readonly privileged = new Set<string>();

  constructor(graph: AccessGraph) {
    // The tenant's owned objects beside the code's: each is known by its object ID.
    for (const object of [...graph.directoryObjects, ...graph.tenantDirectoryObjects]) {
      const document = documentKeyOf(object.origin);
      const key = `${document}\u0000${object.origin.address}`;
      this.names.set(key, object);
      if (object.principal === undefined) continue;
      const placed = { object, principal: object.principal };
      this.all.push(placed);
      this.byKey.set(key, placed);
      for (const unit of object.administrativeUnits) {
        const unitKey = `${document}\u0000${unit}`;
        const list = this.byUnit.get(unitKey);
        if (list) list.push(placed);
        else this.byUnit.set(unitKey, [placed]);
      }
    }
    // Users a Helpdesk, Password or Authentication Administrator may not reset: who holds a directory
    // role (standing or eligible) beyond the few Microsoft allows, and members of role-assignable groups.
    for (const d of [...graph.directoryRoles, ...graph.tenantDirectoryRoles]) if (!resettableHolder(d.role)) this.privileged.add(d.principal.key);
    for (const e of [...graph.eligibilities, ...graph.tenantEligibilities]) {
      if (e.kind === 'entra-directory-role' && (e.entraRole === undefined || !resettableHolder(e.entraRole))) this.privileged.add(e.principal.key);
    }
    for (const m of [...graph.groupMemberships, ...graph.tenantGroupMemberships]) if (m.roleAssignable) this.privileged.add(m.member.key);
  }

  /** The declared object at a document's address, principal or not (an application without a service principal). */
  public objectAt(key: string): GraphDirectoryObject | undefined {
    return this.names.get(key);
  }

  public within(where: Within, test: (o: GraphDirectoryObject) => boolean): PlacedObject[] {
    const candidates = where.all ? this.all : [
      ...[...where.objects ?? []].map((k) => this.byKey.get(k)).filter((o): o is PlacedObject => o !== undefined),
      ...[...where.units ?? []].flatMap((u) => this.byUnit.get(u) ?? []),
    ];
    const found: PlacedObject[] = [];
    const seen = new Set<string>();
    for (const placed of candidates) {
      // An application and its service principal are one principal: reached once.
      if (seen.has(placed.principal.key) || !test(placed.object)) continue;
      seen.add(placed.principal.key);
      found.push(placed);
    }
    return found;
  }

  public isPrivileged(principal: GraphPrincipal): boolean {
    return this.privileged.has(principal.key);
  }
}

function kindName(object: GraphDirectoryObject): string {
  return object.kind === 'service-principal' ? 'service principal' : object.kind;
}

function signsInAs(object: GraphDirectoryObject): string {
  return object.kind === 'application' ? 'signs in as its service principal' : 'signs in as it';
}

function via(capability: HeldCapability, action = capability.action): string {
  return `${action}, BloodHound ${capability.edgeKind}`;
}

/** The principals one capability reaches within a scope, as edges. */
function edgesOf(capability: HeldCapability, where: Within, targets: DirectoryTargets): EntraEdge[] {
  const edge = (principal: GraphPrincipal, description: string, action = capability.action): EntraEdge => ({
    target: principal, description: `${description} (${via(capability, action)})`, edgeKind: capability.edgeKind, action,
  });
  // A step on a service principal names the role's action over service principals, when it has one.
  const on = (object: GraphDirectoryObject) => (object.kind === 'service-principal' ? capability.servicePrincipalAction ?? capability.action : capability.action);
  switch (capability.capability) {
    case EntraCapability.ADD_CREDENTIALS:
      return targets.within(where, (o) => o.kind === 'application' || o.kind === 'service-principal')
        .map(({ object, principal }) => edge(principal, `adds a secret to the ${kindName(object)} "${object.name}" and ${signsInAs(object)}`, on(object)));
    case EntraCapability.ADD_OWNERS:
      return targets.within(where, (o) => o.kind === 'application' || o.kind === 'service-principal')
        .map(({ object, principal }) => edge(principal, `makes itself an owner of the ${kindName(object)} "${object.name}", adds a secret and ${signsInAs(object)}`,
          on(object)));
    case EntraCapability.ADD_MEMBERS:
    case EntraCapability.ADD_MEMBERS_ROLE_ASSIGNABLE: {
      const anyGroup = capability.capability === EntraCapability.ADD_MEMBERS_ROLE_ASSIGNABLE;
      return targets.within(where, (o) => o.kind === 'group' && (anyGroup || o.roleAssignable !== true))
        .map(({ object, principal }) => edge(principal, `adds itself to the group "${object.name}"`));
    }
    case EntraCapability.RESET_PASSWORDS:
    case EntraCapability.RESET_ANY_PASSWORD: {
      const any = capability.capability === EntraCapability.RESET_ANY_PASSWORD;
      return targets.within(where, (o) => o.kind === 'user' && (any || (o.principal !== undefined && !targets.isPrivileged(o.principal))))
        .map(({ object, principal }) => edge(principal, `resets the password of "${object.name}" and signs in as that user`));
    }
    default:
      return [];
  }
}

/**
 * Every BloodHound edge kind an Entra step of reach can name: of capabilities, of holdings
 * (`AZHasRole`, `AZOwns`, `AZMemberOf`, `AZRoleEligible`), and of the Graph permissions BloodHound
 * names. The coverage table must call each of these modelled (a test checks).
 */
export function followedEntraEdgeKinds(): string[] {
  const held = ['AZHasRole', 'AZOwns', 'AZMemberOf', 'AZRoleEligible'];
  const permissions = [...GRAPH_PERMISSION_EDGES].map((name) => graphPermissionEdgeKind(name)!);
  return [...new Set([...capabilityEdgeKinds(), ...held, ...permissions])].sort();
}

const GLOBAL_ADMIN_KEY = `entra-role:${GLOBAL_ADMINISTRATOR_TEMPLATE_ID}@/`;

/** Whether holdings include an Entra directory role, held standing at the whole tenant. */
export function holdsTenantWideRole(holdings: readonly EntraHolding[], templateId: string): boolean {
  return holdings.some((h) => !h.eligible && h.key === `entra-role:${templateId}@/`);
}
const ANY_GRAPH_PERMISSION_KEY = 'app-permission:microsoft-graph:*';

function uaaAtRoot(): ChainReach {
  return { role: UAA, scope: AZURE_ROOT, scopeLevel: ScopeLevel.ROOT, canGrantAccess: true, tier: PrivilegeTier.CONTROL_PLANE };
}

/** What a tenant-wide capability reaches by itself: Global Administrator, every Graph permission, Azure's root. */
function leavesOf(capability: HeldCapability): EntraLeaf[] {
  const opens = (description: string) => ({ description: `${description} (${via(capability)})`, edgeKind: capability.edgeKind, action: capability.action });
  const globalAdmin: ChainReach = { role: 'Global Administrator', scope: TENANT, scopeLevel: ScopeLevel.ROOT, canGrantAccess: true, tier: PrivilegeTier.CONTROL_PLANE };
  switch (capability.capability) {
    case EntraCapability.ASSIGN_DIRECTORY_ROLES:
      return [
        { reaches: globalAdmin, opens: opens(`can assign itself the Entra role "Global Administrator" at ${TENANT}`), key: GLOBAL_ADMIN_KEY },
        // Across the halves: a Global Administrator can elevate to the Azure root.
        { reaches: uaaAtRoot(), opens: opens(`can assign itself Global Administrator, then elevate to "${UAA}" at ${AZURE_ROOT}`), key: 'azure:uaa@/' },
      ];
    case EntraCapability.GRANT_APP_ROLES:
      return [{
        reaches: { role: 'any Microsoft Graph application permission', scope: GRAPH, scopeLevel: ScopeLevel.ROOT, canGrantAccess: true, tier: PrivilegeTier.CONTROL_PLANE },
        opens: opens('can grant itself any Microsoft Graph application permission (RoleManagement.ReadWrite.Directory included)'),
        key: ANY_GRAPH_PERMISSION_KEY,
      }];
    case EntraCapability.ELEVATE_ACCESS:
      return [{ reaches: uaaAtRoot(), opens: opens(`can elevate itself to "${UAA}" at ${AZURE_ROOT}`), key: 'azure:uaa@/' }];
    default:
      return [];
  }
}

/** Capabilities whose effect is tenant-wide: held at an administrative unit or on one object, they give nothing beyond it. */
const TENANT_WIDE = new Set([EntraCapability.ASSIGN_DIRECTORY_ROLES, EntraCapability.GRANT_APP_ROLES, EntraCapability.ELEVATE_ACCESS]);

function follow(capabilities: readonly HeldCapability[], where: Within, targets: DirectoryTargets): { edges: EntraEdge[]; leaves: EntraLeaf[] } {
  const edges: EntraEdge[] = [];
  // By what they reach: a Global Administrator elevates directly, not by assigning itself the role it holds.
  const leaves = new Map<string, EntraLeaf>();
  const reached = new Set<string>();
  for (const capability of capabilities) {
    // The first capability to reach a principal names the step.
    for (const edge of edgesOf(capability, where, targets)) {
      if (reached.has(edge.target.key)) continue;
      reached.add(edge.target.key);
      edges.push(edge);
    }
    if (!where.all || !TENANT_WIDE.has(capability.capability)) continue;
    for (const leaf of leavesOf(capability)) {
      if (!leaves.has(leaf.key) || capability.capability === EntraCapability.ELEVATE_ACCESS) leaves.set(leaf.key, leaf);
    }
  }
  return { edges, leaves: [...leaves.values()] };
}

function canGrant(capabilities: readonly HeldCapability[]): boolean {
  return capabilities.some((c) => c.capability === EntraCapability.ASSIGN_DIRECTORY_ROLES || c.capability === EntraCapability.GRANT_APP_ROLES);
}

/**
 * The Entra holdings of every principal, with where each leads: directory roles (standing) and
 * what their actions allow at their directory scope, Microsoft Graph application permissions,
 * ownerships (an owner adds a secret, or members), and memberships (a member holds its group's
 * roles). Other APIs' app roles are held but lead nowhere the review can follow.
 */
export function entraHoldingsOf(graph: AccessGraph): Map<string, EntraHolding[]> {
  const byPrincipal = new Map<string, EntraHolding[]>();
  const add = (principal: GraphPrincipal, holding: EntraHolding) => {
    const list = byPrincipal.get(principal.key);
    if (list) list.push(holding);
    else byPrincipal.set(principal.key, [holding]);
  };
  // The tenant's eligibilities beside the code's: held after activation, each step saying where it is.
  const eligibilities = graph.tenantEligibilities.length === 0 ? graph.eligibilities : [...graph.eligibilities, ...graph.tenantEligibilities];
  const entraEligibilities = eligibilities.filter((e) => e.kind !== 'azure-rbac').length;
  const held = graph.directoryRoles.length + graph.tenantDirectoryRoles.length + graph.appPermissions.length + graph.tenantAppPermissions.length
    + graph.ownerships.length + graph.tenantOwnerships.length + graph.groupMemberships.length + graph.tenantGroupMemberships.length
    + graph.groupAssignments.length + graph.tenantGroupAssignments.length;
  if (held + entraEligibilities === 0) {
    return byPrincipal;
  }
  const targets = new DirectoryTargets(graph);
  // Every holder of one role at one scope (or of one permission) reaches the same principals: the
  // edges are made once and shared, not once per holder (a thousand Helpdesk Administrators).
  const followedBy = new Map<string, { edges: EntraEdge[]; leaves: EntraLeaf[] }>();
  const followOnce = (key: string, make: () => { edges: EntraEdge[]; leaves: EntraLeaf[] }) => {
    let found = followedBy.get(key);
    if (found === undefined) {
      found = make();
      followedBy.set(key, found);
    }
    return found;
  };

  const roleHolding = (d: { origin: Origin; principal: GraphPrincipal; role: GraphEntraRole; scope: GraphScope }, activation?: string) => {
    const capabilities = capabilitiesOfRole(d.role);
    const where = withinScope(d.scope, documentKeyOf(d.origin));
    const scope = describeDirectoryScope(d.scope);
    const key = `entra-role:${d.role.templateId ?? d.role.name}@${d.scope.stableKey ?? d.scope.value}`;
    // A scope's objects are read within its document: the edges are shared within one.
    const followed = followOnce(`${documentKeyOf(d.origin)}\u0000${key}`, () => follow(capabilities, where, targets));
    const { edges } = followed;
    // Global Administrator does not reach itself by assigning itself the role it holds.
    const leaves = followed.leaves.filter((l) => l.key !== key);
    const reaches: ChainReach = { role: d.role.name, scope, scopeLevel: d.scope.level, canGrantAccess: canGrant(capabilities), tier: d.role.tier };
    add(d.principal, {
      basis: {
        origin: d.origin,
        principal: d.principal,
        role: { name: d.role.name, canGrantAccess: reaches.canGrantAccess },
        scope: { ...d.scope, name: scope },
      },
      holds: (activation === undefined ? `holds the Entra role "${d.role.name}" at ${scope} (BloodHound AZHasRole)`
        : `is eligible for the Entra role "${d.role.name}" at ${scope} ${eligibleSuffix(activation)}`) + (d.origin.tenant === undefined ? '' : IN_TENANT),
      edgeKind: activation === undefined ? 'AZHasRole' : 'AZRoleEligible',
      key,
      canGrantAccess: reaches.canGrantAccess,
      ...(activation === undefined ? {} : { eligible: true }),
      edges,
      leaves: [{ reaches, key }, ...leaves],
    });
  };
  for (const d of graph.directoryRoles) roleHolding(d);
  // The tenant's own (given its directory role export): held as the code's are, each step saying where it is.
  for (const d of graph.tenantDirectoryRoles) roleHolding(d);
  for (const e of eligibilities) {
    // azuread 3.x has no directory-role policy resource: what activation needs is not in the configuration.
    if (e.kind === 'entra-directory-role' && e.entraRole !== undefined && e.scope !== undefined) {
      roleHolding({ origin: e.origin, principal: e.principal, role: e.entraRole, scope: e.scope }, activationOf(e, graph));
    }
    if (e.kind === 'pim-group' && e.group !== undefined) {
      const role = e.assignmentType === 'owner' ? 'owner' : 'member';
      add(e.principal, {
        basis: {
          origin: e.origin,
          principal: e.principal,
          role: { name: `eligible ${role} of ${e.group.name}`, canGrantAccess: false },
          scope: { value: e.group.key, name: e.group.name, level: ScopeLevel.RESOURCE },
        },
        holds: `is eligible to be ${role} of the group "${e.group.name}" ${eligibleSuffix(activationOf(e, graph))}${e.origin.tenant === undefined ? '' : IN_TENANT}`,
        edgeKind: 'AZRoleEligible',
        canGrantAccess: false,
        eligible: true,
        // An eligible owner activates, then adds itself as a member: either way it holds the group's roles.
        edges: [{ target: e.group, edgeKind: 'AZRoleEligible' }],
        leaves: [],
      });
    }
  }

  // The tenant's own (given Graph's appRoleAssignedTo export) beside the code's, each step saying where it is.
  for (const p of [...graph.appPermissions, ...graph.tenantAppPermissions]) {
    // Another API's roles lead nowhere this review follows; a Graph permission that cannot be named counts as every one.
    const capabilities = !mayBeMicrosoftGraph(p.api) ? [] : capabilitiesOfGraphPermission(p.permission?.name);
    const key = `app-permission:${p.api.kind}:${p.name}`;
    const { edges, leaves } = followOnce(key, () => follow(capabilities, EVERYTHING, targets));
    const api = p.api.kind === 'microsoft-graph' ? GRAPH : p.api.name;
    const edgeKind = graphPermissionEdgeKind(p.name) ?? 'AZMGAppRoleAssignment';
    const reaches: ChainReach = { role: `${api} application permission "${p.name}"`, scope: api, scopeLevel: ScopeLevel.ROOT, canGrantAccess: canGrant(capabilities), tier: p.tier };
    add(p.principal, {
      basis: {
        origin: p.origin,
        principal: p.principal,
        role: { name: p.name, canGrantAccess: reaches.canGrantAccess },
        scope: { value: p.api.written, name: api, level: ScopeLevel.ROOT },
      },
      holds: `holds the ${api} application permission "${p.name}" (BloodHound ${edgeKind})${p.origin.tenant === undefined ? '' : IN_TENANT}`,
      edgeKind,
      key,
      canGrantAccess: reaches.canGrantAccess,
      edges,
      leaves: [{ reaches, key }, ...leaves],
    });
  }

  // The tenant's own (given its owners export) beside the code's, each step saying where it is.
  for (const o of [...graph.ownerships, ...graph.tenantOwnerships]) {
    const document = documentKeyOf(o.origin);
    // An owned object that cannot be read may be any of its kind.
    const where: Within = o.owned === undefined ? EVERYTHING : { all: false, objects: new Set([`${document}\u0000${o.owned}`]) };
    const owned = o.owned === undefined ? undefined : targets.objectAt(`${document}\u0000${o.owned}`);
    const name = owned?.name ?? (o.owned ?? `any ${o.ownedKind} (the owned object cannot be read)`);
    const capability: HeldCapability = o.ownedKind === 'group'
      ? { capability: EntraCapability.ADD_MEMBERS_ROLE_ASSIGNABLE, edgeKind: 'AZOwns', action: 'owner' }
      : { capability: EntraCapability.ADD_CREDENTIALS, edgeKind: 'AZOwns', action: 'owner' };
    const { edges } = follow([capability], where, targets);
    add(o.owner, {
      basis: { origin: o.origin, principal: o.owner, role: { name: `owner of ${o.ownedKind} ${name}`, canGrantAccess: false }, scope: { value: o.owned ?? '', name, level: ScopeLevel.RESOURCE } },
      holds: `owns the ${o.ownedKind.replace('-', ' ')} "${name}" (BloodHound AZOwns)${o.origin.tenant === undefined ? '' : IN_TENANT}`,
      edgeKind: 'AZOwns',
      canGrantAccess: false,
      edges,
      leaves: [],
    });
  }

  // The tenant's own (given its PIM for Groups schedules) beside the code's, each step saying where it is.
  for (const a of [...graph.groupAssignments, ...graph.tenantGroupAssignments]) {
    const until = expiryEnd(a.expiry) ?? (a.expiry.permanent ? 'no end' : 'an end the export does not say');
    // A member holds the group's roles as itself; an owner is not a member yet, and adds itself: a step of its own.
    const owner = a.assignmentType.toLowerCase() === 'owner';
    const edgeKind = owner ? 'AZOwns' : 'AZMemberOf';
    add(a.principal, {
      basis: {
        origin: a.origin,
        principal: a.principal,
        role: { name: `active ${a.assignmentType} of ${a.group.name}`, canGrantAccess: false },
        scope: { value: a.group.key, name: a.group.name, level: ScopeLevel.RESOURCE },
      },
      holds: `is an active ${a.assignmentType} of the group "${a.group.name}" (PIM for Groups, until ${until}; BloodHound ${edgeKind})`
        + (a.origin.tenant === undefined ? '' : IN_TENANT),
      edgeKind,
      canGrantAccess: false,
      edges: [owner
        ? { target: a.group, description: `adds itself to the group "${a.group.name}" (owner, BloodHound AZOwns)`, edgeKind, action: 'owner' }
        : { target: a.group, edgeKind }],
      leaves: [],
    });
  }
  // The tenant's own (given its groups' members) beside the code's, each step saying where it is.
  for (const m of [...graph.groupMemberships, ...graph.tenantGroupMemberships]) {
    add(m.member, {
      basis: { origin: m.origin, principal: m.member, role: { name: `member of ${m.group.name}`, canGrantAccess: false }, scope: { value: m.group.key, name: m.group.name, level: ScopeLevel.RESOURCE } },
      holds: `is a member of the group "${m.group.name}" (BloodHound AZMemberOf)${m.origin.tenant === undefined ? '' : IN_TENANT}`,
      edgeKind: 'AZMemberOf',
      canGrantAccess: false,
      // Being a member is holding the group's roles: no step beyond the membership itself.
      edges: [{ target: m.group, edgeKind: 'AZMemberOf' }],
      leaves: [],
    });
  }
  return byPrincipal;
}
