import { ScopeLevel } from '../../model/scope-level';

/** A scope as the graph reads it: the value as written, the name of what it points at, and its level. */
interface ScopeFacts {
  readonly value: string;
  readonly name?: string;
  readonly level: ScopeLevel | string;
  /** A subscription's name as the configuration gives it. */
  readonly displayName?: string;
}

/**
 * A scope as a reviewer reads it, the one rule for every message, step and report: the name of
 * the resource or group it points at (`kv-payments`, `rg-app`), `subscription <name>` for a
 * subscription the configuration names (`azurerm_subscription`), `subscription <ID>` for another
 * (a bare GUID says nothing of what it is), else the value as written.
 */
export function shownScope(scope: ScopeFacts): string {
  if (scope.name === undefined) return scope.value;
  return scope.level === ScopeLevel.SUBSCRIPTION ? `${SUBSCRIPTION_PREFIX}${scope.displayName ?? scope.name}` : scope.name;
}

const SUBSCRIPTION_PREFIX = 'subscription ';

/**
 * The names a suppression's `accepts` may give a scope shown this way: what is shown, and for a
 * subscription its ID alone, as messages wrote it before they said what it is.
 */
export function acceptedNamesOf(shown: string): string[] {
  return shown.startsWith(SUBSCRIPTION_PREFIX) ? [shown, shown.slice(SUBSCRIPTION_PREFIX.length)] : [shown];
}
