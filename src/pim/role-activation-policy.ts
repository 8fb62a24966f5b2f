import type { RoleManagementPolicy } from '@cdktf/provider-azurerm/lib/role-management-policy';
import { Construct, IConstruct } from 'constructs';
import { ActivationRules } from './activation-rules';
import { ActiveAssignmentRules, EligibleAssignmentRules } from './assignment-rules';
import { PimNotificationRules } from './notification-rules';
import { pimRoleDefinitionId, roleAtScopeKey } from './pim-role-definition-id';
import { activationRulesBlock, activeAssignmentRulesBlock, eligibleAssignmentRulesBlock, notificationRulesBlock } from './policy-blocks';
import { describeScope } from '../grants/describe';
import { azurermPim } from '../private/pim-providers';
import { recordApprovers } from '../private/record-metadata';
import { Role } from '../roles/role';
import { Scope } from '../scope/scope';

/** Properties of a role activation policy. */
export interface RoleActivationPolicyProps {
  /** The role the policy governs, e.g. `BuiltInRole.OWNER`. */
  readonly role: Role;
  /** The scope the policy governs, e.g. `Scope.of(resourceGroup)`. */
  readonly scope: Scope;
  /** What activation requires and how long it lasts. @default - unchanged */
  readonly activation?: ActivationRules;
  /** How long eligible assignments may last. @default - unchanged */
  readonly eligibleAssignments?: EligibleAssignmentRules;
  /** How long active assignments may last, and what making one requires. @default - unchanged */
  readonly activeAssignments?: ActiveAssignmentRules;
  /** Who is told of assignments and activations. @default - unchanged */
  readonly notifications?: PimNotificationRules;
}

// Azure keeps one policy per role and scope: the policies declared in each app, by that key.
const declared = new WeakMap<IConstruct, Map<string, RoleActivationPolicy>>();

/**
 * The policy declared in the same app for this role at this scope, if any: assignments check
 * their schedules against its rules, as Azure does at apply.
 * @internal
 */
export function declaredPolicyFor(construct: IConstruct, role: Role, scope: Scope): RoleActivationPolicy | undefined {
  return declared.get(construct.node.root)?.get(roleAtScopeKey(role, scope));
}

/**
 * The PIM settings of one role at one scope (`azurerm_role_management_policy`): how long an
 * activation lasts, who approves it, whether it needs MFA (or a Conditional Access
 * authentication context), a justification or a ticket, how long assignments may last, and
 * who is notified.
 *
 * Azure keeps exactly one policy per role and scope, created with the scope; this resource
 * updates it. Two policies for the same role and scope in one app are an error, since the last
 * one applied would silently win.
 *
 * Destroying this resource (or removing it from the code) changes nothing in Azure: the
 * settings it applied stay in force until something else changes them. To go back to the
 * defaults, apply them explicitly before removing the policy.
 */
export class RoleActivationPolicy extends Construct {
  /** The role the policy governs. */
  public readonly role: Role;
  /** The scope at which the policy governs the role. */
  public readonly scope: Scope;
  /** The role definition ID written to the resource. */
  public readonly roleDefinitionId: string;
  /** The `azurerm_role_management_policy` resource. */
  public readonly resource: RoleManagementPolicy;
  /** The rules for eligible assignments, when the policy sets them. */
  public readonly eligibleAssignments?: EligibleAssignmentRules;
  /** The rules for active assignments, when the policy sets them. */
  public readonly activeAssignments?: ActiveAssignmentRules;

  /**
   * @param scope the construct to define this one in (a stack, or a construct inside one)
   * @param id the construct ID, unique among its siblings and part of the path that messages name
   * @param props the role, the scope, and the settings to apply
   */
  constructor(scope: Construct, id: string, props: RoleActivationPolicyProps) {
    super(scope, id);
    const path = this.node.path;
    this.role = props.role;
    this.scope = props.scope;
    this.eligibleAssignments = props.eligibleAssignments;
    this.activeAssignments = props.activeAssignments;
    if ([props.activation, props.eligibleAssignments, props.activeAssignments, props.notifications].every((part) => part === undefined)) {
      throw new Error(
        `${path}: the policy for "${props.role.name}" at ${describeScope(props.scope)} sets no rule. Accepted: one or more of activation, ` +
          'eligibleAssignments, activeAssignments, notifications.',
      );
    }
    this.roleDefinitionId = pimRoleDefinitionId(path, props.role, props.scope);
    const config = {
      scope: props.scope.id,
      roleDefinitionId: this.roleDefinitionId,
      activationRules: props.activation && activationRulesBlock(path, props.activation),
      eligibleAssignmentRules: props.eligibleAssignments && eligibleAssignmentRulesBlock(path, props.eligibleAssignments),
      activeAssignmentRules: props.activeAssignments && activeAssignmentRulesBlock(path, props.activeAssignments),
      notificationRules: props.notifications && notificationRulesBlock(path, props.notifications),
    };
    // Claimed once every rule is valid, so a policy that failed to build holds no claim.
    claim(this, roleAtScopeKey(props.role, props.scope));

    const { RoleManagementPolicy: Resource } = azurermPim.roleManagementPolicy();
    this.resource = new Resource(this, 'Resource', config);
    if (props.activation?.approvers !== undefined) recordApprovers(this.resource, props.activation.approvers);
  }
}

function claim(policy: RoleActivationPolicy, key: string): void {
  const root = policy.node.root;
  let byKey = declared.get(root);
  if (byKey === undefined) {
    byKey = new Map();
    declared.set(root, byKey);
  }
  const first = byKey.get(key);
  if (first !== undefined) {
    throw new Error(
      `${policy.node.path}: a policy for "${policy.role.name}" at ${describeScope(policy.scope)} is already declared at ${first.node.path}; Azure keeps one policy per ` +
        'role and scope, so the last applied would silently win. Accepted: one RoleActivationPolicy per role and scope in an app; merge the rules into it.',
    );
  }
  byKey.set(key, policy);
}
