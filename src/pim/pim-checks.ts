import { GroupAssignmentType } from './group-assignment-type';
import { PimSchedule } from './pim-schedule';
import type { PimTicket } from './ticket';
import { isGuid } from '../model/guid';
import type { IPrincipal } from '../model/principal';
import { PrincipalKind } from '../model/principal-kind';
import { isUnresolved } from '../private/cdktf-runtime';


/**
 * PIM is for people: a user, or a group of users. A workload (managed identity, application)
 * cannot answer an MFA prompt or write a justification; it gets a standing, narrow RoleGrant.
 * @internal
 */
export function checkHumanOrGroup(path: string, principal: IPrincipal | undefined, what: string): IPrincipal {
  if (principal === undefined || principal === null) {
    throw new Error(`${path}: ${what} is missing. Accepted: a user or a group, e.g. Principal.user('<object-id>') or Principal.group('<object-id>').`);
  }
  if (principal.kind !== PrincipalKind.HUMAN && principal.kind !== PrincipalKind.GROUP) {
    throw new Error(
      `${path}: ${what} ${principal.displayName} is of kind "${principal.kind}"; PIM is for people. Accepted: a user (${PrincipalKind.HUMAN}) ` +
        `or a group (${PrincipalKind.GROUP}). Give a workload a standing, narrow role with RoleGrant or principal.grant() instead.`,
    );
  }
  if (!isUnresolved(principal.principalId) && !isGuid(principal.principalId)) {
    throw new Error(`${path}: ${what} object ID "${principal.principalId}" is not a GUID. Accepted: an Entra object ID or a token.`);
  }
  return principal;
}

/**
 * A justification is what an auditor reads next to the assignment; an empty one is refused.
 * @internal
 */
export function checkJustification(path: string, justification: string | undefined, what = 'justification'): string {
  if (typeof justification !== 'string' || (!isUnresolved(justification) && justification.trim() === '')) {
    throw new Error(`${path}: ${what} ${JSON.stringify(justification ?? null)} is empty. Accepted: a non-empty reason, e.g. "Platform on-call".`);
  }
  return isUnresolved(justification) ? justification : justification.trim();
}

/**
 * Both parts must be written: azuread requires them together, and a number without a system
 * (or the reverse) tells an auditor nothing.
 * @internal
 */
export function checkTicket(path: string, ticket: PimTicket | undefined): PimTicket | undefined {
  if (ticket === undefined) return undefined;
  for (const field of ['number', 'system'] as const) {
    const value = ticket[field];
    if (typeof value !== 'string' || (!isUnresolved(value) && value.trim() === '')) {
      throw new Error(
        `${path}: ticket ${field} ${JSON.stringify(value ?? null)} is empty. Accepted: a ticket with both a number and a system, ` +
          'e.g. { number: "CHG0012345", system: "ServiceNow" }, or no ticket at all.',
      );
    }
  }
  return { number: ticket.number.trim(), system: ticket.system.trim() };
}

/** The schedule of an eligibility, which must be given (permanent eligibility only when asked for). */
export function checkEligibilitySchedule(path: string, schedule: PimSchedule | undefined): PimSchedule {
  if (!(schedule instanceof PimSchedule)) {
    throw new Error(
      `${path}: schedule is missing. Accepted: PimSchedule.afterDuration(Duration.days(n)), PimSchedule.until('<date-time>') ` +
        "or, for permanent eligibility, PimSchedule.noExpiration('<reason>').",
    );
  }
  return schedule;
}

/** The provider's `ticket` block (its attribute is `system`, spelled `systemAttribute` in cdktf). */
export function ticketBlock(ticket: PimTicket | undefined): { number: string; systemAttribute: string } | undefined {
  return ticket ? { number: ticket.number, systemAttribute: ticket.system } : undefined;
}

/** A PIM for Groups target: a group (a user is refused), and membership or ownership of it. */
export function checkPimGroup(path: string, group: IPrincipal | undefined, assignmentType: GroupAssignmentType | undefined): {
  group: IPrincipal; assignmentType: GroupAssignmentType;
} {
  const checked = checkHumanOrGroup(path, group, 'group');
  if (checked.kind !== PrincipalKind.GROUP) {
    throw new Error(`${path}: group ${checked.displayName} is of kind "${checked.kind}". Accepted: a group (${PrincipalKind.GROUP}), e.g. Principal.group('<object-id>').`);
  }
  const type = assignmentType ?? GroupAssignmentType.MEMBER;
  const accepted = Object.values(GroupAssignmentType) as string[];
  if (!accepted.includes(type)) {
    throw new Error(`${path}: assignmentType ${JSON.stringify(type)} is not accepted. Accepted: ${accepted.join(', ')} (GroupAssignmentType).`);
  }
  return { group: checked, assignmentType: type };
}
