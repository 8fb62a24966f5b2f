import { didYouMean } from './closest-names';
import { EntraRole } from './entra-role';
import { ENTRA_ROLE_RECORDS, ENTRA_ROLE_SOURCE } from './entra-roles.generated';

/** The built-in Microsoft Entra directory roles, by display name or template ID. */
export class EntraRoleCatalog {
  /** The directory roles generated from data/entra-builtin-roles.json. */
  public static builtIn(): EntraRoleCatalog {
    EntraRoleCatalog.instance ??= new EntraRoleCatalog(ENTRA_ROLE_RECORDS.map((r) => EntraRole._fromRecord(r)));
    return EntraRoleCatalog.instance;
  }

  private static instance?: EntraRoleCatalog;

  /** Every directory role of the catalog, in the order of the data. */
  public readonly roles: EntraRole[];
  private readonly byName = new Map<string, EntraRole>();
  private readonly byTemplateId = new Map<string, EntraRole>();

  private constructor(roles: EntraRole[]) {
    this.roles = roles;
    for (const role of roles) {
      this.byName.set(role.name.trim().toLowerCase(), role);
      this.byTemplateId.set(role.templateId, role);
    }
  }

  /** The directory role with this exact display name (ignoring case), or undefined. */
  public tryFromName(name: string): EntraRole | undefined {
    return this.byName.get(name.trim().toLowerCase());
  }

  /**
   * The directory role with this exact display name, ignoring case.
   *
   * An unknown name throws an error that suggests the closest names.
   */
  public fromName(name: string): EntraRole {
    const role = this.tryFromName(name);
    if (!role) {
      throw new Error(
        `Unknown Entra directory role "${name}".${didYouMean(name, this.roles.map((r) => r.name))} ` +
          `Names must match one of the ${ENTRA_ROLE_SOURCE.roles} roles of ${ENTRA_ROLE_SOURCE.file} (case is ignored).`,
      );
    }
    return role;
  }

  /** The directory role with this template ID, or undefined. */
  public tryFromTemplateId(templateId: string): EntraRole | undefined {
    return this.byTemplateId.get(templateId.trim().toLowerCase());
  }

  /** The directory role with this template ID (a GUID). */
  public fromTemplateId(templateId: string): EntraRole {
    const role = this.tryFromTemplateId(templateId);
    if (!role) {
      throw new Error(
        `No Entra directory role has template ID "${templateId}" among the ${ENTRA_ROLE_SOURCE.roles} roles of ${ENTRA_ROLE_SOURCE.file}.`,
      );
    }
    return role;
  }
}
