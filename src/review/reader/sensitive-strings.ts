import { ArmId, parseArmId } from '../../scope/arm-id';

/**
 * Values Terraform marks sensitive, as the strings they hold, so that the command can show
 * `(sensitive)` wherever one would be printed while every finding is still computed from the
 * value itself. Sensitive are: a variable declared `sensitive = true` (whatever sets it: default,
 * tfvars, `--var`, `TF_VAR_`), what the `sensitive()` function is given, what a function makes
 * of a sensitive value, and in a plan what `sensitive_values`, `before_sensitive` and
 * `after_sensitive` mark, and the values of the variables its configuration marks.
 *
 * Strings are matched as text, so a template that embeds a sensitive value is covered with it;
 * so is everything a function computes from one (the evaluator asks `derivesFrom`). Strings
 * shorter than MIN_SENSITIVE_LENGTH are not kept: hidden wherever they occur, `"a"` or `"1"` would
 * hide every such letter of the output, and a secret that short is none.
 */
export const MIN_SENSITIVE_LENGTH = 4;

/** The sensitive strings of one read. */
export class SensitiveStrings {
  private readonly strings = new Set<string>();

  /** Every string of `value` (in lists and objects too, keys included). */
  public add(value: unknown): void {
    const stack: unknown[] = [value];
    while (stack.length > 0) {
      const at = stack.pop();
      if (typeof at === 'string') {
        this.addString(at);
      } else if (Array.isArray(at)) {
        for (const item of at) stack.push(item);
      } else if (typeof at === 'object' && at !== null && Object.getPrototypeOf(at) === Object.prototype) {
        for (const [key, item] of Object.entries(at)) {
          stack.push(key);
          stack.push(item);
        }
      }
    }
  }

  /**
   * A sensitive string, and when it is an Azure resource ID, the names in it: the review shows a
   * scope by its name (`rg-payments` for `/subscriptions/…/resourceGroups/rg-payments`), and that
   * name is as sensitive as the ID.
   */
  private addString(value: string): void {
    if (value.length >= MIN_SENSITIVE_LENGTH) this.strings.add(value);
    if (!value.startsWith('/')) return;
    let id: ArmId;
    try {
      id = parseArmId(value);
    } catch {
      return;
    }
    // Its own name, and the names below the subscription; a subscription or management group
    // above a sensitive resource is no secret of it (it is shown for every other grant there).
    const below = [id.resourceGroupName, ...(id.providers ?? []).flatMap((p) => p.path.map((part) => part.name))];
    const names = below.some((n) => n !== undefined) ? below : [id.subscriptionId ?? id.managementGroupId];
    for (const name of names) if (name !== undefined && name.length >= MIN_SENSITIVE_LENGTH) this.strings.add(name);
  }

  /** The strings of `value` that `mask` marks true (a plan's `sensitive_values`: the same shape, true where sensitive). */
  public addMasked(value: unknown, mask: unknown): void {
    if (mask === true) {
      this.add(value);
      return;
    }
    if (typeof mask !== 'object' || mask === null || typeof value !== 'object' || value === null) return;
    if (Array.isArray(mask) && Array.isArray(value)) {
      mask.forEach((m, i) => this.addMasked(value[i], m));
      return;
    }
    for (const [key, m] of Object.entries(mask)) {
      if (Object.hasOwn(value, key)) this.addMasked((value as Record<string, unknown>)[key], m);
    }
  }

  /** Whether `value` holds a sensitive string, whole or within a longer one: a function of it is sensitive too. */
  public derivesFrom(value: unknown): boolean {
    if (this.strings.size === 0) return false;
    const stack: unknown[] = [value];
    while (stack.length > 0) {
      const at = stack.pop();
      if (typeof at === 'string') {
        for (const s of this.strings) if (at.includes(s)) return true;
      } else if (Array.isArray(at)) {
        for (const item of at) stack.push(item);
      } else if (typeof at === 'object' && at !== null && Object.getPrototypeOf(at) === Object.prototype) {
        for (const item of Object.values(at)) stack.push(item);
      }
    }
    return false;
  }

  public get size(): number {
    return this.strings.size;
  }

  /** The strings, longest first (so the longer of two that overlap is hidden whole). */
  public list(): string[] {
    return [...this.strings].sort((a, b) => b.length - a.length || (a < b ? -1 : a > b ? 1 : 0));
  }
}

// The strings of the read in progress: evaluation is synchronous, one configuration at a time,
// and deep inside it (a variable's value, a function's result) there is no read to pass along.
let collecting: SensitiveStrings | undefined;

/** Runs `read` with `into` as the read's sensitive strings. */
export function collectingSensitive<T>(into: SensitiveStrings, read: () => T): T {
  const outer = collecting;
  collecting = into;
  try {
    return read();
  } finally {
    collecting = outer;
  }
}

/** Marks `value` sensitive in the read in progress (a variable declared sensitive, what `sensitive()` is given). */
export function markSensitive(value: unknown): void {
  collecting?.add(value);
}

/** A function's result is sensitive when an argument is (Terraform carries the mark through every function). */
export function markIfDerived(result: unknown, args: readonly unknown[]): void {
  if (collecting !== undefined && collecting.size > 0 && collecting.derivesFrom(args)) collecting.add(result);
}
