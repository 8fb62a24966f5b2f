import { EntraRole } from '../../roles/entra-role';
import { GraphEntraRole } from '../graph/graph-types';

/**
 * What an Entra directory role or a Microsoft Graph application permission lets its holder do
 * to other principals, as the reach engine follows it. Which roles can do what is read from the
 * role's actions (the catalog, generated from Microsoft's role definitions); which Graph
 * permissions can do what is Microsoft Graph's documentation, written once here.
 */
export enum EntraCapability {
  /** Assign any directory role, Global Administrator included. */
  ASSIGN_DIRECTORY_ROLES = 'assign-directory-roles',
  /** Grant any application permission of any API, Microsoft Graph's included. */
  GRANT_APP_ROLES = 'grant-app-roles',
  /** Add a secret or certificate to an application or service principal, then sign in as it. */
  ADD_CREDENTIALS = 'add-credentials',
  /** Add an owner to an application or service principal: the owner then adds a secret. */
  ADD_OWNERS = 'add-owners',
  /** Add members to groups that are not role-assignable. */
  ADD_MEMBERS = 'add-members',
  /** Add members to role-assignable groups too. */
  ADD_MEMBERS_ROLE_ASSIGNABLE = 'add-members-role-assignable',
  /** Reset the password or add an authentication method of users who hold no privileged role. */
  RESET_PASSWORDS = 'reset-passwords',
  /** Reset the password or add an authentication method of any user, administrators included. */
  RESET_ANY_PASSWORD = 'reset-any-password',
  /** Elevate to User Access Administrator at the Azure root (`Microsoft.Authorization/elevateAccess/action`). */
  ELEVATE_ACCESS = 'elevate-access',
}

/** A capability with the BloodHound edge kind security teams know it by, for a role and for a Graph permission. */
interface CapabilityFact {
  readonly capability: EntraCapability;
  /** Role actions that give it (`microsoft.directory/...`), matched whole. */
  readonly roleActions: RegExp;
  readonly roleEdge: string;
  /** Microsoft Graph application permissions that give it. */
  readonly graphPermissions: readonly string[];
  readonly graphEdge: string;
}

const FACTS: readonly CapabilityFact[] = [
  {
    capability: EntraCapability.ASSIGN_DIRECTORY_ROLES,
    roleActions: /^microsoft\.directory\/roleAssignments\/(allProperties\/allTasks|.*\/(create|update))$/,
    roleEdge: 'AZPrivilegedRoleAdmin',
    graphPermissions: ['RoleManagement.ReadWrite.Directory'],
    graphEdge: 'AZMGGrantRole',
  },
  {
    // Granting Microsoft Graph's app roles needs the company-admin consent right: Application
    // Administrators can grant other APIs' roles, not Graph's.
    capability: EntraCapability.GRANT_APP_ROLES,
    roleActions: /^microsoft\.directory\/servicePrincipals\/managePermissionGrantsForAll\.microsoft-company-admin$/,
    roleEdge: 'AZPrivilegedRoleAdmin',
    graphPermissions: ['AppRoleAssignment.ReadWrite.All'],
    graphEdge: 'AZMGGrantAppRoles',
  },
  {
    capability: EntraCapability.ADD_CREDENTIALS,
    roleActions: /^microsoft\.directory\/(applications|servicePrincipals)\/(credentials\/update|allProperties\/(allTasks|update))$/,
    roleEdge: 'AZAddSecret',
    graphPermissions: ['Application.ReadWrite.All'],
    graphEdge: 'AZMGAddSecret',
  },
  {
    capability: EntraCapability.ADD_OWNERS,
    roleActions: /^microsoft\.directory\/(applications|servicePrincipals)\/owners\/update$/,
    roleEdge: 'AZAddOwner',
    graphPermissions: [],
    graphEdge: 'AZMGAddOwner',
  },
  {
    capability: EntraCapability.ADD_MEMBERS,
    roleActions: /^microsoft\.directory\/groups\/(members\/update|allProperties\/(allTasks|update))$/,
    roleEdge: 'AZAddMembers',
    graphPermissions: ['GroupMember.ReadWrite.All', 'Group.ReadWrite.All', 'Directory.ReadWrite.All'],
    graphEdge: 'AZMGAddMember',
  },
  {
    // Role-assignable groups are managed by Privileged Role Administrators (and their owners):
    // Graph gives it with RoleManagement.ReadWrite.Directory, or through PIM for Groups.
    capability: EntraCapability.ADD_MEMBERS_ROLE_ASSIGNABLE,
    roleActions: /^microsoft\.directory\/groupsAssignableToRoles\/allProperties\/update$/,
    roleEdge: 'AZAddMembers',
    graphPermissions: ['RoleManagement.ReadWrite.Directory', 'PrivilegedAccess.ReadWrite.AzureADGroup'],
    graphEdge: 'AZMGAddMember',
  },
  {
    capability: EntraCapability.RESET_PASSWORDS,
    roleActions: /^microsoft\.directory\/users\/(password\/update|allProperties\/allTasks|authenticationMethods\/(create|basic\/update))$/,
    roleEdge: 'AZResetPassword',
    graphPermissions: ['User-PasswordProfile.ReadWrite.All'],
    graphEdge: 'AZResetPassword',
  },
];

/**
 * Who may reset the password of an administrator: Microsoft limits every other resetter
 * (Helpdesk, Password, Authentication and User Administrators) to users without privileged
 * roles, a rule no action name carries. By template ID: Global Administrator, Privileged
 * Authentication Administrator. An app with UserAuthenticationMethod.ReadWrite.All can add a
 * Temporary Access Pass to any user.
 */
const RESETS_ADMINISTRATORS = new Set(['62e90394-69f5-4237-9190-012177145e10', '7be44c8a-adaf-4e2a-84d6-ab2649e08a13']);
const GRAPH_RESETS_ADMINISTRATORS = ['UserAuthenticationMethod.ReadWrite.All'];
/** Only a Global Administrator can elevate to User Access Administrator at the Azure root. */
export const GLOBAL_ADMINISTRATOR_TEMPLATE_ID = '62e90394-69f5-4237-9190-012177145e10';

/**
 * The roles a Helpdesk, Password, Authentication or User Administrator may still reset the
 * password of (Microsoft Entra's "who can reset passwords" table): holding any other role, or
 * being in a role-assignable group, leaves it to Global and Privileged Authentication Administrators.
 */
const RESETTABLE_ROLES = new Set([
  'Directory Readers', 'Guest Inviter', 'Helpdesk Administrator', 'Message Center Reader', 'Password Administrator',
  'Reports Reader', 'Usage Summary Reports Reader', 'User Experience Success Manager',
]);

/** The names of those roles, for a test that each is a role of the catalog. */
export function resettableRoleNames(): string[] {
  return [...RESETTABLE_ROLES];
}

/** Whether holding this role still leaves its holder to ordinary resetters. */
export function resettableHolder(role: GraphEntraRole): boolean {
  return role.role !== undefined && RESETTABLE_ROLES.has(role.role.name);
}

const SERVICE_PRINCIPAL_ACTIONS = 'microsoft.directory/servicePrincipals/';

/** A capability a holding gives, with the edge kind to name in the step. */
export interface HeldCapability {
  readonly capability: EntraCapability;
  readonly edgeKind: string;
  /** The operation that gives it: a role action, or the Graph permission's name. */
  readonly action: string;
  /**
   * For a role whose actions give it over applications and service principals both, the one over
   * service principals (`microsoft.directory/servicePrincipals/credentials/update`): the step that
   * acts on a service principal names it.
   */
  readonly servicePrincipalAction?: string;
}

/**
 * The capabilities of an Entra role, from its actions: a built-in role's (by template ID, which
 * also decides what no action says: resetting administrators, elevating to the Azure root, and
 * the edge kind BloodHound gives Global Administrator), or a custom role's. A role that cannot be
 * read has every capability: unknown counts as the widest.
 */
export function capabilitiesOfRole(role: GraphEntraRole): readonly HeldCapability[] {
  // A catalog role gives the same wherever it is held: its actions are matched once (500
  // assignments of two roles matched every action against every fact, once each).
  if (role.role === undefined || role.customActions !== undefined) return capabilitiesOf(role);
  const byTemplate = OF_CATALOG_ROLE.get(role.role) ?? new Map<string | undefined, readonly HeldCapability[]>();
  OF_CATALOG_ROLE.set(role.role, byTemplate);
  let held = byTemplate.get(role.templateId);
  if (held === undefined) byTemplate.set(role.templateId, (held = capabilitiesOf(role)));
  return held;
}

const OF_CATALOG_ROLE = new WeakMap<EntraRole, Map<string | undefined, readonly HeldCapability[]>>();

function capabilitiesOf(role: GraphEntraRole): readonly HeldCapability[] {
  const unread = role.role === undefined && role.customActions === undefined;
  const actions = role.role?.allowedActions ?? role.customActions ?? [];
  const globalAdmin = role.templateId === GLOBAL_ADMINISTRATOR_TEMPLATE_ID;
  const held: HeldCapability[] = [];
  for (const fact of FACTS) {
    const action = unread ? 'any action (the role cannot be read)' : actions.find((a) => fact.roleActions.test(a));
    const servicePrincipalAction = unread ? undefined : actions.find((a) => fact.roleActions.test(a) && a.startsWith(SERVICE_PRINCIPAL_ACTIONS));
    if (action !== undefined) {
      held.push({
        capability: fact.capability,
        edgeKind: globalAdmin ? 'AZGlobalAdmin' : fact.roleEdge,
        action,
        ...(servicePrincipalAction === undefined || servicePrincipalAction === action ? {} : { servicePrincipalAction }),
      });
    }
  }
  const resetsAdmins = unread || (role.templateId !== undefined && RESETS_ADMINISTRATORS.has(role.templateId) && role.role !== undefined);
  const reset = held.find((h) => h.capability === EntraCapability.RESET_PASSWORDS);
  if (resetsAdmins && reset !== undefined) held.push({ ...reset, capability: EntraCapability.RESET_ANY_PASSWORD });
  if (unread || (globalAdmin && role.role !== undefined)) {
    held.push({ capability: EntraCapability.ELEVATE_ACCESS, edgeKind: 'AZGlobalAdmin', action: 'Microsoft.Authorization/elevateAccess/action' });
  }
  return held;
}

/**
 * The capabilities of a Microsoft Graph application permission, by its name. A permission that
 * cannot be read (undefined) has every capability.
 */
export function capabilitiesOfGraphPermission(name: string | undefined): HeldCapability[] {
  const held: HeldCapability[] = [];
  for (const fact of FACTS) {
    if (name === undefined || fact.graphPermissions.includes(name)) {
      held.push({ capability: fact.capability, edgeKind: fact.graphEdge, action: name ?? 'any permission (the app role cannot be read)' });
    }
  }
  if (name === undefined || GRAPH_RESETS_ADMINISTRATORS.includes(name)) {
    const action = name ?? 'any permission (the app role cannot be read)';
    const resets = [EntraCapability.RESET_PASSWORDS, EntraCapability.RESET_ANY_PASSWORD].filter((c) => !held.some((h) => h.capability === c));
    held.push(...resets.map((capability) => ({ capability, edgeKind: 'AZResetPassword', action })));
  }
  return held;
}

/** The BloodHound edge kinds a capability step can name, for the coverage table's test. */
export function capabilityEdgeKinds(): string[] {
  // A Graph edge kind is named only by a capability some Graph permission gives.
  return [...FACTS.map((f) => f.roleEdge), ...FACTS.filter((f) => f.graphPermissions.length > 0).map((f) => f.graphEdge), 'AZGlobalAdmin'];
}
