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
  /** Other attributes that hold the same ARM ID, whole (an azapi resource's `output.id`, its response's `id`). */
  readonly alsoArmIdAttributes?: readonly string[];
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
  // One per resource group, and the provider gives it the group's own ID (commonids.NewResourceGroupID).
  ['azurerm_eventgrid_partner_configuration', { level: ScopeLevel.RESOURCE_GROUP, armIdAttribute: 'id' }],
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

// azurerm types that name no ARM scope, and why: a role assignment there fails at apply. Read from
// the `id` each resource's import section gives in hashicorp/terraform-provider-azurerm
// (website/docs/r, commit 69697b7fe6a923fc89e88f386bc95c3ed1ee2ec6, 2026-08-21): a URL, or two
// IDs (an ID and a name) joined by `|`; every other resource there is imported by an ARM ID.
const DATA_PLANE_URL = 'has a data-plane URL as its id, not an Azure Resource Manager ID';
const JOINED_ID = 'has an id made of two IDs (or an ID and a name) joined by "|", not one Azure Resource Manager ID';
const NOT_A_SCOPE: ReadonlyMap<string, string> = new Map([
  ['azurerm_client_config', 'holds the caller\'s IDs, not a scope'],
  ['azurerm_subscriptions', 'lists subscriptions; pick one with data.azurerm_subscription'],
  ['azurerm_role_definition', 'is a role, not a scope'],
  ['azurerm_location', 'names a region of the subscription, not a scope'],
  ['azurerm_resource_provider_registration', 'is a resource provider\'s registration in a subscription, not a scope'],
  ['azurerm_storage_blob', 'has a URL as its id; Azure RBAC applies at the blob\'s container or storage account (Scope.of(container))'],
  ['azurerm_storage_data_lake_gen2_path', 'has a URL as its id; Azure RBAC applies at the filesystem or the storage account, paths use ACLs'],
  ['azurerm_storage_data_lake_gen2_filesystem', 'has a URL as its id; Azure RBAC applies at the storage account or at the filesystem as a container (azurerm_storage_container)'],
  ['azurerm_storage_share_file', 'has a URL as its id; Azure RBAC applies at the share or the storage account'],
  ['azurerm_storage_share_directory', 'has a URL as its id; Azure RBAC applies at the share or the storage account'],
  ['azurerm_key_vault_managed_hardware_security_module_key', 'is governed by the Managed HSM\'s local RBAC (azurerm_key_vault_managed_hardware_security_module_role_assignment), not Azure RBAC'],
  ...[
    'azurerm_app_configuration_feature',
    'azurerm_app_configuration_key',
    'azurerm_key_vault_certificate_contacts',
    'azurerm_key_vault_certificate_issuer',
    'azurerm_key_vault_managed_hardware_security_module_key_rotation_policy',
    'azurerm_key_vault_managed_hardware_security_module_role_assignment',
    'azurerm_key_vault_managed_hardware_security_module_role_definition',
    'azurerm_key_vault_managed_storage_account',
    'azurerm_key_vault_managed_storage_account_sas_token_definition',
    'azurerm_storage_table_entity',
  ].map((t) => [t, DATA_PLANE_URL] as const),
  ...[
    'azurerm_app_service_certificate_binding',
    'azurerm_automation_job_schedule',
    'azurerm_communication_service_email_domain_association',
    'azurerm_monitor_diagnostic_setting',
    'azurerm_nat_gateway_public_ip_association',
    'azurerm_nat_gateway_public_ip_prefix_association',
    'azurerm_network_interface_application_gateway_backend_address_pool_association',
    'azurerm_network_interface_application_security_group_association',
    'azurerm_network_interface_backend_address_pool_association',
    'azurerm_network_interface_nat_rule_association',
    'azurerm_network_interface_security_group_association',
    'azurerm_network_manager_deployment',
    'azurerm_pim_active_role_assignment',
    'azurerm_pim_eligible_role_assignment',
    'azurerm_postgresql_flexible_server_virtual_endpoint',
    'azurerm_private_endpoint_application_security_group_association',
    'azurerm_role_management_policy',
    'azurerm_synapse_role_assignment',
    'azurerm_virtual_desktop_scaling_plan_host_pool_association',
    'azurerm_virtual_desktop_workspace_application_group_association',
    'azurerm_virtual_machine_gallery_application_assignment',
  ].map((t) => [t, JOINED_ID] as const),
]);

// azapi types whose ID is an ARM ID, of the resource their `type` names: `azapi_resource` (and its
// data source, and `azapi_update_resource`) by `id` or by the response's `output.id`,
// `data.azapi_resource_id` by `id`.
const AZAPI_RESOURCES = new Set(['azapi_resource', 'azapi_update_resource']);
const AZAPI_DATA_SOURCES = new Set(['azapi_resource', 'azapi_resource_id']);

// ARM types whose ID is wider than a resource; every other ARM type (a child resource, an
// extension resource at any parent, a tenant-level resource) has a resource's ID.
const AZAPI_WIDER_THAN_RESOURCE: ReadonlyMap<string, ScopeLevel> = new Map([
  ['microsoft.resources/resourcegroups', ScopeLevel.RESOURCE_GROUP],
  ['microsoft.resources/subscriptions/resourcegroups', ScopeLevel.RESOURCE_GROUP],
  ['microsoft.resources/subscriptions', ScopeLevel.SUBSCRIPTION],
  ['microsoft.management/managementgroups', ScopeLevel.MANAGEMENT_GROUP],
]);

/**
 * The scope facts of an azapi block from its `type` as written (`Microsoft.X/y@2024-01-01`): the
 * API version may be an expression, the ARM type before it decides. A type that cannot be read
 * is an ARM ID of a level unknown (the widest).
 */
export function azapiScopeFacts(type: unknown, isData: boolean, dataType: string = 'azapi_resource'): ScopeFacts {
  const armType = typeof type === 'string' ? type.split('@')[0] : undefined;
  const readable = armType !== undefined && !armType.includes('${') && /^[A-Za-z0-9.]+\/[A-Za-z0-9/]+$/.test(armType);
  const level = !readable ? ScopeLevel.UNKNOWN : AZAPI_WIDER_THAN_RESOURCE.get(armType.toLowerCase()) ?? ScopeLevel.RESOURCE;
  const response = !isData || dataType === 'azapi_resource' ? { alsoArmIdAttributes: ['output.id'] } : {};
  return { level, armIdAttribute: 'id', ...response };
}

/** Whether a type is an azapi resource or data source whose `id` is an ARM ID. */
export function isAzapiScopeType(type: string, isData: boolean): boolean {
  return (isData ? AZAPI_DATA_SOURCES : AZAPI_RESOURCES).has(type);
}

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

/**
 * The scope facts of a declared block, read with its arguments where they decide: an azapi
 * resource's `type`, the form a storage object is declared in. Undefined when it is no ARM scope.
 */
export function scopeFactsOfDeclared(type: string, isData: boolean, body: Readonly<Record<string, unknown>> | undefined): ScopeFacts | undefined {
  const argument = (name: string) => (body !== undefined && Object.hasOwn(body, name) ? body[name] : undefined);
  if (isAzapiScopeType(type, isData)) return azapiScopeFacts(argument('type'), isData, type);
  return scopeFactsOf(type, isData, (name) => argument(name) !== undefined);
}

/** Whether a reference to this attribute is the ARM ID the facts describe, whole. */
export function holdsArmId(facts: ScopeFacts, attribute: string): boolean {
  return facts.armIdPrefix === undefined && (attribute === facts.armIdAttribute || (facts.alsoArmIdAttributes ?? []).includes(attribute));
}

/** The ARM IDs a data source returns as a list: each element holds one in `attribute`, all of one level. */
interface ListedArmIds {
  /** The list attribute (`resources`). */
  readonly list: string;
  readonly attribute: string;
  readonly level: ScopeLevel;
}

// Data sources that list existing ARM objects, by type. `data.azurerm_resources` lists resources
// (it calls Resources - List, which returns resources, never a group, a subscription or a
// management group): every element's `id` is a resource's ID, of a name known only at apply.
const LISTED_ARM_IDS: ReadonlyMap<string, ListedArmIds> = new Map([
  ['azurerm_resources', { list: 'resources', attribute: 'id', level: ScopeLevel.RESOURCE }],
]);

/**
 * The level of an ARM ID one element of a data source's list holds (`resources` and `id` of
 * `data.azurerm_resources`: a resource), whichever element; undefined for anything else.
 */
export function listedArmIdLevel(dataSourceType: string, list: string, attribute: string): ScopeLevel | undefined {
  const listed = LISTED_ARM_IDS.get(dataSourceType);
  return listed !== undefined && listed.list === list && listed.attribute === attribute ? listed.level : undefined;
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

