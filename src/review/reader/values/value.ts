import { setOwn } from '../../../model/own-keys';

/**
 * What a Terraform expression is worth to the review. Known values are plain JSON values. A
 * reference to a resource or data source stays a reference (`Reference`), so that the graph can
 * still tell a scope level or a principal kind from the referenced type. Anything else that
 * cannot be known without a provider or a state is `Unknown`, with the expression it came from:
 * the rules count it as the widest, and messages name it.
 */
export class Unknown {
  /**
   * @param source the expression, as messages name it (`var.roles`, `lookup(...)`).
   * @param notEvaluated set when the value is unknown because this review did not work it out,
   *   not because Terraform cannot know it before apply: a function it does not evaluate, a
   *   function whose value exists only at apply (`timestamp()`), an expression too deep, or one
   *   Terraform would refuse. The report names it under "Not reviewed".
   */
  constructor(public readonly source: string, public readonly notEvaluated?: string) {}
}

/**
 * Whether an unknown value is an output of a module call the review did not read, which the
 * evaluator names by its address (`module.uami["dev"].resource_id`): Terraform knows it only once
 * the module is installed, and the report names the module under "Not reviewed".
 */
export function isUnreadModuleOutput(value: Unknown): boolean {
  return value.notEvaluated === undefined && value.source.startsWith('module.');
}

/** `azurerm_user_assigned_identity.api["a"].principal_id`, `module.net.azurerm_subnet.s.id`. */
export class Reference {
  constructor(public readonly path: string) {}
}

// `[module.a["k"].]...[data.]type.name[key].id`: the whole `id` of a resource or data source instance.
const INSTANCE_ID = /^(?:module\.[A-Za-z_][\w-]*(?:\[(?:\d+|"(?:[^"\\]|\\.)*")\])?\.)*(data\.)?([a-z][a-z0-9]*_[a-z0-9_]+)\.[A-Za-z_][\w-]*(?:\[(?:\d+|"(?:[^"\\]|\\.)*")\])?\.id$/;

/** When a reference is the `id` of a resource or data source instance: its type, and whether it is a data source. */
export function instanceIdOf(value: Reference): { readonly type: string; readonly isData: boolean } | undefined {
  const m = INSTANCE_ID.exec(value.path);
  return m === null ? undefined : { type: m[2], isData: m[1] !== undefined };
}

/**
 * Whether a reference is never null nor empty once Terraform has applied: the `id` of a resource
 * or data source instance, which every provider sets (Terraform fails an apply that leaves it
 * unset). `coalesce(azurerm_x.a.id, ...)` is then that reference, whatever the value turns out to be.
 */
export function isNeverEmpty(value: Reference): boolean {
  return instanceIdOf(value) !== undefined;
}

export type Value = null | string | number | boolean | Value[] | { [key: string]: Value } | Unknown | Reference;

/** A value that is neither unknown nor a reference at its top (what it holds may be). */
export type Known = null | string | number | boolean | Value[] | { [key: string]: Value };

export function isKnown(value: Value): value is Known {
  return !(value instanceof Unknown) && !(value instanceof Reference);
}

/**
 * Whether a string holds a reference or an unknown written into it (`"${azurerm_x.a.id}/sub"`): a
 * template keeps what it cannot know as `${...}` text, so that the graph still reads a scope's
 * shape from it. To a function or an operator such a string is unknown. (A literal `${` in a
 * known string, written `$${` in Terraform, reads as unknown too: the wider case.)
 */
export function holdsUnknownText(text: string): boolean {
  return text.includes('${');
}

/** Whether a value, and everything inside it, is known. */
export function isWhollyKnown(value: Value): boolean {
  if (value instanceof Unknown || value instanceof Reference) return false;
  if (typeof value === 'string') return !holdsUnknownText(value);
  if (Array.isArray(value)) return value.every(isWhollyKnown);
  if (value !== null && typeof value === 'object') return Object.values(value).every(isWhollyKnown);
  return true;
}

export function isObject(value: Value): value is { [key: string]: Value } {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && isKnown(value);
}

/** Why the first of these values that the review did not evaluate was not, if one was not (nested ones included). */
export function notEvaluatedIn(values: readonly Value[]): string | undefined {
  for (const value of values) {
    if (value instanceof Unknown) {
      if (value.notEvaluated !== undefined) return value.notEvaluated;
    } else if (Array.isArray(value)) {
      const inner = notEvaluatedIn(value);
      if (inner !== undefined) return inner;
    } else if (value !== null && typeof value === 'object' && !(value instanceof Reference)) {
      const inner = notEvaluatedIn(Object.values(value));
      if (inner !== undefined) return inner;
    }
  }
  return undefined;
}

/**
 * An unknown that comes of other values (`lower(var.x)`): it keeps why the review did not
 * evaluate one of them, so the report can still say which function, wherever it flowed.
 */
export function unknownOf(source: string, inputs: readonly Value[]): Unknown {
  return new Unknown(source, notEvaluatedIn(inputs));
}

/** A value as the document holds it: what is known as itself, a reference or an unknown as the `${...}` text a configuration writes. */
export function asJsonText(value: Value): unknown {
  if (value instanceof Reference) return `\${${value.path}}`;
  if (value instanceof Unknown) return `\${${value.source}}`;
  if (Array.isArray(value)) return value.map(asJsonText);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value)) setOwn(out, key, asJsonText(value[key]));
    return out;
  }
  return value;
}
