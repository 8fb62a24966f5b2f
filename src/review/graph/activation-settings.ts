import { flag, nestedBlock, nestedBlocks, text } from './block-values';
import { DocumentIndex } from './document-index';
import { GraphActivationSettings, GraphApprover } from './graph-types';
import { resolvePrincipal } from './resolve-principal';
import { withStableKey } from './stable-principal';
import { writtenDuration } from './written-duration';

/**
 * An approver of an `approval_stage`: `primary_approver { object_id, type }` as azurerm and
 * azuread write it, or `{ id, userType }` as an azapi policy body does.
 */
function approverOf(block: Record<string, unknown>, index: DocumentIndex): GraphApprover {
  const written = text(block, 'object_id') ?? text(block, 'id') ?? '';
  const type = text(block, 'type') ?? text(block, 'userType');
  return { principal: withStableKey(resolvePrincipal(written, type, index), written, index), ...(type === undefined ? {} : { type }) };
}

/**
 * The `activation_rules` block of a PIM policy, read once for Azure roles
 * (`azurerm_role_management_policy`) and for PIM for Groups (`azuread_group_role_management_policy`):
 * both providers write it alike, so both are judged alike. A setting that is absent or cannot be
 * read is not required (the wider case).
 */
export function activationSettingsOf(activationRules: unknown, index: DocumentIndex): GraphActivationSettings {
  const activation = nestedBlock(activationRules);
  const stage = nestedBlock(activation?.approval_stage);
  const approvers = nestedBlocks(stage?.primary_approver).map((a) => approverOf(a, index));
  return {
    maximumActivation: writtenDuration(text(activation, 'maximum_duration')),
    requireApproval: flag(activation, 'require_approval') === true,
    approverCount: approvers.length,
    approvers,
    requireMfa: flag(activation, 'require_multifactor_authentication') === true,
    requireAuthenticationContext: text(activation, 'required_conditional_access_authentication_context') !== undefined,
    requireJustification: flag(activation, 'require_justification') === true,
  };
}
