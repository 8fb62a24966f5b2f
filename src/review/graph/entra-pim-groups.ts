import { activationSettingsOf } from './activation-settings';
import { flag, nestedBlock, text } from './block-values';
import { DocumentIndex } from './document-index';
import { principalOf } from './entra-access';
import { GraphAssignmentExpiryRule, GraphExpiry, GraphGroupActivationPolicy, GraphGroupAssignment, GraphPrincipal, Origin } from './graph-types';
import { writtenDuration } from './written-duration';
import { readLibraryMetadata } from '../../model/metadata';
import { TerraformBlock } from '../terraform-json';

type OriginOf = (block: TerraformBlock) => Origin;

/**
 * How long a PIM for Groups schedule (eligibility or active assignment) lasts: `duration`,
 * `expiration_date`, or `permanent_assignment`. No end written, `permanent_assignment` that
 * cannot be read, or a duration that cannot be read with no end date: it counts as never ending.
 */
export function groupScheduleExpiry(body: Record<string, unknown>): GraphExpiry {
  const written = text(body, 'duration');
  const end = text(body, 'expiration_date');
  const permanent = flag(body, 'permanent_assignment');
  if (permanent === true || (written === undefined && end === undefined)) return { permanent: true };
  const duration = writtenDuration(written);
  if (permanent === 'unknown' || (duration === undefined && end === undefined)) return { permanent: true, unknown: true };
  return { permanent: false, ...(duration === undefined ? {} : { duration }), ...(end === undefined ? {} : { endDateTime: end }) };
}

/** Active PIM for Groups assignments: membership or ownership held now, until their schedule ends. */
export function readGroupAssignments(index: DocumentIndex, origin: OriginOf): GraphGroupAssignment[] {
  return index.ofType('azuread_privileged_access_group_assignment_schedule').map((block) => ({
    origin: origin(block),
    principal: principalOf(text(block.body, 'principal_id'), index),
    group: principalOf(text(block.body, 'group_id'), index, readLibraryMetadata(block.body).group),
    assignmentType: text(block.body, 'assignment_type') ?? '(no assignment type written)',
    expiry: groupScheduleExpiry(block.body),
  }));
}

/** An `eligible_assignment_rules` or `active_assignment_rules` block: absent or unreadable means no expiry is required. */
function expiryRuleOf(value: unknown): GraphAssignmentExpiryRule {
  const rules = nestedBlock(value);
  const expireAfter = writtenDuration(text(rules, 'expire_after'));
  return { expirationRequired: flag(rules, 'expiration_required') === true, ...(expireAfter === undefined ? {} : { expireAfter }) };
}

/** PIM for Groups policies: how membership or ownership of a group is activated, and whether its assignments expire. */
export function readGroupPolicies(index: DocumentIndex, origin: OriginOf): GraphGroupActivationPolicy[] {
  return index.ofType('azuread_group_role_management_policy').map((block) => ({
    origin: origin(block),
    group: principalOf(text(block.body, 'group_id'), index, readLibraryMetadata(block.body).group),
    assignmentType: text(block.body, 'role_id') ?? '(no role written)',
    ...activationSettingsOf(block.body, index),
    eligibleAssignments: expiryRuleOf(block.body.eligible_assignment_rules),
    activeAssignments: expiryRuleOf(block.body.active_assignment_rules),
  }));
}

/**
 * The policy that governs activating membership or ownership of a group: the one for the same
 * group (by key) and assignment type. Undefined when the configuration declares none; the
 * tenant's default policy then applies, which the configuration does not show.
 */
export function groupPolicyFor(
  policies: readonly GraphGroupActivationPolicy[],
  group: GraphPrincipal,
  assignmentType: string | undefined,
): GraphGroupActivationPolicy | undefined {
  const type = (assignmentType ?? 'member').toLowerCase();
  return policies.find((p) => p.group.key === group.key && p.assignmentType.toLowerCase() === type);
}
