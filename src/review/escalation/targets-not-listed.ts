import { capabilitiesOfGraphPermission, capabilitiesOfRole, EntraCapability, HeldCapability } from './entra-capability';
import { ScopeLevel } from '../../model/scope-level';
import { AccessGraph } from '../graph/access-graph';
import { mayBeMicrosoftGraph } from '../graph/graph-api';
import { GraphPrincipal, GraphScope, Origin } from '../graph/graph-types';

/** A directory role or Graph permission whose reach over objects of the tenant this review cannot follow, and who holds it. */
export interface TargetsNotListed {
  /** The role's or permission's name. */
  readonly role: string;
  /** What it acts on that no export lists: `the tenant's users`, `the administrative unit <id>`. */
  readonly over: string;
  /** Why that is not followed, and what to export. */
  readonly why: string;
  readonly holders: number;
  /** Where the first holding of it was read: the export (or the code) that says it. */
  readonly file: string;
}

const OVER_SERVICE_PRINCIPALS = new Set([EntraCapability.ADD_CREDENTIALS, EntraCapability.ADD_OWNERS]);
const OVER_USERS = new Set([EntraCapability.RESET_PASSWORDS, EntraCapability.RESET_ANY_PASSWORD]);
const OVER_GROUPS = [EntraCapability.ADD_MEMBERS, EntraCapability.ADD_MEMBERS_ROLE_ASSIGNABLE];
const OVER_ANY_OBJECT = new Set([...OVER_SERVICE_PRINCIPALS, ...OVER_USERS, ...OVER_GROUPS]);

/**
 * On the live tenant, the directory roles and Graph permissions (the code's and the tenant's,
 * standing or eligible) that act on the tenant's applications, service principals, groups or users
 * where no export lists the objects they may act on: reach follows them only to the objects the
 * exports list, so what they reach beyond is named as not reviewed rather than read as nothing.
 * Groups count as listed for a role that joins only groups that are not role-assignable when some
 * listed group may be one of those (the README's commands list role-assignable groups). A role held
 * at an administrative unit the tenant names by ID is named too: no export lists a unit's members.
 * Who can make itself Global Administrator reaches everything already, and is not named. A graph
 * not on the tenant has none: the code's own objects are all it can reach.
 */
export function targetsNotListed(graph: AccessGraph): TargetsNotListed[] {
  if (!graph.onTenant) return [];
  const objects = graph.tenantDirectoryObjects;
  const listsServicePrincipals = objects.some((o) => o.kind !== 'group' && o.principal !== undefined);
  const listsGroups = objects.some((o) => o.kind === 'group');
  const listsJoinableGroups = objects.some((o) => o.kind === 'group' && o.roleAssignable !== true);
  const found = new Map<string, Omit<TargetsNotListed, 'holders'> & { readonly holders: Set<string> }>();
  const hold = (role: string, over: string, why: string, origin: Origin, principal: GraphPrincipal) => {
    const key = `${role}\u0000${over}`;
    const entry = found.get(key) ?? { role, over, why, file: origin.tenant?.file ?? origin.file, holders: new Set<string>() };
    entry.holders.add(principal.key);
    found.set(key, entry);
  };
  const judge = (role: string, capabilities: readonly HeldCapability[], scope: GraphScope | undefined, origin: Origin, principal: GraphPrincipal) => {
    const held = new Set(capabilities.map((c) => c.capability));
    if (held.has(EntraCapability.ASSIGN_DIRECTORY_ROLES)) return;
    const any = (kinds: ReadonlySet<EntraCapability>) => [...kinds].some((k) => held.has(k));
    if (scope === undefined || scope.level === ScopeLevel.ROOT) {
      if (any(OVER_SERVICE_PRINCIPALS) && !listsServicePrincipals) {
        hold(role, 'the tenant\'s applications and service principals', 'no export lists them (give --live-owners with Graph\'s servicePrincipals list)',
          origin, principal);
      }
      const joinsAny = held.has(EntraCapability.ADD_MEMBERS_ROLE_ASSIGNABLE);
      if (joinsAny ? !listsGroups : held.has(EntraCapability.ADD_MEMBERS) && !listsJoinableGroups) {
        hold(role, joinsAny ? 'the tenant\'s groups' : 'the tenant\'s groups that are not role-assignable',
          'no export lists them (give --live-group-members or --live-owners with a groups list that holds them)', origin, principal);
      }
      if (any(OVER_USERS)) hold(role, 'the tenant\'s users', 'this review does not read them', origin, principal);
    } else if (/^\/administrativeUnits\/[^$]/i.test(scope.value) && any(OVER_ANY_OBJECT)) {
      hold(role, `the administrative unit ${scope.value.slice('/administrativeUnits/'.length)}`, 'no export lists its members', origin, principal);
    }
  };
  for (const d of [...graph.directoryRoles, ...graph.tenantDirectoryRoles]) {
    judge(d.role.name, capabilitiesOfRole(d.role), d.scope, d.origin, d.principal);
  }
  for (const e of [...graph.eligibilities, ...graph.tenantEligibilities]) {
    if (e.kind !== 'entra-directory-role' || e.entraRole === undefined) continue;
    judge(e.entraRole.name, capabilitiesOfRole(e.entraRole), e.scope, e.origin, e.principal);
  }
  for (const p of [...graph.appPermissions, ...graph.tenantAppPermissions]) {
    if (mayBeMicrosoftGraph(p.api)) judge(p.name, capabilitiesOfGraphPermission(p.permission?.name), undefined, p.origin, p.principal);
  }
  return [...found.values()].map(({ holders, ...rest }) => ({ ...rest, holders: holders.size }));
}

/** `what 2 holders of "Helpdesk Administrator" reach over the tenant's users is not reviewed: this review does not read them`. */
export function describeTargetsNotListed(t: TargetsNotListed): string {
  const holders = t.holders === 1 ? '1 holder' : `${t.holders} holders`;
  return `what ${holders} of "${t.role}" ${t.holders === 1 ? 'reaches' : 'reach'} over ${t.over} is not reviewed: ${t.why}`;
}
