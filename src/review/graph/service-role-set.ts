/**
 * A service's own role system beside Azure RBAC (Cosmos DB's SQL roles, Synapse RBAC): its
 * built-in roles with their data actions, and which of them is the widest, so that a role of
 * the set that cannot be read counts as that, never as an Azure control-plane Owner. Read from
 * data/service-role-sets.json (service-role-sets.generated.ts).
 */
export interface ServiceRoleSet {
  /** `cosmosdb-sql`, `synapse`. */
  readonly id: string;
  /** For people: `Azure Cosmos DB for NoSQL`. */
  readonly service: string;
  /** The ARM type whose data plane the roles act on, and at or under which they are assigned. */
  readonly resourceType: string;
  /** The Terraform type that assigns a role of the set. */
  readonly assignmentType: string;
  /** Terraform types that define a custom role of the set (none where the service has no custom roles). */
  readonly definitionTypes: readonly string[];
  /** How an assignment names its role: by the role definition's ID (ending in its GUID), or by the role's name. */
  readonly roleBy: 'id' | 'name';
  /** The data actions that only read (the service's own names for reading: `readMetadata`, `executeQuery`, `viewLogs`). */
  readonly readActions: readonly string[];
  /** The name of the widest role: what a role of the set that cannot be read counts as. */
  readonly widest: string;
  readonly roles: readonly ServiceRoleRecord[];
}

/** One built-in role of a service role set. */
export interface ServiceRoleRecord {
  /** The GUID its role definition ID ends in, where the service has one. */
  readonly id?: string;
  readonly name: string;
  /** Other names an assignment may give it (earlier names the provider still accepts). */
  readonly aliases?: readonly string[];
  readonly dataActions: readonly string[];
  /** Why the role acts as the resource's own managed identity, when it does (the docs' words). */
  readonly runsAsResourceIdentity?: string;
}
