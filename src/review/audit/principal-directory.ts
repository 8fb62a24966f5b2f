import { LiveAssignment, LiveExports } from './live-types';

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

  constructor(live: LiveExports) {
    const applications = new Map((live.applications?.items ?? []).filter((a) => a.displayName !== undefined).map((a) => [a.appId, a.displayName!]));
    for (const identity of live.managedIdentities?.items ?? []) {
      this.identities.add(identity.id);
      this.remember(identity.id, identity.displayName, true);
      this.remember(identity.id, identity.appId, false);
    }
    for (const assignment of [...live.assignments.items, ...(live.eligibilities?.items ?? [])]) {
      const application = assignment.principalName === undefined ? undefined : applications.get(assignment.principalName.toLowerCase());
      if (application !== undefined) this.remember(assignment.principalId, application, true);
      if (assignment.principalDisplayName !== undefined) this.remember(assignment.principalId, assignment.principalDisplayName, true);
      if (assignment.principalName !== undefined) this.remember(assignment.principalId, assignment.principalName, false);
    }
  }

  /** The object IDs of every principal the exports give this name (lower case), in no particular order. */
  public principalsNamed(name: string): string[] {
    return [...(this.principalsByName.get(name) ?? [])];
  }

  /** The friendliest name known: a display name, else az's principalName. */
  public displayNameOf(principalId: string): string | undefined {
    return this.displayNames.get(principalId) ?? this.principalNames.get(principalId);
  }

  /** `user alex.wilber@contoso.com (dddddddd-...)`, `managed identity id-contoso-app (aaaaaaaa-...)`. */
  public describe(assignment: LiveAssignment): string {
    const name = this.displayNameOf(assignment.principalId);
    return `${this.kindOf(assignment)} ${name === undefined ? assignment.principalId : `${name} (${assignment.principalId})`}`;
  }

  private kindOf(assignment: LiveAssignment): string {
    if (this.identities.has(assignment.principalId)) return 'managed identity';
    switch (assignment.principalType) {
      case 'User': return 'user';
      case 'Group': return 'group';
      case 'ForeignGroup': return 'foreign group';
      case 'ServicePrincipal': return 'service principal';
      default: return 'principal';
    }
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
