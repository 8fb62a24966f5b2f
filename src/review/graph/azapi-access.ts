import { TerraformBlock } from '../terraform-json';
import { azapiBody } from './azapi-body';
import { attributeOf, nestedBlock, nestedBlocks, text } from './block-values';
import { armTypeOf } from './coverage';

/**
 * azapi resources that carry Azure access, read into the form of the azurerm resource that
 * carries the same access, so that one reader judges both: a role assignment's body becomes
 * `scope` / `role_definition_id` / `principal_id`, a role definition's becomes `permissions`.
 * The body is an HCL object, or JSON text (`jsonencode(...)` of known values, or a string);
 * references inside it stay `${...}` text, as everywhere else in the document.
 */
export type AzapiAccessKind =
  | 'role-assignment' | 'role-definition' | 'eligibility' | 'active-assignment' | 'policy' | 'identity' | 'federated-credential';

const KIND_OF_ARM_TYPE: ReadonlyMap<string, AzapiAccessKind> = new Map([
  ['microsoft.authorization/roleassignments', 'role-assignment'],
  ['microsoft.authorization/roledefinitions', 'role-definition'],
  ['microsoft.authorization/roleeligibilityschedulerequests', 'eligibility'],
  ['microsoft.authorization/roleassignmentschedulerequests', 'active-assignment'],
  ['microsoft.authorization/rolemanagementpolicies', 'policy'],
  ['microsoft.managedidentity/userassignedidentities', 'identity'],
  ['microsoft.managedidentity/userassignedidentities/federatedidentitycredentials', 'federated-credential'],
]);

export const AZAPI_TYPES: readonly string[] = ['azapi_resource', 'azapi_update_resource'];

/** What an azapi block holds, when it is one of the access kinds the graph reads. */
export function azapiKindOf(block: TerraformBlock): AzapiAccessKind | undefined {
  if (!AZAPI_TYPES.includes(block.type) || block.isData) return undefined;
  const armType = armTypeOf(block.body);
  return armType === undefined ? undefined : KIND_OF_ARM_TYPE.get(armType);
}

/** `properties` of the body, or of the body itself (`azapi_update_resource` may write it either way). */
function propertiesOf(block: TerraformBlock): Record<string, unknown> {
  const body = azapiBody(block);
  return nestedBlocks(attributeOf(body, 'properties'))[0] ?? {};
}

/** A value of the body that cannot be read stays unset: the graph counts it as unknown, the widest. */
function set(out: Record<string, unknown>, key: string, value: unknown): void {
  if (value !== undefined && value !== null) out[key] = value;
}

/** `Microsoft.Authorization/roleAssignments`: scope (parent_id), role, principal, condition. */
export function roleAssignmentForm(block: TerraformBlock): Record<string, unknown> {
  const p = propertiesOf(block);
  const out: Record<string, unknown> = {};
  set(out, '//', block.body['//']);
  set(out, 'scope', text(block.body, 'parent_id'));
  set(out, 'role_definition_id', text(p, 'roleDefinitionId'));
  set(out, 'principal_id', text(p, 'principalId'));
  set(out, 'principal_type', text(p, 'principalType'));
  set(out, 'condition', text(p, 'condition'));
  set(out, 'description', text(p, 'description'));
  return out;
}

/**
 * `roleEligibilityScheduleRequests` and `roleAssignmentScheduleRequests`: as an assignment, with
 * `scheduleInfo.expiration` as the azurerm `schedule.expiration` block (`AfterDuration` `P30D` →
 * 30 days, `AfterDateTime` → the end date, `NoExpiration` or none → never ends).
 */
export function scheduleRequestForm(block: TerraformBlock): Record<string, unknown> {
  const out = roleAssignmentForm(block);
  const p = propertiesOf(block);
  const expiration = nestedBlocks(attributeOf(nestedBlocks(attributeOf(p, 'scheduleInfo'))[0], 'expiration'))[0];
  const type = (text(expiration, 'type') ?? '').toLowerCase();
  const duration = text(expiration, 'duration');
  const end = text(expiration, 'endDateTime');
  const days = duration === undefined ? undefined : /^P(\d+)D$/i.exec(duration)?.[1];
  const hours = duration === undefined ? undefined : /^PT(\d+)H$/i.exec(duration)?.[1];
  if (type === 'afterduration' && days !== undefined) out.schedule = { expiration: { duration_days: Number(days) } };
  else if (type === 'afterduration' && hours !== undefined) out.schedule = { expiration: { duration_hours: Number(hours) } };
  else if (type === 'afterdatetime' && end !== undefined) out.schedule = { expiration: { end_date_time: end } };
  // An expiration that cannot be read may be anything: it counts as never ending (graph, expiryOf).
  else if (type !== 'noexpiration' && expiration !== undefined) out.schedule = { expiration: { duration_days: duration ?? 'unknown' } };
  return out;
}

/** `roleDefinitions`: name, GUID (the resource's `name`), permissions and assignable scopes. */
export function roleDefinitionForm(block: TerraformBlock): Record<string, unknown> {
  const p = propertiesOf(block);
  const out: Record<string, unknown> = {};
  set(out, '//', block.body['//']);
  set(out, 'name', text(p, 'roleName'));
  set(out, 'role_definition_id', text(block.body, 'name'));
  set(out, 'description', text(p, 'description'));
  set(out, 'scope', text(block.body, 'parent_id'));
  set(out, 'assignable_scopes', attributeOf(p, 'assignableScopes'));
  const permissions = attributeOf(p, 'permissions');
  // Permissions that are not a list of objects cannot be read: one block of unknown lists, the widest.
  out.permissions = Array.isArray(permissions) && permissions.every(isRecord)
    ? permissions.map((x) => ({
      actions: attributeOf(x, 'actions'),
      not_actions: attributeOf(x, 'notActions'),
      data_actions: attributeOf(x, 'dataActions'),
      not_data_actions: attributeOf(x, 'notDataActions'),
    }))
    : [{ actions: permissions === undefined ? 'unknown' : permissions, data_actions: 'unknown' }];
  return out;
}

/**
 * `roleManagementPolicies`: the activation rules Azure's portal writes, read where they are
 * there. The policy names no role (a policy assignment links it to one), so its role is unknown.
 */
export function policyForm(block: TerraformBlock): Record<string, unknown> {
  const p = propertiesOf(block);
  const rules = Array.isArray(p.rules) ? p.rules.filter(isRecord) : [];
  const rule = (id: string) => rules.find((r) => text(r, 'id') === id);
  const expiration = rule('Expiration_EndUser_Assignment');
  const approval = nestedBlocks(attributeOf(rule('Approval_EndUser_Assignment'), 'setting'))[0];
  const enablement = attributeOf(rule('Enablement_EndUser_Assignment'), 'enabledRules');
  const enabled = Array.isArray(enablement) ? enablement.filter((e): e is string => typeof e === 'string') : [];
  const stage = nestedBlocks(attributeOf(approval, 'approvalStages'))[0];
  const approvers = attributeOf(stage, 'primaryApprovers');
  const out: Record<string, unknown> = {};
  set(out, '//', block.body['//']);
  set(out, 'scope', text(block.body, 'parent_id'));
  out.activation_rules = {
    ...(text(expiration, 'maximumDuration') === undefined ? {} : { maximum_duration: text(expiration, 'maximumDuration') }),
    require_approval: attributeOf(approval, 'isApprovalRequired') === true,
    approval_stage: { primary_approver: Array.isArray(approvers) ? approvers : [] },
    require_multifactor_authentication: enabled.includes('MultiFactorAuthentication'),
    require_justification: enabled.includes('Justification'),
  };
  return out;
}

/**
 * `federatedIdentityCredentials`: the identity (parent_id), issuer and subject, or the
 * expression a flexible one (API 2025-01-31-preview) matches subjects by, instead of a subject.
 */
export function federatedCredentialForm(block: TerraformBlock): Record<string, unknown> {
  const p = propertiesOf(block);
  const out: Record<string, unknown> = {};
  set(out, 'parent_id', text(block.body, 'parent_id'));
  set(out, 'issuer', text(p, 'issuer'));
  set(out, 'subject', text(p, 'subject'));
  set(out, 'claims_matching_expression', text(nestedBlock(attributeOf(p, 'claimsMatchingExpression')), 'value'));
  return out;
}

/** The attribute an azapi identity's object ID is read from (azapi 2.x `output`), normalized as references are. */
export const AZAPI_PRINCIPAL_ATTRIBUTE = 'output.properties.principalId';

/**
 * Where an azapi resource's own (system-assigned) identity's object ID is read from when its body
 * writes the identity: the response's `identity.principalId` (azapi 2.x `output`). With an
 * `identity` block, azapi sets `identity[0].principal_id`, as azurerm does.
 */
export const AZAPI_SYSTEM_ASSIGNED_ATTRIBUTE = 'output.identity.principalId';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
