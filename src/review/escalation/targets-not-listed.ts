import { capabilitiesOfGraphPermission, capabilitiesOfRole, EntraCapability, HeldCapability } from './entra-capability';
import { ScopeLevel } from '../../model/scope-level';
import { AccessGraph } from '../graph/access-graph';
import { mayBeMicrosoftGraph } from '../graph/graph-api';
import { GraphPrincipal, GraphScope } from '../graph/graph-types';

/** A directory role or Graph permission whose reach over the tenant's objects this review cannot follow, with how many hold it. */
export interface TargetsNotListed {
  /** What is held and what it reaches that no export lists: said as the kind of a "not reviewed" line. */
  readonly holding: string;
  readonly holders: number;
}

const OVER_SERVICE_PRINCIPALS = new Set([EntraCapability.ADD_CREDENTIALS, EntraCapability.ADD_OWNERS]);
const OVER_GROUPS = new Set([EntraCapability.ADD_MEMBERS, EntraCapability.ADD_MEMBERS_ROLE_ASSIGNABLE]);
const OVER_USERS = new Set([EntraCapability.RESET_PASSWORDS, EntraCapability.RESET_ANY_PASSWORD]);

/**
 * On the live tenant, the directory roles and Graph permissions (the code's and the tenant's,
 * standing or eligible) that act on the tenant's applications, service principals, groups or users
 * where no export lists those objects: reach follows them only to the objects the exports list, so
 * what they reach beyond is named as not reviewed rather than read as nothing. The same for a role
 * held at an administrative unit the tenant names by ID: no export lists its members. A graph not
 * on the tenant has none (the code's own objects are all it can reach).
 */
export function targetsNotListed(graph: AccessGraph): TargetsNotListed[] {
  if (!graph.onTenant) return [];
  const listsServicePrincipals = graph.tenantDirectoryObjects.some((o) => o.kind !== 'group' && o.principal !== undefined);
  const listsGroups = graph.tenantDirectoryObjects.some((o) => o.kind === 'group');
  const holders = new Map<string, Set<string>>();
  const hold = (holding: string, principal: GraphPrincipal) => {
    const set = holders.get(holding) ?? new Set<string>();
    set.add(principal.key);
    holders.set(holding, set);
  };
  const judge = (name: string, capabilities: readonly HeldCapability[], scope: GraphScope | undefined, principal: GraphPrincipal) => {
    const held = new Set(capabilities.map((c) => c.capability));
    // Who can make itself Global Administrator reaches everything already: nothing beyond is left out.
    if (held.has(EntraCapability.ASSIGN_DIRECTORY_ROLES)) return;
    const any = (kinds: ReadonlySet<EntraCapability>) => [...kinds].some((k) => held.has(k));
    if (scope === undefined || scope.level === ScopeLevel.ROOT) {
      if (any(OVER_SERVICE_PRINCIPALS) && !listsServicePrincipals) {
        hold(`"${name}" holding over the tenant's applications and service principals, which no export lists `
          + '(give --live-owners with Graph\'s servicePrincipals list)', principal);
      }
      if (any(OVER_GROUPS) && !listsGroups) {
        hold(`"${name}" holding over the tenant's groups, which no export lists (give --live-group-members or --live-owners with a groups list)`, principal);
      }
      if (any(OVER_USERS)) hold(`"${name}" holding over the tenant's users, which this review does not read`, principal);
    } else if (/^\/administrativeUnits\/[^$]/i.test(scope.value) && (any(OVER_SERVICE_PRINCIPALS) || any(OVER_GROUPS) || any(OVER_USERS))) {
      hold(`"${name}" holding at the administrative unit ${scope.value.slice('/administrativeUnits/'.length)}, whose members no export lists`, principal);
    }
  };
  for (const d of [...graph.directoryRoles, ...graph.tenantDirectoryRoles]) judge(d.role.name, capabilitiesOfRole(d.role), d.scope, d.principal);
  for (const e of [...graph.eligibilities, ...graph.tenantEligibilities]) {
    if (e.kind === 'entra-directory-role' && e.entraRole !== undefined) judge(e.entraRole.name, capabilitiesOfRole(e.entraRole), e.scope, e.principal);
  }
  for (const p of [...graph.appPermissions, ...graph.tenantAppPermissions]) {
    if (mayBeMicrosoftGraph(p.api)) judge(p.name, capabilitiesOfGraphPermission(p.permission?.name), undefined, p.principal);
  }
  return [...holders].map(([holding, principals]) => ({ holding, holders: principals.size }));
}
