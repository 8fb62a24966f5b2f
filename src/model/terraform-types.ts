import { PrincipalKind } from './principal-kind';
import { ScopeLevel } from './scope-level';

/**
 * What a Terraform type means for access, in one table that the constructs (`Scope.of`,
 * `Principal.fromAzureadObject`), the reader and audit all read:
 * - as a scope: which attribute holds its Azure Resource Manager ID, and that ID's level;
 * - as a principal: which attribute holds its object ID, and what kind of principal it is.
 */

/** How a type's ARM ID is read, when the type is a scope. */
export interface ScopeFacts {
  readonly level: ScopeLevel;
  /**
   * The attribute that holds the ARM ID. For most types `id`; for some, `id` is a data-plane URL
   * (Key Vault secrets and keys) or a URL for a storage object, and the ARM ID is elsewhere.
   */
  readonly armIdAttribute: string;
  /** Text that stands before the attribute to make the ARM ID (the subscription resource's GUID). */
  readonly armIdPrefix?: string;
}

/** How a principal is read from a type. */
export interface PrincipalFacts {
  readonly kind: PrincipalKind;
  /** The attributes that hold its object ID. */
  readonly objectIdAttributes: readonly string[];
}

// Types whose ARM ID is a scope wider than a resource. Every other azurerm type is a resource.
const WIDER_THAN_RESOURCE: ReadonlyMap<string, ScopeFacts> = new Map([
  ['azurerm_resource_group', { level: ScopeLevel.RESOURCE_GROUP, armIdAttribute: 'id' }],
  // The resource's `id` is the subscription alias; its scope is `/subscriptions/<subscription_id>`.
  ['azurerm_subscription', { level: ScopeLevel.SUBSCRIPTION, armIdAttribute: 'subscription_id', armIdPrefix: '/subscriptions/' }],
  ['data.azurerm_subscription', { level: ScopeLevel.SUBSCRIPTION, armIdAttribute: 'id' }],
  ['azurerm_management_group', { level: ScopeLevel.MANAGEMENT_GROUP, armIdAttribute: 'id' }],
]);

// Resources whose `id` is not their ARM ID (from the provider schemas: the attribute that is).
const ARM_ID_ATTRIBUTE: ReadonlyMap<string, string> = new Map([
  ['azurerm_key_vault_secret', 'resource_versionless_id'],
  ['azurerm_key_vault_key', 'resource_versionless_id'],
  ['azurerm_key_vault_certificate', 'resource_manager_versionless_id'],
  ['azurerm_storage_queue', 'resource_manager_id'],
  ['azurerm_storage_share', 'resource_manager_id'],
  ['azurerm_storage_table', 'resource_manager_id'],
]);

// azurerm types whose `id` names no ARM scope at all.
const NOT_A_SCOPE: ReadonlySet<string> = new Set(['azurerm_client_config', 'azurerm_subscriptions', 'azurerm_role_definition']);

const PRINCIPALS: ReadonlyMap<string, PrincipalFacts> = new Map([
  ['azuread_user', { kind: PrincipalKind.HUMAN, objectIdAttributes: ['object_id', 'id'] }],
  ['azuread_group', { kind: PrincipalKind.GROUP, objectIdAttributes: ['object_id', 'id'] }],
  ['azuread_service_principal', { kind: PrincipalKind.APPLICATION, objectIdAttributes: ['object_id', 'id'] }],
  ['azurerm_user_assigned_identity', { kind: PrincipalKind.MANAGED_IDENTITY, objectIdAttributes: ['principal_id'] }],
]);

/**
 * The scope facts of a Terraform type, or undefined when it is no ARM scope (not an azurerm
 * type, or one whose `id` names no scope). Data sources are the resource type's facts unless
 * the data source differs (`data.azurerm_subscription`'s `id` already is the subscription).
 */
export function scopeFactsOf(type: string, isData: boolean): ScopeFacts | undefined {
  if (!type.startsWith('azurerm_') || NOT_A_SCOPE.has(type)) return undefined;
  const wider = (isData ? WIDER_THAN_RESOURCE.get(`data.${type}`) : undefined) ?? WIDER_THAN_RESOURCE.get(type);
  if (wider) return wider;
  return { level: ScopeLevel.RESOURCE, armIdAttribute: ARM_ID_ATTRIBUTE.get(type) ?? 'id' };
}

/** The principal facts of a Terraform type (resource or data source), or undefined when it is no principal. */
export function principalFactsOf(type: string): PrincipalFacts | undefined {
  return PRINCIPALS.get(type);
}

/** The azuread types a principal can be read from, for error messages. */
export function azureadPrincipalTypes(): string[] {
  return [...PRINCIPALS.keys()].filter((t) => t.startsWith('azuread_'));
}
