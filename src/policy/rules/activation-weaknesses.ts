import { GraphActivationSettings } from '../../review/graph/graph-types';
import { RuleContext } from '../rule';

/**
 * What makes an activation too easy, for an Azure role (AZA008) and for PIM for Groups alike:
 * no approval by named approvers, no maximum or one longer than the limit, neither MFA nor an
 * authentication context, no justification. Empty when the policy asks for all of it.
 */
export function activationWeaknesses(policy: GraphActivationSettings, context: RuleContext): string[] {
  return [
    !policy.requireApproval || policy.approverCount === 0 ? 'no approval by named approvers' : undefined,
    policy.maximumActivation === undefined
      ? 'no maximum activation duration'
      : policy.maximumActivation.totalHours > context.maxActivationHours
        ? `activation up to ${policy.maximumActivation.toIsoString()} (limit ${context.maxActivationHours} hours)`
        : undefined,
    !policy.requireMfa && !policy.requireAuthenticationContext ? 'no MFA or authentication context' : undefined,
    !policy.requireJustification ? 'no justification' : undefined,
  ].filter((w): w is string => w !== undefined);
}
