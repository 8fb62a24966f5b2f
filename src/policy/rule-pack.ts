import { Rule, RuleInfo } from './rule';
import { notReviewed } from './rules/coverage-rules';
import { secretPresent, userServiceAccount } from './rules/credential-rules';
import { dataRoleElsewhere } from './rules/data-plane-rules';
import { requestedTier0Permission, tenantWideTier0Consent } from './rules/entra-consent-rules';
import { groupNotRoleAssignable, roleAssignableGroupStandingMember } from './rules/entra-group-rules';
import { privilegedObjectOwner } from './rules/entra-ownership-rules';
import { activeGroupAssignmentStanding, weakGroupActivation } from './rules/entra-pim-group-rules';
import { standingTier0DirectoryRole, workloadTier0Entra, workloadTier1GraphPermission } from './rules/entra-rules';
import { escalationChain } from './rules/escalation-rules';
import { privilegedTrustWithoutEnvironment } from './rules/federated-trust-rules';
import {
  duplicateAssignment,
  standingAccessAdmin,
  userStandingWrite,
  wideScope,
  workloadCanGrantAccess,
  workloadWildcard,
} from './rules/grant-rules';
import { moduleNotRead } from './rules/module-rules';
import { missingOwner } from './rules/ownership-rules';
import { directoryRoleEligibility, eligibilityWithoutExpiry, weakActivation } from './rules/pim-rules';
import { wideCustomRole } from './rules/role-definition-rules';
import { scheduleEnded } from './rules/schedule-rules';
import { activeAssignmentStanding, groupStandingWrite } from './rules/standing-rules';
import { expiredSuppression } from './rules/suppression-rules';

/**
 * Every rule, once, in ID order: the one list `check --help`, the README's rule table and SARIF
 * rule metadata are made from. A test holds it to `RuleId`: every ID registered, none twice.
 */
export const RULE_REGISTRY: readonly RuleInfo[] = [
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
  expiredSuppression,
  escalationChain,
  wideCustomRole,
  notReviewed,
  moduleNotRead,
  groupStandingWrite,
  dataRoleElsewhere,
  activeAssignmentStanding,
  scheduleEnded,
  standingTier0DirectoryRole,
  workloadTier0Entra,
  workloadTier1GraphPermission,
  privilegedObjectOwner,
  roleAssignableGroupStandingMember,
  activeGroupAssignmentStanding,
  weakGroupActivation,
  tenantWideTier0Consent,
  requestedTier0Permission,
  groupNotRoleAssignable,
  userServiceAccount,
  privilegedTrustWithoutEnvironment,
];

/** A rule that runs over the graph; the others' findings come from elsewhere (AZA012: from suppressions). */
export function isGraphRule(rule: RuleInfo): rule is Rule {
  return typeof (rule as Partial<Rule>).check === 'function';
}

/** The rules `evaluate()` runs over the graph, in ID order. */
export const RULES: readonly Rule[] = RULE_REGISTRY.filter(isGraphRule);
