/**
 * A registry module whose source was read (at a commit) and holds no access: no resource that
 * grants, holds or carries access, so a review that cannot read it loses nothing by that
 * (data/modules-without-access.json, modules-without-access.generated.ts).
 */
export interface ModuleWithoutAccess {
  /** The registry source as a module block writes it: `Azure/naming/azurerm`. */
  readonly source: string;
  /** The repository read, and the commit. */
  readonly repository: string;
  readonly commit: string;
  /** Why it holds no access, for the report. */
  readonly why: string;
}
