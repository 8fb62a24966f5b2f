import { equalityOf } from './equality';
import { EvaluationError, NotEvaluated } from './evaluation-error';
import { Expr, parseTemplate } from './expression-parser';
import type * as FunctionLibrary from './functions';
import { asBool, asNumber, numberText, typeName } from './functions/arguments';
import { sortedKeys } from './terraform-order';
import { holdsUnknownText, isKnown, isObject, notEvaluatedIn, Reference, Unknown, unknownOf, Value } from './value';
import { ownValue, setOwn } from '../../../model/own-keys';
import { markIfDerived, markSensitive } from '../sensitive-strings';

/** A block's instances as Terraform knows them at plan time, or that it stands for an unknown number of them (block-instances.ts). */
export type BlockInstances =
  | { readonly instances: Value; readonly repeated?: undefined }
  | { readonly repeated: true; readonly instances?: undefined };

/** What names mean where an expression is evaluated. */
export interface EvaluationScope {
  /** `var.<name>`: the variable's value, or undefined when the configuration declares no such variable. */
  readonly variable: (name: string) => Value | undefined;
  /** `local.<name>`. */
  readonly local: (name: string) => Value;
  /** `each`, `count`, `for` variables and dynamic-block iterators. */
  readonly names: ReadonlyMap<string, Value>;
  /** `module.a.` inside a module, so references name Terraform's full address. */
  readonly modulePrefix: string;
  /**
   * `module.<name>`: the call's outputs (an object; a list or map of them with count or
   * for_each), or undefined when the configuration makes no such call or it was not read.
   */
  readonly module?: (name: string) => Value | undefined;
  /**
   * A resource or data source of this configuration named whole (`azurerm_x.y`, `data.azurerm_x.y`):
   * its instances when it has a count or for_each Terraform knows at plan time, `repeated` when
   * it has one Terraform knows only at apply, else undefined (block-instances.ts).
   */
  readonly instancesOf?: (address: string) => BlockInstances | undefined;
}

// A resource type: `azurerm_role_assignment`, `azapi_resource`, `azuread_group`.
const RESOURCE_TYPE = /^[a-z][a-z0-9]*_[a-z0-9_]+$/;

/**
 * How deep evaluation may recurse, counted in expression levels, across locals that read locals
 * and module outputs that read module outputs (each counts VALUE_DEPTH levels: reading another
 * value takes more stack than a level of one expression). A chain of thousands of locals must
 * not overflow the stack: this stops it at fifty, with the stack to spare.
 */
const MAX_EVALUATION_DEPTH = 400;
const VALUE_DEPTH = 8;
/** How many steps one attribute's value may take: `[for a in range(1024) : [for b in range(1024) : ...]]` stops here. */
const MAX_STEPS_PER_VALUE = 1_000_000;
/**
 * How many steps all values of one configuration read may take (a read of 20,000 expanded grants
 * takes about a million): past it, what is left is unknown, and says why.
 */
const MAX_STEPS_PER_READ = 50_000_000;

// Evaluation is synchronous: these count the current top-level evaluation and the current read.
let nested = 0;
let level = 0;
let stepsTaken = 0;
let readSteps = 0;
let reading = false;

/**
 * Evaluates one configuration read within MAX_STEPS_PER_READ. Outside a read (a single
 * expression, a variable's default) only MAX_STEPS_PER_VALUE applies: a long-lived process never
 * runs out.
 */
export function withinReadBudget<T>(read: () => T): T {
  if (reading) return read();
  reading = true;
  readSteps = 0;
  try {
    return read();
  } finally {
    reading = false;
  }
}

/** A short form of an expression, for "unknown" messages: `var.actions`, `lookup(...)`. */
export function show(expr: Expr): string {
  switch (expr.kind) {
    case 'literal': return JSON.stringify(expr.value);
    case 'name': return expr.name;
    case 'attr': return `${show(expr.target)}.${expr.name}`;
    case 'index': return `${show(expr.target)}[${show(expr.key)}]`;
    case 'call': return `${expr.name}(...)`;
    case 'splat': return `${show(expr.target)}[*]`;
    case 'tuple': return '[...]';
    case 'object': return '{...}';
    default: return 'an expression';
  }
}

/**
 * An expression's value in a scope. What Terraform would refuse to evaluate, and what this review
 * does not evaluate, is unknown here, with the reason (Unknown.notEvaluated); never an exception.
 */
export function evaluate(expr: Expr, scope: EvaluationScope): Value {
  if (nested === 0) stepsTaken = 0;
  nested++;
  const entryLevel = level;
  level += VALUE_DEPTH;
  try {
    if (level > MAX_EVALUATION_DEPTH) throw new NotEvaluated(`values refer to values nested too deeply (more than ${MAX_EVALUATION_DEPTH / VALUE_DEPTH} levels)`);
    return evaluateInner(expr, scope);
  } catch (error) {
    if (error instanceof EvaluationError) return new Unknown(show(expr), `Terraform would fail to evaluate it: ${error.message}`);
    if (error instanceof NotEvaluated) return new Unknown(show(expr), error.reason);
    throw error;
  } finally {
    level = entryLevel;
    nested--;
  }
}

function evaluateInner(expr: Expr, scope: EvaluationScope): Value {
  if (++stepsTaken > MAX_STEPS_PER_VALUE) throw new NotEvaluated(`it takes more than ${MAX_STEPS_PER_VALUE.toLocaleString('en-US')} steps to evaluate`);
  if (reading && ++readSteps > MAX_STEPS_PER_READ) throw new NotEvaluated(`the configuration takes more than ${MAX_STEPS_PER_READ.toLocaleString('en-US')} steps to evaluate`);
  if (++level > MAX_EVALUATION_DEPTH) throw new NotEvaluated(`the expression and the values it reads nest more than ${MAX_EVALUATION_DEPTH} levels deep`);
  const value = evaluateNode(expr, scope);
  level--;
  return value;
}

function evaluateNode(expr: Expr, scope: EvaluationScope): Value {
  switch (expr.kind) {
    case 'literal': return expr.value;
    case 'template': case 'templateIf': case 'templateFor': return template(expr, scope);
    case 'name': case 'attr': case 'index': return traversal(expr, scope);
    case 'splat': return splat(expr, scope);
    case 'call': return call(expr, scope);
    case 'unary': {
      const value = evaluateInner(expr.operand, scope);
      if (!isKnown(value) || (typeof value === 'string' && holdsUnknownText(value))) return unknownOf(show(expr), [value]);
      return expr.op === '!' ? !asBool(value, 'the operand of !') : -asNumber(value, 'the operand of -');
    }
    case 'binary': return binary(expr, scope);
    case 'conditional': {
      const condition = evaluateInner(expr.condition, scope);
      if (!isKnown(condition) || (typeof condition === 'string' && holdsUnknownText(condition))) {
        return unknownOf(`the condition of ${show(expr.condition)} ? ...`, [condition]);
      }
      return evaluateInner(asBool(condition, 'a condition') ? expr.then : expr.otherwise, scope);
    }
    case 'tuple': {
      const items: Value[] = [];
      for (const item of expr.items) items.push(evaluateInner(item, scope));
      return items;
    }
    case 'object': {
      const out: Record<string, Value> = {};
      for (const item of expr.items) {
        const key = evaluateInner(item.key, scope);
        if (!isKnown(key) || (typeof key === 'string' && holdsUnknownText(key))) return unknownOf('an object key', [key]);
        setOwn(out, keyText(key, 'an object key'), evaluateInner(item.value, scope));
      }
      return out;
    }
    case 'for': return forExpression(expr, scope);
  }
}

/** A known value as a string key: Terraform converts numbers and booleans, and refuses null and collections. */
function keyText(key: Value, what: string): string {
  if (typeof key === 'string') return key;
  if (typeof key === 'number' || typeof key === 'boolean') return String(key);
  throw new EvaluationError(`${what} must be a string, not ${typeName(key)}`);
}

/**
 * A template's text. A resource attribute written into it stays as `${...}` text (the graph reads a
 * scope's shape from it); an unknown part makes the whole unknown.
 */
function template(expr: Extract<Expr, { kind: 'template' | 'templateIf' | 'templateFor' }>, scope: EvaluationScope): Value {
  if (expr.kind === 'templateIf') {
    const condition = evaluateInner(expr.condition, scope);
    if (!isKnown(condition) || (typeof condition === 'string' && holdsUnknownText(condition))) return unknownOf(`%{if ${show(expr.condition)}}`, [condition]);
    return templateText(evaluateInner(asBool(condition, 'a template condition') ? expr.then : expr.otherwise, scope), expr.condition);
  }
  if (expr.kind === 'templateFor') {
    const collection = evaluateInner(expr.collection, scope);
    if (!isKnown(collection)) return unknownOf(`%{for ... in ${show(expr.collection)}}`, [collection]);
    let out = '';
    for (const [key, value] of entriesOf(collection, `%{for} over ${show(expr.collection)}`)) {
      const part = templateText(evaluateInner(expr.body, withNames(scope, expr.keyVar, key, expr.valueVar, value)), expr.body);
      if (part instanceof Unknown) return part;
      out += part;
    }
    return out;
  }
  let out = '';
  for (const part of expr.parts) {
    if (typeof part === 'string') { out += part; continue; }
    const text = templateText(evaluateInner(part, scope), part);
    if (text instanceof Unknown) return text;
    out += text;
  }
  return out;
}

/**
 * A part of a template as text. What is not known yet is written in as `${...}` too, the way a
 * resource attribute is, so that the text keeps its shape wherever it flows: a scope built in a
 * local or a module output reads as the same scope written in place
 * (`/subscriptions/${var.sub}/resourceGroups/rg` is a resource group either way). To functions
 * and operators such a text is unknown, as in Terraform. An unknown the review did not evaluate
 * stays an Unknown, which keeps why for the report.
 */
function templateText(value: Value, part: Expr): string | Unknown {
  if (value instanceof Reference) return `\${${value.path}}`;
  if (value instanceof Unknown) {
    return value.notEvaluated === undefined && !/[{}]/.test(value.source) ? `\${${value.source}}` : unknownOf(show(part), [value]);
  }
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return numberText(value);
  if (typeof value === 'boolean') return String(value);
  if (value === null) throw new EvaluationError(`${show(part)} is null, and a template cannot include null`);
  throw new EvaluationError(`${show(part)} is ${typeName(value)}, and a template can only include strings, numbers and booleans`);
}

/** `[for ...]` and `%{for}` iterate a list by position and a map by key, in Terraform's key order. */
function entriesOf(collection: Value, what: string): [Value, Value][] {
  if (Array.isArray(collection)) return collection.map((v, i) => [i, v]);
  if (isObject(collection)) return sortedKeys(collection).map((k) => [k, collection[k]]);
  throw new EvaluationError(`${what}: cannot iterate ${typeName(collection)}`);
}

function splat(expr: Extract<Expr, { kind: 'splat' }>, scope: EvaluationScope): Value {
  const target = evaluateInner(expr.target, scope);
  if (!isKnown(target)) return unknownOf(show(expr), [target]);
  // A splat of null is an empty list; of a single value, a list of it.
  const items = target === null ? [] : Array.isArray(target) ? target : [target];
  return items.map((item) => expr.rest.reduce<Value>((v, name) => step(v, name, expr, false), item));
}

let library: typeof FunctionLibrary | undefined;

/**
 * The function library, loaded on the first call: a review of a stack that calls no function (the
 * cdktf output of 20,000 grants) should not load and compile it, 20 ms of every run.
 */
function functionLibrary(): typeof FunctionLibrary {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  library ??= require('./functions') as typeof FunctionLibrary;
  return library;
}

// What Terraform knows only at apply, or that depends on the machine that runs it: never evaluated.
const IMPURE = new Set(['timestamp', 'uuid', 'bcrypt', 'plantimestamp', 'file', 'fileexists', 'fileset', 'filebase64', 'filemd5', 'filesha1',
  'filesha256', 'filesha512', 'filebase64sha256', 'filebase64sha512', 'templatefile', 'abspath', 'pathexpand', 'rsadecrypt', 'ephemeralasnull']);

function call(expr: Extract<Expr, { kind: 'call' }>, scope: EvaluationScope): Value {
  if (expr.name === 'try') return tryCall(expr, scope);
  if (expr.name === 'can') return canCall(expr, scope);
  if (IMPURE.has(expr.name)) {
    return new Unknown(show(expr), expr.name.startsWith('file') || expr.name === 'templatefile' || expr.name.endsWith('path')
      ? `${expr.name}() reads files, which this review does not` : `${expr.name}() has a value only when Terraform applies`);
  }
  // Loops, not map(): a level of a deep expression costs fewer stack frames.
  let args: Value[] = [];
  for (const arg of expr.args) args.push(evaluateInner(arg, scope));
  if (expr.expand) {
    const last = args[args.length - 1];
    if (!isKnown(last)) return unknownOf(show(expr), [last]);
    if (!Array.isArray(last)) throw new EvaluationError(`${expr.name}(...): the expanded argument must be a list, not ${typeName(last)}`);
    args = [...args.slice(0, -1), ...last];
  }
  if (expr.name === 'templatestring') return templateString(expr, args, scope);
  try {
    const result = functionLibrary().callFunction(expr.name, args, show(expr));
    if (expr.name === 'sensitive') markSensitive(args);
    else markIfDerived(result, args);
    // Unknown because an argument is known only at apply: named with its arguments, so the text
    // still says what it reads (`basename(data.azurerm_role_definition.r.role_definition_id)`).
    if (result instanceof Unknown && result.notEvaluated === undefined && result.source === show(expr) && !expr.expand) {
      return new Unknown(shownCall(expr, args));
    }
    return result;
  } catch (error) {
    if (error instanceof NotEvaluated) return new Unknown(show(expr), error.reason);
    if (error instanceof EvaluationError) throw new EvaluationError(`${expr.name}(): ${error.message}`);
    throw error;
  }
}

/** How long a call's text may be with its arguments written in; a longer one is `name(...)`. */
const SHOWN_CALL_LENGTH = 400;

/**
 * A call as its text reads once its arguments are evaluated as far as they can be: a reference by
 * its path, an unknown by what it is, a known text, number or boolean as its value (a sensitive one
 * is hidden wherever the command prints it), anything else as written.
 */
function shownCall(expr: Extract<Expr, { kind: 'call' }>, args: readonly Value[]): string {
  const parts = args.map((arg, i) => (arg instanceof Reference ? arg.path : arg instanceof Unknown ? arg.source
    : typeof arg === 'string' && !holdsUnknownText(arg) ? JSON.stringify(arg)
      : typeof arg === 'number' || typeof arg === 'boolean' ? String(arg) : show(expr.args[i])));
  const text = `${expr.name}(${parts.join(', ')})`;
  return text.length > SHOWN_CALL_LENGTH ? show(expr) : text;
}

/**
 * `try(a, b, ...)`: the first argument that Terraform can evaluate. One that is unknown is not a
 * failure: the result is unknown, as Terraform's is (it may still fail once known). A resource
 * attribute, or a value made of known values and resource attributes, is kept as it is: only the
 * attribute is unknown, and the graph reads what it refers to.
 */
function tryCall(expr: Extract<Expr, { kind: 'call' }>, scope: EvaluationScope): Value {
  const failures: string[] = [];
  for (const arg of expr.args) {
    const entry = level;
    let value: Value;
    try {
      value = evaluateInner(arg, scope);
    } catch (error) {
      if (!(error instanceof EvaluationError)) throw error;
      level = entry;
      failures.push(error.message);
      continue;
    }
    return holdsUnknown(value) ? unknownOf(show(expr), [value]) : value;
  }
  throw new EvaluationError(`no argument of try() succeeded${failures.length > 0 ? ` (${failures[0]})` : ''}`);
}

/** `can(x)`: whether Terraform can evaluate x; unknown while x is not wholly known, as in Terraform. */
function canCall(expr: Extract<Expr, { kind: 'call' }>, scope: EvaluationScope): Value {
  if (expr.args.length !== 1) throw new EvaluationError('can() takes one argument');
  const entry = level;
  let value: Value;
  try {
    value = evaluateInner(expr.args[0], scope);
  } catch (error) {
    if (!(error instanceof EvaluationError)) throw error;
    level = entry;
    return false;
  }
  return holdsUnknown(value) || holdsReference(value) ? unknownOf(show(expr), [value]) : true;
}

/** Whether an Unknown is anywhere in a value (resource attributes aside). */
function holdsUnknown(value: Value): boolean {
  if (value instanceof Unknown) return true;
  if (Array.isArray(value)) return value.some(holdsUnknown);
  if (isObject(value)) return Object.values(value).some(holdsUnknown);
  return false;
}

function holdsReference(value: Value): boolean {
  if (value instanceof Reference) return true;
  if (typeof value === 'string') return holdsUnknownText(value);
  if (Array.isArray(value)) return value.some(holdsReference);
  if (isObject(value)) return Object.values(value).some(holdsReference);
  return false;
}

const TEMPLATES = new Map<string, Expr>();

/** `templatestring(ref, vars)`: the template is a string known at plan time, its names the object's attributes. */
function templateString(expr: Extract<Expr, { kind: 'call' }>, args: Value[], scope: EvaluationScope): Value {
  if (args.length !== 2) throw new EvaluationError('templatestring() takes two arguments');
  const [text, vars] = args;
  // The template holds `${...}` of its own: it is known when it is a known string.
  if (!isKnown(text) || !isKnown(vars)) return unknownOf(show(expr), args);
  if (typeof text !== 'string') throw new EvaluationError(`templatestring(): the template must be a string, not ${typeName(text)}`);
  if (!isObject(vars)) throw new EvaluationError(`templatestring(): the variables must be an object, not ${typeName(vars)}`);
  let parsed = TEMPLATES.get(text);
  if (parsed === undefined) {
    try {
      parsed = parseTemplate(text);
    } catch (error) {
      throw new EvaluationError(`templatestring(): ${error instanceof Error ? error.message : String(error)}`);
    }
    if (TEMPLATES.size < 1000) TEMPLATES.set(text, parsed);
  }
  const names = new Map<string, Value>();
  for (const key of Object.keys(vars)) names.set(key, vars[key]);
  const inner: EvaluationScope = { variable: () => undefined, local: (name) => new Unknown(`local.${name}`), names, modulePrefix: scope.modulePrefix };
  return evaluateInner(parsed, inner);
}

function binary(expr: Extract<Expr, { kind: 'binary' }>, scope: EvaluationScope): Value {
  const left = evaluateInner(expr.left, scope);
  const unknown = (...values: Value[]) => unknownOf(show(expr.left) === 'an expression' ? show(expr.right) : show(expr.left), values);
  const isUnknown = (v: Value) => !isKnown(v) || (typeof v === 'string' && holdsUnknownText(v));
  if (expr.op === '&&' || expr.op === '||') {
    // A known side that settles the answer settles it, whatever the other side is (as Terraform's refinements do).
    const settles = expr.op === '||';
    if (!isUnknown(left) && asBool(left, `the left side of ${expr.op}`) === settles) return settles;
    const right = evaluateInner(expr.right, scope);
    if (!isUnknown(right) && asBool(right, `the right side of ${expr.op}`) === settles) return settles;
    if (isUnknown(left) || isUnknown(right)) return unknown(left, right);
    return !settles;
  }
  const right = evaluateInner(expr.right, scope);
  if (expr.op === '==' || expr.op === '!=') {
    const equal = equalityOf(left, right);
    if (equal instanceof Unknown) return unknownOf(show(expr.left), [equal, left, right]);
    return expr.op === '==' ? equal : !equal;
  }
  if (isUnknown(left) || isUnknown(right)) return unknown(left, right);
  const a = asNumber(left, `the left side of ${expr.op}`);
  const b = asNumber(right, `the right side of ${expr.op}`);
  switch (expr.op) {
    case '+': return a + b;
    case '-': return a - b;
    case '*': return a * b;
    case '/':
      if (b === 0) throw new EvaluationError('division by zero');
      return a / b;
    case '%':
      if (b === 0) throw new EvaluationError('modulo by zero');
      return a % b;
    case '<': return a < b;
    case '>': return a > b;
    case '<=': return a <= b;
    case '>=': return a >= b;
    default: throw new NotEvaluated(`the operator ${expr.op} is not evaluated`);
  }
}

function forExpression(expr: Extract<Expr, { kind: 'for' }>, scope: EvaluationScope): Value {
  const collection = evaluateInner(expr.collection, scope);
  if (!isKnown(collection)) return unknownOf(show(expr.collection), [collection]);
  const list: Value[] = [];
  const object: Record<string, Value> = {};
  for (const [key, value] of entriesOf(collection, `for over ${show(expr.collection)}`)) {
    const inner = withNames(scope, expr.keyVar, key, expr.valueVar, value);
    if (expr.condition !== undefined) {
      const keep = evaluateInner(expr.condition, inner);
      if (!isKnown(keep) || (typeof keep === 'string' && holdsUnknownText(keep))) return unknownOf(show(expr.condition), [keep]);
      if (!asBool(keep, 'the condition of a for expression')) continue;
    }
    if (!expr.object) {
      list.push(evaluateInner(expr.valueExpr, inner));
      continue;
    }
    const itemKey = evaluateInner(expr.keyExpr!, inner);
    if (!isKnown(itemKey) || (typeof itemKey === 'string' && holdsUnknownText(itemKey))) return unknownOf(show(expr.keyExpr!), [itemKey]);
    const resultKey = keyText(itemKey, 'the key of a for expression');
    const item = evaluateInner(expr.valueExpr, inner);
    if (expr.grouped) {
      setOwn(object, resultKey, [...((ownValue(object, resultKey) as Value[] | undefined) ?? []), item]);
    } else {
      if (Object.hasOwn(object, resultKey)) throw new EvaluationError(`the for expression makes the key ${JSON.stringify(resultKey.slice(0, 200))} twice (use ... to group)`);
      setOwn(object, resultKey, item);
    }
  }
  return expr.object ? object : list;
}

function withNames(scope: EvaluationScope, keyVar: string | undefined, key: Value, valueVar: string, value: Value): EvaluationScope {
  const names = new Map(scope.names);
  if (keyVar !== undefined) names.set(keyVar, key);
  names.set(valueVar, value);
  return { ...scope, names };
}

interface Flattened {
  readonly root: string;
  readonly steps: readonly Expr[];
}

// Expressions are parsed once per text and evaluated once per instance: thousands of times in a
// repository whose module is called 200 times. Each is flattened once.
const FLATTENED = new WeakMap<Expr, Flattened | null>();

/** The root name and the steps after it: `var.roles["reader"].name` is `var` then `.roles`, `["reader"]`, `.name`. */
function flatten(expr: Expr): Flattened | undefined {
  let flat = FLATTENED.get(expr);
  if (flat === undefined) {
    const steps: Expr[] = [];
    let current = expr;
    while (current.kind === 'attr' || current.kind === 'index') {
      steps.push(current);
      current = current.target;
    }
    // Gathered from the last step back, then turned once.
    flat = current.kind === 'name' ? { root: current.name, steps: steps.reverse() } : null;
    FLATTENED.set(expr, flat);
  }
  return flat ?? undefined;
}

/** The name of the step at `index` when it is an attribute (`.roles`), else undefined. */
function attrNameAt(steps: readonly Expr[], index: number): string | undefined {
  const at = steps[index];
  return at?.kind === 'attr' ? at.name : undefined;
}

// Names Terraform knows at plan time that this review does not: where the module is, the workspace.
const NOT_EVALUATED_ROOTS = new Set(['path', 'terraform']);

function traversal(expr: Expr, scope: EvaluationScope): Value {
  const flat = flatten(expr);
  if (!flat) {
    // `(expr).attr` or `[..][0]`: evaluate the target, then the step.
    const e = expr as Extract<Expr, { kind: 'attr' | 'index' }>;
    return applyStep(evaluateInner(e.target, scope), e, scope);
  }
  const { root, steps } = flat;
  const first = attrNameAt(steps, 0);
  let value: Value;
  // Where the steps still to apply begin.
  let rest: number;
  if (scope.names.has(root)) {
    value = scope.names.get(root)!;
    rest = 0;
  } else if (root === 'var' && first !== undefined) {
    // null is a value: only a variable that is not declared is unknown here.
    const variable = scope.variable(first);
    value = variable === undefined ? new Unknown(`var.${first}`) : variable;
    rest = 1;
  } else if (root === 'local' && first !== undefined) {
    value = scope.local(first);
    rest = 1;
  } else if (root === 'data' && first !== undefined && attrNameAt(steps, 1) !== undefined) {
    const address = `data.${first}.${attrNameAt(steps, 1)}`;
    const block = scope.instancesOf?.(address);
    value = block?.instances ?? new Reference(`${scope.modulePrefix}${address}`);
    rest = anyInstance(block, steps, 2, scope) ? 3 : 2;
  } else if (root === 'module' && first !== undefined && scope.module?.(first) !== undefined) {
    value = scope.module!(first)!;
    rest = 1;
  } else if (RESOURCE_TYPE.test(root) && first !== undefined) {
    const block = scope.instancesOf?.(`${root}.${first}`);
    value = block?.instances ?? new Reference(`${scope.modulePrefix}${root}.${first}`);
    rest = anyInstance(block, steps, 1, scope) ? 2 : 1;
  } else if (root === 'module' && first !== undefined) {
    return new Unknown(unreadModuleOutput(first, steps, scope));
  } else if (NOT_EVALUATED_ROOTS.has(root)) {
    return new Unknown(show(expr), `${show(expr)} is not evaluated by this review`);
  } else {
    // each/count outside an instance, outputs of a module not read, self.
    return new Unknown(show(expr));
  }
  for (let i = rest; i < steps.length; i++) value = applyStep(value, steps[i] as Extract<Expr, { kind: 'attr' | 'index' }>, scope);
  return value;
}

/**
 * Whether the step at `at` picks an instance of a block that stands for all its instances (its count
 * or for_each is known only at apply) by a key also known only at apply: `azurerm_role_definition.r[each.key]`
 * beside `for_each = toset(var.scopes)`. Which instance is not known, but each is that block, as the
 * review reads it (its instance names unknown): the reference is to the block, so a custom role's
 * permissions or an identity's kind are still read, not lost as an unknown value.
 */
function anyInstance(block: BlockInstances | undefined, steps: readonly Expr[], at: number, scope: EvaluationScope): boolean {
  const picked = steps[at];
  if (block?.repeated !== true || picked?.kind !== 'index') return false;
  const key = evaluateInner(picked.key, scope);
  return !isKnown(key) || (typeof key === 'string' && holdsUnknownText(key));
}

/**
 * An output of a module call the review did not read (not installed, not a local path), named as
 * Terraform addresses it, with its instance key worked out: `module.uami["dev"].resource_id`, not
 * `module.uami[each.key].resource_id`, so each instance's value says which instance it reads. A key
 * that is not known keeps its text.
 */
function unreadModuleOutput(callName: string, steps: readonly Expr[], scope: EvaluationScope): string {
  let text = `module.${callName}`;
  for (let i = 1; i < steps.length; i++) {
    const s = steps[i] as Extract<Expr, { kind: 'attr' | 'index' }>;
    if (s.kind === 'attr') {
      text += `.${s.name}`;
      continue;
    }
    const key = evaluateInner(s.key, scope);
    text += typeof key === 'number' ? `[${key}]` : typeof key === 'string' && !holdsUnknownText(key) ? `[${JSON.stringify(key)}]` : `[${show(s.key)}]`;
  }
  return text;
}

function applyStep(value: Value, s: Extract<Expr, { kind: 'attr' | 'index' }>, scope: EvaluationScope): Value {
  if (s.kind === 'attr') return step(value, s.name, s, false);
  const key = evaluateInner(s.key, scope);
  if (value instanceof Unknown) return value;
  if (!isKnown(key) || (typeof key === 'string' && holdsUnknownText(key))) return unknownOf(show(s), [key]);
  if (typeof key !== 'string' && typeof key !== 'number') {
    throw new EvaluationError(`${show(s)}: an index must be a string or a number, not ${typeName(key)}`);
  }
  return step(value, key, s, true);
}

/**
 * One step into a value, as Terraform takes it: into a known value that has no such attribute,
 * key or index, it fails (and `try` takes its fallback); into an unknown value, it is unknown.
 */
function step(value: Value, key: string | number, written: Expr, isIndex: boolean): Value {
  if (value instanceof Reference) {
    // An instance key stays an index (`x["reader"]`), as Terraform writes the address.
    return new Reference(`${value.path}${!isIndex ? `.${key}` : typeof key === 'number' ? `[${key}]` : `[${JSON.stringify(key)}]`}`);
  }
  if (value instanceof Unknown) return value;
  const where = () => show(written);
  if (value === null) throw new EvaluationError(`${where()}: cannot take ${isIndex ? 'an index' : `the attribute "${key}"`} of null`);
  if (Array.isArray(value)) {
    if (!isIndex) throw new EvaluationError(`${where()}: a list has no attribute "${key}"`);
    const index = typeof key === 'number' ? key : Number(key);
    if (!Number.isInteger(index) || (typeof key === 'string' && key.trim() === '')) throw new EvaluationError(`${where()}: a list index must be a whole number`);
    if (index < 0 || index >= value.length) throw new EvaluationError(`${where()}: index ${index} is out of range (the list has ${value.length} element(s))`);
    return value[index];
  }
  if (isObject(value)) {
    const name = String(key);
    if (Object.hasOwn(value, name)) return value[name];
    throw new EvaluationError(`${where()}: the object has no ${isIndex ? 'key' : 'attribute'} ${JSON.stringify(name.slice(0, 200))}`);
  }
  throw new EvaluationError(`${where()}: ${typeName(value)} has no ${isIndex ? 'index' : 'attributes'}`);
}

/** Why an unknown value, or one holding unknowns, was not evaluated; for callers that only need the reason. */
export function notEvaluatedOf(value: Value): string | undefined {
  return notEvaluatedIn([value]);
}
