import { isUnresolved } from '../private/cdktf-runtime';

/** The only ABAC condition version Azure accepts on role assignments. */
const CONDITION_VERSION = '2.0';

/**
 * An ABAC condition as Azure accepts it on a role assignment (standing, eligible or active):
 * a non-empty expression, version "2.0" (Azure refuses 1.0 on assignments). @internal
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
  const effective = version ?? CONDITION_VERSION;
  if (!isUnresolved(effective) && effective !== CONDITION_VERSION) {
    throw new Error(`${path}: conditionVersion "${effective}" is not accepted. Accepted: "${CONDITION_VERSION}".`);
  }
  return { condition, version: effective };
}
