import { projectKind } from './project-kind';
import { PrincipalKind } from '../../model/principal-kind';
import { ScopeLevel } from '../../model/scope-level';
import { terraformTypeOfArm } from '../graph/arm-terraform-types';
import { GraphDirectoryObject, GraphPrincipal } from '../graph/graph-types';

/**
 * Which kinds each node of an OpenGraph export gets: BloodHound's Azure node kinds
 * (`packages/cue/bh/azure/azure.cue` of SpecterOps/BloodHound: AZUser, AZGroup,
 * AZServicePrincipal, AZApp, AZRole, AZSubscription, ...) where one fits, this project's where
 * none does. The first kind is the one BloodHound draws the node by. A managed identity is an
 * AZServicePrincipal in BloodHound (AzureHound collects it as one); its second kind says which.
 * The upload's source kind (AZBase) is added to every node by BloodHound, so it is not repeated.
 */

/** An Azure entity BloodHound has no kind for; AZBase is every Azure node's. */
const AZURE_ENTITY = 'AZBase';

const PRINCIPAL_KINDS: Readonly<Record<GraphPrincipal['kind'], readonly string[]>> = {
  [PrincipalKind.HUMAN]: ['AZUser'],
  [PrincipalKind.GROUP]: ['AZGroup'],
  [PrincipalKind.MANAGED_IDENTITY]: ['AZServicePrincipal', projectKind('ManagedIdentity')],
  [PrincipalKind.APPLICATION]: ['AZServicePrincipal'],
  // Who it is cannot be read: an Azure entity, no more.
  unknown: [AZURE_ENTITY],
};

const DIRECTORY_OBJECT_KINDS: Readonly<Record<GraphDirectoryObject['kind'], string>> = {
  'application': 'AZApp',
  'service-principal': 'AZServicePrincipal',
  'group': 'AZGroup',
  'user': 'AZUser',
};

const LEVEL_KINDS: Readonly<Record<Exclude<ScopeLevel, ScopeLevel.RESOURCE>, string>> = {
  [ScopeLevel.RESOURCE_GROUP]: 'AZResourceGroup',
  [ScopeLevel.SUBSCRIPTION]: 'AZSubscription',
  [ScopeLevel.MANAGEMENT_GROUP]: 'AZManagementGroup',
  // The root scope `/` is the tenant root management group.
  [ScopeLevel.ROOT]: 'AZManagementGroup',
  [ScopeLevel.UNKNOWN]: projectKind('Scope'),
};

// A Map: looked up by a type read from the input.
const RESOURCE_KINDS: ReadonlyMap<string, string> = new Map([
  ['azurerm_key_vault', 'AZKeyVault'],
  ['azurerm_virtual_machine', 'AZVM'],
  ['azurerm_linux_virtual_machine', 'AZVM'],
  ['azurerm_windows_virtual_machine', 'AZVM'],
  ['azurerm_virtual_machine_scale_set', 'AZVMScaleSet'],
  ['azurerm_linux_virtual_machine_scale_set', 'AZVMScaleSet'],
  ['azurerm_windows_virtual_machine_scale_set', 'AZVMScaleSet'],
  ['azurerm_orchestrated_virtual_machine_scale_set', 'AZVMScaleSet'],
  ['azurerm_automation_account', 'AZAutomationAccount'],
  ['azurerm_app_service', 'AZWebApp'],
  ['azurerm_linux_web_app', 'AZWebApp'],
  ['azurerm_windows_web_app', 'AZWebApp'],
  ['azurerm_function_app', 'AZFunctionApp'],
  ['azurerm_linux_function_app', 'AZFunctionApp'],
  ['azurerm_windows_function_app', 'AZFunctionApp'],
  ['azurerm_logic_app_workflow', 'AZLogicApp'],
  ['azurerm_logic_app_standard', 'AZLogicApp'],
  ['azurerm_container_registry', 'AZContainerRegistry'],
  ['azurerm_kubernetes_cluster', 'AZManagedCluster'],
  ['azurerm_resource_group', 'AZResourceGroup'],
  ['azurerm_subscription', 'AZSubscription'],
  ['azurerm_management_group', 'AZManagementGroup'],
]);

/** A resource of a type BloodHound has no kind for. */
const OTHER_RESOURCE = projectKind('Resource');

/** The kinds of a principal's node. */
export function principalKinds(kind: GraphPrincipal['kind']): string[] {
  return [...PRINCIPAL_KINDS[kind]];
}

/** The kinds of an Entra object the configuration declares (an application, service principal, group or user). */
export function directoryObjectKinds(kind: GraphDirectoryObject['kind']): string[] {
  return [DIRECTORY_OBJECT_KINDS[kind]];
}

/** The kinds of an Entra directory role's node. */
export function entraRoleKinds(): string[] {
  return ['AZRole'];
}

/**
 * The kinds of a scope or resource's node: by its level, and for a resource by its Terraform type
 * (or its ARM type, as `azurerm` names it), when either is known.
 */
export function scopeKinds(level: ScopeLevel, type?: string): string[] {
  if (level !== ScopeLevel.RESOURCE) return [LEVEL_KINDS[level]];
  return [resourceKind(type)];
}

/** The kind of a resource by its Terraform type or ARM type (`Microsoft.KeyVault/vaults`). */
export function resourceKind(type: string | undefined): string {
  if (type === undefined) return OTHER_RESOURCE;
  const terraformType = type.includes('/') ? terraformTypeOfArm(type) : type;
  return (terraformType === undefined ? undefined : RESOURCE_KINDS.get(terraformType)) ?? OTHER_RESOURCE;
}
