import { ModuleWithoutAccess } from './module-without-access';
import { Duration } from '../../model/duration';
import { SuppressionRecord } from '../../model/metadata';
import { PrincipalKind } from '../../model/principal-kind';
import { ScopeLevel } from '../../model/scope-level';
import { AppPermission } from '../../roles/app-permission';
import { EntraRole } from '../../roles/entra-role';
import { PermissionTier } from '../../roles/permission-tier';
import { PrivilegeTier } from '../../roles/privilege-tier';
import { Role } from '../../roles/role';
import { DeclaredPlace, ModuleCallSite } from '../terraform-json';

export type { DeclaredPlace, ModuleCallSite } from '../terraform-json';

/** Where a graph element was declared: which input, which Terraform address, which construct. */
export interface Origin {
  readonly file: string;
  readonly address: string;
  /** The cdktf construct path (from `"//".metadata.path`), when the JSON came from cdktf. */
  readonly constructPath?: string;
  /** Accepted exceptions recorded on the resource (in code, or from a config file). */
  readonly suppressions: SuppressionRecord[];
  /** The cdktf stack, when the input was read through a cdktf.out manifest: addresses repeat across stacks. */
  readonly stack?: string;
  /**
   * Set when the block's `count` or `for_each` cannot be known: it stands for an unknown number of
   * instances, and this says why (`for_each = var.roles`).
   */
  readonly repeated?: string;
  /** Set beside `repeated` when the number is known but too large to expand: the block stands for this many instances. */
  readonly repeatedTimes?: number;
  /**
   * Where the block is declared, when that is not the input itself: a file of a module's
   * directory, and its line. Findings point there, not at the input.
   */
  readonly declaredAt?: DeclaredPlace;
  /** For a block of a module instance: the module calls that lead to it, outermost first, each with where its `module` block is. */
  readonly moduleCalls?: readonly ModuleCallSite[];
  /**
   * Set for an edge the live tenant holds and the code does not declare (a role assignment, a
   * managed identity of a live export): the export and the JSON pointer of the item. It is placed
   * in the code's document (`file`, `stack`) so reach compares it with the code's resources.
   */
  readonly tenant?: TenantPlace;
}

/** Where in a live export an edge of the tenant was read: the file, and the item's JSON pointer. */
export interface TenantPlace {
  readonly file: string;
  readonly place: string;
}

/** Something the live tenant holds for a principal: where the export says it, its ID, and the holder. */
export interface TenantHolding {
  readonly at: TenantPlace;
  /** Its ID in the tenant: an ARM ID, or Graph's ID of a directory role or app role assignment. */
  readonly id: string;
  /** Object ID, lower case. */
  readonly principalId: string;
  /** `User`, `Group`, `ServicePrincipal`, ... as Azure writes it. */
  readonly principalType?: string;
  /** The friendliest name the exports give the principal. */
  readonly principalName?: string;
}

/** A role assignment or eligibility the live tenant holds, as the review overlays it on the code. */
export interface TenantAssignment extends TenantHolding {
  readonly roleDefinitionId: string;
  readonly roleName?: string;
  /** The scope's ARM ID. */
  readonly scope: string;
  readonly condition?: string;
}

/** A managed identity the live tenant holds, as the review overlays it on the code. */
export interface TenantIdentity {
  readonly at: TenantPlace;
  /** Object ID, lower case: what role assignments name. */
  readonly objectId: string;
  readonly name: string;
  readonly kind: 'user-assigned' | 'system-assigned';
  /** The ARM ID of the identity (user-assigned) or of the resource it belongs to (system-assigned). */
  readonly resourceId: string;
}

/** An Entra directory role the live tenant holds (standing), as the review overlays it on the code. */
export interface TenantDirectoryRole extends TenantHolding {
  /** The role definition's ID: a built-in role's template ID. */
  readonly roleDefinitionId: string;
  /** `/`, `/administrativeUnits/<id>` or `/<object id>`. */
  readonly directoryScopeId: string;
}

/** A Microsoft Graph application permission the live tenant has granted, as the review overlays it on the code. */
export interface TenantAppPermission extends TenantHolding {
  readonly appRoleId: string;
  /** Microsoft Graph's service principal in the tenant (its object ID). */
  readonly resourceId: string;
}

/** A member of a group in the live tenant, as the review overlays it on the code: the member holds what the group holds. */
export interface TenantGroupMembership extends TenantHolding {
  /** The group's object ID, lower case. */
  readonly groupId: string;
  readonly groupName?: string;
  /** Whether the group is role-assignable; unknown counts as true (the wider case). */
  readonly roleAssignable: boolean;
}

/** A PIM eligibility the live tenant holds (an Azure role's, or an Entra directory role's), as the review overlays it on the code. */
export interface TenantEligibility {
  /** When it ends, as the export writes it; null when it never does; undefined when the export does not say. */
  readonly endDateTime?: string | null;
  /** How long it lasts from its start (an ISO 8601 duration), when the export says so instead of an end. */
  readonly duration?: string;
}

/**
 * An application, service principal or group of the live tenant, as the review overlays it on the
 * code: what a directory role over applications or groups (Application Administrator, Groups
 * Administrator) or an owner reaches.
 */
export interface TenantDirectoryObject {
  readonly at: TenantPlace;
  readonly kind: 'application' | 'service-principal' | 'group';
  /** Object ID, lower case. */
  readonly id: string;
  readonly name?: string;
  /**
   * What reaching it leads to: the service principal it signs in as (for an application, the one
   * of its appId) or the group itself. Undefined when no export names an application's service principal.
   */
  readonly principalId?: string;
  /** A group's `isAssignableToRole`, when the export says it. */
  readonly roleAssignable?: boolean;
}

/**
 * An application, service principal or group of the live tenant and one of its owners, as the
 * review overlays it on the code: the owner adds a secret and signs in as what it owns, or adds
 * members to its group.
 */
export interface TenantOwnership extends TenantHolding {
  readonly ownedKind: 'application' | 'service-principal' | 'group';
  /** The owned object's ID, lower case. */
  readonly ownedId: string;
  readonly ownedName?: string;
  /**
   * What owning it leads to: the service principal it signs in as (for an application, the one of
   * its appId) or the group itself. Undefined when no export names an application's service principal.
   */
  readonly ownedPrincipalId?: string;
  /** A group's `isAssignableToRole`, when the export says it. */
  readonly roleAssignable?: boolean;
}

/**
 * A PIM for Groups schedule the live tenant holds: eligible (its principal may activate membership
 * or ownership of the group) or active (held now, until it ends).
 */
export interface TenantGroupSchedule extends TenantHolding, TenantEligibility {
  /** The group's object ID, lower case. */
  readonly groupId: string;
  readonly groupName?: string;
  readonly accessId: 'member' | 'owner';
}

/** What the live tenant holds that the code does not declare: the review's second source of edges. */
export interface TenantEdges {
  /** Read once, as they are placed: a tenant's million assignments are never copied into a second list. */
  readonly assignments: Iterable<TenantAssignment>;
  readonly identities: readonly TenantIdentity[];
  readonly directoryRoles?: readonly TenantDirectoryRole[];
  readonly appPermissions?: readonly TenantAppPermission[];
  readonly groupMemberships?: readonly TenantGroupMembership[];
  /** PIM eligibilities of Azure roles: held after activation. */
  readonly eligibilities?: readonly (TenantAssignment & TenantEligibility)[];
  /** PIM eligibilities of Entra directory roles: held after activation. */
  readonly directoryEligibilities?: readonly (TenantDirectoryRole & TenantEligibility)[];
  readonly ownerships?: readonly TenantOwnership[];
  /** Applications, service principals and groups the exports list: what owners and directory roles reach. */
  readonly directoryObjects?: readonly TenantDirectoryObject[];
  /** PIM for Groups eligibilities: membership or ownership of a group, held after activation. */
  readonly groupEligibilities?: readonly TenantGroupSchedule[];
  /** PIM for Groups active schedules: membership or ownership of a group held now, until each ends. */
  readonly groupAssignments?: readonly TenantGroupSchedule[];
}

/** Who holds access. `key` identifies the principal across the graph. */
export interface GraphPrincipal {
  /** The object ID as written (GUID, lower case) or the reference it comes from. */
  readonly key: string;
  /** The `principal_id` as the assignment writes it (a GUID or a reference), when read from one. */
  readonly written?: string;
  readonly name: string;
  /** UNKNOWN kinds are treated as the riskier case by the rules. */
  readonly kind: PrincipalKind | 'unknown';
  /** The address of the identity, group, user or service principal in the document, if any. */
  readonly definedBy?: string;
  /**
   * The principal without Terraform addresses or file names, to recognise it in another synthesis
   * of the same code (a renamed construct): the object ID when it is literal, else the kind and
   * name of what the reference leads to, else the value as written.
   */
  readonly stableKey?: string;
}

/** A role as the graph knows it: from the catalog, a custom definition in the document, or unknown. */
export interface GraphRole {
  readonly name: string;
  readonly guid?: string;
  /** The classified role; undefined when the role cannot be read (then it counts as the most powerful). */
  readonly role?: Role;
  readonly canGrantAccess: boolean;
  readonly hasWildcardControlPlane: boolean;
  readonly isReadOnly: boolean;
  readonly known: boolean;
  /**
   * For a role of a service's own role system (Cosmos DB SQL roles, Synapse RBAC): which one. Such
   * a role holds data actions of that service only, creates no Azure role assignment and opens no
   * Azure escalation path; one that cannot be read is the widest role of its set (`known` false).
   */
  readonly service?: GraphServiceRole;
}

/** The service role system a role belongs to (data/service-role-sets.json). */
export interface GraphServiceRole {
  /** `cosmosdb-sql`, `synapse`. */
  readonly roleSet: string;
  /** `Azure Cosmos DB for NoSQL`. */
  readonly service: string;
  /** The ARM type whose data plane the role acts on: `Microsoft.DocumentDB/databaseAccounts`. */
  readonly resourceType: string;
  /**
   * Whether the role acts as the resource's own managed identity (Synapse Administrator and
   * Credential User run pipelines as the workspace identity): the one way out of the service
   * the set has, for reach to follow from the resource at the grant's scope.
   */
  readonly runsAsResourceIdentity: boolean;
}

export interface GraphScope {
  /** The scope as written in the JSON (a literal ID or a reference). */
  readonly value: string;
  readonly level: ScopeLevel;
  /**
   * The scope without Terraform addresses, lower case, to recognise it in another synthesis:
   * a literal ID as it is; a reference to a resource's `id` as its type and `name` (and resource
   * group); references to the provider's subscription as one placeholder.
   */
  readonly stableKey?: string;
  /** The scope's own name: the last segment of the ID, or the `name` of the resource referenced. */
  readonly name?: string;
  /**
   * For a subscription the configuration declares (`azurerm_subscription`): the name it gives it
   * (`subscription_name`), which reviewers read instead of its ID.
   */
  readonly displayName?: string;
}

/**
 * Where a scope or a resource is, as far as one document tells. Its level can be narrower than
 * the scope's `level`: a reference to any azurerm resource's `id` is a resource here, even of a
 * type the Terraform-type table does not know.
 */
export interface GraphPlacement {
  readonly level: ScopeLevel;
  /** The resource group's name, lower case: of the group itself, or of the group a resource is in. */
  readonly group?: string;
  /** For a resource declared in the document: its Terraform address. */
  readonly address?: string;
  /** For a resource: its name, lower case. */
  readonly name?: string;
  /** For a resource: its Terraform type, when the scope is a declared or referenced resource. */
  readonly terraformType?: string;
  /** For a resource: its ARM type, lower case, when a literal ID or an azapi `type` says it. */
  readonly armType?: string;
}

/** A declared resource, placed in its resource group: an identity runs on it, or it is the identity. */
export interface GraphResource {
  /** The Terraform address, within the document of the identity that names it. */
  readonly address: string;
  /** Where it is declared: an identity attached to it is an edge of the graph a finding can point at. */
  readonly origin?: Origin;
  readonly type: string;
  /** The `name` as written, or the address when there is none. */
  readonly name: string;
  /** The resource group, lower case; undefined when it cannot be read (then it may be in any group). */
  readonly group?: string;
  /** The storage account the resource names in `storage_account_name` (a function app keeps its code there). */
  readonly storageAccount?: GraphStorageAccount;
}

/** A storage account as a resource names it. */
export interface GraphStorageAccount {
  /** The account's `name` as written, or the value the resource names it by. */
  readonly name?: string;
  /** The account's address and group, when it is declared in the same document. */
  readonly address?: string;
  readonly group?: string;
}

/** A standing grant: `azurerm_role_assignment`, or a time-bound active PIM assignment. */
export interface GraphGrant {
  readonly origin: Origin;
  readonly principal: GraphPrincipal;
  readonly role: GraphRole;
  readonly scope: GraphScope;
  /** Where the scope is, as far as its document tells: which resources lie within it is read from this. */
  readonly scopePlacement: GraphPlacement;
  /** `role-assignment` or `pim-active`; `pim-eligible` only on the grant reach makes of an eligibility, never in `graph.grants`. */
  readonly via: 'role-assignment' | 'pim-active' | 'pim-eligible';
  readonly description?: string;
  readonly condition?: string;
  /** For PIM active assignments: when the access ends, as written. */
  readonly expiry?: string;
}

/** How long an eligibility lasts. */
export interface GraphExpiry {
  readonly permanent: boolean;
  readonly duration?: Duration;
  /** An end date-time as written. */
  readonly endDateTime?: string;
  /** A length as an export writes it that this review does not count (years, months: `P1Y`); it ends, when is not worked out. */
  readonly writtenDuration?: string;
  /** The expiry could not be read. */
  readonly unknown?: boolean;
}

/** Eligibility: a role that must be activated through PIM before it is held. */
export interface GraphEligibility {
  readonly origin: Origin;
  readonly kind: 'azure-rbac' | 'entra-directory-role' | 'pim-group';
  readonly principal: GraphPrincipal;
  /** For Azure RBAC. */
  readonly role?: GraphRole;
  readonly scope?: GraphScope;
  /** For Azure RBAC: where the scope is, as far as its document tells (reach places what lies within it). */
  readonly scopePlacement?: GraphPlacement;
  /** For Entra directory roles: the role's name or template ID. */
  readonly directoryRole?: string;
  /** For Entra directory roles: the role resolved (a role that cannot be read counts as tier 0). */
  readonly entraRole?: GraphEntraRole;
  /** For PIM for Groups: the group and `member` or `owner`. */
  readonly groupId?: string;
  /** For PIM for Groups: the group as a principal; its key is the one the group's own roles and policies carry. */
  readonly group?: GraphPrincipal;
  readonly assignmentType?: string;
  readonly expiry: GraphExpiry;
}

/** The activation settings of a role at a scope (`azurerm_role_management_policy`). */
export interface GraphActivationPolicy {
  readonly origin: Origin;
  readonly role: GraphRole;
  readonly scope: GraphScope;
  readonly maximumActivation?: Duration;
  readonly requireApproval: boolean;
  readonly approverCount: number;
  /** The approvers of the approval stage, who activations of the role wait for. */
  readonly approvers: GraphApprover[];
  readonly requireMfa: boolean;
  readonly requireAuthenticationContext: boolean;
  readonly requireJustification: boolean;
}

/** A user-assigned identity, or a resource's system-assigned identity. */
export interface GraphIdentity {
  readonly origin: Origin;
  readonly kind: 'user-assigned' | 'system-assigned';
  readonly principal: GraphPrincipal;
  readonly name: string;
  readonly owner?: string;
  /** The resource that declares the identity: the identity itself, or the resource a system-assigned one belongs to. */
  readonly resource: GraphResource;
  /** The resources that run as this identity. */
  readonly attachedTo: GraphResource[];
}

/** A credential of an application or service principal. */
export interface GraphCredential {
  readonly origin: Origin;
  readonly kind: 'application-password' | 'service-principal-password' | 'certificate' | 'federated';
  /** What the credential belongs to (an application, service principal or identity address). */
  readonly owner: string;
  /** The end date as written, when there is one. */
  readonly endDate?: string;
  /** `end_date_relative` as written (`4320h`): the credential ends that long after it is created. */
  readonly endDateRelative?: string;
  /** For federated credentials: issuer and subject. */
  readonly issuer?: string;
  readonly subject?: string;
  /** For flexible federated credentials: the expression subjects are matched by (it may match many), instead of one subject. */
  readonly claimsMatchingExpression?: string;
}

/** The CI secret stores the review reads, by the Terraform type that declares each. */
export type GraphCredentialStoreKind =
  | 'github-actions-secret'
  | 'github-actions-environment-secret'
  | 'github-actions-organization-secret'
  | 'github-actions-variable'
  | 'github-actions-environment-variable'
  | 'github-actions-organization-variable'
  | 'azure-devops-variable-group'
  | 'azure-devops-service-connection'
  /** `azurerm_key_vault_secret`: kept in a vault, where whoever can read its secrets has it. */
  | 'key-vault-secret'
  /** A web or function app's app setting or connection string: whoever can list the app's settings has it. */
  | 'app-setting'
  /** `azurerm_app_configuration_key`: whoever can read the store's key values (or list its access keys) has it. */
  | 'app-configuration-key'
  /** An Automation credential's password or encrypted string variable: whoever can run a runbook in the account has it. */
  | 'automation-asset';

/**
 * A place outside the tenant where CI keeps values for its jobs: a GitHub Actions secret or
 * variable, an Azure DevOps variable group's variable, a service connection. When the value is a
 * client secret the configuration creates (or a service connection's key), whoever can run a job
 * there signs in as that secret's principal. Every such block is one (a variable group: one per
 * variable), whether its value is a credential or not: which it holds is `credential`.
 */
export interface GraphCredentialStore {
  readonly origin: Origin;
  readonly kind: GraphCredentialStoreKind;
  /** The secret's or variable's name (`AZURE_CLIENT_SECRET`); a service connection's `service_endpoint_name`. */
  readonly name: string;
  /** GitHub: the repository, by the name a declared `github_repository` gives it, else as written. */
  readonly repository?: string;
  /** GitHub environment secrets and variables: the environment, as its declared `github_repository_environment` names it, else as written. */
  readonly environment?: string;
  /** GitHub environment secrets and variables: the configuration declares the environment (else its reviewers cannot be seen). */
  readonly environmentDeclared?: boolean;
  /**
   * GitHub environment secrets and variables: true when the configuration declares the
   * environment with required reviewers (a job waits for one of them), so fewer can use it than a
   * repository secret. Reviewers that cannot be read (a variable may be empty) count as none.
   */
  readonly requiredReviewers?: boolean;
  /** GitHub organization secrets and variables: `visibility` as written (`all`, `private`, `selected`). */
  readonly visibility?: string;
  /** Azure DevOps: the project, by the name a declared `azuredevops_project` gives it, else as written. */
  readonly project?: string;
  /** Azure DevOps variable groups: the group's name. */
  readonly variableGroup?: string;
  /** Azure DevOps variable groups: `allow_access` written true, so every pipeline of the project may use the group. */
  readonly allPipelines?: boolean;
  /**
   * The address of the credential of the same document whose secret the value holds (an
   * `azuread_application_password`, an `azuread_service_principal_password`, an application's
   * inline `password`), or, for a service connection whose key the configuration does not
   * create, the connection itself (its key is then a credential of the graph of its own).
   */
  readonly credential?: string;
  /** Service connections: the service principal's client ID (`credentials.serviceprincipalid`) as written. */
  readonly servicePrincipalId?: string;
  /**
   * Stores in Azure resources: the resource that keeps it (the vault, the app, the App
   * Configuration store, the Automation account), by the name its declaration gives it, else as written.
   */
  readonly keptIn?: string;
  /** Stores in Azure resources: where that resource is, to tell which grants read what it keeps. */
  readonly placement?: GraphPlacement;
  /**
   * A second resource a grant may read the store through: the secret itself (a Key Vault secret,
   * which a grant at the secret reads), or the app a slot belongs to (its grants reach its slots).
   */
  readonly alsoAt?: GraphPlacement;
  /**
   * Key Vault secrets: true when the vault authorizes with Azure RBAC (data roles read its secrets),
   * false with access policies (only they do); undefined when that cannot be told (both count).
   */
  readonly vaultUsesRbac?: boolean;
  /**
   * App Configuration keys: true when the declared store turns local authentication off
   * (`local_auth_enabled = false`), so its access keys read nothing and only data roles read it.
   */
  readonly localAuthDisabled?: boolean;
  /**
   * Automation string variables: not encrypted (`encrypted` false or left out, or a value known
   * only at apply), so its value is returned to whoever reads the account's variables.
   */
  readonly plainText?: boolean;
}

/** An AKS cluster the configuration declares, with what decides who can run pods in it. */
export interface GraphKubernetesCluster {
  readonly origin: Origin;
  readonly address: string;
  readonly name: string;
  readonly placement: GraphPlacement;
  /**
   * `local_account_disabled = true`: the cluster's local accounts (the admin credential, and on a
   * cluster without Entra integration the user credential too) sign in to nothing. Undefined when
   * it cannot be read: counted as on, the wider case.
   */
  readonly localAccountsDisabled?: boolean;
  /** An `azure_active_directory_role_based_access_control` block: users sign in with Entra ID. */
  readonly entraIntegrated: boolean;
  /**
   * `azure_rbac_enabled` in that block: Azure roles' Kubernetes data actions authorize in the
   * cluster. Undefined when it cannot be read (counted as on).
   */
  readonly azureRbac?: boolean;
}

/**
 * A federated credential that trusts a declared AKS cluster's OIDC issuer for a service account:
 * whoever can run a pod as that service account in that namespace of that cluster signs in as the
 * credential's principal (AKS workload identity).
 */
export interface GraphWorkloadTrust {
  readonly credential: GraphCredential;
  readonly cluster: GraphKubernetesCluster;
  /** The namespace and service account, as written (an expression is known only at apply: any namespace). */
  readonly namespace: string;
  readonly serviceAccount: string;
}

/**
 * A GitHub deployment environment the configuration declares (`github_repository_environment`):
 * whether a job that deploys to it waits for a required reviewer.
 */
export interface GraphGitHubEnvironment {
  readonly origin: Origin;
  /** The repository, by the name a declared `github_repository` gives it, else as written. */
  readonly repository: string;
  readonly environment: string;
  /** `reviewers` name at least one user or team; reviewers that cannot be read count as none. */
  readonly requiredReviewers: boolean;
}

/** A Terraform Cloud workspace the configuration declares (`tfe_workspace`): whether its applies wait for a confirmation. */
export interface GraphTerraformCloudWorkspace {
  readonly origin: Origin;
  readonly name: string;
  /** As written; a value known only at apply counts as on (the wider case). */
  readonly autoApply: boolean;
}

/** A `moved` block: the resource at `from` is the one now declared at `to`. */
export interface GraphMove {
  readonly file: string;
  readonly stack?: string;
  readonly from: string;
  readonly to: string;
}

/** A custom role defined in the document. */
export interface GraphRoleDefinition {
  readonly origin: Origin;
  readonly role: Role;
  /** Where it may be assigned (`assignable_scopes`, or its `scope` when none are written, as the provider defaults). */
  readonly assignableScopes: GraphScope[];
  /**
   * Permission lists that could not be read (a variable, a function), as written: each counts as
   * `*`, the widest, so the role counts as one that can grant access.
   */
  readonly unknownPermissions: string[];
}

/**
 * A part of an input resource that carries access by the reviewed list
 * (data/access-resource-types.json), and whether the graph read it: what it did not read is
 * shown as "not reviewed", never silently left out.
 */
export interface GraphCoverage {
  readonly origin: Origin;
  readonly type: string;
  /** For azapi resources: the ARM type of the body. */
  readonly armType?: string;
  /** `resource`, or the nested block or attribute that carries the access (`block:access_policy`). */
  readonly via: string;
  readonly reason: string;
  readonly reviewed: boolean;
  /** What the review made of it, when that is not a grant: a vault with RBAC authorization ignores its access policies. */
  readonly note?: string;
}

/**
 * A module call the reader could not read (a missing directory, a registry or git module that
 * `terraform init` did not install): whatever access it holds is not in the graph.
 */
export interface GraphModuleNotRead {
  /** `address` is the call's (`module.app.module.network`). */
  readonly origin: Origin;
  /** The call's `source` as written. */
  readonly source: string;
  readonly reason: string;
  /** A call cdktf wrote (TerraformHclModule): the review never reads those, `terraform init` or not; a plan shows them. */
  readonly cdktfCall?: boolean;
  /** Set when the module is listed as holding no access (data/modules-without-access.json): not reading it hides nothing. */
  readonly holdsNoAccess?: ModuleWithoutAccess;
}

/**
 * A value of an access resource that the review did not evaluate, though Terraform may know it
 * before apply (a function it does not evaluate, one known only at apply, an expression too deep):
 * it counts as the widest, and this says why.
 */
export interface GraphValueNotEvaluated {
  readonly origin: Origin;
  /** The argument and why: `scope: timestamp() has a value only when Terraform applies`. */
  readonly reason: string;
}

/** An Entra directory role as the graph knows it: a built-in role of the catalog, or one it cannot read. */
export interface GraphEntraRole {
  readonly name: string;
  readonly templateId?: string;
  /** The catalog's role; undefined for a custom role, or when the role cannot be read (then it counts as tier 0). */
  readonly role?: EntraRole;
  /** The role's tier; a role that cannot be read, or a custom role whose actions cannot be read, is tier 0. */
  readonly tier: PrivilegeTier;
  readonly known: boolean;
  /** A custom role's actions, when they could be read: what it allows is read from them. */
  readonly customActions?: readonly string[];
}

/**
 * A standing Entra directory role: `azuread_directory_role_assignment`, membership of an
 * activated role (`azuread_directory_role_member`, always tenant-wide), or of an activated role
 * in an administrative unit (`azuread_administrative_unit_role_member`).
 */
export interface GraphDirectoryRole {
  readonly origin: Origin;
  readonly principal: GraphPrincipal;
  readonly role: GraphEntraRole;
  /** The directory scope: `/` (the tenant), an administrative unit, or one object; unknown is the widest. */
  readonly scope: GraphScope;
  readonly via: 'role-assignment' | 'role-member' | 'administrative-unit-role-member';
}

/** The API whose app role a workload is given: Microsoft Graph, another API, or one that cannot be read. */
export interface GraphApi {
  readonly kind: 'microsoft-graph' | 'other' | 'unknown';
  /** `Microsoft Graph`, the other API's display name or address, or the value as written. */
  readonly name: string;
  /** `resource_object_id` as written. */
  readonly written: string;
  /**
   * For another API (`other`): the address of the application registration of this tenant that
   * defines it (`azuread_application`, `azuread_application_registration`, declared or read as a
   * data source). Microsoft's first-party APIs are registered in Microsoft's tenants, never as an
   * application of a customer's, so the app roles and scopes of such an API are application-defined.
   */
  readonly application?: string;
}

/** An application permission: an app role of an API assigned to a principal (`azuread_app_role_assignment`). */
export interface GraphAppPermission {
  readonly origin: Origin;
  readonly principal: GraphPrincipal;
  readonly api: GraphApi;
  /** The permission's name (`User.Read.All`), or the app role ID as written when it cannot be named. */
  readonly name: string;
  readonly appRoleId?: string;
  /** The Microsoft Graph permission of the catalog, when it is one. */
  readonly permission?: AppPermission;
  /**
   * Its tier; an app role that cannot be read counts as tier 0. An app role of an application of
   * the tenant is application-defined (see `GraphApi.application`).
   */
  readonly tier: PermissionTier;
  readonly known: boolean;
}

/**
 * An Entra object the configuration declares that access can lead to: an application, a service
 * principal, a group or a user. Who owns it, who is in it and which roles reach it are read
 * against these.
 */
export interface GraphDirectoryObject {
  readonly origin: Origin;
  readonly kind: 'application' | 'service-principal' | 'group' | 'user';
  /** `display_name` (or `user_principal_name`) as written, else the address. */
  readonly name: string;
  /**
   * The principal it signs in or holds roles as: itself for a service principal, group or user;
   * for an application, the service principal the document declares for it (none: undefined).
   */
  readonly principal?: GraphPrincipal;
  /**
   * For a group: `assignable_to_role`, or `unknown` when it cannot be read (each reader takes the
   * wider reading: a rule on role-assignable groups counts it as one, reach lets group admins join it).
   * Only Privileged Role Administrators and owners manage a role-assignable group.
   */
  readonly roleAssignable?: boolean | 'unknown';
  /** The administrative units it is a member of, by the units' addresses. */
  readonly administrativeUnits: readonly string[];
  /**
   * For a user: the sign-in credential the configuration sets or hands on, one clause each
   * (user-service-accounts.ts); absent for an account declared without one.
   */
  readonly accountSigns?: UserAccountSigns;
}

/** What a user account's declaration says of how it signs in (user-service-accounts.ts). */
export interface UserAccountSigns {
  /** One clause each: `its password is set in the configuration (random_password.svc.result)`, `its password never expires`. */
  readonly signs: readonly string[];
  /**
   * Some sign shows a job signs in as it (its password never expires, is kept in another
   * resource, or an automation credential names it): a service account. A password the
   * configuration sets and nothing else is a standing credential in state, of a person or a job.
   */
  readonly serviceAccount: boolean;
  /**
   * `account_enabled = false` as written: Entra refuses every sign-in to the account until it is
   * enabled, so its password is in state but not yet usable. Enabled, absent (the provider creates
   * accounts enabled) or known only at apply is false: the wider reading.
   */
  readonly disabled: boolean;
}

/**
 * An owner of an application, service principal or group (`owners` arguments,
 * `azuread_application_owner`): an owner can add a secret to what it owns and sign in as it, or
 * add members to the group it owns.
 */
export interface GraphOwnership {
  readonly origin: Origin;
  readonly owner: GraphPrincipal;
  /** The owned object's address; undefined when the owned object cannot be read (then it counts as any). */
  readonly owned?: string;
  readonly ownedKind: GraphDirectoryObject['kind'];
}

/**
 * A member of a group (`members` of `azuread_group`, `azuread_group_member`): the member holds
 * every role the group holds.
 */
export interface GraphGroupMembership {
  readonly origin: Origin;
  readonly member: GraphPrincipal;
  /** The group as a principal: its key is the one the group's own grants carry. */
  readonly group: GraphPrincipal;
  /** Whether the group is role-assignable; unknown counts as true (the wider case). */
  readonly roleAssignable: boolean;
}

/** A custom Entra directory role the configuration defines (`azuread_custom_directory_role`), assigned or not. */
export interface GraphCustomDirectoryRole {
  readonly origin: Origin;
  /** The role as its assignments see it: tiered by its actions; tier 0 when they cannot be read. */
  readonly role: GraphEntraRole;
  /** Its `allowed_resource_actions`, every `permissions` block's; undefined when any cannot be read. */
  readonly actions?: readonly string[];
}

/** An approver of a PIM activation: who an activation waits for. */
export interface GraphApprover {
  readonly principal: GraphPrincipal;
  /** `User` or `Group`, as written. */
  readonly type?: string;
}

/** What a PIM policy asks of an activation, for Azure roles and PIM for Groups alike: the rules judge both the same way. */
export type GraphActivationSettings = Pick<GraphActivationPolicy,
'maximumActivation' | 'requireApproval' | 'approverCount' | 'approvers' | 'requireMfa' | 'requireAuthenticationContext' | 'requireJustification'>;

/**
 * An active PIM for Groups assignment (`azuread_privileged_access_group_assignment_schedule`):
 * membership or ownership of a group held now, for as long as its schedule says.
 */
export interface GraphGroupAssignment {
  readonly origin: Origin;
  readonly principal: GraphPrincipal;
  /** The group as a principal: its key is the one the group's own roles carry. */
  readonly group: GraphPrincipal;
  /** `member` or `owner` as written; an owner can also add members. */
  readonly assignmentType: string;
  readonly expiry: GraphExpiry;
}

/** Whether a PIM policy makes eligible or active assignments expire (`expiration_required`, `expire_after`). */
export interface GraphAssignmentExpiryRule {
  /** True only when written true: absent or unreadable is not required (the wider case). */
  readonly expirationRequired: boolean;
  readonly expireAfter?: Duration;
}

/**
 * The PIM for Groups policy of a group's membership or ownership
 * (`azuread_group_role_management_policy`): how it is activated, and whether assignments expire.
 */
export interface GraphGroupActivationPolicy extends GraphActivationSettings {
  readonly origin: Origin;
  readonly group: GraphPrincipal;
  /** `member` or `owner` (`role_id`), as written. */
  readonly assignmentType: string;
  readonly eligibleAssignments: GraphAssignmentExpiryRule;
  readonly activeAssignments: GraphAssignmentExpiryRule;
}

/** A delegated scope of a consent or a request, with the tier it is judged by (src/roles/delegated-scope-tier.ts). */
export interface GraphDelegatedScope {
  /** The scope's name as written (`Directory.ReadWrite.All`), or its ID when only that is written. */
  readonly name: string;
  /** Application-defined for a scope of an application of the tenant. */
  readonly tier: PermissionTier;
  /**
   * Whether the tier comes from the reviewed table, an application permission of the same name,
   * or the API being an application of the tenant; otherwise it counts as tier 0 unclassified.
   */
  readonly classified: boolean;
}

/**
 * Admin consent to delegated permissions (`azuread_service_principal_delegated_permission_grant`):
 * the client may call the API on behalf of one user, or of every user in the tenant when no
 * user is named. A grant, not a request.
 */
export interface GraphDelegatedGrant {
  readonly origin: Origin;
  /** The client application's service principal (`service_principal_object_id`). */
  readonly client: GraphPrincipal;
  /** The API the scopes are of (`resource_service_principal_object_id`). */
  readonly api: GraphApi;
  readonly scopes: GraphDelegatedScope[];
  /** `claim_values` as written when it cannot be read: then the grant counts as tier 0. */
  readonly unreadScopes?: string;
  /** The one user it is consented for (`user_object_id`); undefined: every user, tenant-wide. */
  readonly user?: GraphPrincipal;
  /**
   * For every user: no `user_object_id`, or one that cannot be read (a variable may be null, and
   * null consents for every user; counted as the wider case). False when it names a user.
   */
  readonly tenantWide: boolean;
  /** The widest tier among its scopes; tier 0 when they cannot be read. */
  readonly tier: PermissionTier;
}

/**
 * A permission an application only requests (`required_resource_access` of `azuread_application`,
 * `azuread_application_api_access`): nothing is held until an administrator consents or an app
 * role is assigned. Informational, never a grant.
 */
export interface GraphRequestedPermission {
  readonly origin: Origin;
  /** The requesting application: its address, or the value as written. */
  readonly application: string;
  readonly api: GraphApi;
  /** `application` (an app role, type `Role`) or `delegated` (a scope, type `Scope`), or `unknown`. */
  readonly kind: 'application' | 'delegated' | 'unknown';
  /** The permission's name when it can be named, else its ID as written. */
  readonly name: string;
  /** The ID as written (a GUID or a reference). */
  readonly id: string;
  /** For a Microsoft Graph application permission: the catalog's. */
  readonly permission?: AppPermission;
  /** What it would give if consented; unclassified or unreadable counts as tier 0; application-defined for an application of the tenant. */
  readonly tier: PermissionTier;
  readonly classified: boolean;
}

/**
 * A member of an administrative unit (`members` of azuread_administrative_unit,
 * azuread_administrative_unit_member): a role scoped to the unit reaches it.
 */
export interface GraphUnitMembership {
  readonly origin: Origin;
  /** The unit's address, within the document. */
  readonly unit: string;
  readonly member: GraphPrincipal;
}
