import { EntraRoleRecord } from './entra-role-record';

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
  public readonly name: string;
  public readonly description: string;
  /** Microsoft's own flag for roles that can lead to tenant-wide compromise. */
  public readonly isPrivileged: boolean;
  /**
   * The role's own `allowedResourceActions`. Graph lists a role's own actions only: most roles
   * also inherit those of Directory Readers, which are not repeated here.
   */
  public readonly allowedActions: string[];

  private constructor(record: EntraRoleRecord) {
    this.templateId = record.templateId;
    this.name = record.name;
    this.description = record.description;
    this.isPrivileged = record.isPrivileged;
    this.allowedActions = record.allowedActions;
  }

  public toString(): string {
    return `${this.name} (${this.templateId})`;
  }
}
