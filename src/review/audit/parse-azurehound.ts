import { directoryMemberAt } from './directory-members';
import { entryAt, expectArmIdOf, expectScope, expectType, guid, optionalText } from './export-shape';
import { ExportKind, readExportText } from './export-stream';
import {
  assignmentKey, directoryEligibilityKey, directoryRoleKey, graphObjectKey, LiveApplication, LiveAppRoleAssignment, LiveAssignment, LiveDirectoryRole,
  LiveExport,
  LiveApplicationFederatedCredentials, LiveGroupMembers, LiveManagedIdentity, LiveOwned, LiveServicePrincipal, NotReviewed, objectKey,
} from './live-types';
import { APP_ROLE_ASSIGNMENTS, MICROSOFT_GRAPH_NAME } from './parse-app-role-assignments';
import { APPLICATIONS } from './parse-applications';
import { DIRECTORY_ROLE_ASSIGNMENTS, directoryRoleHolding } from './parse-directory-roles';
import { applicationCredentialAt } from './parse-federated-credentials';
import { MANAGED_IDENTITIES } from './parse-managed-identities';
import { roleDefinitionAt } from './role-definition-guid';
import { InputError } from '../reader/input-error';
import { describe, expectArray, expectRecord, expectString, JsonRecord, pointerTo } from '../reader/shape-check';

/*
 * AzureHound's collection (`azurehound list ... -o FILE`), as its models write it: an object
 * `{"data": [...], "meta": {"type": "azure", "version": 5, "count": N}}`, each item of `data` a
 * `{"kind": "AZ...", "data": {...}}`. The collector upper-cases most IDs and scopes it writes
 * (ARM and Entra compare them without case); the reader lower-cases object IDs as every export's
 * reader does, and keeps scopes as written. test/fixtures/azurehound/README.md names the model
 * each kind's shape follows.
 */

/** The LiveExports fields this collection fills. */
export type AzureHoundPart =
  | 'assignments' | 'managedIdentities' | 'applications' | 'directoryRoles' | 'directoryEligibilities' | 'appRoleAssignments' | 'groupMembers' | 'owners'
  | 'federatedCredentials';

/** An app role assignment of another API than Microsoft Graph: counted under this name as not reviewed (see APP_ROLE_ASSIGNMENTS). */
const OTHER_API_APP_ROLES = 'AZAppRoleAssignment (not Microsoft Graph)';

/**
 * Per-scope Azure RBAC kinds whose data is `{"roleAssignments": [{"roleAssignment": <ARM role
 * assignment>, ...}], ...}` (the collector's SubscriptionRoleAssignments and its siblings).
 */
const SCOPED_ROLE_ASSIGNMENT_KINDS = new Set([
  'AZSubscriptionRoleAssignment', 'AZResourceGroupRoleAssignment', 'AZManagementGroupRoleAssignment',
  'AZKeyVaultRoleAssignment', 'AZVMRoleAssignment',
]);

/** Per-resource Azure RBAC kinds whose data is `{"assignees": [{"assignee": <ARM role assignment>, ...}], "objectId": ...}` (AzureRoleAssignments). */
const ASSIGNEE_KINDS = new Set([
  'AZAutomationAccountRoleAssignment', 'AZContainerRegistryRoleAssignment', 'AZFunctionAppRoleAssignment', 'AZLogicAppRoleAssignment',
  'AZManagedClusterRoleAssignment', 'AZStorageAccountRoleAssignment', 'AZVMScaleSetRoleAssignment', 'AZWebAppRoleAssignment',
]);

/**
 * Owner kinds, each `{"<id field>": <owned object ID>, "owners": [{"owner": {"@odata.type", "id", ...}}]}`
 * (the collector's AppOwners, ServicePrincipalOwners, GroupOwners): what is owned, and by which
 * field the item names it. An application is named by its object ID, not its appId.
 */
const OWNER_KINDS = new Map<string, { readonly kind: LiveOwned['kind']; readonly idField: string }>([
  ['AZAppOwner', { kind: 'application', idField: 'appId' }],
  ['AZServicePrincipalOwner', { kind: 'service-principal', idField: 'servicePrincipalId' }],
  ['AZGroupOwner', { kind: 'group', idField: 'groupId' }],
]);

/**
 * Kinds the collector derives from the per-scope role assignments, one per role it names (Owner,
 * Contributor, User Access Administrator, ...): each `{"<list>": [{"<member>": <ARM role
 * assignment>}]}` (its SubscriptionOwners and siblings). The same assignments again, read so that a
 * collection is not said to hold what the review did not read; kept once by their ID.
 */
const ROLE_FILTERED_KINDS = new Map<string, { readonly list: string; readonly member: string }>([
  ...['AZManagementGroup', 'AZSubscription', 'AZResourceGroup', 'AZKeyVault', 'AZVM'].flatMap((scope) => [
    [`${scope}Owner`, { list: 'owners', member: 'owner' }],
    [`${scope}Contributor`, { list: 'contributors', member: 'contributor' }],
    [`${scope}UserAccessAdmin`, { list: 'userAccessAdmins', member: 'userAccessAdmin' }],
  ] as const),
  ['AZKeyVaultKVContributor', { list: 'kvContributors', member: 'kvContributor' }],
  ['AZVMAvereContributor', { list: 'avereContributors', member: 'avereContributor' }],
  ['AZVMVMContributor', { list: 'vmContributors', member: 'vmContributor' }],
  ['AZVMAdminLogin', { list: 'adminLogins', member: 'adminLogin' }],
]);

/** Which LiveExports field each kind read is put in; every other kind is counted and named as not reviewed. */
const PART_OF_KIND = new Map<string, AzureHoundPart>([
  ...[...SCOPED_ROLE_ASSIGNMENT_KINDS, ...ASSIGNEE_KINDS, ...ROLE_FILTERED_KINDS.keys()].map((kind) => [kind, 'assignments'] as const),
  ['AZRoleAssignment', 'directoryRoles'],
  // Who may activate which Entra role through PIM: Graph's roleEligibilityScheduleInstances, one item each, with no end date.
  ['AZRoleEligibilityScheduleInstance', 'directoryEligibilities'],
  ['AZServicePrincipal', 'managedIdentities'],
  ['AZApp', 'applications'],
  ['AZAppRoleAssignment', 'appRoleAssignments'],
  ['AZGroupMember', 'groupMembers'],
  ...[...OWNER_KINDS.keys()].map((kind) => [kind, 'owners'] as const),
  // A group is an object owners and group administrators reach, with whether it is role-assignable.
  ['AZGroup', 'owners'],
  ['AZFederatedIdentityCredential', 'federatedCredentials'],
]);

/** The kind a federated credential is counted under when the collection holds no application of its appId to say whose it is. */
const FEDERATED_WITHOUT_APPLICATION = 'AZFederatedIdentityCredential (no AZApp of its appId)';

/** One item of `data`, read: its kind (every kind is counted), and what it holds for the review. */
export type AzureHoundItem = { readonly kind: string } & (
  | { readonly tag: 'assignments'; readonly items: LiveAssignment[] }
  | { readonly tag: 'directoryRoles' | 'directoryEligibilities'; readonly items: LiveDirectoryRole[] }
  | { readonly tag: 'servicePrincipal'; readonly identity?: LiveManagedIdentity; readonly principal: LiveServicePrincipal }
  | { readonly tag: 'owners'; readonly items: LiveOwned[] }
  | { readonly tag: 'federatedCredentials'; readonly appId: string; readonly credentials: readonly { readonly place: string; readonly value: unknown }[] }
  | { readonly tag: 'applications'; readonly items: LiveApplication[] }
  | { readonly tag: 'appRoleAssignments'; readonly items: LiveAppRoleAssignment[] }
  | { readonly tag: 'groupMembers'; readonly items: LiveGroupMembers[] }
  | { readonly tag: 'other' });

/** One AzureHound file, split into the live exports the review reads, with a count of each kind it holds. */
export interface AzureHoundCollection {
  readonly file: string;
  readonly assignments: LiveExport<LiveAssignment>;
  readonly directoryRoles: LiveExport<LiveDirectoryRole>;
  /** Entra directory role eligibilities (AZRoleEligibilityScheduleInstance): held after activation; the collector keeps no end date. */
  readonly directoryEligibilities: LiveExport<LiveDirectoryRole>;
  readonly managedIdentities: LiveExport<LiveManagedIdentity>;
  readonly applications: LiveExport<LiveApplication>;
  /** Microsoft Graph's application permissions: the collector lists every service principal's app roles. */
  readonly appRoleAssignments: LiveExport<LiveAppRoleAssignment>;
  /** Groups with their members, every page the collector read of each (no `$expand` limit). */
  readonly groupMembers: LiveExport<LiveGroupMembers>;
  /** Applications, service principals and groups with their owners. */
  readonly owners: LiveExport<LiveOwned>;
  /** Every service principal of the collection (AZServicePrincipal), by appId: whom an application's owner signs in as. */
  readonly servicePrincipals: LiveExport<LiveServicePrincipal>;
  /** Applications with their federated credentials (AZFederatedIdentityCredential), each known by its AZApp. */
  readonly applicationFederatedCredentials: LiveExport<LiveApplicationFederatedCredentials>;
  /** Items of `data` by kind, read or not, in the order first seen. */
  readonly kinds: ReadonlyMap<string, number>;
}

const WHAT = 'an AzureHound collection, as "azurehound list -o FILE" writes it';

/**
 * Reads one AzureHound file: `read` streams it with the kind given (the command's readExport, or
 * a text in tests). Throws InputError with the file and a JSON pointer.
 */
export function readAzureHound(file: string, read: (kind: ExportKind<AzureHoundItem>) => LiveExport<AzureHoundItem>): AzureHoundCollection {
  let meta: { count: number } | undefined;
  let items = 0;
  const kind: ExportKind<AzureHoundItem> = {
    what: WHAT,
    shape: 'object',
    member: 'data',
    header: { name: 'meta', read: (at, place, value) => void (meta = metaOf(at, place, value)) },
    read(at, place, value, shared) {
      items += 1;
      return itemOf(at, place, value, shared);
    },
  };
  const exported = read(kind);
  // The collector writes "meta" last, with the count of what it wrote: a file cut or edited says so here.
  if (meta === undefined) throw new InputError(file, `expected "meta" beside "data" (${WHAT}: {"data": [...], "meta": {"type": "azure", ...}})`);
  if (meta.count !== items) throw new InputError(file, `expected ${meta.count} items in "data", as "meta" counts them, got ${items}`, '/meta/count');
  return splitCollection(file, exported.items);
}

/** Reads an AzureHound collection from its text. */
export function parseAzureHound(file: string, text: string): AzureHoundCollection {
  return readAzureHound(file, (kind) => readExportText(file, text, kind));
}

/** The kinds a file holds that the review does not read (`reads`: the parts it does), each with its count. */
export function notReviewedOf(collection: AzureHoundCollection, reads: readonly AzureHoundPart[]): NotReviewed[] {
  return [...collection.kinds]
    .filter(([kind]) => !reads.includes(PART_OF_KIND.get(kind)!))
    .map(([kind, count]) => ({ file: collection.file, kind, count }))
    .sort((a, b) => (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0));
}

/** Whether the file holds any item of the kinds read into `part`: a part the collector did not list is no empty export. */
export function holdsPart(collection: AzureHoundCollection, part: AzureHoundPart): boolean {
  return [...collection.kinds.keys()].some((kind) => PART_OF_KIND.get(kind) === part);
}

function metaOf(file: string, place: string, value: unknown): { count: number } {
  const { entry, at } = entryAt(file, place, value, 'AzureHound\'s meta');
  const type = expectString(file, at('type'), entry.type);
  // SharpHound's files have the same outer shape, with "users", "computers", ...: not Azure's.
  if (type !== 'azure') throw new InputError(file, `expected "azure" (${WHAT}), got ${JSON.stringify(type)}`, at('type'));
  wholeNumber(file, at('version'), entry.version);
  return { count: wholeNumber(file, at('count'), entry.count) };
}

function wholeNumber(file: string, place: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) throw new InputError(file, `expected a whole number, got ${describe(value)}`, place);
  return value;
}

function itemOf(file: string, place: string, value: unknown, shared: (text: string) => string): AzureHoundItem {
  const { entry, at } = entryAt(file, place, value, 'an AzureHound item: {"kind": ..., "data": ...}');
  const kind = shared(expectString(file, at('kind'), entry.kind));
  const part = PART_OF_KIND.get(kind);
  if (part === undefined) return { kind, tag: 'other' };
  const dataPlace = at('data');
  const data = expectRecord(file, dataPlace, entry.data, `an object (the data of ${kind})`);
  if (SCOPED_ROLE_ASSIGNMENT_KINDS.has(kind)) {
    return { kind, tag: 'assignments', items: armAssignments(file, dataPlace, data, 'roleAssignments', 'roleAssignment', shared) };
  }
  if (ASSIGNEE_KINDS.has(kind)) return { kind, tag: 'assignments', items: armAssignments(file, dataPlace, data, 'assignees', 'assignee', shared) };
  const filtered = ROLE_FILTERED_KINDS.get(kind);
  if (filtered !== undefined) return { kind, tag: 'assignments', items: armAssignments(file, dataPlace, data, filtered.list, filtered.member, shared) };
  if (part === 'directoryRoles') {
    return {
      kind,
      tag: 'directoryRoles',
      items: listOf(file, dataPlace, data, 'roleAssignments').map(({ place: itemPlace, value: item }) => {
        const role = DIRECTORY_ROLE_ASSIGNMENTS.read(file, itemPlace, item, shared)!;
        const scope = role.directoryScopeId;
        return scope === undefined ? role : { ...role, directoryScopeId: shared(directoryScopeAsGraphWritesIt(scope)) };
      }),
    };
  }
  if (part === 'directoryEligibilities') {
    // `{"id", "roleDefinitionId", "principalId", "directoryScopeId", "startDateTime", "tenantId"}`: no principal type, no end.
    const holding = directoryRoleHolding(file, dataPlace, data, 'a directory role eligibility schedule instance', shared);
    const start = optionalText(file, pointerTo(dataPlace, 'startDateTime'), data.startDateTime);
    const scope = holding.directoryScopeId;
    return {
      kind,
      tag: 'directoryEligibilities',
      items: [{
        ...holding,
        kind: 'eligible',
        ...(scope === undefined ? {} : { directoryScopeId: shared(directoryScopeAsGraphWritesIt(scope)) }),
        ...(start === undefined ? {} : { startDateTime: start }),
      }],
    };
  }
  if (part === 'appRoleAssignments') {
    // The collector lists the app roles of every API; Graph's are the ones this review names and tiers.
    const resource = data.resourceDisplayName;
    if (typeof resource !== 'string' || resource.toLowerCase() !== MICROSOFT_GRAPH_NAME.toLowerCase()) return { kind: OTHER_API_APP_ROLES, tag: 'other' };
    return { kind, tag: 'appRoleAssignments', items: [APP_ROLE_ASSIGNMENTS.read(file, dataPlace, { ...data, resourceDisplayName: MICROSOFT_GRAPH_NAME }, shared)!] };
  }
  if (part === 'groupMembers') return { kind, tag: 'groupMembers', items: [groupMembersOf(file, dataPlace, data, shared)] };
  if (kind === 'AZGroup') return { kind, tag: 'owners', items: [groupOf(file, dataPlace, data, shared)] };
  if (part === 'owners') return { kind, tag: 'owners', items: [ownedOf(file, dataPlace, data, OWNER_KINDS.get(kind)!, shared)] };
  if (part === 'federatedCredentials') {
    // Read once the collection's applications are: the item names its application by appId only.
    const credentials = listOf(file, dataPlace, data, 'fics').map(({ place: wrapperPlace, value: wrapper }) => {
      const outer = entryAt(file, wrapperPlace, wrapper, 'an object with "fic"');
      return { place: outer.at('fic'), value: outer.entry.fic };
    });
    return { kind, tag: 'federatedCredentials', appId: shared(guid(file, pointerTo(dataPlace, 'appId'), data.appId)), credentials };
  }
  if (part === 'managedIdentities') {
    // Every service principal is one an application's owner may sign in as; managed identities are read as --identities reads them.
    const identity = MANAGED_IDENTITIES.read(file, dataPlace, data, shared);
    const principal: LiveServicePrincipal = {
      file,
      place: dataPlace,
      id: shared(guid(file, pointerTo(dataPlace, 'id'), data.id)),
      appId: shared(guid(file, pointerTo(dataPlace, 'appId'), data.appId)),
    };
    return { kind, tag: 'servicePrincipal', principal, ...(identity === undefined ? {} : { identity }) };
  }
  return { kind, tag: 'applications', items: [APPLICATIONS.read(file, dataPlace, data, shared)!] };
}

/** A group's members as the collector writes them: `{"groupId", "members": [{"member": {"@odata.type", "id", ...}, "groupId"}]}`. */
function groupMembersOf(file: string, place: string, data: JsonRecord, shared: (text: string) => string): LiveGroupMembers {
  return {
    file,
    place,
    id: shared(guid(file, pointerTo(place, 'groupId'), data.groupId)),
    members: listOf(file, place, data, 'members').map(({ place: wrapperPlace, value: wrapper }) => {
      const outer = entryAt(file, wrapperPlace, wrapper, 'an object with "member"');
      return directoryMemberAt(file, outer.at('member'), outer.entry.member, 'a group member', shared);
    }),
  };
}

/** An object's owners as the collector writes them: `{"<id field>", "owners": [{"owner": {"@odata.type", "id", ...}}]}`. */
function ownedOf(file: string, place: string, data: JsonRecord, owned: { kind: LiveOwned['kind']; idField: string },
  shared: (text: string) => string): LiveOwned {
  return {
    file,
    place,
    kind: owned.kind,
    id: shared(guid(file, pointerTo(place, owned.idField), data[owned.idField])),
    owners: listOf(file, place, data, 'owners').map(({ place: wrapperPlace, value: wrapper }) => {
      const outer = entryAt(file, wrapperPlace, wrapper, 'an object with "owner"');
      return directoryMemberAt(file, outer.at('owner'), outer.entry.owner, 'an owner', shared);
    }),
  };
}

/**
 * A group as the collector writes it (its Group model over Graph's): the object ID, the display name
 * it upper-cases, and `isAssignableToRole`, which it leaves out when false (Go's omitempty).
 */
function groupOf(file: string, place: string, data: JsonRecord, shared: (text: string) => string): LiveOwned {
  const name = typeof data.displayName === 'string' ? data.displayName : undefined;
  return {
    file,
    place,
    kind: 'group',
    id: shared(guid(file, pointerTo(place, 'id'), data.id)),
    ...(name === undefined ? {} : { displayName: shared(name) }),
    roleAssignable: data.isAssignableToRole === true,
    owners: [],
  };
}

/** A list the collector writes as null when it found nothing (a Go nil slice). */
function listOf(file: string, place: string, data: JsonRecord, key: string): { place: string; value: unknown }[] {
  const value = data[key];
  if (value === null || value === undefined) return [];
  return expectArray(file, pointerTo(place, key), value).map((item, index) => ({ place: pointerTo(pointerTo(place, key), index), value: item }));
}

/**
 * The ARM role assignments of a per-scope item: `{"<list>": [{"<member>": {"id", "name", "type",
 * "properties": {"principalId", "roleDefinitionId", "scope"}}}]}`. The collector's model has no
 * principalType, role name or condition: an assignment with a condition is read as one without,
 * the wider.
 */
function armAssignments(
  file: string, place: string, data: JsonRecord, list: string, member: string, shared: (text: string) => string,
): LiveAssignment[] {
  return listOf(file, place, data, list).map(({ place: wrapperPlace, value: wrapper }) => {
    const outer = entryAt(file, wrapperPlace, wrapper, `an object with "${member}"`);
    const assignmentPlace = outer.at(member);
    const { entry, at } = entryAt(file, assignmentPlace, outer.entry[member], 'a role assignment');
    expectType(file, at('type'), entry.type, 'Microsoft.Authorization/roleAssignments');
    const properties = entryAt(file, at('properties'), entry.properties, 'the role assignment\'s properties');
    const { scope, scopeLevel } = expectScope(file, properties.at('scope'), properties.entry.scope);
    const role = roleDefinitionAt(file, properties.at('roleDefinitionId'), properties.entry.roleDefinitionId);
    return {
      kind: 'standing',
      file,
      place: assignmentPlace,
      id: expectArmIdOf(file, at('id'), entry.id, 'Microsoft.Authorization/roleAssignments'),
      principalId: shared(guid(file, properties.at('principalId'), properties.entry.principalId)),
      roleDefinitionId: shared(role.roleDefinitionId),
      roleGuid: shared(role.roleGuid.toLowerCase()),
      scope: shared(scope),
      scopeLevel,
    };
  });
}

/** `/ADMINISTRATIVEUNITS/<ID>` as the collector writes it, back to Graph's `/administrativeUnits/<id>`; `/<ID>` lower-cased. */
function directoryScopeAsGraphWritesIt(scope: string): string {
  const unit = /^\/administrativeUnits\/(.+)$/i.exec(scope);
  return unit === null ? scope.toLowerCase() : `/administrativeUnits/${unit[1].toLowerCase()}`;
}

/** The items, split by the part they fill; an assignment listed at several scopes (the collector lists inherited ones too) kept once. */
function splitCollection(file: string, read: readonly AzureHoundItem[]): AzureHoundCollection {
  const kinds = new Map<string, number>();
  const parts = {
    assignments: new Unique<LiveAssignment>(assignmentKey),
    directoryRoles: new Unique<LiveDirectoryRole>(directoryRoleKey),
    directoryEligibilities: new Unique<LiveDirectoryRole>(directoryEligibilityKey),
    managedIdentities: new Unique<LiveManagedIdentity>(objectKey),
    applications: new Unique<LiveApplication>(objectKey),
    appRoleAssignments: new Unique<LiveAppRoleAssignment>(graphObjectKey),
    servicePrincipals: new Unique<LiveServicePrincipal>(objectKey),
  };
  // A group's members may come in several items (the collector's pages): one group, all of them.
  const groups = new Map<string, LiveGroupMembers>();
  const owned = new Map<string, LiveOwned>();
  const federated: Extract<AzureHoundItem, { tag: 'federatedCredentials' }>[] = [];
  for (const item of read) {
    kinds.set(item.kind, (kinds.get(item.kind) ?? 0) + 1);
    if (item.tag === 'other') continue;
    if (item.tag === 'groupMembers') {
      for (const group of item.items) {
        const known = groups.get(group.id);
        groups.set(group.id, known === undefined ? group : { ...known, members: [...known.members, ...group.members] });
      }
      continue;
    }
    if (item.tag === 'owners') {
      for (const object of item.items) {
        const known = owned.get(object.id);
        // An object's owners may come in several items, and the group itself in another (AZGroup): one object, all it says.
        owned.set(object.id, known === undefined ? object : {
          ...known,
          ...(known.displayName === undefined && object.displayName !== undefined ? { displayName: object.displayName } : {}),
          ...(known.roleAssignable === undefined && object.roleAssignable !== undefined ? { roleAssignable: object.roleAssignable } : {}),
          owners: [...known.owners, ...object.owners],
        });
      }
      continue;
    }
    if (item.tag === 'federatedCredentials') {
      federated.push(item);
      continue;
    }
    if (item.tag === 'servicePrincipal') {
      parts.servicePrincipals.add(item.principal);
      if (item.identity !== undefined) parts.managedIdentities.add(item.identity);
      continue;
    }
    const part = parts[item.tag] as Unique<unknown>;
    for (const one of item.items) part.add(one);
  }
  return {
    file,
    assignments: { file, items: parts.assignments.items },
    directoryRoles: { file, items: parts.directoryRoles.items },
    directoryEligibilities: { file, items: parts.directoryEligibilities.items },
    managedIdentities: { file, items: parts.managedIdentities.items },
    applications: { file, items: parts.applications.items },
    appRoleAssignments: { file, items: parts.appRoleAssignments.items },
    groupMembers: { file, items: [...groups.values()] },
    owners: { file, items: [...owned.values()] },
    servicePrincipals: { file, items: parts.servicePrincipals.items },
    applicationFederatedCredentials: { file, items: federatedOf(file, federated, parts.applications.items, kinds) },
    kinds,
  };
}

/**
 * The collection's federated credentials, each with the application of its appId (AZApp): whose
 * they are, by object ID, as Graph's export says it. One whose application the collection does
 * not hold is counted under a kind of its own, named as not reviewed.
 */
function federatedOf(file: string, items: readonly Extract<AzureHoundItem, { tag: 'federatedCredentials' }>[], applications: readonly LiveApplication[],
  kinds: Map<string, number>): LiveApplicationFederatedCredentials[] {
  const byAppId = new Map(applications.map((a) => [a.appId, a]));
  return items.flatMap((item) => {
    const application = byAppId.get(item.appId);
    if (application === undefined) {
      kinds.set(FEDERATED_WITHOUT_APPLICATION, (kinds.get(FEDERATED_WITHOUT_APPLICATION) ?? 0) + 1);
      kinds.set('AZFederatedIdentityCredential', kinds.get('AZFederatedIdentityCredential')! - 1);
      return [];
    }
    const owner = {
      kind: 'application' as const,
      id: application.id,
      appId: application.appId,
      ...(application.displayName === undefined ? {} : { displayName: application.displayName }),
    };
    const identity = (text: string) => text;
    return [{
      file,
      place: application.place,
      id: application.id,
      appId: application.appId,
      ...(application.displayName === undefined ? {} : { displayName: application.displayName }),
      credentials: item.credentials.map((c) => applicationCredentialAt(file, c.place, c.value, owner, identity)),
    }];
  });
}

class Unique<T> {
  readonly items: T[] = [];
  private readonly seen = new Set<string>();
  constructor(private readonly keyOf: (item: T) => string) {}
  add(item: T): void {
    const key = this.keyOf(item);
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.items.push(item);
  }
}
