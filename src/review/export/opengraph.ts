import { AZURE_ROLE_ELIGIBLE_EDGE, azureRoleEdgeKind } from './azure-role-edge-kinds';
import { uploadableEdgeKind } from './bloodhound-post-processed';
import { directoryObjectKinds, entraRoleKinds, principalKinds, resourceKind, scopeKinds } from './opengraph-node-kinds';
import { projectKind } from './project-kind';
import { isGuid } from '../../model/guid';
import { ScopeLevel } from '../../model/scope-level';
import { graphPermissionEdgeKind } from '../escalation/entra-holdings';
import { AccessGraph } from '../graph/access-graph';
import { expiryEnd } from '../graph/expiry-end';
import {
  GraphApi, GraphDirectoryObject, GraphEntraRole, GraphExpiry, GraphPlacement, GraphPrincipal, GraphResource, GraphScope, Origin,
} from '../graph/graph-types';
import { documentKeyOf } from '../graph/origin';

/** A value OpenGraph accepts as a property: never an object, never null. */
export type OpenGraphValue = string | number | boolean | string[];

export interface OpenGraphNode {
  readonly id: string;
  /** One to three; the first is the one BloodHound draws the node by. */
  readonly kinds: string[];
  readonly properties: Record<string, OpenGraphValue>;
}

/** An edge's end, matched by the node's ID. */
export interface OpenGraphEndpoint {
  readonly match_by: 'id';
  readonly value: string;
}

export interface OpenGraphEdge {
  readonly start: OpenGraphEndpoint;
  readonly end: OpenGraphEndpoint;
  readonly kind: string;
  readonly properties: Record<string, OpenGraphValue>;
}

/** A BloodHound OpenGraph file: what BloodHound's file upload takes. */
export interface OpenGraphDocument {
  /** Every node is an Azure entity: BloodHound gives each the source kind AZBase. */
  readonly metadata: { readonly source_kind: 'AZBase' };
  readonly graph: { readonly nodes: OpenGraphNode[]; readonly edges: OpenGraphEdge[] };
}

/** Where an edge is: declared in the code, held by the tenant, or both (the code's, found in the tenant). */
export type EdgeSide = 'code' | 'tenant' | 'both';

/** A declared grant or eligibility the tenant holds too (as `audit` matches them). */
export interface HeldInTenant {
  readonly file: string;
  readonly address: string;
  /** The live assignment's ARM ID. */
  readonly liveId: string;
}

/** What to export. */
export interface OpenGraphInput {
  /**
   * The graphs whose edges are exported, nodes shared by ID: the code's graph (with the tenant's
   * assignments overlaid when the review was given exports), and for `audit` the tenant's own too.
   */
  readonly graphs: readonly AccessGraph[];
  /**
   * The code's edges the tenant holds too: each is exported once, as the code's, marked `both`;
   * a tenant graph's edge for the same live assignment is left out.
   */
  readonly heldInTenant?: readonly HeldInTenant[];
}

/**
 * The access graph as BloodHound OpenGraph: principals, scopes, resources, Entra roles and
 * objects as nodes; grants, eligibilities, directory roles, application permissions, ownership,
 * membership and managed identities as edges. A node of an object with an object ID or an ARM ID
 * has that ID in upper case, as AzureHound writes it, so it merges with a collection already in
 * BloodHound; any other has an ID made from its document and Terraform address. Every edge says
 * whether it is in the code, in the tenant or both, and where (the Terraform address and file,
 * the export and the item's JSON pointer). Sorted: the same graph gives the same file.
 */
export function openGraphOf(input: OpenGraphInput): OpenGraphDocument {
  const builder = new OpenGraphBuilder(input.heldInTenant ?? []);
  for (const graph of input.graphs) builder.add(graph);
  return builder.document();
}

/** The document key and address of a code edge, as `HeldInTenant` names it. */
function declaredKey(file: string, address: string): string {
  return `${file}\u0000${address}`;
}

class OpenGraphBuilder {
  private readonly nodes = new Map<string, OpenGraphNode>();
  private readonly edges: { readonly sortKey: string; readonly edge: OpenGraphEdge }[] = [];
  private readonly heldByCode = new Map<string, string>();
  private readonly liveHeldByCode = new Set<string>();

  constructor(held: readonly HeldInTenant[]) {
    for (const h of held) {
      this.heldByCode.set(declaredKey(h.file, h.address), h.liveId);
      this.liveHeldByCode.add(h.liveId.toLowerCase());
    }
  }

  public add(graph: AccessGraph): void {
    for (const grant of [...graph.grants, ...graph.tenantGrants]) {
      // The tenant's side of an edge the code declares: the code's edge says `both` already.
      if (grant.origin.tenant !== undefined && this.liveHeldByCode.has(grant.origin.address.toLowerCase())) continue;
      this.edge(this.principal(grant.principal, grant.origin), this.scope(grant.scope, grant.scopePlacement, grant.origin),
        azureRoleEdgeKind(grant.role), grant.origin, {
          role: grant.role.name,
          ...optional('role_id', grant.role.guid),
          role_known: grant.role.known,
          scope: grant.scope.value,
          scope_level: grant.scope.level,
          via: grant.via,
          ...optional('condition', grant.condition),
          ...optional('expiry', grant.expiry),
        });
    }
    for (const e of [...graph.eligibilities, ...graph.tenantEligibilities]) {
      // The tenant's side of an eligibility the code declares: the code's edge says `both` already.
      if (e.origin.tenant !== undefined && this.liveHeldByCode.has(e.origin.address.toLowerCase())) continue;
      const principal = this.principal(e.principal, e.origin);
      const expiry = expiryText(e.expiry);
      if (e.kind === 'azure-rbac') {
        // The reader gives every Azure eligibility its role and scope; one without counts as unknown, never as absent.
        const scope = e.scope ?? { value: 'unknown', level: ScopeLevel.UNKNOWN };
        this.edge(principal, this.scope(scope, e.scopePlacement, e.origin), AZURE_ROLE_ELIGIBLE_EDGE, e.origin, {
          role: e.role?.name ?? 'unknown',
          ...optional('role_id', e.role?.guid),
          role_known: e.role?.known ?? false,
          scope: scope.value,
          scope_level: scope.level,
          expiry,
        });
      } else if (e.kind === 'entra-directory-role') {
        const role = this.entraRole(e.entraRole, e.directoryRole ?? 'unknown');
        this.edge(principal, role, 'AZRoleEligible', e.origin, { role: e.entraRole?.name ?? e.directoryRole ?? 'unknown', expiry });
      } else {
        const group = e.group === undefined ? this.directoryObject(undefined, e.groupId, 'group', e.origin) : this.principal(e.group, e.origin);
        this.edge(principal, group, projectKind('GroupEligible'), e.origin, {
          ...optional('assignment_type', e.assignmentType), expiry,
        });
      }
    }
    // The tenant's own (given its exports) beside the code's: their origin says which is which.
    for (const d of [...graph.directoryRoles, ...graph.tenantDirectoryRoles]) {
      this.edge(this.principal(d.principal, d.origin), this.entraRole(d.role, d.role.name), 'AZHasRole', d.origin, {
        role: d.role.name, directory_scope: d.scope.value, via: d.via,
      });
    }
    for (const p of [...graph.appPermissions, ...graph.tenantAppPermissions]) {
      const kind = (p.api.kind === 'microsoft-graph' ? graphPermissionEdgeKind(p.name) : undefined) ?? projectKind('AppRoleAssignment');
      this.edge(this.principal(p.principal, p.origin), this.api(p.api, p.origin), kind, p.origin, {
        permission: p.name, api: p.api.name, ...optional('app_role_id', p.appRoleId), tier: p.tier,
      });
    }
    const objects = new Map<string, GraphDirectoryObject>();
    for (const o of [...graph.directoryObjects, ...graph.tenantDirectoryObjects]) {
      objects.set(declaredKey(documentKeyOf(o.origin), o.origin.address), o);
    }
    for (const o of [...graph.ownerships, ...graph.tenantOwnerships]) {
      const owned = o.owned === undefined ? undefined : objects.get(declaredKey(documentKeyOf(o.origin), o.owned));
      this.edge(this.principal(o.owner, o.origin), this.directoryObject(owned, o.owned, o.ownedKind, o.origin), 'AZOwns', o.origin, {
        owned_kind: o.ownedKind,
      });
    }
    for (const m of [...graph.groupMemberships, ...graph.tenantGroupMemberships]) {
      this.edge(this.principal(m.member, m.origin), this.principal(m.group, m.origin), 'AZMemberOf', m.origin, { role_assignable: m.roleAssignable });
    }
    for (const a of [...graph.groupAssignments, ...graph.tenantGroupAssignments]) {
      // An active PIM for Groups assignment: membership or ownership held now, until it ends.
      const kind = a.assignmentType.toLowerCase() === 'owner' ? 'AZOwns' : 'AZMemberOf';
      this.edge(this.principal(a.principal, a.origin), this.principal(a.group, a.origin), kind, a.origin, {
        assignment_type: a.assignmentType, expiry: expiryText(a.expiry), via: 'pim-group-assignment',
      });
    }
    for (const identity of [...graph.identities, ...graph.tenantIdentities]) {
      const principal = this.principal(identity.principal, identity.origin);
      for (const resource of identity.attachedTo) {
        this.edge(this.resource(resource, identity.origin), principal, 'AZManagedIdentity', identity.origin, {
          identity_kind: identity.kind, identity: identity.name,
        });
      }
    }
  }

  public document(): OpenGraphDocument {
    const nodes = [...this.nodes.values()].sort((a, b) => compare(a.id, b.id));
    const edges = this.edges.sort((a, b) => compare(a.sortKey, b.sortKey)).map((e) => e.edge);
    return { metadata: { source_kind: 'AZBase' }, graph: { nodes, edges } };
  }

  private edge(start: string, end: string, kind: string, origin: Origin, properties: Record<string, OpenGraphValue>): void {
    const uploaded = uploadableEdgeKind(kind);
    const placed = { ...this.sideOf(origin), ...properties };
    const where = origin.tenant === undefined ? `${documentKeyOf(origin)}\u0000${origin.address}` : origin.address;
    this.edges.push({
      sortKey: `${start}\u0000${end}\u0000${uploaded}\u0000${where}`,
      edge: { start: { match_by: 'id', value: start }, end: { match_by: 'id', value: end }, kind: uploaded, properties: placed },
    });
  }

  /** Whether an edge is the code's, the tenant's or both, and where each side has it. */
  private sideOf(origin: Origin): Record<string, OpenGraphValue> {
    if (origin.tenant !== undefined) {
      return { origin: 'tenant' satisfies EdgeSide, tenant_file: origin.tenant.file, tenant_place: origin.tenant.place, live_id: origin.address };
    }
    const liveId = this.heldByCode.get(declaredKey(origin.file, origin.address));
    return {
      origin: (liveId === undefined ? 'code' : 'both') satisfies EdgeSide,
      terraform_file: origin.file,
      terraform_address: origin.address,
      ...optional('terraform_stack', origin.stack),
      ...optional('construct_path', origin.constructPath),
      ...optional('declared_at', origin.declaredAt === undefined ? undefined
        : `${origin.declaredAt.file}${origin.declaredAt.line === undefined ? '' : `:${origin.declaredAt.line}`}`),
      ...optional('repeated', origin.repeated),
      ...optional('live_id', liveId),
    };
  }

  private principal(p: GraphPrincipal, origin: Origin): string {
    const guid = isGuid(p.key);
    // By the reference, not the address that defines it: a system-assigned identity's address is its resource's.
    const id = guid ? p.key.toUpperCase() : terraformId(origin, p.key);
    return this.node(id, principalKinds(p.kind), {
      // A name that is only the object ID would overwrite the name a collection gives the object.
      ...(p.name.toLowerCase() === p.key.toLowerCase() && guid ? {} : { name: p.name }),
      ...(guid ? { objectid: p.key.toUpperCase() } : {}),
      principal_kind: p.kind,
      ...optional('terraform_address', p.definedBy),
      ...(guid ? {} : { written: p.written ?? p.key }),
    });
  }

  private scope(scope: GraphScope, placement: GraphPlacement | undefined, origin: Origin): string {
    const armId = armIdOf(scope.value);
    const address = placement?.address !== undefined && !placement.address.startsWith(TENANT_ADDRESS) ? placement.address : undefined;
    const id = armId ?? terraformId(origin, address ?? scope.value);
    const type = placement?.terraformType ?? placement?.armType;
    return this.node(id, scopeKinds(scope.level, type), {
      name: scope.displayName ?? scope.name ?? scope.value,
      scope_level: scope.level,
      ...(armId === undefined ? { written: scope.value } : { arm_id: armId }),
      ...optional('terraform_type', placement?.terraformType),
      ...optional('terraform_address', address),
    });
  }

  private resource(resource: GraphResource, origin: Origin): string {
    const tenant = resource.address.startsWith(TENANT_ADDRESS);
    const id = tenant ? resource.address.slice(TENANT_ADDRESS.length).toUpperCase() : terraformId(origin, resource.address);
    return this.node(id, [resourceKind(resource.type)], {
      name: resource.name,
      scope_level: ScopeLevel.RESOURCE,
      ...(tenant ? { arm_id: id } : { terraform_address: resource.address }),
      terraform_type: resource.type,
    });
  }

  private entraRole(role: GraphEntraRole | undefined, written: string): string {
    const id = `AZA:ENTRA-ROLE:${(role?.templateId ?? role?.name ?? written).toUpperCase()}`;
    return this.node(id, entraRoleKinds(), {
      name: role?.name ?? written,
      ...optional('templateid', role?.templateId?.toUpperCase()),
      ...(role === undefined ? {} : { tier: role.tier, role_known: role.known }),
    });
  }

  private api(api: GraphApi, origin: Origin): string {
    const id = api.kind === 'microsoft-graph' ? 'AZA:API:MICROSOFT-GRAPH' : terraformId(origin, api.application ?? api.written);
    return this.node(id, ['AZServicePrincipal'], { name: api.name, api_kind: api.kind });
  }

  private directoryObject(object: GraphDirectoryObject | undefined, address: string | undefined, kind: GraphDirectoryObject['kind'], origin: Origin): string {
    if (object?.principal !== undefined && kind !== 'application') return this.principal(object.principal, object.origin);
    const id = terraformId(origin, address ?? `any ${kind}`);
    return this.node(id, directoryObjectKinds(kind), {
      name: object?.name ?? address ?? `any ${kind.replace('-', ' ')} (cannot be read)`,
      ...optional('terraform_address', address),
    });
  }

  /** Adds a node once: the first kinds and each property's first value stay, unless the first were only AZBase's. */
  private node(id: string, kinds: string[], properties: Record<string, OpenGraphValue>): string {
    const known = this.nodes.get(id);
    if (known === undefined) {
      this.nodes.set(id, { id, kinds, properties });
      return id;
    }
    const kindsNow = known.kinds[0] === 'AZBase' && kinds[0] !== 'AZBase' ? kinds : known.kinds;
    this.nodes.set(id, { id, kinds: kindsNow, properties: { ...properties, ...known.properties } });
    return id;
  }
}

/** The address overlay-tenant gives a resource known only by its ARM ID. */
const TENANT_ADDRESS = 'tenant:';

/** The upper-case ARM ID of a scope written as one (AzureHound's form), without a trailing slash; undefined for a reference. */
function armIdOf(value: string): string | undefined {
  if (!value.startsWith('/') || value.includes('${')) return undefined;
  return value === '/' ? '/' : value.replace(/\/+$/, '').toUpperCase();
}

/** The ID of a node known by a Terraform address (or a value as written) within its document. */
function terraformId(origin: Origin, what: string): string {
  return `AZA:TF:${origin.stack === undefined ? '' : `${origin.stack}@`}${origin.file}:${what}`;
}

function expiryText(expiry: GraphExpiry): string {
  if (expiry.unknown) return 'unknown (counts as never)';
  if (expiry.permanent) return 'never';
  return expiryEnd(expiry) ?? 'unknown';
}

function optional(key: string, value: OpenGraphValue | undefined): Record<string, OpenGraphValue> {
  return value === undefined ? {} : { [key]: value };
}

/** By UTF-16 code units: the same order on every machine and locale. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
