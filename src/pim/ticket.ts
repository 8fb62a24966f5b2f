/**
 * The change or incident ticket that authorizes an assignment, recorded with the PIM request so
 * an auditor can trace who asked for the access and why.
 */
export interface PimTicket {
  /** The ticket's number or key, e.g. "CHG0012345". */
  readonly number: string;
  /** The ticket system, e.g. "ServiceNow". */
  readonly system: string;
}
