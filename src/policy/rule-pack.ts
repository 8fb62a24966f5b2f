import { Rule } from './rule';
import { secretPresent } from './rules/credential-rules';
import {
  duplicateAssignment,
  standingAccessAdmin,
  userStandingWrite,
  wideScope,
  workloadCanGrantAccess,
  workloadWildcard,
} from './rules/grant-rules';
import { missingOwner } from './rules/ownership-rules';
import { directoryRoleEligibility, eligibilityWithoutExpiry, weakActivation } from './rules/pim-rules';
import { escalationChainRule } from '../review/escalation/escalation-rule';

/** Every rule, in ID order. The expired-suppression rule (AZA012) is applied by evaluate(). */
export const RULES: readonly Rule[] = [
  wideScope,
  standingAccessAdmin,
  workloadCanGrantAccess,
  workloadWildcard,
  secretPresent,
  eligibilityWithoutExpiry,
  directoryRoleEligibility,
  weakActivation,
  duplicateAssignment,
  userStandingWrite,
  missingOwner,
  escalationChainRule,
];
