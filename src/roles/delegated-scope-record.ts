/** What the catalog generator records for every delegated Microsoft Graph scope of data/graph-delegated-scopes.json. */
export interface DelegatedScopeRecord {
  /** The scope's ID, lower case: the same in every tenant, as `resource_access.id` (type `Scope`) writes it. */
  readonly id: string;
  readonly name: string;
  /**
   * The reviewed tier level (0, 1 or 2). Absent: the table only names the scope, and it takes the
   * tier of the application permission of its name, as a scope the table does not list does.
   */
  readonly tier?: number;
  /** Why it has that tier, in a line. */
  readonly why?: string;
}
