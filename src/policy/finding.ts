import { Severity } from '../model/severity';

/** One thing a rule found, with where it is and how to fix it. */
export interface Finding {
  readonly ruleId: string;
  readonly severity: Severity;
  readonly message: string;
  /** The Terraform address, e.g. `azurerm_role_assignment.api_reader`. */
  readonly address: string;
  /** The input file the resource came from. */
  readonly file: string;
  /** The cdktf construct path, when known. */
  readonly constructPath?: string;
  readonly fix: string;
}
