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

/** Which attribute holds a type's ARM ID, when it is not `id`. */
interface ArmIdAttribute {
  readonly attribute: string;
  /** When this argument is set, the ARM ID is in `id` instead (the newer form of a storage object). */
  readonly idWhenArgument?: string;
}

// Resources whose `id` is not (always) their ARM ID, from the provider schemas: the attribute that
// is. Storage containers, queues and shares declared with `storage_account_id` (azurerm 4.x) have
// the ARM ID as `id`; declared with the older `storage_account_name`, `id` is a URL.
const ARM_ID_ATTRIBUTE: ReadonlyMap<string, ArmIdAttribute> = new Map([
  ['azurerm_key_vault_secret', { attribute: 'resource_versionless_id' }],
  ['azurerm_key_vault_key', { attribute: 'resource_versionless_id' }],
  ['azurerm_key_vault_certificate', { attribute: 'resource_manager_versionless_id' }],
  ['azurerm_storage_container', { attribute: 'resource_manager_id', idWhenArgument: 'storage_account_id' }],
  ['azurerm_storage_queue', { attribute: 'resource_manager_id', idWhenArgument: 'storage_account_id' }],
  ['azurerm_storage_share', { attribute: 'resource_manager_id', idWhenArgument: 'storage_account_id' }],
  ['azurerm_storage_table', { attribute: 'resource_manager_id' }],
]);

// azurerm types that name no ARM scope, and why: a role assignment there fails at apply.
const NOT_A_SCOPE: ReadonlyMap<string, string> = new Map([
  ['azurerm_client_config', 'holds the caller\'s IDs, not a scope'],
  ['azurerm_subscriptions', 'lists subscriptions; pick one with data.azurerm_subscription'],
  ['azurerm_role_definition', 'is a role, not a scope'],
  ['azurerm_storage_blob', 'has a URL as its id; Azure RBAC applies at the blob\'s container or storage account (Scope.of(container))'],
  ['azurerm_storage_data_lake_gen2_path', 'has a URL as its id; Azure RBAC applies at the filesystem or the storage account, paths use ACLs'],
  ['azurerm_storage_share_file', 'has a URL as its id; Azure RBAC applies at the share or the storage account'],
  ['azurerm_storage_share_directory', 'has a URL as its id; Azure RBAC applies at the share or the storage account'],
  ['azurerm_key_vault_managed_hardware_security_module_key', 'is governed by the Managed HSM\'s local RBAC (azurerm_key_vault_managed_hardware_security_module_role_assignment), not Azure RBAC'],
]);

const PRINCIPALS: ReadonlyMap<string, PrincipalFacts> = new Map([
  ['azuread_user', { kind: PrincipalKind.HUMAN, objectIdAttributes: ['object_id', 'id'] }],
  ['azuread_group', { kind: PrincipalKind.GROUP, objectIdAttributes: ['object_id', 'id'] }],
  ['azuread_service_principal', { kind: PrincipalKind.APPLICATION, objectIdAttributes: ['object_id', 'id'] }],
  ['azurerm_user_assigned_identity', { kind: PrincipalKind.MANAGED_IDENTITY, objectIdAttributes: ['principal_id'] }],
]);

/**
 * The scope facts of a Terraform type, or undefined when it is no ARM scope (not an azurerm
 * type, or one that names no scope). Data sources are the resource type's facts unless the data
 * source differs (`data.azurerm_subscription`'s `id` already is the subscription). Where the
 * attribute depends on how the block is declared, `hasArgument` tells which arguments it sets;
 * without it the older form is assumed.
 */
export function scopeFactsOf(type: string, isData: boolean, hasArgument: (name: string) => boolean = () => false): ScopeFacts | undefined {
  if (!type.startsWith('azurerm_') || NOT_A_SCOPE.has(type)) return undefined;
  const wider = (isData ? WIDER_THAN_RESOURCE.get(`data.${type}`) : undefined) ?? WIDER_THAN_RESOURCE.get(type);
  if (wider) return wider;
  const special = ARM_ID_ATTRIBUTE.get(type);
  const attribute = special === undefined || (special.idWhenArgument !== undefined && hasArgument(special.idWhenArgument)) ? 'id' : special.attribute;
  return { level: ScopeLevel.RESOURCE, armIdAttribute: attribute };
}

/** Why a Terraform type is no ARM scope, or undefined when it is one. */
export function whyNotAScope(type: string): string | undefined {
  if (!type.startsWith('azurerm_')) return 'is not an azurerm type; Azure role assignments take Azure Resource Manager scopes';
  return NOT_A_SCOPE.get(type);
}

/** The principal facts of a Terraform type (resource or data source), or undefined when it is no principal. */
export function principalFactsOf(type: string): PrincipalFacts | undefined {
  return PRINCIPALS.get(type);
}

/** The azuread types a principal can be read from, for error messages. */
export function azureadPrincipalTypes(): string[] {
  return [...PRINCIPALS.keys()].filter((t) => t.startsWith('azuread_'));
}

// The resource provider of the azurerm types that have a data plane, so that a data-plane role
// can be checked against the resource it is granted on. Types not listed are not judged.
const RESOURCE_PROVIDER: ReadonlyMap<string, string> = new Map([
  ...['azurerm_key_vault', 'azurerm_key_vault_secret', 'azurerm_key_vault_key', 'azurerm_key_vault_certificate']
    .map((t) => [t, 'Microsoft.KeyVault'] as const),
  ...['azurerm_storage_account', 'azurerm_storage_container', 'azurerm_storage_queue', 'azurerm_storage_share', 'azurerm_storage_table']
    .map((t) => [t, 'Microsoft.Storage'] as const),
  ['azurerm_app_configuration', 'Microsoft.AppConfiguration'],
  ...['azurerm_servicebus_namespace', 'azurerm_servicebus_queue', 'azurerm_servicebus_topic'].map((t) => [t, 'Microsoft.ServiceBus'] as const),
  ...['azurerm_eventhub_namespace', 'azurerm_eventhub'].map((t) => [t, 'Microsoft.EventHub'] as const),
  ...['azurerm_eventgrid_topic', 'azurerm_eventgrid_domain'].map((t) => [t, 'Microsoft.EventGrid'] as const),
  ['azurerm_cosmosdb_account', 'Microsoft.DocumentDB'],
  ['azurerm_search_service', 'Microsoft.Search'],
  ['azurerm_cognitive_account', 'Microsoft.CognitiveServices'],
  ['azurerm_container_registry', 'Microsoft.ContainerRegistry'],
  ['azurerm_kubernetes_cluster', 'Microsoft.ContainerService'],
  ...['azurerm_signalr_service', 'azurerm_web_pubsub'].map((t) => [t, 'Microsoft.SignalRService'] as const),
  ['azurerm_digital_twins_instance', 'Microsoft.DigitalTwins'],
  ['azurerm_iothub', 'Microsoft.Devices'],
  ['azurerm_machine_learning_workspace', 'Microsoft.MachineLearningServices'],
  ['azurerm_synapse_workspace', 'Microsoft.Synapse'],
]);

/** The resource provider namespace of an azurerm type with a data plane (`Microsoft.KeyVault`), when known. */
export function resourceProviderOf(type: string): string | undefined {
  return RESOURCE_PROVIDER.get(type);
}

