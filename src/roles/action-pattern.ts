/**
 * Azure RBAC operation strings (`Microsoft.Compute/virtualMachines/*`, `*\/read`) are matched
 * case-insensitively, and `*` stands for any run of characters, slashes included. This is how
 * Azure evaluates `actions`, `notActions`, `dataActions` and `notDataActions`.
 */
const patternCache = new Map<string, RegExp>();

function compile(pattern: string): RegExp {
  let compiled = patternCache.get(pattern);
  if (!compiled) {
    const source = pattern
      .split('*')
      .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*');
    compiled = new RegExp(`^${source}$`, 'i');
    patternCache.set(pattern, compiled);
  }
  return compiled;
}

/** Whether a permission pattern grants (or removes) one concrete operation. */
export function patternMatches(pattern: string, operation: string): boolean {
  return compile(pattern).test(operation);
}

/**
 * Whether everything `inner` can match is also matched by `outer`. A `*` inside `inner` is
 * read as the literal text it is, so `Microsoft.Authorization/*` covers
 * `Microsoft.Authorization/*\/Write`, while `*\/write` does not cover `Microsoft.Storage/*`.
 */
export function patternCovers(outer: string, inner: string): boolean {
  return compile(outer).test(inner);
}

/** Whether `operation` is allowed by `allowed` and not taken away by `removed`. */
export function isOperationPermitted(
  operation: string,
  allowed: readonly string[],
  removed: readonly string[],
): boolean {
  return allowed.some((p) => patternMatches(p, operation)) && !removed.some((p) => patternMatches(p, operation));
}

/** The patterns of `allowed` that no pattern of `removed` takes away completely. */
export function effectivePatterns(allowed: readonly string[], removed: readonly string[]): string[] {
  return allowed.filter((a) => !removed.some((r) => patternCovers(r, a)));
}
