import type {
  RoleManagementPolicyActivationRules,
  RoleManagementPolicyActiveAssignmentRules,
  RoleManagementPolicyEligibleAssignmentRules,
  RoleManagementPolicyNotificationRules,
} from '@cdktf/provider-azurerm/lib/role-management-policy';
import { ActivationRules } from './activation-rules';
import { ActiveAssignmentRules, EligibleAssignmentRules } from './assignment-rules';
import { PimNotificationLevel, PimNotificationRules, PimNotificationSettings } from './notification-rules';
import { Duration } from '../model/duration';
import { isGuid } from '../model/guid';
import type { IPrincipal } from '../model/principal';
import { PrincipalKind } from '../model/principal-kind';
import { isUnresolved } from '../private/cdktf-runtime';

// The blocks of azurerm_role_management_policy, built from the rules and checked with the
// policy's construct path.

const MAX_DURATION_ACCEPTED = 'PT30M to PT23H30M in 30-minute steps (PT30M, PT1H, PT1H30M, ..., PT23H, PT23H30M), or P1D';

/** The maximum assignment lengths Azure offers, in days. */
const EXPIRE_AFTER_DAYS = [15, 30, 90, 180, 365];
const EXPIRE_AFTER_ACCEPTED = 'P15D, P30D, P90D, P180D or P365D (Duration.days(15|30|90|180|365))';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

const LEVELS = Object.values(PimNotificationLevel) as string[];

/**
 * The `activation_rules` block, with every setting written out so the plan shows what holds.
 * @internal
 */
export function activationRulesBlock(path: string, rules: ActivationRules): RoleManagementPolicyActivationRules {
  const approvers = rules.approvers ?? [];
  const requireApproval = rules.requireApproval ?? approvers.length > 0;
  if (requireApproval && approvers.length === 0) {
    throw new Error(
      `${path}: activation requires approval but lists no approver. Accepted: one or more approvers (users or groups), ` +
        "e.g. approvers: [Principal.group('<object-id>')], or requireApproval: false.",
    );
  }
  if (!requireApproval && approvers.length > 0) {
    throw new Error(
      `${path}: activation lists ${approvers.length} approver(s) but requireApproval is false. Accepted: requireApproval true (or unset) with approvers, ` +
        'or requireApproval false without approvers.',
    );
  }
  const context = rules.authenticationContext;
  if (context !== undefined && !isUnresolved(context) && context.trim() === '') {
    throw new Error(`${path}: authenticationContext is empty. Accepted: a Conditional Access authentication context ID such as "c1", or none.`);
  }
  if (context !== undefined && rules.requireMfa === true) {
    throw new Error(
      `${path}: activation asks for both MFA and the Conditional Access authentication context "${context}". ` +
        'Accepted: requireMfa or authenticationContext, not both (the context can require MFA itself).',
    );
  }
  return {
    maximumDuration: rules.maxDuration === undefined ? undefined : checkMaxDuration(path, rules.maxDuration),
    requireApproval,
    approvalStage: requireApproval ? { primaryApprover: approvers.map((a, i) => approver(path, a, i)) } : undefined,
    requireMultifactorAuthentication: context === undefined ? (rules.requireMfa ?? true) : undefined,
    requiredConditionalAccessAuthenticationContext: context?.trim(),
    requireJustification: rules.requireJustification ?? true,
    requireTicketInfo: rules.requireTicketInfo ?? false,
  };
}

/**
 * PT30M..PT23H30M in 30-minute steps, or P1D: the values Azure and the provider accept.
 * @internal
 */
export function checkMaxDuration(path: string, duration: Duration): string {
  const minutes = duration instanceof Duration ? duration.totalMinutes : NaN;
  const valid = (minutes >= 30 && minutes <= 23 * 60 + 30 && minutes % 30 === 0) || minutes === 24 * 60;
  if (!valid) {
    throw new Error(`${path}: activation maxDuration ${String(duration)} is not accepted. Accepted: ${MAX_DURATION_ACCEPTED}.`);
  }
  return duration.toIsoString();
}

function approver(path: string, principal: IPrincipal, index: number): { objectId: string; type: string } {
  if (principal.kind !== PrincipalKind.HUMAN && principal.kind !== PrincipalKind.GROUP) {
    throw new Error(
      `${path}: approver ${index} (${principal.displayName}) is of kind "${principal.kind}". Accepted: users (${PrincipalKind.HUMAN}) or groups (${PrincipalKind.GROUP}).`,
    );
  }
  if (!isUnresolved(principal.principalId) && !isGuid(principal.principalId)) {
    throw new Error(`${path}: approver ${index} object ID "${principal.principalId}" is not a GUID. Accepted: an Entra object ID or a token.`);
  }
  return { objectId: principal.principalId, type: principal.kind === PrincipalKind.HUMAN ? 'User' : 'Group' };
}

/** @internal */
export function eligibleAssignmentRulesBlock(path: string, rules: EligibleAssignmentRules): RoleManagementPolicyEligibleAssignmentRules {
  const expiration = expirationOf(path, 'eligibleAssignments', rules.expirationRequired, rules.expireAfter);
  return { expirationRequired: expiration.required, expireAfter: expiration.after };
}

/** @internal */
export function activeAssignmentRulesBlock(path: string, rules: ActiveAssignmentRules): RoleManagementPolicyActiveAssignmentRules {
  const expiration = expirationOf(path, 'activeAssignments', rules.expirationRequired, rules.expireAfter);
  return {
    expirationRequired: expiration.required,
    expireAfter: expiration.after,
    requireJustification: rules.requireJustification,
    requireMultifactorAuthentication: rules.requireMfa,
    requireTicketInfo: rules.requireTicketInfo,
  };
}

/**
 * `expire_after` as Azure accepts it: one of P15D, P30D, P90D, P180D, P365D.
 * @internal
 */
export function checkExpireAfter(path: string, what: string, duration: Duration): string {
  const days = duration instanceof Duration ? duration.totalDays : NaN;
  if (!EXPIRE_AFTER_DAYS.includes(days)) {
    throw new Error(`${path}: ${what} expireAfter ${String(duration)} is not accepted. Accepted: ${EXPIRE_AFTER_ACCEPTED}.`);
  }
  return `P${days}D`;
}

/**
 * The shortest accepted `expire_after` that still allows an assignment of `duration`, or
 * undefined when none does (longer than 365 days).
 * @internal
 */
export function expireAfterCovering(duration: Duration): Duration | undefined {
  const days = EXPIRE_AFTER_DAYS.find((d) => d * 24 * 60 >= duration.totalMinutes);
  return days === undefined ? undefined : Duration.days(days);
}

function expirationOf(path: string, what: string, required: boolean | undefined, after: Duration | undefined): { required: boolean; after?: string } {
  const expirationRequired = required ?? true;
  if (!expirationRequired && after !== undefined) {
    throw new Error(
      `${path}: ${what} sets expireAfter ${String(after)} but expirationRequired false (permanent assignments allowed). ` +
        `Accepted: expirationRequired true (or unset) with expireAfter ${EXPIRE_AFTER_ACCEPTED}, or expirationRequired false alone.`,
    );
  }
  return { required: expirationRequired, after: after === undefined ? undefined : checkExpireAfter(path, what, after) };
}

/** @internal */
export function notificationRulesBlock(path: string, rules: PimNotificationRules): RoleManagementPolicyNotificationRules {
  const events = ['activeAssignments', 'eligibleActivations', 'eligibleAssignments'] as const;
  if (events.every((event) => rules[event] === undefined)) {
    throw new Error(`${path}: notifications set no event. Accepted: one or more of ${events.join(', ')}, or no notifications at all.`);
  }
  const block: Record<string, unknown> = {};
  for (const event of events) {
    const target = rules[event];
    if (target === undefined) continue;
    const recipients = ['admin', 'approver', 'assignee'] as const;
    if (recipients.every((r) => target[r] === undefined)) {
      throw new Error(`${path}: notifications.${event} sets no recipient. Accepted: one or more of admin, approver, assignee.`);
    }
    const out: Record<string, unknown> = {};
    for (const recipient of recipients) {
      const settings = target[recipient];
      if (settings !== undefined) out[`${recipient}Notifications`] = settingsBlock(`${path}: notifications.${event}.${recipient}`, settings);
    }
    block[event] = out;
  }
  return block as RoleManagementPolicyNotificationRules;
}

function settingsBlock(where: string, settings: PimNotificationSettings) {
  if (!LEVELS.includes(settings.level)) {
    throw new Error(`${where}: level ${JSON.stringify(settings.level ?? null)} is not accepted. Accepted: ${LEVELS.join(', ')} (PimNotificationLevel).`);
  }
  for (const address of settings.additionalRecipients ?? []) {
    if (!isUnresolved(address) && !EMAIL.test(address)) {
      throw new Error(`${where}: additional recipient "${address}" is not an email address. Accepted: addresses such as secops@contoso.example.`);
    }
  }
  return {
    notificationLevel: settings.level,
    defaultRecipients: settings.defaultRecipients ?? true,
    additionalRecipients: settings.additionalRecipients,
  };
}
