import { GraphRole } from './graph-types';
import { knownRole, unknownRole } from './resolve-role';
import { Role } from '../../roles/role';

/**
 * Roles of services with their own RBAC (Synapse workspaces, Cosmos DB's SQL API): they are not
 * in the Azure role catalog, so they are judged by name, conservatively. A name that says it
 * administers, owns, contributes, publishes, operates or manages counts as writing the service's
 * data plane; a name that says it only uses or reads counts as reading; any other name is
 * unknown, the widest (it may grant access).
 */
const WRITE = /administrator|owner|contributor|publisher|operator|manager/i;
const READ = /\b(user|reader)\b/i;

/** A service data-plane role known by name: `Synapse Administrator` on `Microsoft.Synapse/workspaces`. */
export function dataPlaneRoleByName(name: string | undefined, provider: string, guid?: string): GraphRole {
  if (name === undefined || name.includes('${')) return unknownRole(name ?? 'no role given');
  const write = WRITE.test(name);
  if (!write && !READ.test(name)) return unknownRole(name);
  const dataActions = write ? [`${provider}/*`] : [`${provider}/*/read`];
  return knownRole(Role._fromRecord({
    guid: guid ?? `${provider}:${name}`,
    name,
    description: `${provider} data-plane role, classified by its name (${write ? 'write' : 'read'}).`,
    builtIn: false,
    permissions: [{ actions: [], notActions: [], dataActions, notDataActions: [] }],
  }));
}

// Cosmos DB's built-in SQL roles, by the GUID that ends their role definition IDs.
const COSMOS_BUILT_IN: ReadonlyMap<string, string> = new Map([
  ['00000000-0000-0000-0000-000000000001', 'Cosmos DB Built-in Data Reader'],
  ['00000000-0000-0000-0000-000000000002', 'Cosmos DB Built-in Data Contributor'],
]);

/** The name of a Cosmos DB built-in SQL role from its role definition ID, when it is one. */
export function cosmosBuiltInRoleName(roleDefinitionId: string | undefined): string | undefined {
  const guid = roleDefinitionId === undefined ? undefined : /([0-9a-f-]{36})$/i.exec(roleDefinitionId)?.[1];
  return guid === undefined ? undefined : COSMOS_BUILT_IN.get(guid.toLowerCase());
}
