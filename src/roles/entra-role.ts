import { EntraRoleRecord } from './entra-role-record';
import { PrivilegeTier, tierOfLevel } from './privilege-tier';

/**
 * A Microsoft Entra directory role (Global Administrator, Application Administrator, ...),
 * identified by its template ID. See `DirectoryRole` for the built-in ones.
 */
export class EntraRole {
  /** @internal */
  public static _fromRecord(record: EntraRoleRecord): EntraRole {
    return new EntraRole(record);
  }

  /** The role's template ID, the same in every tenant. */
  public readonly templateId: string;
  /** The role's display name, e.g. "Global Administrator". */
  public readonly name: string;
  /** What the role allows, in Microsoft's words. */
  public readonly description: string;
  /** Microsoft's own flag for roles that can lead to tenant-wide compromise. */
  public readonly isPrivileged: boolean;
  /**
   * The role's own `allowedResourceActions`. Graph lists a role's own actions only: most roles
   * also inherit those of Directory Readers, which are not repeated here.
   */
  public readonly allowedActions: string[];
  /** The template IDs of the roles whose actions this one also holds (most inherit Directory Readers). */
  public readonly inheritsFrom: string[];
  /**
   * The Enterprise Access Model tier (entraops classification): the widest of the tiers of its
   * actions, own and inherited, and of the tier entraops gives the role itself. An action the
   * classification does not list counts as tier 0 (see `unclassifiedActions`).
   */
  public readonly tier: PrivilegeTier;
  /** The role's actions (own or inherited) that the classification does not list: each counts as tier 0. */
  public readonly unclassifiedActions: string[];

  private constructor(record: EntraRoleRecord) {
    this.templateId = record.templateId;
    this.name = record.name;
    this.description = record.description;
    this.isPrivileged = record.isPrivileged;
    this.allowedActions = record.allowedActions;
    this.inheritsFrom = record.inheritsFrom ?? [];
    this.tier = tierOfLevel(record.tier);
    this.unclassifiedActions = record.unclassifiedActions ?? [];
  }

  /** The role's name and template ID, as messages show it. */
  public toString(): string {
    return `${this.name} (${this.templateId})`;
  }
}
