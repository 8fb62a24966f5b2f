import { appendAll } from '../../model/append-all';
import { readLibraryMetadata, readRecordedPrincipal, SuppressionRecord } from '../../model/metadata';
import { Role } from '../../roles/role';
import { RolePermission } from '../../roles/role-permission';
import { parseReference, scopeLevelOfValue } from '../reference';
import { legacyAddressOf, TerraformBlock, TerraformDocument } from '../terraform-json';
import { activationSettingsOf } from './activation-settings';
import {
  AZAPI_PRINCIPAL_ATTRIBUTE, AZAPI_SYSTEM_ASSIGNED_ATTRIBUTE, AZAPI_TYPES, azapiKindOf, federatedCredentialForm, policyForm, roleAssignmentForm,
  roleDefinitionForm, scheduleRequestForm,
} from './azapi-access';
import { azapiBody, azapiBodyIdentity } from './azapi-body';
import { readAzureSecretStores } from './azure-secret-stores';
import { nestedBlock, nestedBlocks, strings, text, textValue } from './block-values';
import { readCiSecretStores, readGitHubEnvironments, readTerraformCloudWorkspaces } from './ci-secret-stores';
import { constrainedRole } from './constrained-role';
import { addCoverage } from './coverage';
import { DocumentIndex } from './document-index';
import {
  directoryScopeOf, entraRoleOf, graphAppPermissionOf, principalOf, readAppPermissions, readCustomDirectoryRoles, readDirectoryRoles,
} from './entra-access';
import { readDelegatedGrants } from './entra-consent';
import { readEntraDirectory } from './entra-directory';
import { groupScheduleExpiry, readGroupAssignments, readGroupPolicies } from './entra-pim-groups';
import { readRequestedPermissions } from './entra-requested-permissions';
import { expiryEnd } from './expiry-end';
import {
  GraphActivationPolicy,
  GraphAppPermission,
  GraphCoverage,
  GraphCredential,
  GraphCredentialStore,
  GraphCustomDirectoryRole,
  GraphDelegatedGrant,
  GraphDirectoryObject,
  GraphDirectoryRole,
  GraphEligibility,
  GraphExpiry,
  GraphGitHubEnvironment,
  GraphTerraformCloudWorkspace,
  GraphWorkloadTrust,
  TenantEdges,
  GraphKubernetesCluster,
  GraphGrant,
  GraphGroupActivationPolicy,
  GraphGroupAssignment,
  GraphGroupMembership,
  GraphUnitMembership,
  GraphIdentity,
  GraphModuleNotRead,
  GraphValueNotEvaluated,
  GraphMove,
  GraphOwnership,
  GraphPrincipal,
  GraphRequestedPermission,
  GraphRole,
  GraphRoleDefinition,
  GraphScope,
} from './graph-types';
import { accessPolicyRole, vaultOfPolicy, vaultUsesRbac } from './key-vault-access';
import { modulesNotReadOf } from './modules-not-read';
import { documentKeyOf, notEvaluatedOf, originOf } from './origin';
import { PlacedResources } from './placed-resources';
import { normalizeAttribute, resolvePrincipal } from './resolve-principal';
import { knownRole, resolveRole, withRoleGuids } from './resolve-role';
import { ResourcePlacement } from './resource-placement';
import { serviceAssignmentScope, serviceRoleOf, serviceRoleSetAssignedBy } from './service-role';
import { stablePrincipalKey, withStableKey } from './stable-principal';
import { stableScopeOf } from './stable-scope';
import type * as TenantOverlayModule from './tenant-overlay';
import { readWorkloadTrusts } from './workload-trusts';
import { Duration } from '../../model/duration';
import { isGuid } from '../../model/guid';
import { PrincipalKind } from '../../model/principal-kind';
import { ScopeLevel } from '../../model/scope-level';
import { setAndReturn } from '../set-and-return';

/** One input to the graph: a Terraform JSON document and the file it came from. */
export interface GraphInput {
  readonly file: string;
  readonly document: TerraformDocument;
  /** The cdktf stack the document is, when read through a cdktf.out manifest (a SourceDocument carries it). */
  readonly stack?: string;
}

/** How a graph is made. */
export interface GraphOptions {
  /** Keep what placing the live tenant's edges among the code's needs (`addTenant`). */
  readonly forTenant?: boolean;
}

/** Exceptions a configuration file adds, by Terraform address (for HCL repositories). */
export type SuppressionsByAddress = Map<string, SuppressionRecord[]>;

// A Map: looked up by each block's type, which is input (a type named `constructor` is no password).
const PASSWORD_TYPES: ReadonlyMap<string, GraphCredential['kind']> = new Map([
  ['azuread_application_password', 'application-password'],
  ['azuread_service_principal_password', 'service-principal-password'],
]);
const IGNORED_POLICY = 'no grant: the vault uses RBAC authorization, so Azure does not evaluate its access policies';
const CERTIFICATE_TYPES = ['azuread_application_certificate', 'azuread_service_principal_certificate'];
const FLEXIBLE_FEDERATED = 'azuread_application_flexible_federated_identity_credential';
const FEDERATED_TYPES = ['azurerm_federated_identity_credential', 'azuread_application_federated_identity_credential', FLEXIBLE_FEDERATED];
const CREDENTIAL_TYPES = [...PASSWORD_TYPES.keys(), 'azuread_application', ...CERTIFICATE_TYPES, ...AZAPI_TYPES, ...FEDERATED_TYPES];

function scopeOf(value: string | undefined, index: DocumentIndex): GraphScope {
  const scope = value ?? '';
  const level = scopeLevelOfValue(scope, (address) => index.get(address)?.body);
  const stable = stableScopeOf(scope, index);
  const displayName = level === ScopeLevel.SUBSCRIPTION ? subscriptionNameOf(stable.name, index) : undefined;
  return { value: scope, level, ...stable, ...(displayName === undefined ? {} : { displayName }) };
}

/** The items of the tenant no item of the code is the same holding as: by the holder and what is held. */
function notDeclared<T>(placed: readonly T[], declared: readonly T[], keyOf: (item: T) => string): T[] {
  const keys = new Set(declared.map(keyOf));
  return placed.filter((item) => !keys.has(keyOf(item)));
}

/** A directory role held: the holder, the role (template ID, else name) and the scope, whatever its case. */
function directoryRoleKey(d: GraphDirectoryRole): string {
  return `${d.principal.key}\u0000${d.role.templateId ?? d.role.name}\u0000${d.scope.value.toLowerCase()}`;
}

/** An application permission held: the holder and the app role (its ID, else its name). */
function appPermissionKey(p: GraphAppPermission): string {
  return `${p.principal.key}\u0000${p.appRoleId ?? p.name}`;
}

/** A membership: the member and the group. */
/** A PIM for Groups eligibility held: the holder, the group and member or owner; other eligibilities are matched as `audit` matches them. */
function groupEligibilityKey(e: GraphEligibility): string {
  return e.kind !== 'pim-group' ? `${e.kind}\u0000${e.origin.address}` : `${e.principal.key}\u0000${e.group?.key ?? e.groupId}\u0000${e.assignmentType}`;
}

/** A PIM for Groups membership or ownership held now: the holder, the group, member or owner. */
function groupAssignmentKey(a: GraphGroupAssignment): string {
  return `${a.principal.key}\u0000${a.group.key}\u0000${a.assignmentType.toLowerCase()}`;
}

function membershipKey(m: GraphGroupMembership): string {
  return `${m.member.key}\u0000${m.group.key}`;
}

/** The `subscription_name` a declared `azurerm_subscription` gives the subscription of this ID, if any. */
function subscriptionNameOf(id: string | undefined, index: DocumentIndex): string | undefined {
  if (id === undefined) return undefined;
  const declared = index.ofType('azurerm_subscription').find((b) => !b.isData && text(b.body, 'subscription_id')?.toLowerCase() === id.toLowerCase());
  return text(declared?.body, 'subscription_name');
}

/** Reads a PIM schedule's expiration: exactly one of days, hours or an end date, or none. */
function expiryOf(schedule: Record<string, unknown> | undefined): GraphExpiry {
  const expiration = nestedBlock(schedule?.expiration);
  const days = text(expiration, 'duration_days');
  const hours = text(expiration, 'duration_hours');
  const end = text(expiration, 'end_date_time');
  const duration = days !== undefined ? safeDuration(() => Duration.days(Number(days)))
    : hours !== undefined ? safeDuration(() => Duration.hours(Number(hours))) : undefined;
  if (duration !== undefined) return { permanent: false, duration };
  if (end !== undefined) return { permanent: false, endDateTime: end };
  // A length that cannot be read (a variable, say) may be anything: it counts as never ending.
  if (days !== undefined || hours !== undefined) return { permanent: true, unknown: true };
  return { permanent: true };
}

function ownerTag(tags: Record<string, unknown> | undefined): string | undefined {
  const owner = tags?.owner;
  return typeof owner === 'string' && owner.trim() ? owner : undefined;
}

/**
 * The suppressions a configuration file keys by an address. A child module's resource was
 * printed as `azurerm_x.module.app.y` before addresses were Terraform's (`module.app.azurerm_x.y`):
 * a file keyed by the former form keeps working, and its reason says the new form to write.
 */
function suppressionsAt(extra: SuppressionsByAddress, address: string): SuppressionRecord[] | undefined {
  // Most reviews have no configuration file: no address to work out for each block.
  if (extra.size === 0) return undefined;
  const current = extra.get(address);
  const legacy = legacyAddressOf(address);
  const former = legacy === undefined ? undefined : extra.get(legacy);
  if (former === undefined) return current;
  const renamed = former.map((s) => ({ ...s, reason: `${s.reason} (keyed by the former address ${legacy}: write ${address})` }));
  return [...(current ?? []), ...renamed];
}

/**
 * What a document's values resolve to, each distinct value once: thousands of grants name the
 * same few hundred principals, scopes and roles, and resolving each one again was most of the
 * cost of building the graph of a large stack. The results are immutable, so sharing is safe.
 */
class Resolved {
  // By value, then principal_type: no key string built (and hashed) per grant. A principal the
  // library recorded (rare: a literal ID) is kept apart, by its type and record together.
  private readonly principals = new Map<string, Map<string, GraphPrincipal>>();
  private readonly recordedPrincipals = new Map<string, Map<string, GraphPrincipal>>();
  private readonly scopes = new Map<string, GraphScope>();
  private readonly roles = new Map<string, Map<string, GraphRole>>();

  constructor(private readonly index: DocumentIndex, private readonly customRoles: Map<string, Role>) {}

  public principalOf(body: Record<string, unknown>, principalType?: string): GraphPrincipal {
    const value = textValue(body.principal_id) ?? '';
    const recorded = readRecordedPrincipal(body);
    const key = recorded === undefined ? principalType ?? '' : `${principalType ?? ''}\u0000${recorded.kind}\u0000${recorded.name}`;
    const known = recorded === undefined ? this.principals : this.recordedPrincipals;
    const byKey = known.get(value) ?? setAndReturn(known, value, new Map<string, GraphPrincipal>());
    return byKey.get(key) ?? setAndReturn(byKey, key, withStableKey(resolvePrincipal(value, principalType, this.index, recorded), value, this.index));
  }

  public scopeOf(value: string | undefined): GraphScope {
    const key = value ?? '';
    return this.scopes.get(key) ?? setAndReturn(this.scopes, key, scopeOf(value, this.index));
  }

  public roleOf(body: Record<string, unknown>): GraphRole {
    const id = textValue(body.role_definition_id) ?? '';
    const name = textValue(body.role_definition_name) ?? '';
    const byName = this.roles.get(id) ?? setAndReturn(this.roles, id, new Map<string, GraphRole>());
    return byName.get(name) ?? setAndReturn(byName, name, resolveRole(body, this.index, this.customRoles));
  }
}

/** A credential's end as written: `end_date`, or `end_date_relative` (credential-end.ts says what neither means). */
function endOf(body: Record<string, unknown>): Pick<GraphCredential, 'endDate' | 'endDateRelative'> {
  const relative = text(body, 'end_date_relative');
  return { endDate: text(body, 'end_date'), ...(relative === undefined ? {} : { endDateRelative: relative }) };
}

/**
 * A permission list as written: absent is empty; a list of literal strings is itself; anything
 * else (a variable, a function, an element that is an expression) is undefined: unknown.
 */
function permissionList(value: unknown): string[] | undefined {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) return undefined;
  if (value.some((v) => typeof v !== 'string' || v.includes('${'))) return undefined;
  return value as string[];
}

function safeDuration(make: () => Duration): Duration | undefined {
  try {
    return make();
  } catch {
    return undefined;
  }
}

/**
 * Who holds which access, from Terraform JSON: principals, managed identities and the resources
 * they run on, standing grants, PIM eligibilities, activation policies, credentials and custom
 * roles, with each grant's scope and each resource placed in its resource group. References are
 * resolved inside each document; what cannot be resolved is unknown, and the rules treat unknown
 * as the wider case. The documents are read here and nowhere after: rules and reach see the graph.
 */
export class AccessGraph {
  public static fromDocuments(inputs: GraphInput[], suppressions: SuppressionsByAddress = new Map(), options: GraphOptions = {}): AccessGraph {
    const graph = new AccessGraph();
    if (options.forTenant) graph.documents = [];
    for (const input of inputs) {
      graph.add(new DocumentIndex(input.file, input.document), input.document, suppressions, input.stack);
      graph.readMoves(input);
      graph.readModulesNotRead(input, suppressions);
    }
    return graph;
  }

  public readonly grants: GraphGrant[] = [];
  public readonly eligibilities: GraphEligibility[] = [];
  public readonly policies: GraphActivationPolicy[] = [];
  public readonly identities: GraphIdentity[] = [];
  public readonly credentials: GraphCredential[] = [];
  /** CI secret stores (GitHub Actions, Azure DevOps), each with the credential of the configuration it keeps, if any. */
  public readonly credentialStores: GraphCredentialStore[] = [];
  /** AKS clusters the configuration declares, with what decides who can run pods in them. */
  public readonly kubernetesClusters: GraphKubernetesCluster[] = [];
  /** Federated credentials that trust a declared AKS cluster's service account: whoever runs pods as it signs in as their principal. */
  public readonly workloadTrusts: GraphWorkloadTrust[] = [];
  /** GitHub deployment environments the configuration declares, with whether they have required reviewers. */
  public readonly gitHubEnvironments: GraphGitHubEnvironment[] = [];
  /** Terraform Cloud workspaces the configuration declares, with whether they apply without a confirmation. */
  public readonly terraformCloudWorkspaces: GraphTerraformCloudWorkspace[] = [];
  public readonly roleDefinitions: GraphRoleDefinition[] = [];
  /** Standing Entra directory roles (role assignments and role members). */
  public readonly directoryRoles: GraphDirectoryRole[] = [];
  /** App roles assigned to principals: Microsoft Graph application permissions among them. */
  public readonly appPermissions: GraphAppPermission[] = [];
  public readonly moves: GraphMove[] = [];
  /** Every input resource part that carries access by the reviewed list, read or not. */
  public readonly coverage: GraphCoverage[] = [];
  /** Module calls the reader could not read: their access is not in the graph. */
  public readonly modulesNotRead: GraphModuleNotRead[] = [];
  /** Values of access resources the reader did not evaluate: they count as the widest, and this says why. */
  public readonly valuesNotEvaluated: GraphValueNotEvaluated[] = [];
  /** Applications, service principals, groups and users the configuration declares. */
  public readonly directoryObjects: GraphDirectoryObject[] = [];
  /** Owners of applications, service principals and groups. */
  public readonly ownerships: GraphOwnership[] = [];
  /** Members of groups. */
  public readonly groupMemberships: GraphGroupMembership[] = [];
  /** Members of administrative units: roles scoped to a unit reach them. */
  public readonly unitMemberships: GraphUnitMembership[] = [];
  /** Custom Entra directory roles the configuration defines, tiered by their actions. */
  public readonly customDirectoryRoles: GraphCustomDirectoryRole[] = [];
  /** Active PIM for Groups assignments: group membership or ownership held now. */
  public readonly groupAssignments: GraphGroupAssignment[] = [];
  /** PIM for Groups policies: how group membership or ownership is activated. */
  public readonly groupPolicies: GraphGroupActivationPolicy[] = [];
  /** Admin consents to delegated permissions, for one user or the whole tenant. */
  public readonly delegatedGrants: GraphDelegatedGrant[] = [];
  /** Permissions applications only request (`required_resource_access`): informational, never a grant. */
  public readonly requestedPermissions: GraphRequestedPermission[] = [];
  /**
   * Role assignments the live tenant holds and the code does not declare (`addTenant`): reach
   * follows them beside the code's grants; no rule judges them (they are `audit`'s to report).
   */
  public readonly tenantGrants: GraphGrant[] = [];
  /** Managed identities of the live tenant, on the resources they belong to: reach acts as them as it acts as the code's. */
  public readonly tenantIdentities: GraphIdentity[] = [];
  /** Entra directory roles the live tenant holds and the code does not declare: held in reach as the code's are, judged by no rule. */
  public readonly tenantDirectoryRoles: GraphDirectoryRole[] = [];
  /** Microsoft Graph application permissions the live tenant has granted and the code does not declare: held in reach, judged by no rule. */
  public readonly tenantAppPermissions: GraphAppPermission[] = [];
  /** Group memberships of the live tenant the code does not declare: held in reach, judged by no rule. */
  public readonly tenantGroupMemberships: GraphGroupMembership[] = [];
  /** PIM eligibilities (Azure and Entra directory roles) of the live tenant the code does not declare: held in reach after activation, judged by no rule. */
  public readonly tenantEligibilities: GraphEligibility[] = [];
  /** Applications, service principals and groups of the live tenant that have owners: what reach signs in as or joins through them. */
  public readonly tenantDirectoryObjects: GraphDirectoryObject[] = [];
  /** Owners of the live tenant's applications, service principals and groups the code does not declare: held in reach, judged by no rule. */
  public readonly tenantOwnerships: GraphOwnership[] = [];
  /** PIM for Groups memberships and ownerships the live tenant holds now and the code does not declare: held in reach, judged by no rule. */
  public readonly tenantGroupAssignments: GraphGroupAssignment[] = [];

  /** What placing the live tenant's edges needs of each document; kept only for a graph made `forTenant`. */
  private documents?: TenantOverlayModule.DocumentContext[];
  private tenantAdded = false;

  private constructor() {}

  /**
   * Whether the live tenant's edges were added (`addTenant`), whatever they hold: then only the
   * chains that pass an edge of the code are the code's to report.
   */
  public get onTenant(): boolean {
    return this.tenantAdded;
  }

  /**
   * Adds what the live tenant holds beside the code (see tenant-overlay.ts), before anything is
   * asked of the graph: reach is worked out once per graph.
   */
  public addTenant(edges: TenantEdges): void {
    if (this.documents === undefined) throw new Error('AccessGraph.addTenant: the graph was not made forTenant');
    this.tenantAdded = true;
    // Placing the tenant's edges (and its table of ARM ID formats) is loaded only for a review on the tenant.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const placed = (require('./tenant-overlay') as typeof TenantOverlayModule).overlayTenant(edges, this.documents);
    appendAll(this.tenantGrants, placed.grants);
    appendAll(this.tenantIdentities, placed.identities);
    // Placed, a tenant's Entra holding may turn out to be held by a principal the code declares by
    // reference (an identity the export names by object ID): one the code holds the same is the code's.
    appendAll(this.tenantDirectoryRoles, notDeclared(placed.directoryRoles, this.directoryRoles, directoryRoleKey));
    appendAll(this.tenantAppPermissions, notDeclared(placed.appPermissions, this.appPermissions, appPermissionKey));
    // A membership the code makes active through PIM for Groups is the code's too.
    const codeMembers = [...this.groupMemberships, ...this.groupAssignments.filter((a) => a.assignmentType === 'member')
      .map((a): GraphGroupMembership => ({ origin: a.origin, member: a.principal, group: a.group, roleAssignable: true }))];
    appendAll(this.tenantGroupMemberships, notDeclared(placed.groupMemberships, codeMembers, membershipKey));
    appendAll(this.tenantEligibilities, notDeclared(placed.eligibilities, this.eligibilities, groupEligibilityKey));
    appendAll(this.tenantDirectoryObjects, placed.directoryObjects);
    const ownedPrincipals = new Map([...this.directoryObjects, ...placed.directoryObjects]
      .map((o) => [`${documentKeyOf(o.origin)}\u0000${o.origin.address}`, o.principal?.key ?? o.origin.address]));
    const ownershipKey = (o: GraphOwnership) => `${o.owner.key}\u0000${ownedPrincipals.get(`${documentKeyOf(o.origin)}\u0000${o.owned}`) ?? o.owned}`;
    appendAll(this.tenantOwnerships, notDeclared(placed.ownerships, this.ownerships, ownershipKey));
    appendAll(this.tenantGroupAssignments, notDeclared(placed.groupAssignments, this.groupAssignments, groupAssignmentKey));
  }

  /** Every distinct principal that holds a grant or an eligibility, by key. */
  public get principals(): GraphPrincipal[] {
    const byKey = new Map<string, GraphPrincipal>();
    const all = [...this.identities, ...this.grants, ...this.eligibilities].map((x) => x.principal);
    for (const p of all) {
      if (!byKey.has(p.key)) byKey.set(p.key, p);
    }
    return [...byKey.values()];
  }

  /** Access resources of the input that the graph does not read: shown, never silently dropped. */
  public get notReviewed(): GraphCoverage[] {
    return this.coverage.filter((c) => !c.reviewed);
  }

  /** How many access resources of the input the model read, and how many it did not: one count for every output. */
  public get accessResourceCounts(): { reviewed: number; notReviewed: number } {
    const notReviewed = this.notReviewed.length;
    return { reviewed: this.coverage.length - notReviewed, notReviewed };
  }

  private add(index: DocumentIndex, document: TerraformDocument, extra: SuppressionsByAddress, stack: string | undefined): void {
    // One origin per block, shared by its grant (or identity, or credential) and its coverage entry;
    // kept by the block's position, so no block object becomes a hash key.
    const origins: (GraphGrant['origin'] | undefined)[] = new Array(index.blocks.length);
    const origin = (block: TerraformBlock) => (origins[block.position] ??= originOf(index.file, block, suppressionsAt(extra, block.address), stack));
    const placement = new ResourcePlacement(index, document);
    const customRoles = this.readCustomRoles(index, origin);
    const resolved = new Resolved(index, customRoles);
    const resources = new PlacedResources(placement, origin);
    this.readIdentities(index, origin, resources);
    this.documents?.push({
      file: index.file,
      ...(stack === undefined ? {} : { stack }),
      placement,
      resources,
      scopeOf: (value) => resolved.scopeOf(value),
      roleOf: (body) => resolved.roleOf(body),
      principalOf: (body, principalType) => resolved.principalOf(body, principalType),
      entraRoleOf: (value) => entraRoleOf(value, index),
      directoryScopeOf: (value) => directoryScopeOf(value, index),
      graphAppPermissionOf: (appRoleId, resourceObjectId) => graphAppPermissionOf(appRoleId, resourceObjectId, index),
    });

    // azapi resources are read in the form of the azurerm resource that carries the same access.
    const azapiBlocks = index.ofType(...AZAPI_TYPES).filter((b) => azapiKindOf(b) !== undefined);
    const azapi = (kind: ReturnType<typeof azapiKindOf>) => azapiBlocks.filter((b) => azapiKindOf(b) === kind);
    // Read as they are found: the role assignments of a large stack are most of its blocks, and
    // listing them first made a wrapper object and two array copies for each.
    const readAssignment = (block: TerraformBlock, body: Record<string, unknown>, active: boolean) => {
      const expiry = active ? expiryOf(nestedBlock(body.schedule)) : undefined;
      // The private marketplace is one scope of the tenant; the resource has no scope argument.
      // The arguments are read as textValue says: these names are the code's, and no object inherits them.
      const scope = resolved.scopeOf(block.type === 'azurerm_marketplace_role_assignment' ? '/providers/Microsoft.Marketplace' : textValue(body.scope));
      // Only a condition can constrain what a role may assign: most grants have none.
      const condition = textValue(body.condition);
      const role = resolved.roleOf(body);
      this.grants.push({
        origin: origin(block),
        principal: resolved.principalOf(body, textValue(body.principal_type)),
        role: condition === undefined ? role : constrainedRole(role, withRoleGuids(condition, index, customRoles), customRoles.values()),
        scope,
        scopePlacement: placement.locate(scope.value),
        via: active ? 'pim-active' : 'role-assignment',
        description: textValue(body.description),
        condition,
        expiry: expiry && expiryEnd(expiry),
      });
    };
    const assignments = index.ofType('azurerm_role_assignment', 'azurerm_pim_active_role_assignment', 'azurerm_marketplace_role_assignment');
    for (let at = 0; at < assignments.length; at++) {
      const block = assignments[at];
      readAssignment(block, block.body, block.type === 'azurerm_pim_active_role_assignment');
    }
    for (const block of azapi('role-assignment')) readAssignment(block, roleAssignmentForm(block), false);
    for (const block of azapi('active-assignment')) readAssignment(block, scheduleRequestForm(block), true);
    this.readServiceRoleAssignments(index, origin, resolved, placement);
    const ignoredPolicies = this.readAccessPolicies(index, origin, resolved, placement);

    const eligible = [
      ...index.ofType('azurerm_pim_eligible_role_assignment').map((block) => ({ block, body: block.body })),
      ...azapi('eligibility').map((block) => ({ block, body: scheduleRequestForm(block) })),
    ];
    for (const { block, body } of eligible) {
      const scope = resolved.scopeOf(text(body, 'scope'));
      this.eligibilities.push({
        origin: origin(block),
        kind: 'azure-rbac',
        principal: resolved.principalOf(body, text(body, 'principal_type')),
        role: resolved.roleOf(body),
        scope,
        scopePlacement: placement.locate(scope.value),
        expiry: expiryOf(nestedBlock(body.schedule)),
      });
    }
    for (const block of index.ofType('azuread_directory_role_eligibility_schedule_request')) {
      this.eligibilities.push({
        origin: origin(block),
        kind: 'entra-directory-role',
        principal: resolved.principalOf(block.body),
        directoryRole: text(block.body, 'role_definition_id'),
        entraRole: entraRoleOf(text(block.body, 'role_definition_id'), index),
        scope: directoryScopeOf(text(block.body, 'directory_scope_id'), index),
        // The provider has no schedule argument: this eligibility never expires.
        expiry: { permanent: true },
      });
    }
    for (const block of index.ofType('azuread_privileged_access_group_eligibility_schedule')) {
      this.eligibilities.push({
        origin: origin(block),
        kind: 'pim-group',
        principal: resolved.principalOf(block.body),
        groupId: text(block.body, 'group_id'),
        group: principalOf(text(block.body, 'group_id'), index, readLibraryMetadata(block.body).group),
        assignmentType: text(block.body, 'assignment_type'),
        expiry: groupScheduleExpiry(block.body),
      });
    }

    const policies = [
      ...index.ofType('azurerm_role_management_policy').map((block) => ({ block, body: block.body })),
      ...azapi('policy').map((block) => ({ block, body: policyForm(block) })),
    ];
    for (const { block, body } of policies) {
      this.policies.push({
        origin: origin(block),
        role: resolved.roleOf(body),
        scope: resolved.scopeOf(text(body, 'scope')),
        ...activationSettingsOf(body, index),
      });
    }

    const credentialsBefore = this.credentials.length;
    this.readCredentials(index, origin);
    const ownCredentials = this.credentials.slice(credentialsBefore);
    const ci = readCiSecretStores(index, origin, ownCredentials);
    appendAll(this.credentialStores, [...ci.stores, ...readAzureSecretStores(index, origin, ownCredentials, placement)]);
    appendAll(this.credentials, ci.keys);
    const kubernetes = readWorkloadTrusts(index, origin, ownCredentials, placement);
    appendAll(this.kubernetesClusters, kubernetes.clusters);
    appendAll(this.workloadTrusts, kubernetes.trusts);
    appendAll(this.gitHubEnvironments, readGitHubEnvironments(index, origin));
    appendAll(this.terraformCloudWorkspaces, readTerraformCloudWorkspaces(index, origin));
    appendAll(this.directoryRoles, readDirectoryRoles(index, origin));
    appendAll(this.appPermissions, readAppPermissions(index, origin));
    const directory = readEntraDirectory(index, origin);
    appendAll(this.directoryObjects, directory.objects);
    appendAll(this.ownerships, directory.ownerships);
    appendAll(this.groupMemberships, directory.memberships);
    appendAll(this.unitMemberships, directory.unitMemberships);
    appendAll(this.customDirectoryRoles, readCustomDirectoryRoles(index, origin));
    appendAll(this.groupAssignments, readGroupAssignments(index, origin));
    appendAll(this.groupPolicies, readGroupPolicies(index, origin));
    appendAll(this.delegatedGrants, readDelegatedGrants(index, origin));
    appendAll(this.requestedPermissions, readRequestedPermissions(index, origin));
    // Indexed: in code that runs once, `for...of` makes an iterator result per block.
    const blocks = index.blocks;
    for (let at = 0; at < blocks.length; at++) {
      const block = blocks[at];
      const covered = addCoverage(block, origin, this.coverage);
      if (covered === 0) continue;
      if (ignoredPolicies.size > 0 && ignoredPolicies.has(block.address)) {
        for (let entry = this.coverage.length - covered; entry < this.coverage.length; entry++) {
          this.coverage[entry] = { ...this.coverage[entry], note: IGNORED_POLICY };
        }
      }
      const reasons = notEvaluatedOf(block);
      for (let reason = 0; reason < reasons.length; reason++) this.valuesNotEvaluated.push({ origin: origin(block), reason: reasons[reason] });
    }
  }

  private readModulesNotRead(input: GraphInput, extra: SuppressionsByAddress): void {
    appendAll(this.modulesNotRead, modulesNotReadOf(input.document, {
      file: input.file,
      ...(input.stack === undefined ? {} : { stack: input.stack }),
      suppressionsAt: (address) => suppressionsAt(extra, address),
    }));
  }


  /**
   * Synapse and Cosmos DB SQL role assignments: grants of the service's own data-plane roles at
   * their own scope (the workspace or Spark pool; the Cosmos account or a path in it), each role
   * from the service's role set (data/service-role-sets.json).
   */
  private readServiceRoleAssignments(index: DocumentIndex, origin: (b: TerraformBlock) => GraphGrant['origin'], resolved: Resolved,
    placement: ResourcePlacement): void {
    for (const block of index.ofType('azurerm_synapse_role_assignment', 'azurerm_cosmosdb_sql_role_assignment')) {
      const synapse = block.type === 'azurerm_synapse_role_assignment';
      const written = resolved.scopeOf(synapse ? text(block.body, 'synapse_spark_pool_id') ?? text(block.body, 'synapse_workspace_id') : text(block.body, 'scope'));
      const { scope, at } = serviceAssignmentScope(block, written, placement);
      this.grants.push({
        origin: origin(block),
        principal: resolved.principalOf(block.body, text(block.body, 'principal_type')),
        role: serviceRoleOf(serviceRoleSetAssignedBy(block.type)!, block.body, index),
        scope,
        scopePlacement: at,
        via: 'role-assignment',
      });
    }
  }

  /**
   * Key Vault access policies (`azurerm_key_vault_access_policy`, inline `access_policy` blocks):
   * data-plane grants on the vault, as a role with the data actions they allow. A vault that
   * uses RBAC authorization ignores them: they are no grant, and coverage says why.
   */
  private readAccessPolicies(index: DocumentIndex, origin: (b: TerraformBlock) => GraphGrant['origin'], resolved: Resolved,
    placement: ResourcePlacement): Set<string> {
    const ignored = new Set<string>();
    const grant = (block: TerraformBlock, policy: Record<string, unknown>, vaultId: string | undefined, vaultName: string) => {
      const scope = resolved.scopeOf(vaultId);
      this.grants.push({
        origin: origin(block),
        principal: resolved.principalOf({ principal_id: policy.object_id }),
        role: knownRole(accessPolicyRole(policy, vaultName)),
        scope,
        scopePlacement: placement.locate(scope.value),
        via: 'role-assignment',
      });
    };
    for (const block of index.ofType('azurerm_key_vault_access_policy')) {
      const vault = vaultOfPolicy(block, index);
      if (vaultUsesRbac(vault?.body) === true) {
        ignored.add(block.address);
        continue;
      }
      grant(block, block.body, text(block.body, 'key_vault_id'), text(vault?.body, 'name') ?? text(block.body, 'key_vault_id') ?? block.address);
    }
    for (const block of index.ofType('azurerm_key_vault')) {
      if (vaultUsesRbac(block.body) === true) {
        if (nestedBlocks(block.body.access_policy).length > 0) ignored.add(block.address);
        continue;
      }
      for (const policy of nestedBlocks(block.body.access_policy)) grant(block, policy, `\${${block.address}.id}`, text(block.body, 'name') ?? block.address);
    }
    return ignored;
  }

  /** `moved` blocks: cdktf writes plain addresses, hcl2json writes them as `${...}` references. */
  private readMoves(input: GraphInput): void {
    const address = (value: unknown) => (typeof value === 'string' ? value.replace(/^\$\{(.*)\}$/, '$1') : undefined);
    for (const moved of nestedBlocks(input.document.moved)) {
      const from = address(moved.from);
      const to = address(moved.to);
      if (from !== undefined && to !== undefined) {
        this.moves.push({ file: input.file, ...(input.stack === undefined ? {} : { stack: input.stack }), from, to });
      }
    }
  }

  private readCustomRoles(index: DocumentIndex, origin: (b: TerraformBlock) => GraphRoleDefinition['origin']): Map<string, Role> {
    const roles = new Map<string, Role>();
    const definitions = [
      ...index.ofType('azurerm_role_definition').map((block) => ({ block, body: block.body })),
      ...index.ofType(...AZAPI_TYPES).filter((b) => azapiKindOf(b) === 'role-definition').map((block) => ({ block, body: roleDefinitionForm(block) })),
    ];
    for (const { block, body } of definitions) {
      const unknownPermissions: string[] = [];
      const list = (p: Record<string, unknown>, attribute: string, widest: string[]) => {
        const read = permissionList(p[attribute]);
        if (read !== undefined) return read;
        unknownPermissions.push(`${attribute} = ${JSON.stringify(p[attribute])}`);
        return widest;
      };
      // An unknown allow-list is everything; an unknown deny-list takes nothing away.
      const permissions: RolePermission[] = nestedBlocks(body.permissions).map((p) => ({
        actions: list(p, 'actions', ['*']),
        notActions: list(p, 'not_actions', []),
        dataActions: list(p, 'data_actions', ['*']),
        notDataActions: list(p, 'not_data_actions', []),
      }));
      const guid = text(body, 'role_definition_id');
      const name = text(body, 'name') ?? block.address;
      const role = Role._fromRecord({
        guid: isGuid(guid) ? guid.toLowerCase() : block.address,
        name: unknownPermissions.length ? `${name} (permissions unknown, counted as "*": ${unknownPermissions.join('; ')})` : name,
        description: text(body, 'description') ?? '',
        builtIn: false,
        permissions,
      });
      roles.set(index.keyOf(block.address, ''), role);
      const assignable = body.assignable_scopes;
      const scopes = Array.isArray(assignable) ? assignable.filter((v): v is string => typeof v === 'string')
        : typeof assignable === 'string' ? [assignable] : [text(body, 'scope') ?? ''];
      this.roleDefinitions.push({ origin: origin(block), role, assignableScopes: scopes.map((s) => scopeOf(s, index)), unknownPermissions });
    }
    return roles;
  }

  private readIdentities(index: DocumentIndex, origin: (b: TerraformBlock) => GraphIdentity['origin'], resources: PlacedResources): void {
    const userAssigned = new Map<string, GraphIdentity>();
    const declared = index.ofType('azurerm_user_assigned_identity');
    for (let at = 0; at < declared.length; at++) {
      const block = declared[at];
      const tags = block.body.tags as Record<string, unknown> | undefined;
      const written = text(block.body, 'name');
      const identity: GraphIdentity = {
        origin: origin(block),
        kind: 'user-assigned',
        principal: {
          key: index.keyOf(block.address, 'principal_id'),
          name: written ?? block.address,
          kind: PrincipalKind.MANAGED_IDENTITY,
          definedBy: block.address,
          stableKey: stablePrincipalKey(PrincipalKind.MANAGED_IDENTITY, written, `${block.address}.principal_id`),
        },
        name: written ?? block.address,
        owner: typeof tags?.owner === 'string' && tags.owner.trim() ? tags.owner : undefined,
        resource: resources.of(block),
        attachedTo: [],
      };
      userAssigned.set(block.address, identity);
      this.identities.push(identity);
    }
    for (const block of index.ofType(...AZAPI_TYPES).filter((b) => azapiKindOf(b) === 'identity')) {
      const name = text(block.body, 'name') ?? block.address;
      const identity: GraphIdentity = {
        origin: origin(block),
        kind: 'user-assigned',
        principal: {
          key: index.keyOf(block.address, AZAPI_PRINCIPAL_ATTRIBUTE),
          name,
          kind: PrincipalKind.MANAGED_IDENTITY,
          definedBy: block.address,
          stableKey: stablePrincipalKey(PrincipalKind.MANAGED_IDENTITY, text(block.body, 'name'), `${block.address}.${AZAPI_PRINCIPAL_ATTRIBUTE}`),
        },
        name,
        owner: ownerTag(nestedBlock(azapiBody(block)?.tags) ?? nestedBlock(block.body.tags)),
        resource: resources.of(block),
        attachedTo: [],
      };
      userAssigned.set(block.address, identity);
      this.identities.push(identity);
    }
    const attach = (ids: readonly string[], block: TerraformBlock) => {
      for (const id of ids) {
        const reference = parseReference(id);
        const attached = reference && userAssigned.get(reference.address);
        if (attached) attached.attachedTo.push(resources.of(block));
      }
    };
    const blocks = index.blocks;
    for (let at = 0; at < blocks.length; at++) {
      const block = blocks[at];
      // Most blocks have no identity: asked of every one, answered without a call.
      if (block.isData || block.body.identity === undefined) continue;
      const identityBlock = nestedBlock(block.body.identity);
      if (!identityBlock) continue;
      attach(strings(identityBlock, 'identity_ids'), block);
      if ((text(identityBlock, 'type') ?? '').toLowerCase().includes('systemassigned')) this.addSystemAssigned(block, 'identity[0].principal_id', index, origin, resources);
    }
    // azapi_update_resource has no identity block: the ARM body says which identities the resource runs as.
    for (const block of index.ofType(...AZAPI_TYPES)) {
      const inBody = block.isData ? undefined : azapiBodyIdentity(block);
      if (inBody === undefined) continue;
      attach(inBody.userAssigned, block);
      // An identity block beside it says the same; the resource has one identity of its own.
      if (inBody.systemAssigned && nestedBlock(block.body.identity) === undefined) {
        this.addSystemAssigned(block, AZAPI_SYSTEM_ASSIGNED_ATTRIBUTE, index, origin, resources);
      }
    }
  }

  /** A resource's system-assigned identity, its principal read from `principalAttribute` of the resource. */
  private addSystemAssigned(block: TerraformBlock, principalAttribute: string, index: DocumentIndex,
    origin: (b: TerraformBlock) => GraphIdentity['origin'], resources: PlacedResources): void {
    const written = text(block.body, 'name');
    const name = written ?? block.address;
    const attribute = normalizeAttribute(principalAttribute);
    this.identities.push({
      origin: origin(block),
      kind: 'system-assigned',
      principal: {
        key: index.keyOf(block.address, attribute),
        name: `${name} (system-assigned)`,
        kind: PrincipalKind.MANAGED_IDENTITY,
        definedBy: block.address,
        stableKey: stablePrincipalKey(
          PrincipalKind.MANAGED_IDENTITY,
          written === undefined ? undefined : `${written} (system-assigned)`,
          `${block.address}.${attribute}`,
        ),
      },
      name: `${name} (system-assigned)`,
      // A system-assigned identity belongs to its resource; the resource's owner answers for it.
      owner: block.address,
      resource: resources.of(block),
      attachedTo: [resources.of(block)],
    });
  }

  private readCredentials(index: DocumentIndex, origin: (b: TerraformBlock) => GraphCredential['origin']): void {
    // The resources of the types that can be credentials, in document order: not every block of the document.
    for (const block of index.ofType(...CREDENTIAL_TYPES)) {
      const password = PASSWORD_TYPES.get(block.type);
      if (password) {
        this.credentials.push({
          origin: origin(block),
          kind: password,
          owner: text(block.body, 'application_id') ?? text(block.body, 'service_principal_id') ?? block.address,
          ...endOf(block.body),
        });
      } else if (block.type === 'azuread_application') {
        // Passwords declared inline in the application count as much as separate resources.
        for (const inline of nestedBlocks(block.body.password)) {
          this.credentials.push({ origin: origin(block), kind: 'application-password', owner: block.address, ...endOf(inline) });
        }
      } else if (CERTIFICATE_TYPES.includes(block.type)) {
        this.credentials.push({
          origin: origin(block),
          kind: 'certificate',
          owner: text(block.body, 'application_id') ?? text(block.body, 'service_principal_id') ?? block.address,
          ...endOf(block.body),
        });
      } else if (azapiKindOf(block) === 'federated-credential') {
        const form = federatedCredentialForm(block);
        this.credentials.push({
          origin: origin(block),
          kind: 'federated',
          owner: text(form, 'parent_id') ?? block.address,
          issuer: text(form, 'issuer'),
          subject: text(form, 'subject'),
          ...('claims_matching_expression' in form ? { claimsMatchingExpression: text(form, 'claims_matching_expression') } : {}),
        });
      } else if (FEDERATED_TYPES.includes(block.type)) {
        this.credentials.push({
          origin: origin(block),
          kind: 'federated',
          // An identity's credential names it by `parent_id`, or by `user_assigned_identity_id` in later azurerm 4.x releases.
          owner: text(block.body, 'parent_id') ?? text(block.body, 'user_assigned_identity_id') ?? text(block.body, 'application_id') ?? block.address,
          issuer: text(block.body, 'issuer'),
          subject: text(block.body, 'subject'),
          // The flexible variant matches subjects by an expression instead of naming one.
          ...(block.type === FLEXIBLE_FEDERATED ? { claimsMatchingExpression: text(block.body, 'claims_matching_expression') } : {}),
        });
      }
    }
  }
}
