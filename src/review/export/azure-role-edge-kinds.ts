import { projectKind } from './project-kind';
import { RoleCatalog } from '../../roles/role-catalog';
import { GraphRole } from '../graph/graph-types';

/**
 * The Azure built-in roles BloodHound draws as an edge of their own (its ingest of AzureHound's
 * role assignments, `packages/go/ein/azure.go`, and the kind names of
 * `packages/cue/bh/azure/azure.cue` in SpecterOps/BloodHound; read, not copied). BloodHound's
 * documentation calls the Key Vault one `AZKeyVaultKVContributor`; the kind it stores, and
 * matches an upload by, is `AZKeyVaultContributor`. Keyed by the catalog's names, resolved to
 * role GUIDs once: a custom role that takes a built-in role's name is not that role.
 */
const BY_NAME: ReadonlyArray<readonly [role: string, edgeKind: string]> = [
  ['Owner', 'AZOwner'],
  ['User Access Administrator', 'AZUserAccessAdministrator'],
  ['Contributor', 'AZContributor'],
  ['Virtual Machine Contributor', 'AZVMContributor'],
  ['Avere Contributor', 'AZAvereContributor'],
  ['Virtual Machine Administrator Login', 'AZVMAdminLogin'],
  ['Key Vault Contributor', 'AZKeyVaultContributor'],
  ['Automation Contributor', 'AZAutomationContributor'],
  ['Website Contributor', 'AZWebsiteContributor'],
  ['Logic App Contributor', 'AZLogicAppContributor'],
  ['Azure Kubernetes Service Contributor Role', 'AZAKSContributor'],
];

/** Any other Azure role, held standing: this project's kind, the role named in the edge's properties. */
export const AZURE_ROLE_EDGE = projectKind('AzureRole');
/** An Azure role eligible through PIM (held only once activated): BloodHound has no kind for it. */
export const AZURE_ROLE_ELIGIBLE_EDGE = projectKind('AzureRoleEligible');

let byGuid: Map<string, string> | undefined;

/** The edge kind of a standing Azure role: BloodHound's for the roles it names, else `AZA_AzureRole`. */
export function azureRoleEdgeKind(role: GraphRole): string {
  if (byGuid === undefined) {
    const catalog = RoleCatalog.builtIn();
    byGuid = new Map(BY_NAME.map(([name, kind]) => [catalog.fromName(name).guid.toLowerCase(), kind]));
  }
  const guid = role.known && role.service === undefined ? role.guid?.toLowerCase() : undefined;
  return (guid === undefined ? undefined : byGuid.get(guid)) ?? AZURE_ROLE_EDGE;
}

/** The BloodHound edge kinds of roles, for tests. */
export function azureRoleEdgeKinds(): string[] {
  return BY_NAME.map(([, kind]) => kind);
}
