import { GLOBAL_ADMINISTRATOR_TEMPLATE_ID } from './entra-capability';

/**
 * What opening a path lets its holder do within the scope where it holds the role. The data
 * says which operations open a path; which Terraform resources a path reaches, and how, is
 * knowledge of the azurerm provider, so it lives here, next to the code that follows it.
 */
export type EscalationEffect =
  /** Run code on a resource of these types within the scope, as the identities attached to it. */
  | { readonly kind: 'run-as'; readonly resourceTypes: readonly string[]; readonly verb: string }
  /** Act as any user-assigned identity within the scope (attach it, federate it, run under it). */
  | { readonly kind: 'use-identity'; readonly verb: string }
  /** Overwrite a function app's code in a storage account within the scope, then run as the app. */
  | { readonly kind: 'function-content' }
  /** Get a role that can grant access, at the held scope, its subscription, or root. */
  | { readonly kind: 'grant-roles'; readonly role: string; readonly at: 'held' | 'subscription' | 'root'; readonly verb: string }
  /** Data or credentials at the held scope that no role assignment shows. */
  | { readonly kind: 'access'; readonly what: string };

const VMS = ['azurerm_linux_virtual_machine', 'azurerm_windows_virtual_machine', 'azurerm_virtual_machine'];
const SCALE_SETS = [
  'azurerm_linux_virtual_machine_scale_set',
  'azurerm_windows_virtual_machine_scale_set',
  'azurerm_orchestrated_virtual_machine_scale_set',
  'azurerm_virtual_machine_scale_set',
];
const ARC_MACHINES = ['azurerm_arc_machine'];
/** Function apps: their identity runs the code in their storage account. */
export const FUNCTION_APPS = [
  'azurerm_linux_function_app',
  'azurerm_windows_function_app',
  'azurerm_function_app',
  'azurerm_linux_function_app_slot',
  'azurerm_windows_function_app_slot',
  'azurerm_function_app_slot',
];
const WEB_APPS = [
  'azurerm_linux_web_app',
  'azurerm_windows_web_app',
  'azurerm_app_service',
  'azurerm_linux_web_app_slot',
  'azurerm_windows_web_app_slot',
  'azurerm_app_service_slot',
  ...FUNCTION_APPS,
];
const LOGIC_APPS = ['azurerm_logic_app_workflow', 'azurerm_logic_app_standard'];
const POLICY_ASSIGNMENTS = [
  'azurerm_resource_group_policy_assignment',
  'azurerm_subscription_policy_assignment',
  'azurerm_management_group_policy_assignment',
  'azurerm_resource_policy_assignment',
  'azurerm_policy_assignment',
];

const runAs = (resourceTypes: string[], verb = 'runs as'): EscalationEffect => ({ kind: 'run-as', resourceTypes, verb });
const access = (what: string): EscalationEffect => ({ kind: 'access', what });

/**
 * What must hold, besides holding an operation that opens the path, for its effects to apply.
 * Each condition is Microsoft's documented behaviour, named with its source; reach applies an
 * effect only where every condition of its path holds, so no chain claims what Azure refuses.
 */
export interface EffectConditions {
  /**
   * The Entra directory role (template ID) the caller must also hold: elevateAccess works only
   * for a Global Administrator; the Azure action alone elevates nothing.
   */
  readonly callerEntraRole?: { readonly templateId: string; readonly name: string };
  /** The caller must hold a custom role: only custom roles can be rewritten, built-in ones cannot. */
  readonly callerHoldsCustomRole?: boolean;
  /**
   * ARM resource types that must lie within the scope for the effect to have anything to act on.
   * At a scope that is one resource of type T, only T and its child types (`T/...`) are within
   * it; at a resource group or wider, resources the input does not declare may be there, so the
   * condition holds (unknown is the widest).
   */
  readonly scopeContains?: readonly string[];
  /**
   * The resource must have its local accounts on: an AKS cluster with `local_account_disabled =
   * true` hands out no working admin credential, so the path reaches nothing on it, unless the
   * holder can turn them back on (`reenabledBy`, an operation on the resource), then take it.
   */
  readonly localAccounts?: { readonly reenabledBy: string };
  /** When Microsoft retired the mechanism: a retired path opens nothing. */
  readonly retired?: { readonly on: string; readonly source: string };
  /** Where the conditions are documented. */
  readonly source?: string;
}

/** A path's effects and the conditions under which they apply. */
export interface PathEffects {
  readonly effects: readonly EscalationEffect[];
  readonly conditions?: EffectConditions;
}

const GLOBAL_ADMINISTRATOR = { templateId: GLOBAL_ADMINISTRATOR_TEMPLATE_ID, name: 'Global Administrator' };
const KEY_VAULTS = 'Microsoft.KeyVault/vaults';
const STORAGE_ACCOUNTS = 'Microsoft.Storage/storageAccounts';

const EFFECTS: Record<string, PathEffects> = {
  'rbac-role-assignment-write': { effects: [{ kind: 'grant-roles', role: 'any role (Owner included)', at: 'held', verb: 'can assign itself' }] },
  'rbac-custom-role-definition-write': {
    effects: [{ kind: 'grant-roles', role: 'a custom role it holds, rewritten to Owner\'s actions', at: 'held', verb: 'can widen' }],
    conditions: {
      callerHoldsCustomRole: true,
      source: 'learn.microsoft.com/azure/role-based-access-control/custom-roles: built-in roles cannot be modified',
    },
  },
  'rbac-elevate-access-root': {
    effects: [{ kind: 'grant-roles', role: 'User Access Administrator', at: 'root', verb: 'can elevate itself to' }],
    conditions: {
      callerEntraRole: GLOBAL_ADMINISTRATOR,
      source: 'learn.microsoft.com/azure/role-based-access-control/elevate-access-global-admin: only a Global Administrator can elevate',
    },
  },
  'rbac-classic-coadministrator-write': {
    effects: [{ kind: 'grant-roles', role: 'Owner (classic Co-Administrator)', at: 'subscription', verb: 'can make itself' }],
    conditions: {
      retired: { on: '2024-08-31', source: 'learn.microsoft.com/azure/role-based-access-control/classic-administrators: classic administrators were retired on August 31, 2024' },
    },
  },
  'policy-assignment-with-privileged-uami': { effects: [{ kind: 'use-identity', verb: 'assigns a remediating policy that runs as' }] },
  'policy-definition-tamper-remediation': { effects: [runAs(POLICY_ASSIGNMENTS, 'rewrites the remediation that runs as')] },
  'uami-assign-to-controlled-resource': { effects: [{ kind: 'use-identity', verb: 'attaches to a resource it writes and runs as' }] },
  'uami-federated-credential-write': { effects: [{ kind: 'use-identity', verb: 'adds a federated credential and signs in as' }] },
  'vm-run-command': { effects: [runAs(VMS)] },
  'vm-extension-write': { effects: [runAs([...VMS, ...SCALE_SETS], 'installs an extension that runs as')] },
  'vm-entra-admin-login': { effects: [runAs([...VMS, ...ARC_MACHINES], 'signs in as local administrator and runs as')] },
  'arc-machine-code-exec': { effects: [runAs(ARC_MACHINES)] },
  'keyvault-access-policy-self-grant': {
    effects: [access('Key Vault data through an access policy it writes itself')],
    conditions: { scopeContains: [KEY_VAULTS] },
  },
  'keyvault-secret-read': { effects: [access('Key Vault secret values')], conditions: { scopeContains: [`${KEY_VAULTS}/secrets`] } },
  'keyvault-template-deploy-secret': { effects: [access('Key Vault secrets through ARM deployments')], conditions: { scopeContains: [KEY_VAULTS] } },
  'storage-account-shared-key': {
    effects: [access('all storage account data (Shared Key)'), { kind: 'function-content' }],
    conditions: { scopeContains: [STORAGE_ACCOUNTS] },
  },
  'storage-function-code-overwrite': { effects: [{ kind: 'function-content' }] },
  'webapp-code-deploy': { effects: [runAs(WEB_APPS, 'deploys code that runs as')] },
  'functionapp-master-key': { effects: [runAs(FUNCTION_APPS, 'uses the master key to run code as')] },
  'logic-app-workflow-write': { effects: [runAs(LOGIC_APPS, 'edits a workflow that runs as')] },
  'automation-runbook-exec': { effects: [runAs(['azurerm_automation_account'], 'runs a runbook as')] },
  'aks-cluster-admin-credential': {
    effects: [access('cluster-admin on AKS clusters'), runAs(['azurerm_kubernetes_cluster'], 'as cluster-admin runs pods as')],
    conditions: {
      scopeContains: ['Microsoft.ContainerService/managedClusters'],
      localAccounts: { reenabledBy: 'Microsoft.ContainerService/managedClusters/write' },
      source: 'learn.microsoft.com/azure/aks/manage-local-accounts-managed-azure-ad: with local accounts disabled, the admin credential no longer works',
    },
  },
  'aks-run-command': { effects: [runAs(['azurerm_kubernetes_cluster'])] },
  'container-instance-exec': { effects: [runAs(['azurerm_container_group'], 'execs into a container that runs as')] },
  'container-app-exec': { effects: [runAs(['azurerm_container_app', 'azurerm_container_app_job'], 'opens a console that runs as')] },
  'acr-task-identity': { effects: [runAs(['azurerm_container_registry_task'], 'edits a registry task that runs as')] },
  'deployment-script-uami': { effects: [{ kind: 'use-identity', verb: 'runs a deployment script as' }] },
};

/**
 * The effects of a path and their conditions. A path this code does not know (a table
 * regenerated from newer data) is reported as access at the held scope under its own title,
 * never dropped.
 */
export function effectsOfPath(pathId: string, title: string): PathEffects {
  return Object.hasOwn(EFFECTS, pathId) ? EFFECTS[pathId] : { effects: [access(title)] };
}

/** The effects of a path, whatever their conditions. */
export function effectsOf(pathId: string, title: string): readonly EscalationEffect[] {
  return effectsOfPath(pathId, title).effects;
}

/** The path IDs this module knows how to follow; a test checks it covers the whole table. */
export function knownEffectPaths(): string[] {
  return Object.keys(EFFECTS);
}
