import { GUID_PATTERN } from '../../model/guid';
import { ScopeLevel } from '../../model/scope-level';
import { Role } from '../../roles/role';
import { parseReference } from '../reference';
import { TerraformBlock } from '../terraform-json';
import { nestedBlocks, text } from './block-values';
import { DocumentIndex } from './document-index';
import { GraphPlacement, GraphRole, GraphScope } from './graph-types';
import { ResourcePlacement } from './resource-placement';
import { ServiceRoleRecord, ServiceRoleSet } from './service-role-set';
import { SERVICE_ROLE_SETS } from './service-role-sets.generated';

/** The service role set a Terraform type assigns roles of, when it is one (`azurerm_cosmosdb_sql_role_assignment`). */
export function serviceRoleSetAssignedBy(type: string): ServiceRoleSet | undefined {
  return SERVICE_ROLE_SETS.find((s) => s.assignmentType === type);
}

// One Role per built-in record, made once: reach keys what a role opens by its Role.
const BUILT_IN = new Map<ServiceRoleRecord, Role>();

function builtInRole(set: ServiceRoleSet, record: ServiceRoleRecord): Role {
  let role = BUILT_IN.get(record);
  if (role === undefined) {
    role = roleOf(set, record.name, record.dataActions);
    BUILT_IN.set(record, role);
  }
  return role;
}

function roleOf(set: ServiceRoleSet, name: string, dataActions: readonly string[]): Role {
  return Role._fromRecord({
    // Not an Azure role definition GUID: a service role is never matched against Azure RBAC exports.
    guid: `${set.resourceType}:${name}`,
    name,
    description: `${set.service} data-plane role.`,
    builtIn: false,
    permissions: [{ actions: [], notActions: [], dataActions: [...dataActions], notDataActions: [] }],
  });
}

/** A role of a service role set as the graph holds it: data actions only, never able to grant Azure access. */
function graphRole(set: ServiceRoleSet, role: Role, runsAsResourceIdentity: boolean, known: boolean, name: string = role.name): GraphRole {
  return {
    name,
    guid: role.guid,
    role,
    canGrantAccess: false,
    hasWildcardControlPlane: false,
    // Read-only by Azure's naming (`*/read`) or by the set's list of the actions that only read.
    isReadOnly: role.isReadOnly || role.effectiveDataActions.every((a) => a.endsWith('/read') || set.readActions.includes(a)),
    known,
    service: { roleSet: set.id, service: set.service, resourceType: set.resourceType, runsAsResourceIdentity },
  };
}

function widest(set: ServiceRoleSet): ServiceRoleRecord {
  return set.roles.find((r) => r.name === set.widest)!;
}

/** A role of the set that cannot be read: the set's widest role, named as written. */
function unknownServiceRole(set: ServiceRoleSet, written: string | undefined): GraphRole {
  const record = widest(set);
  const name = `unknown ${set.service} role (${written ?? 'no role given'}), counted as its widest, ${record.name}`;
  return graphRole(set, builtInRole(set, record), record.runsAsResourceIdentity !== undefined, false, name);
}

function knownServiceRole(set: ServiceRoleSet, record: ServiceRoleRecord): GraphRole {
  return graphRole(set, builtInRole(set, record), record.runsAsResourceIdentity !== undefined, true);
}

/**
 * The role of a service role assignment: by name (Synapse's `role_name`, built-in names and
 * their former names), or by role definition ID (Cosmos DB's `role_definition_id`: a built-in by
 * the GUID it ends in, a custom role defined in the document by its data actions, a data
 * source with a literal built-in `role_definition_id`). Whatever cannot be read is the widest
 * role of the set.
 */
export function serviceRoleOf(set: ServiceRoleSet, body: Record<string, unknown>, index: DocumentIndex): GraphRole {
  if (set.roleBy === 'name') {
    const name = text(body, 'role_name');
    const lower = name?.toLowerCase();
    const record = lower === undefined ? undefined
      : set.roles.find((r) => r.name.toLowerCase() === lower || (r.aliases ?? []).some((a) => a.toLowerCase() === lower));
    return record ? knownServiceRole(set, record) : unknownServiceRole(set, name);
  }
  const id = text(body, 'role_definition_id');
  const builtIn = builtInById(set, id);
  if (builtIn) return knownServiceRole(set, builtIn);
  const reference = id === undefined ? undefined : parseReference(id);
  const target = reference === undefined || !set.definitionTypes.includes(reference.type) ? undefined : index.get(reference.address);
  if (reference !== undefined && target !== undefined && (reference.attribute === 'id' || reference.attribute === 'role_definition_id')) {
    // A data source reads a role that exists: a built-in by its literal GUID.
    if (reference.isData) {
      const read = builtInById(set, text(target.body, 'role_definition_id'));
      return read ? knownServiceRole(set, read) : unknownServiceRole(set, id);
    }
    return customRole(set, target.body, id!);
  }
  return unknownServiceRole(set, id);
}

const GUID_AT_END = new RegExp(`(${GUID_PATTERN})$`, 'i');

/** A built-in role of the set by the GUID a role definition ID (or the GUID alone) ends in. */
function builtInById(set: ServiceRoleSet, id: string | undefined): ServiceRoleRecord | undefined {
  const guid = id === undefined ? undefined : GUID_AT_END.exec(id.trim())?.[1].toLowerCase();
  return guid === undefined ? undefined : set.roles.find((r) => r.id === guid);
}

/** A custom role of the set defined in the document: its literal data actions, or the widest role's where they cannot be read. */
function customRole(set: ServiceRoleSet, body: Record<string, unknown>, written: string): GraphRole {
  const actions = nestedBlocks(body.permissions).map((p) => p.data_actions);
  const literal = actions.length > 0 && actions.every((a) => Array.isArray(a) && a.every((x) => typeof x === 'string' && !x.includes('${')));
  const name = text(body, 'name') ?? written;
  if (!literal) return unknownServiceRole(set, name);
  return graphRole(set, roleOf(set, name, (actions as string[][]).flat()), false, true);
}

/**
 * Where a service role assignment grants: its scope as written, and where it is. The service's
 * role assignments are children of the account (or workspace) and Azure accepts no scope outside
 * it, so a scope that cannot be read (`${var.cosmos_db_id}/dbs/memory`) is that account, a
 * resource: for Cosmos DB the account the block names by `account_name` and `resource_group_name`.
 */
export function serviceAssignmentScope(block: TerraformBlock, written: GraphScope, placement: ResourcePlacement):
{ scope: GraphScope; at: GraphPlacement } {
  if (written.level !== ScopeLevel.UNKNOWN) return { scope: written, at: placement.locate(written.value) };
  const group = placement.resolveName(text(block.body, 'resource_group_name'));
  const name = placement.resolveName(text(block.body, 'account_name'));
  const account = placement.findResource(group, name);
  const at: GraphPlacement = account ? placement.placementOf(account)
    : { level: ScopeLevel.RESOURCE, ...(group === undefined ? {} : { group }), ...(name === undefined ? {} : { name }) };
  return { scope: { ...written, level: ScopeLevel.RESOURCE, ...(written.name === undefined && name !== undefined ? { name } : {}) }, at };
}
