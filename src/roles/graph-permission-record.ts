/** What the catalog generator records for every Microsoft Graph application permission. */
export interface GraphPermissionRecord {
  readonly appRoleId: string;
  readonly name: string;
  readonly category: string;
  /** The entraops tier level: 0, 1 or 2. */
  readonly tier: number;
}
