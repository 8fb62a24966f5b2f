import { Severity } from './severity';

/** One thing a rule found, with where it is and how to fix it. */
export interface Finding {
  /** The rule that found it, e.g. `AZA001`: what a suppression names. */
  readonly ruleId: string;
  /** How bad it is: an error fails the guard at synth. */
  readonly severity: Severity;
  /** What was found, in the words `check` and the guard print. */
  readonly message: string;
  /** The Terraform address, e.g. `azurerm_role_assignment.api_reader`. */
  readonly address: string;
  /** The input file the resource came from. */
  readonly file: string;
  /** The cdktf construct path, when known. */
  readonly constructPath?: string;
  /** How to fix it, or how to accept it (a suppression with a reason). */
  readonly fix: string;
}
