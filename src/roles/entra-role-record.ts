/** What the catalog generator records for every Entra directory role. */
export interface EntraRoleRecord {
  readonly templateId: string;
  readonly name: string;
  /** Empty for a role only the entraops classification lists (it carries no descriptions). */
  readonly description: string;
  readonly isPrivileged: boolean;
  readonly allowedActions: string[];
  /** The template IDs of the roles whose actions this one inherits (entraops `InheritsPermissionsFrom`). */
  readonly inheritsFrom?: string[];
  /** The entraops tier level: 0, 1 or 2. */
  readonly tier: number;
  /** Actions of the role (own or inherited) the classification does not list: each counts as tier 0. */
  readonly unclassifiedActions?: string[];
}
