import { Construct } from 'constructs';
import { ActivationRules } from './activation-rules';
import { ActiveAssignmentRules, EligibleAssignmentRules } from './assignment-rules';
import { EligibleRoleAssignment } from './eligible-role-assignment';
import { PimNotificationRules } from './notification-rules';
import { PimSchedule } from './pim-schedule';
import { checkExpireAfter, expireAfterCovering } from './policy-blocks';
import { RoleActivationPolicy } from './role-activation-policy';
import { PimTicket } from './ticket';
import { Duration } from '../model/duration';
import type { IPrincipal } from '../model/principal';
import { cdktf, isUnresolved } from '../private/cdktf-runtime';
import { Role } from '../roles/role';
import { Scope } from '../scope/scope';

/** Properties of just-in-time access. */
export interface JustInTimeAccessProps {
  /** The people or groups who may activate the roles. */
  readonly principals: IPrincipal[];
  /** The roles they may activate, e.g. `[BuiltInRole.OWNER, BuiltInRole.USER_ACCESS_ADMINISTRATOR]`. */
  readonly roles: Role[];
  /** Where the roles apply, e.g. `Scope.of(resourceGroup)`. */
  readonly scope: Scope;
  /** How long each principal stays eligible, in whole hours or days (at most 365 days while expiration is required). */
  readonly eligibleFor: Duration;
  /**
   * When eligibility starts: an ISO 8601 date-time or a token, never the clock.
   * @default - when Terraform applies it
   */
  readonly eligibleFrom?: string;
  /** What activation requires: maximum duration, approvers, MFA, justification. */
  readonly activation: ActivationRules;
  /**
   * The justification recorded with each eligibility.
   * @default "Just-in-time eligibility for <role name>"
   */
  readonly justification?: string;
  /**
   * The change or incident ticket that authorizes the eligibilities, recorded with each for audit.
   * @default - no ticket
   */
  readonly ticket?: PimTicket;
  /**
   * The eligible-assignment rules of each role's policy.
   * @default - expiration required, after the shortest accepted length that covers `eligibleFor`
   */
  readonly eligibleAssignments?: EligibleAssignmentRules;
  /**
   * The active-assignment rules of each role's policy: how long an active assignment may last and what making one requires.
   * @default - unchanged
   */
  readonly activeAssignments?: ActiveAssignmentRules;
  /**
   * Who each role's policy notifies of assignments and activations.
   * @default - unchanged
   */
  readonly notifications?: PimNotificationRules;
}

/**
 * Just-in-time access to Azure roles at one scope: each principal is made eligible for each
 * role (one `EligibleRoleAssignment` per principal and role), and each role gets one activation
 * policy at the scope (`RoleActivationPolicy`). Nothing is active or standing: a principal
 * holds a role only after activating it under the policy.
 *
 * Each eligibility depends on its role's policy, so the activation rules are in force before
 * anyone can activate. Since Azure keeps one policy per role and scope, two
 * JustInTimeAccess (or a RoleActivationPolicy) for the same role and scope in one app are an
 * error: put the principals in one.
 */
export class JustInTimeAccess extends Construct {
  /** Where the roles apply once activated. */
  public readonly scope: Scope;
  /** One eligibility per principal and role, in the order of `roles`, then of `principals`. */
  public readonly eligibilities: EligibleRoleAssignment[];
  /** One policy per role, in the order of `roles`. */
  public readonly policies: RoleActivationPolicy[];

  /**
   * @param scope the construct to define this one in (a stack, or a construct inside one)
   * @param id the construct ID, unique among its siblings and part of the path that messages name
   * @param props who may activate which roles where, for how long, and under which rules
   */
  constructor(scope: Construct, id: string, props: JustInTimeAccessProps) {
    super(scope, id);
    const path = this.node.path;
    this.scope = props.scope;
    const principals = nonEmpty(path, 'principals', props.principals, "Principal.group('<object-id>') or Principal.user('<object-id>')");
    const roles = nonEmpty(path, 'roles', props.roles, 'BuiltInRole.OWNER, BuiltInRole.USER_ACCESS_ADMINISTRATOR, ...');
    refuseDuplicates(path, 'roles', roles.map((r) => r.guid.toLowerCase()), roles.map((r) => r.name));
    refuseDuplicates(path, 'principals', principals.map((p) => p.principalId.toLowerCase()), principals.map((p) => p.displayName));
    if (!(props.eligibleFor instanceof Duration)) {
      throw new Error(`${path}: eligibleFor is missing. Accepted: a Duration in whole hours or days, e.g. Duration.days(180).`);
    }
    if (props.activation === undefined) {
      throw new Error(`${path}: activation is missing. Accepted: activation rules, e.g. { maxDuration: Duration.hours(1), approvers: [...], requireMfa: true }.`);
    }
    refuseSelfApproval(path, principals, props.activation.approvers ?? []);
    const eligibleAssignments = eligibleAssignmentRules(path, props.eligibleFor, props.eligibleAssignments);

    this.policies = [];
    this.eligibilities = [];
    const principalIds = uniqueIds(principals.map((p, i) => (isUnresolved(p.displayName) ? `Principal${i + 1}` : p.displayName)));
    const roleIds = uniqueIds(roles.map((r, i) => (isUnresolved(r.name) ? `Role${i + 1}` : r.name)));
    roles.forEach((role, r) => {
      const group = new Construct(this, roleIds[r]);
      const policy = new RoleActivationPolicy(group, 'Policy', {
        role,
        scope: props.scope,
        activation: props.activation,
        eligibleAssignments,
        activeAssignments: props.activeAssignments,
        notifications: props.notifications,
      });
      this.policies.push(policy);
      principals.forEach((principal, p) => {
        const eligibility = new EligibleRoleAssignment(group, `Eligible-${principalIds[p]}`, {
          principal,
          role,
          scope: props.scope,
          justification: props.justification ?? `Just-in-time eligibility for ${role.name}`,
          schedule: PimSchedule.afterDuration(props.eligibleFor, { startDateTime: props.eligibleFrom }),
          ticket: props.ticket,
        });
        // The activation rules must hold before anyone can activate.
        eligibility.resource.dependsOn = [cdktf().dependable(policy.resource)];
        this.eligibilities.push(eligibility);
      });
    });
  }

  /** The policy of a role, or undefined when the role is not one of `roles`. */
  public policyFor(role: Role): RoleActivationPolicy | undefined {
    return this.policies.find((policy) => policy.role.guid.toLowerCase() === role.guid.toLowerCase());
  }

  /** The eligibility of a principal for a role, or undefined. */
  public eligibilityOf(principal: IPrincipal, role: Role): EligibleRoleAssignment | undefined {
    return this.eligibilities.find(
      (e) => e.principal.principalId.toLowerCase() === principal.principalId.toLowerCase() && e.role.guid.toLowerCase() === role.guid.toLowerCase(),
    );
  }
}

/**
 * The policy's eligible-assignment rules: by default, expiration required after the shortest
 * length Azure accepts that still covers `eligibleFor`, so the eligibilities made here fit
 * the policy and none made elsewhere can be longer.
 */
function eligibleAssignmentRules(path: string, eligibleFor: Duration, given: EligibleAssignmentRules | undefined): EligibleAssignmentRules {
  if (given !== undefined) {
    if ((given.expirationRequired ?? true) && given.expireAfter !== undefined) {
      checkExpireAfter(path, 'eligibleAssignments', given.expireAfter);
      if (given.expireAfter.totalMinutes < eligibleFor.totalMinutes) {
        throw new Error(
          `${path}: eligibleFor ${eligibleFor} is longer than the policy's eligibleAssignments expireAfter ${given.expireAfter}; Azure would refuse ` +
            'the eligibilities. Accepted: eligibleFor no longer than expireAfter.',
        );
      }
    }
    return given;
  }
  const covering = expireAfterCovering(eligibleFor);
  if (covering === undefined) {
    throw new Error(
      `${path}: eligibleFor ${eligibleFor} is longer than any eligible assignment Azure allows while expiration is required. ` +
        'Accepted: up to Duration.days(365), or eligibleAssignments: { expirationRequired: false } to allow longer ones.',
    );
  }
  return { expirationRequired: true, expireAfter: covering };
}

function nonEmpty<T>(path: string, what: string, values: T[] | undefined, example: string): T[] {
  if (!Array.isArray(values) || values.length === 0) {
    throw new Error(`${path}: ${what} is empty. Accepted: one or more, e.g. ${example}.`);
  }
  return values;
}

function refuseDuplicates(path: string, what: string, keys: string[], names: string[]): void {
  keys.forEach((key, i) => {
    const first = keys.indexOf(key);
    if (first !== i && !isUnresolved(key)) {
      throw new Error(`${path}: ${what} lists ${names[i]} twice (positions ${first} and ${i}). Accepted: each once.`);
    }
  });
}

/** Construct IDs from names: letters, digits, `-` and `_`; a repeated name gets a number. */
function uniqueIds(names: string[]): string[] {
  const seen = new Map<string, number>();
  return names.map((name) => {
    const base = name.replace(/[^A-Za-z0-9_-]+/g, '') || 'Item';
    const count = (seen.get(base) ?? 0) + 1;
    seen.set(base, count);
    return count === 1 ? base : `${base}${count}`;
  });
}

/**
 * An approver who is also an eligible principal approves its own activation: Azure skips the
 * requester among the approvers, so a group that both activates and approves leaves approval to
 * its other members, which is no separation of duties (and a lone member can never be approved).
 */
function refuseSelfApproval(path: string, principals: IPrincipal[], approvers: IPrincipal[]): void {
  const eligible = new Map(principals.filter((p) => !isUnresolved(p.principalId)).map((p) => [p.principalId.toLowerCase(), p]));
  for (const approver of approvers) {
    const same = isUnresolved(approver.principalId) ? undefined : eligible.get(approver.principalId.toLowerCase());
    if (same !== undefined) {
      throw new Error(
        `${path}: ${approver.displayName} is both eligible and an approver, so its members would approve each other's activations. ` +
          'Accepted: approvers who are not among the principals (a security or platform-lead group).',
      );
    }
  }
}
