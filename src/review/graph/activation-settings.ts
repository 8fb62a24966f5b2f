import { attributeOf, flag, nestedBlock, nestedBlocks, text } from './block-values';
import { DocumentIndex } from './document-index';
import { GraphActivationSettings, GraphApprover } from './graph-types';
import { resolvePrincipal } from './resolve-principal';
import { withStableKey } from './stable-principal';
import { writtenDuration } from './written-duration';
import { ApproverRecord, readLibraryMetadata } from '../../model/metadata';

/**
 * An approver of an `approval_stage`: `primary_approver { object_id, type }` as azurerm and
 * azuread write it, or `{ id, userType }` as an azapi policy body does.
 */
function approverOf(block: Record<string, unknown>, index: DocumentIndex, recorded: readonly ApproverRecord[]): GraphApprover {
  const written = text(block, 'object_id') ?? text(block, 'id') ?? '';
  const type = text(block, 'type') ?? text(block, 'userType');
  // A literal object ID is named by what the construct that wrote it recorded (`Principal.group(id, 'security-approvers')`).
  const record = recorded.find((r) => r.id.toLowerCase() === written.toLowerCase());
  const principal = resolvePrincipal(written, type, index, record && { kind: record.kind, name: record.name });
  return { principal: withStableKey(principal, written, index), ...(type === undefined ? {} : { type }) };
}

/**
 * The `activation_rules` block of a PIM policy (its body given), read once for Azure roles
 * (`azurerm_role_management_policy`) and for PIM for Groups (`azuread_group_role_management_policy`):
 * both providers write it alike, so both are judged alike. A setting that is absent or cannot be
 * read is not required (the wider case).
 */
export function activationSettingsOf(policy: Record<string, unknown>, index: DocumentIndex): GraphActivationSettings {
  const activation = nestedBlock(attributeOf(policy, 'activation_rules'));
  const stage = nestedBlock(activation?.approval_stage);
  const recorded = readLibraryMetadata(policy).approvers ?? [];
  const approvers = nestedBlocks(stage?.primary_approver).map((a) => approverOf(a, index, recorded));
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
