import { conditionSyntaxError } from './abac-condition-syntax';
import { echo } from '../model/echo';
import { isUnresolved } from '../private/cdktf-runtime';

/** The only ABAC condition version Azure accepts on role assignments. */
const CONDITION_VERSION = '2.0';

/**
 * An ABAC condition as Azure accepts it on a role assignment (standing, eligible or active):
 * a non-empty expression in the condition language, version "2.0" (Azure refuses 1.0 on
 * assignments). @internal
 */
export function checkCondition(
  path: string,
  condition: string | undefined,
  version: string | undefined,
): { condition: string; version: string } | undefined {
  if (condition === undefined) {
    if (version !== undefined) {
      throw new Error(`${path}: conditionVersion "${version}" was given without a condition. Accepted: a condition with version "${CONDITION_VERSION}", or neither.`);
    }
    return undefined;
  }
  if (!isUnresolved(condition) && condition.trim() === '') {
    throw new Error(`${path}: condition is empty. Accepted: an ABAC condition expression, or no condition.`);
  }
  checkConditionSyntax(path, condition);
  const effective = version ?? CONDITION_VERSION;
  if (!isUnresolved(effective) && effective !== CONDITION_VERSION) {
    throw new Error(`${path}: conditionVersion "${effective}" is not accepted. Accepted: "${CONDITION_VERSION}".`);
  }
  return { condition, version: effective };
}

/**
 * Refuses a condition that is not the condition language, which ARM answers with 400 "The given
 * role assignment condition is invalid." (conditions-troubleshoot). A token, or a Terraform
 * expression written into the text (`${var.condition}`), is known only at plan: not judged.
 */
function checkConditionSyntax(path: string, condition: string): void {
  if (isUnresolved(condition) || /[$%]\{/.test(condition)) return;
  const error = conditionSyntaxError(condition);
  if (error === undefined) return;
  const near = condition.slice(Math.max(0, error.index - 20), error.index + 30);
  throw new Error(
    `${path}: condition ${echo(condition)} is not the ABAC condition language: ${error.reason} at character ${error.index + 1}, near ${echo(near)}. ` +
      "Accepted: a condition in the role assignment condition format, e.g. ((!(ActionMatches{'<action>'})) OR (@Resource[<attribute>] StringEquals '<value>')). " +
      'Azure error: "The given role assignment condition is invalid." (400, at apply).',
  );
}
