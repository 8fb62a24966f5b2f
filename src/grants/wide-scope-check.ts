import type { TerraformElement } from 'cdktf';
import type { IConstruct } from 'constructs';
import { describeScope } from './describe';
import { currentUtcDate } from '../model/dates';
import { RuleId } from '../model/rule-id';
import {
  acceptsWideScope,
  needsWideScopeReason,
  NO_ALLOWED_WIDE_SCOPES,
  WIDE_SCOPE_FIX,
  wideScopeMessage,
} from '../model/wide-scope-policy';
import { isGuarded } from '../private/guarded-stacks';
import { recordedSuppressionsOn } from '../private/record-metadata';
import { Scope } from '../scope/scope';

/** What a standing grant made by this library says about itself, for the wide-scope check. */
export interface StandingGrantFacts {
  /** The construct that reports the error. */
  readonly construct: IConstruct;
  /** The resource whose recorded AZA001 suppressions (a justification, say) accept the scope. */
  readonly resource: TerraformElement;
  readonly holder: string;
  readonly roleName: string;
  readonly scope: Scope;
}

/**
 * Adds the wide-scope decision (AZA001) to a standing grant as a synth-time validation. Where an
 * AccessGuard judges the stack, the guard decides, with its settings (`allowedWideScopes`,
 * severity overrides, disabled rules), exactly as for any other grant in the JSON; elsewhere the
 * grant decides with the default settings, so synthesis still fails on a wide grant that has
 * neither a justification nor a suppression.
 */
export function checkWideScopeAtSynth(facts: StandingGrantFacts): void {
  facts.construct.node.addValidation({
    validate: () => {
      if (isGuarded(facts.construct)) return [];
      const { scope } = facts;
      if (!needsWideScopeReason(scope.level, scope.id, NO_ALLOWED_WIDE_SCOPES)) return [];
      if (acceptsWideScope(recordedSuppressionsOn(facts.resource), currentUtcDate())) return [];
      const message = wideScopeMessage(facts.holder, facts.roleName, scope.level, describeScope(scope));
      return [`[${RuleId.WIDE_SCOPE}] ${message} Fix: ${WIDE_SCOPE_FIX}`];
    },
  });
}
