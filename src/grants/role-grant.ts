import type { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import type { TerraformResource } from 'cdktf';
import { Construct, IConstruct } from 'constructs';
import { checkCondition } from './abac-condition';
import { assignmentName } from './assignment-name';
import { assignmentRoleDefinitionId } from './assignment-role-definition-id';
import { describeHolder, describePrincipalName, describeScope } from './describe';
import { GrantOptions } from './grant-options';
import { assignmentExistsMessage, claimAssignment, existingAssignment } from './same-assignment';
import { checkWideScopeAtSynth } from './wide-scope-check';
import type { IPrincipal } from '../model/principal';
import { grantHostOf, isCreatedInStack } from '../model/principal-hosting';
import { PrincipalKind } from '../model/principal-kind';
import { RuleId } from '../model/rule-id';
import { ScopeLevel } from '../model/scope-level';
import { cdktf, isUnresolved } from '../private/cdktf-runtime';
import { azurerm } from '../private/providers';
import { recordPrincipal, recordSuppressions } from '../private/record-metadata';
import { Role } from '../roles/role';
import { Scope } from '../scope/scope';

/** Properties of a role grant. */
export interface RoleGrantProps extends GrantOptions {
  /** Who receives the role. */
  readonly principal: IPrincipal;
  /** The role, e.g. `BuiltInRole.KEY_VAULT_SECRETS_USER`. */
  readonly role: Role;
  /** Where the role applies, e.g. `Scope.of(vault)`. */
  readonly scope: Scope;
}

/**
 * A standing role assignment (`azurerm_role_assignment`): a value that says what was granted to
 * whom, where. The scope is checked at synth by rule AZA001: a subscription, management group,
 * root or unknown scope needs a written justification, unless the stack's AccessGuard allows
 * that scope (`allowedWideScopes`) or the rule is suppressed or turned off there.
 */
export class RoleGrant extends Construct {
  /**
   * Grants a role to a principal, placing the grant under the principal's construct, or under
   * the scope's resource when the principal has none (a principal given by object ID).
   * @internal
   */
  public static _create(principal: IPrincipal, role: Role, scope: Scope, options: GrantOptions): RoleGrant {
    const host = grantHostOf(principal) ?? scope.sourceConstruct;
    if (!host) {
      throw new Error(
        `Cannot place the grant of "${role.name}" to ${describePrincipalName(principal)} at ${describeScope(scope)}: neither the principal nor the scope ` +
          'belongs to a stack. Create it with new RoleGrant(stack, id, { principal, role, scope }).',
      );
    }
    const parent = grantHostOf(principal) ? host : cdktf().TerraformStack.of(host);
    const existing = existingAssignment(parent, 'standing', principal, role, scope);
    if (existing !== undefined) throw new Error(assignmentExistsMessage(parent.node.path, 'standing', principal, role, scope, existing));
    const id = options.id ?? defaultGrantId(parent, principal, role, scope);
    return new RoleGrant(parent, id, { ...options, principal, role, scope });
  }

  /** Who holds the role. */
  public readonly principal: IPrincipal;
  /** The role held. */
  public readonly role: Role;
  /** Where the role applies. */
  public readonly scope: Scope;
  /** The written reason for a wide scope, when one was given. */
  public readonly justification?: string;
  /** The `azurerm_role_assignment` resource. */
  public readonly assignment: RoleAssignment;

  /**
   * @param scope the construct to define this one in (a stack, or a construct inside one)
   * @param id the construct ID, unique among its siblings and part of the path that messages name
   * @param props who receives which role where, and why when the scope is wide
   */
  constructor(scope: Construct, id: string, props: RoleGrantProps) {
    super(scope, id);
    this.principal = props.principal;
    this.role = props.role;
    this.scope = props.scope;
    this.justification = checkJustification(this.node.path, props);
    claimAssignment(this, 'standing', props.principal, props.role, props.scope);

    const condition = checkCondition(this.node.path, props.condition, props.conditionVersion);
    const managedInStack = props.principal.kind === PrincipalKind.MANAGED_IDENTITY && isCreatedInStack(props.principal);
    const { RoleAssignment: Assignment } = azurerm.roleAssignment();
    this.assignment = new Assignment(this, 'Assignment', {
      name: assignmentName(props.scope.id, props.role.guid, props.principal.principalId),
      scope: props.scope.id,
      roleDefinitionId: assignmentRoleDefinitionId(props.role, props.scope),
      principalId: props.principal.principalId,
      principalType: props.principal.principalType,
      // Only for a managed identity made in this stack: the flag forces principal type
      // ServicePrincipal, which would be wrong for a user or a group.
      skipServicePrincipalAadCheck: managedInStack ? true : undefined,
      description: describe(props.description, this.justification),
      condition: condition?.condition,
      conditionVersion: condition?.version,
    });
    recordPrincipal(this.assignment, props.principal);
    if (this.justification !== undefined) {
      recordSuppressions(this.assignment, [{ ruleId: RuleId.WIDE_SCOPE, reason: this.justification }]);
    }
    checkWideScopeAtSynth({
      construct: this,
      resource: this.assignment,
      holder: describeHolder(props.principal),
      roleName: props.role.name,
      scope: props.scope,
    });
  }

  /**
   * Makes `consumer` (say, the Function App that reads the vault) depend on this grant, so it
   * is not started before its access exists.
   */
  public applyBefore(consumer: TerraformResource): void {
    if (grantHostOf(this.principal) === consumer || this.scope.sourceConstruct === consumer) {
      throw new Error(
        `${this.node.path}: applyBefore(${consumer.node.path}) would make a dependency cycle: the grant refers to ` +
          `${consumer.node.path} itself (its system-assigned identity or its ID), so it can only be created after it.`,
      );
    }
    // dependable() renders the plain address Terraform's depends_on expects, not an interpolation.
    consumer.dependsOn = [...(consumer.dependsOn ?? []), cdktf().dependable(this.assignment)];
  }
}

function checkJustification(path: string, props: RoleGrantProps): string | undefined {
  const justification = props.justification?.trim();
  if (props.justification !== undefined && !justification) {
    throw new Error(`${path}: justification is empty. Say why "${props.role.name}" is needed at ${describeScope(props.scope)}.`);
  }
  return justification;
}

function describe(description: string | undefined, justification: string | undefined): string | undefined {
  const parts = [description?.trim(), justification !== undefined ? `Justification: ${justification}` : undefined];
  const text = parts.filter((p) => p).join(' ');
  return text || undefined;
}

/**
 * `KeyVaultSecretsUser-kv`, `Reader-sub-11111111`: stable across runs, readable in addresses. The
 * same text can come from a different grant (two vaults with the construct ID `kv` under
 * different parents), which then needs its own ID.
 */
function defaultGrantId(parent: IConstruct, principal: IPrincipal, role: Role, scope: Scope): string {
  const roleText = role.name.replace(/[^A-Za-z0-9]+/g, '');
  const scopeText = scope.sourceConstruct?.node.id ?? literalScopeText(scope);
  const principalSuffix = grantHostOf(principal) === parent ? '' : `-${principalText(principal)}`;
  const base = `${roleText}-${scopeText}${principalSuffix}`.replace(/[^A-Za-z0-9_-]+/g, '-');
  const taken = parent.node.tryFindChild(base);
  if (!taken) return base;
  throw new Error(
    `${parent.node.path}: the grant of "${role.name}" to ${describePrincipalName(principal)} at ${describeScope(scope)} would take the construct ID ${base}, ` +
      `which ${taken.node.path} already has. Accepted: options.id naming this grant.`,
  );
}

function literalScopeText(scope: Scope): string {
  if (isUnresolved(scope.id)) return 'scope';
  switch (scope.level) {
    case ScopeLevel.ROOT:
      return 'root';
    case ScopeLevel.MANAGEMENT_GROUP:
      return `mg-${scope.managementGroupId}`;
    case ScopeLevel.SUBSCRIPTION:
      return `sub-${scope.subscriptionId!.slice(0, 8)}`;
    case ScopeLevel.RESOURCE_GROUP:
      return scope.resourceGroupName!;
    default:
      return scope.resourceName ?? 'scope';
  }
}

function principalText(principal: IPrincipal): string {
  return isUnresolved(principal.displayName) ? principal.kind : principal.displayName;
}
