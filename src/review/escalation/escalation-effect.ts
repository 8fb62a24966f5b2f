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

const EFFECTS: Record<string, EscalationEffect[]> = {
  'rbac-role-assignment-write': [{ kind: 'grant-roles', role: 'any role (Owner included)', at: 'held', verb: 'can assign itself' }],
  'rbac-custom-role-definition-write': [
    { kind: 'grant-roles', role: 'a custom role it holds, rewritten to Owner\'s actions', at: 'held', verb: 'can widen' },
  ],
  'rbac-elevate-access-root': [{ kind: 'grant-roles', role: 'User Access Administrator', at: 'root', verb: 'can elevate itself to' }],
  'rbac-classic-coadministrator-write': [
    { kind: 'grant-roles', role: 'Owner (classic Co-Administrator)', at: 'subscription', verb: 'can make itself' },
  ],
  'policy-assignment-with-privileged-uami': [{ kind: 'use-identity', verb: 'assigns a remediating policy that runs as' }],
  'policy-definition-tamper-remediation': [runAs(POLICY_ASSIGNMENTS, 'rewrites the remediation that runs as')],
  'uami-assign-to-controlled-resource': [{ kind: 'use-identity', verb: 'attaches to a resource it writes and runs as' }],
  'uami-federated-credential-write': [{ kind: 'use-identity', verb: 'adds a federated credential and signs in as' }],
  'vm-run-command': [runAs(VMS)],
  'vm-extension-write': [runAs([...VMS, ...SCALE_SETS], 'installs an extension that runs as')],
  'vm-entra-admin-login': [runAs([...VMS, ...ARC_MACHINES], 'signs in as local administrator and runs as')],
  'arc-machine-code-exec': [runAs(ARC_MACHINES)],
  'keyvault-access-policy-self-grant': [access('Key Vault data through an access policy it writes itself')],
  'keyvault-secret-read': [access('Key Vault secret values')],
  'keyvault-template-deploy-secret': [access('Key Vault secrets through ARM deployments')],
  'storage-account-shared-key': [access('all storage account data (Shared Key)'), { kind: 'function-content' }],
  'storage-function-code-overwrite': [{ kind: 'function-content' }],
  'webapp-code-deploy': [runAs(WEB_APPS, 'deploys code that runs as')],
  'functionapp-master-key': [runAs(FUNCTION_APPS, 'uses the master key to run code as')],
  'logic-app-workflow-write': [runAs(LOGIC_APPS, 'edits a workflow that runs as')],
  'automation-runbook-exec': [runAs(['azurerm_automation_account'], 'runs a runbook as')],
  'aks-cluster-admin-credential': [access('cluster-admin on AKS clusters'), runAs(['azurerm_kubernetes_cluster'], 'as cluster-admin runs pods as')],
  'aks-run-command': [runAs(['azurerm_kubernetes_cluster'])],
  'container-instance-exec': [runAs(['azurerm_container_group'], 'execs into a container that runs as')],
  'container-app-exec': [runAs(['azurerm_container_app', 'azurerm_container_app_job'], 'opens a console that runs as')],
  'acr-task-identity': [runAs(['azurerm_container_registry_task'], 'edits a registry task that runs as')],
  'deployment-script-uami': [{ kind: 'use-identity', verb: 'runs a deployment script as' }],
};

/**
 * The effects of a path. A path this code does not know (a table regenerated from newer data)
 * is reported as access at the held scope under its own title, never dropped.
 */
export function effectsOf(pathId: string, title: string): readonly EscalationEffect[] {
  return EFFECTS[pathId] ?? [access(title)];
}

/** The path IDs this module knows how to follow; a test checks it covers the whole table. */
export function knownEffectPaths(): string[] {
  return Object.keys(EFFECTS);
}
