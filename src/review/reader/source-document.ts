import { TerraformDocument } from '../terraform-json';

/** What a document was read from: cdktf output, hand-written Terraform JSON, HCL (via hcl2json), or a plan. */
export type InputFormat = 'cdktf' | 'terraform-json' | 'hcl' | 'plan';

/** One Terraform configuration as the review reads it, whatever it was read from. */
export interface SourceDocument {
  /**
   * The path as the user gave it (a stack of a cdktf.out directory: that directory joined with the
   * stack's path in manifest.json), or `<stdin>`. Never made absolute, so output stays the same on any machine.
   */
  readonly file: string;
  /** The cdktf stack name, when read through a cdktf.out manifest. */
  readonly stack?: string;
  readonly format: InputFormat;
  /** `resource`, `data` and the rest, in cdktf object form or hcl2json array form: `blocksOf()` reads both. */
  readonly document: TerraformDocument;
  /** Only for plans: one per `resource_changes` entry, in plan order. */
  readonly changes?: PlanChange[];
  /**
   * The strings of values Terraform marks sensitive (reader/sensitive-strings.ts), longest first:
   * the command shows `(sensitive)` wherever one would be printed. Absent when there are none.
   */
  readonly sensitive?: readonly string[];
}

/** One entry of a plan's `resource_changes`. */
export interface PlanChange {
  /** The full address: `module.app.azurerm_role_assignment.reader[0]`. */
  readonly address: string;
  readonly type: string;
  /** `["create"]`, `["delete", "create"]` (a replacement), `["update"]`, `["no-op"]`, ... */
  readonly actions: string[];
  readonly before?: Record<string, unknown> | null;
  readonly after?: Record<string, unknown> | null;
}
