import { Severity } from '../model/severity';
import { DeclaredPlace, ModuleCallSite } from '../review/graph/graph-types';

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
  /** Where the resource is declared when that is not the input itself: inside a module, its `.tf` file and line. */
  readonly declaredAt?: DeclaredPlace;
  /** For a resource inside a module: the module calls that lead to it, outermost first. */
  readonly moduleCalls?: readonly ModuleCallSite[];
  readonly fix: string;
}
