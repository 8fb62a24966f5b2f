/** What the catalog generator records for every Entra directory role. */
export interface EntraRoleRecord {
  readonly templateId: string;
  readonly name: string;
  readonly description: string;
  readonly isPrivileged: boolean;
  readonly allowedActions: string[];
}
