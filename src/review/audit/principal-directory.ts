import { LiveAssignment, LiveExports } from './live-types';

/** What a live assignment, eligibility or directory role says of its principal. */
type Holding = Pick<LiveAssignment, 'principalId' | 'principalType'>;

/**
 * What the exports say about each principal: its names (for matching code that names a
 * principal instead of giving its object ID) and how to show it. `az role assignment list`
 * prints a service principal's appId as its name; the Graph exports turn that into a display name.
 */
export class PrincipalDirectory {
  private readonly principalsByName = new Map<string, Set<string>>();
  private readonly displayNames = new Map<string, string>();
  private readonly principalNames = new Map<string, string>();
  private readonly identities = new Set<string>();
  /** Each principal's type as an export writes it (`User`, `Group`, `ServicePrincipal`), the first one given. */
  private readonly types = new Map<string, string>();

  constructor(live: LiveExports) {
    const applications = new Map((live.applications?.items ?? []).filter((a) => a.displayName !== undefined).map((a) => [a.appId, a.displayName!]));
    for (const identity of live.managedIdentities?.items ?? []) {
      this.identities.add(identity.id);
      this.remember(identity.id, identity.displayName, true);
      this.remember(identity.id, identity.appId, false);
    }
    for (const principal of live.servicePrincipals?.items ?? []) {
      if (principal.displayName !== undefined) this.remember(principal.id, principal.displayName, true);
    }
    // An owned service principal or group, and each owner, as Graph names them.
    for (const owned of live.owners?.items ?? []) {
      if (owned.kind !== 'application' && owned.displayName !== undefined) this.remember(owned.id, owned.displayName, true);
      for (const owner of owned.owners) {
        if (owner.displayName !== undefined) this.remember(owner.id, owner.displayName, true);
        this.rememberType({ principalId: owner.id, principalType: owner.principalType });
      }
    }
    for (const assignment of [...live.assignments.items, ...(live.eligibilities?.items ?? [])]) {
      const application = assignment.principalName === undefined ? undefined : applications.get(assignment.principalName.toLowerCase());
      if (application !== undefined) this.remember(assignment.principalId, application, true);
      if (assignment.principalDisplayName !== undefined) this.remember(assignment.principalId, assignment.principalDisplayName, true);
      if (assignment.principalName !== undefined) this.remember(assignment.principalId, assignment.principalName, false);
    }
    // Object IDs are the tenant's, the same in Azure and in Entra: a name from either export names both.
    for (const role of [...(live.directoryRoles?.items ?? []), ...(live.directoryEligibilities?.items ?? [])]) {
      if (role.principalDisplayName !== undefined) this.remember(role.principalId, role.principalDisplayName, true);
      this.rememberType(role);
    }
    for (const assignment of live.assignments.items) this.rememberType(assignment);
  }

  /** The object IDs of every principal the exports give this name (lower case), in no particular order. */
  public principalsNamed(name: string): string[] {
    return [...(this.principalsByName.get(name) ?? [])];
  }

  /** The friendliest name known: a display name, else az's principalName. */
  public displayNameOf(principalId: string): string | undefined {
    return this.displayNames.get(principalId) ?? this.principalNames.get(principalId);
  }

  /** The principal's type as the item itself writes it, else as another export does: `User`, `Group`, `ServicePrincipal`, ... */
  public typeOf(holding: Holding): string | undefined {
    return holding.principalType ?? this.types.get(holding.principalId);
  }

  /** `user alex.wilber@contoso.com (dddddddd-...)`, `managed identity id-contoso-app (aaaaaaaa-...)`. */
  public describe(holding: Holding): string {
    const name = this.displayNameOf(holding.principalId);
    return `${this.kindOf(holding)} ${name === undefined ? holding.principalId : `${name} (${holding.principalId})`}`;
  }

  private kindOf(holding: Holding): string {
    if (this.identities.has(holding.principalId)) return 'managed identity';
    switch (this.typeOf(holding)) {
      case 'User': return 'user';
      case 'Group': return 'group';
      case 'ForeignGroup': return 'foreign group';
      case 'ServicePrincipal': return 'service principal';
      default: return 'principal';
    }
  }

  private rememberType(holding: Holding): void {
    if (holding.principalType !== undefined && !this.types.has(holding.principalId)) this.types.set(holding.principalId, holding.principalType);
  }

  // The first display name wins; az's principalName (an appId for service principals) only when there is none.
  private remember(principalId: string, name: string, isDisplayName: boolean): void {
    const lower = name.toLowerCase();
    const principals = this.principalsByName.get(lower) ?? new Set<string>();
    principals.add(principalId);
    this.principalsByName.set(lower, principals);
    const shown = isDisplayName ? this.displayNames : this.principalNames;
    if (!shown.has(principalId)) shown.set(principalId, name);
  }
}
