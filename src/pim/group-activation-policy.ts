import type { GroupRoleManagementPolicy } from '@cdktf/provider-azuread/lib/group-role-management-policy';
import { Construct, IConstruct } from 'constructs';
import { ActivationRules } from './activation-rules';
import { ActiveAssignmentRules, EligibleAssignmentRules } from './assignment-rules';
import { GroupAssignmentType } from './group-assignment-type';
import { PimNotificationRules } from './notification-rules';
import { checkPimGroup } from './pim-checks';
import { activationRulesBlock, activeAssignmentRulesBlock, eligibleAssignmentRulesBlock, notificationRulesBlock } from './policy-blocks';
import type { IPrincipal } from '../model/principal';
import { azureadPim } from '../private/pim-providers';
import { recordApprovers, recordGroup } from '../private/record-metadata';

/** Properties of a PIM for Groups activation policy. */
export interface GroupActivationPolicyProps {
  /** The PIM-enabled group whose membership or ownership the policy governs, e.g. `Principal.group('<object-id>', 'ops-admins')`. */
  readonly group: IPrincipal;
  /** Which of the group's roles the policy governs: membership or ownership. @default GroupAssignmentType.MEMBER */
  readonly assignmentType?: GroupAssignmentType;
  /** What activating the membership or ownership requires and how long it lasts. @default - unchanged */
  readonly activation?: ActivationRules;
  /** How long eligible assignments (`GroupEligibility`) may last. @default - unchanged */
  readonly eligibleAssignments?: EligibleAssignmentRules;
  /** How long active assignments may last, and what making one requires. @default - unchanged */
  readonly activeAssignments?: ActiveAssignmentRules;
  /** Who is told of assignments and activations. @default - unchanged */
  readonly notifications?: PimNotificationRules;
}

// Entra keeps one policy per group and role (member or owner): the policies declared in each app, by that key.
const declared = new WeakMap<IConstruct, Map<string, GroupActivationPolicy>>();

function groupRoleKey(group: IPrincipal, assignmentType: GroupAssignmentType): string {
  return `${group.principalId.toLowerCase()}|${assignmentType}`;
}

/**
 * The policy declared in the same app for this group's membership or ownership, if any:
 * eligibilities check their schedules against its rules, as Entra does at apply.
 * @internal
 */
export function declaredGroupPolicyFor(
  construct: IConstruct, group: IPrincipal, assignmentType: GroupAssignmentType,
): GroupActivationPolicy | undefined {
  return declared.get(construct.node.root)?.get(groupRoleKey(group, assignmentType));
}

/**
 * The PIM for Groups settings of one group's membership or ownership
 * (`azuread_group_role_management_policy`), with the same rules and checks as
 * `RoleActivationPolicy` for Azure roles: how long an activation lasts, who approves it, whether
 * it needs MFA (or a Conditional Access authentication context), a justification or a ticket,
 * how long assignments may last, and who is notified. AZA027 judges the same settings in review.
 *
 * Entra keeps exactly one policy per group and role, created when the group is onboarded to PIM;
 * this resource updates it. Two policies for the same group and role in one app are an error,
 * since the last one applied would silently win. A `GroupEligibility` of the same group and
 * assignment type is checked against the policy's eligible-assignment rules at synth. Destroying
 * the resource changes nothing in Entra: the settings it applied stay in force.
 */
export class GroupActivationPolicy extends Construct {
  /** The group whose membership or ownership the policy governs. */
  public readonly group: IPrincipal;
  /** Membership or ownership. */
  public readonly assignmentType: GroupAssignmentType;
  /** The rules for eligible assignments, when the policy sets them. */
  public readonly eligibleAssignments?: EligibleAssignmentRules;
  /** The rules for active assignments, when the policy sets them. */
  public readonly activeAssignments?: ActiveAssignmentRules;
  /** The `azuread_group_role_management_policy` resource. */
  public readonly resource: GroupRoleManagementPolicy;

  /**
   * @param scope the construct the policy belongs to
   * @param id its ID within that scope
   * @param props the group, membership or ownership, and the rules
   */
  constructor(scope: Construct, id: string, props: GroupActivationPolicyProps) {
    super(scope, id);
    const path = this.node.path;
    ({ group: this.group, assignmentType: this.assignmentType } = checkPimGroup(path, props.group, props.assignmentType));
    const assignmentType = this.assignmentType;
    this.eligibleAssignments = props.eligibleAssignments;
    this.activeAssignments = props.activeAssignments;
    if ([props.activation, props.eligibleAssignments, props.activeAssignments, props.notifications].every((part) => part === undefined)) {
      throw new Error(
        `${path}: the policy for the ${assignmentType}s of group ${this.group.displayName} sets no rule. Accepted: one or more of activation, ` +
          'eligibleAssignments, activeAssignments, notifications.',
      );
    }
    // The azuread blocks have the azurerm blocks' shape: one builder, one set of checks, for both.
    const config = {
      groupId: this.group.principalId,
      roleId: assignmentType,
      activationRules: props.activation && activationRulesBlock(path, props.activation),
      eligibleAssignmentRules: props.eligibleAssignments && eligibleAssignmentRulesBlock(path, props.eligibleAssignments),
      activeAssignmentRules: props.activeAssignments && activeAssignmentRulesBlock(path, props.activeAssignments),
      notificationRules: props.notifications && notificationRulesBlock(path, props.notifications),
    };
    // Claimed once every rule is valid, so a policy that failed to build holds no claim.
    this.claim();
    const { GroupRoleManagementPolicy: Resource } = azureadPim.groupRoleManagementPolicy();
    this.resource = new Resource(this, 'Resource', config);
    if (props.activation?.approvers !== undefined) recordApprovers(this.resource, props.activation.approvers);
    recordGroup(this.resource, this.group);
  }

  private claim(): void {
    const root = this.node.root;
    const byKey = declared.get(root) ?? new Map<string, GroupActivationPolicy>();
    declared.set(root, byKey);
    const key = groupRoleKey(this.group, this.assignmentType);
    const first = byKey.get(key);
    if (first !== undefined) {
      throw new Error(
        `${this.node.path}: a policy for the ${this.assignmentType}s of group ${this.group.displayName} is already declared at ${first.node.path}; Entra keeps ` +
          'one policy per group and role, so the last applied would silently win. Accepted: one GroupActivationPolicy per group and assignment type in an app; merge the rules into it.',
      );
    }
    byKey.set(key, this);
  }
}
