import { EvaluationOptions } from './evaluate';
import { CALENDAR_DATE_ACCEPTED, calendarDateProblem } from '../model/dates';
import { SuppressionRecord } from '../model/metadata';
import { isRuleId, ruleIdRange } from '../model/rule-id';
import { Severity } from '../model/severity';
import { SuppressionsByAddress } from '../review/graph/access-graph';

/**
 * The configuration file of `azure-access check --config FILE`: what the guard's options are in
 * code, for repositories that are not cdktf (HCL), with suppressions keyed by Terraform address:
 *
 * {
 *   "maxActivationHours": 8,
 *   "allowedWideScopes": ["/subscriptions/<sandbox>"],
 *   "severity": { "AZA010": "error", "AZA011": "off" },
 *   "suppressions": [
 *     { "address": "azuread_application_password.legacy", "ruleId": "AZA005",
 *       "reason": "migrating to uai-ordering-api", "until": "2027-01-31" },
 *     { "address": "azurerm_role_assignment.alice_vm", "ruleId": "AZA013",
 *       "reason": "alice runs the payments batch VM", "accepts": ["kv-payments"] }
 *   ]
 * }
 */
export interface ReviewConfig {
  readonly options: Omit<EvaluationOptions, 'today'>;
  readonly suppressions: SuppressionsByAddress;
}

const KEYS = ['maxActivationHours', 'allowedWideScopes', 'severity', 'suppressions'];
const SEVERITIES = [Severity.ERROR, Severity.WARNING, Severity.INFO, 'off'];

export class ConfigError extends Error {
  constructor(file: string, place: string, problem: string) {
    super(`${file}: ${place}: ${problem}`);
    this.name = 'ConfigError';
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads and checks a configuration file; every problem names the file and the place. */
export function parseReviewConfig(file: string, text: string): ReviewConfig {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new ConfigError(file, 'not JSON', (e as Error).message);
  }
  if (!isObject(raw)) throw new ConfigError(file, '/', 'expected a JSON object');
  const unknownKey = Object.keys(raw).find((k) => !KEYS.includes(k));
  if (unknownKey) throw new ConfigError(file, `/${unknownKey}`, `unknown setting; accepted: ${KEYS.join(', ')}`);

  const max = raw.maxActivationHours;
  if (max !== undefined && (typeof max !== 'number' || !(max >= 0.5) || max > 24)) {
    throw new ConfigError(file, '/maxActivationHours', `expected a number of hours from 0.5 to 24, got ${JSON.stringify(max)}`);
  }
  const scopes = raw.allowedWideScopes;
  if (scopes !== undefined && (!Array.isArray(scopes) || scopes.some((s) => typeof s !== 'string'))) {
    throw new ConfigError(file, '/allowedWideScopes', 'expected an array of scope IDs');
  }
  const severity = raw.severity ?? {};
  if (!isObject(severity)) throw new ConfigError(file, '/severity', 'expected an object of rule ID to severity');
  for (const [ruleId, level] of Object.entries(severity)) {
    if (!isRuleId(ruleId)) throw new ConfigError(file, `/severity/${ruleId}`, `not a rule ID (${ruleIdRange()})`);
    if (!SEVERITIES.includes(level as string)) {
      throw new ConfigError(file, `/severity/${ruleId}`, `expected one of ${SEVERITIES.join(', ')}, got ${JSON.stringify(level)}`);
    }
  }

  const suppressions: SuppressionsByAddress = new Map();
  const list = raw.suppressions ?? [];
  if (!Array.isArray(list)) throw new ConfigError(file, '/suppressions', 'expected an array');
  list.forEach((entry, i) => {
    const place = `/suppressions/${i}`;
    if (!isObject(entry)) throw new ConfigError(file, place, 'expected an object with address, ruleId, reason and optionally until and accepts');
    const { address, ruleId, reason, until, accepts } = entry;
    if (typeof address !== 'string' || !address.trim()) throw new ConfigError(file, `${place}/address`, 'expected a Terraform address such as azurerm_role_assignment.reader');
    if (typeof ruleId !== 'string' || !isRuleId(ruleId)) throw new ConfigError(file, `${place}/ruleId`, `expected a rule ID (${ruleIdRange()})`);
    if (typeof reason !== 'string' || !reason.trim()) throw new ConfigError(file, `${place}/reason`, 'a suppression needs a reason');
    const untilProblem = until === undefined ? undefined : calendarDateProblem(until);
    if (untilProblem !== undefined) {
      throw new ConfigError(file, `${place}/until`, `${JSON.stringify(until)} ${untilProblem}; expected ${CALENDAR_DATE_ACCEPTED}`);
    }
    if (accepts !== undefined && (!Array.isArray(accepts) || accepts.length === 0 || accepts.some((a) => typeof a !== 'string' || !a.trim()))) {
      throw new ConfigError(file, `${place}/accepts`, 'expected a non-empty array of the scopes or chain targets the suppression accepts (e.g. ["kv-payments"])');
    }
    const record: SuppressionRecord = {
      ruleId,
      reason: reason.trim(),
      ...(until ? { until: until as string } : {}),
      ...(accepts ? { accepts: (accepts as string[]).map((a) => a.trim()) } : {}),
    };
    suppressions.set(address, [...(suppressions.get(address) ?? []), record]);
  });

  return {
    options: {
      ...(max !== undefined ? { maxActivationHours: max as number } : {}),
      ...(scopes !== undefined ? { allowedWideScopes: scopes as string[] } : {}),
      severityOverrides: severity as Record<string, Severity | 'off'>,
    },
    suppressions,
  };
}
