import { Expr } from './expression-parser';
import { callFunction } from './functions';
import { sortedKeys } from './terraform-order';
import { isKnown, isObject, Reference, Unknown, Value } from './value';
import { ownValue, setOwn } from '../../../model/own-keys';

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
}

// A resource type: `azurerm_role_assignment`, `azapi_resource`, `azuread_group`.
const RESOURCE_TYPE = /^[a-z][a-z0-9]*_[a-z0-9_]+$/;

/** A short form of an expression, for "unknown" messages: `var.actions`, `lookup(...)`. */
export function show(expr: Expr): string {
  switch (expr.kind) {
    case 'literal': return JSON.stringify(expr.value);
    case 'name': return expr.name;
    case 'attr': return `${show(expr.target)}.${expr.name}`;
    case 'index': return `${show(expr.target)}[${show(expr.key)}]`;
    case 'call': return `${expr.name}(...)`;
    case 'splat': return `${show(expr.target)}[*]`;
    default: return 'an expression';
  }
}

export function evaluate(expr: Expr, scope: EvaluationScope): Value {
  switch (expr.kind) {
    case 'literal': return expr.value;
    case 'template': {
      let out = '';
      for (const part of expr.parts) {
        if (typeof part === 'string') { out += part; continue; }
        const value = evaluate(part, scope);
        if (value instanceof Reference) { out += `\${${value.path}}`; continue; }
        if (!isKnown(value) || (value !== null && typeof value === 'object')) return new Unknown(show(part));
        out += value === null ? '' : String(value);
      }
      return out;
    }
    case 'name': case 'attr': case 'index': return traversal(expr, scope);
    case 'splat': {
      const target = evaluate(expr.target, scope);
      if (!Array.isArray(target)) return new Unknown(show(expr));
      return target.map((item) => expr.rest.reduce<Value>((v, name) => step(v, name, expr), item));
    }
    case 'call': {
      if (expr.name === 'try' || expr.name === 'can') {
        for (const arg of expr.args) {
          const value = evaluate(arg, scope);
          if (expr.name === 'can') return !(value instanceof Unknown);
          if (!(value instanceof Unknown)) return value;
        }
        return new Unknown(show(expr));
      }
      let args = expr.args.map((a) => evaluate(a, scope));
      if (expr.expand) {
        const last = args[args.length - 1];
        if (!Array.isArray(last)) return new Unknown(show(expr));
        args = [...args.slice(0, -1), ...last];
      }
      return callFunction(expr.name, args, show(expr));
    }
    case 'unary': {
      const value = evaluate(expr.operand, scope);
      if (expr.op === '!') return typeof value === 'boolean' ? !value : new Unknown(show(expr));
      return typeof value === 'number' ? -value : new Unknown(show(expr));
    }
    case 'binary': return binary(expr, scope);
    case 'conditional': {
      const condition = evaluate(expr.condition, scope);
      if (typeof condition !== 'boolean') return new Unknown(`the condition of ${show(expr.condition)} ? ...`);
      return evaluate(condition ? expr.then : expr.otherwise, scope);
    }
    case 'tuple': return expr.items.map((item) => evaluate(item, scope));
    case 'object': {
      const out: Record<string, Value> = {};
      for (const item of expr.items) {
        const key = evaluate(item.key, scope);
        if (typeof key !== 'string' && typeof key !== 'number') return new Unknown('an object key');
        setOwn(out, String(key), evaluate(item.value, scope));
      }
      return out;
    }
    case 'for': return forExpression(expr, scope);
  }
}

function binary(expr: Extract<Expr, { kind: 'binary' }>, scope: EvaluationScope): Value {
  const left = evaluate(expr.left, scope);
  // `a && b`, `a || b` are decided by a known left side alone when it settles the answer.
  if (expr.op === '&&' && left === false) return false;
  if (expr.op === '||' && left === true) return true;
  const right = evaluate(expr.right, scope);
  const unknown = () => new Unknown(show(expr.left) === 'an expression' ? show(expr.right) : show(expr.left));
  if (!isKnown(left) || !isKnown(right)) return unknown();
  switch (expr.op) {
    case '==': return JSON.stringify(left) === JSON.stringify(right);
    case '!=': return JSON.stringify(left) !== JSON.stringify(right);
    case '&&': case '||': return typeof right === 'boolean' ? right : unknown();
    default: break;
  }
  const [a, b] = [Number(left), Number(right)];
  if (typeof left === 'object' || typeof right === 'object' || Number.isNaN(a) || Number.isNaN(b)) return unknown();
  switch (expr.op) {
    case '+': return a + b;
    case '-': return a - b;
    case '*': return a * b;
    case '/': return a / b;
    case '%': return a % b;
    case '<': return a < b;
    case '>': return a > b;
    case '<=': return a <= b;
    case '>=': return a >= b;
    default: return unknown();
  }
}

function forExpression(expr: Extract<Expr, { kind: 'for' }>, scope: EvaluationScope): Value {
  const collection = evaluate(expr.collection, scope);
  if (!isKnown(collection) || collection === null || typeof collection !== 'object') return new Unknown(show(expr.collection));
  // A map is iterated in Terraform's key order, whatever order the text wrote it in.
  const entries: [Value, Value][] = Array.isArray(collection) ? collection.map((v, i) => [i, v])
    : sortedKeys(collection).map((k) => [k, (collection as Record<string, Value>)[k]]);
  const list: Value[] = [];
  const object: Record<string, Value> = {};
  for (const [key, value] of entries) {
    const names = new Map(scope.names);
    if (expr.keyVar !== undefined) names.set(expr.keyVar, key);
    names.set(expr.valueVar, value);
    const inner = { ...scope, names };
    if (expr.condition !== undefined) {
      const keep = evaluate(expr.condition, inner);
      if (typeof keep !== 'boolean') return new Unknown(show(expr.condition));
      if (!keep) continue;
    }
    const item = evaluate(expr.valueExpr, inner);
    if (!expr.object) { list.push(item); continue; }
    const itemKey = evaluate(expr.keyExpr!, inner);
    if (typeof itemKey !== 'string' && typeof itemKey !== 'number') return new Unknown(show(expr.keyExpr!));
    const resultKey = String(itemKey);
    if (expr.grouped) setOwn(object, resultKey, [...((ownValue(object, resultKey) as Value[] | undefined) ?? []), item]);
    else setOwn(object, resultKey, item);
  }
  return expr.object ? object : list;
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

function traversal(expr: Expr, scope: EvaluationScope): Value {
  const flat = flatten(expr);
  if (!flat) {
    // `(expr).attr` or `[..][0]`: evaluate the target, then the step.
    const e = expr as Extract<Expr, { kind: 'attr' | 'index' }>;
    return applyStep(evaluate(e.target, scope), e, scope);
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
    value = scope.variable(first) ?? new Unknown(`var.${first}`);
    rest = 1;
  } else if (root === 'local' && first !== undefined) {
    value = scope.local(first);
    rest = 1;
  } else if (root === 'data' && first !== undefined && attrNameAt(steps, 1) !== undefined) {
    value = new Reference(`${scope.modulePrefix}data.${first}.${attrNameAt(steps, 1)}`);
    rest = 2;
  } else if (root === 'module' && first !== undefined && scope.module?.(first) !== undefined) {
    value = scope.module!(first)!;
    rest = 1;
  } else if (RESOURCE_TYPE.test(root) && first !== undefined) {
    value = new Reference(`${scope.modulePrefix}${root}.${first}`);
    rest = 1;
  } else {
    // each/count outside an instance, outputs of a module not read, path, terraform, self.
    return new Unknown(show(expr));
  }
  for (let i = rest; i < steps.length; i++) value = applyStep(value, steps[i] as Extract<Expr, { kind: 'attr' | 'index' }>, scope);
  return value;
}

function applyStep(value: Value, s: Extract<Expr, { kind: 'attr' | 'index' }>, scope: EvaluationScope): Value {
  if (s.kind === 'attr') return step(value, s.name, s, false);
  const key = evaluate(s.key, scope);
  if (typeof key !== 'string' && typeof key !== 'number') return new Unknown(show(s));
  return step(value, key, s, true);
}

/** One step into a value; `written` is the expression, shown only when the step leads to an unknown. */
function step(value: Value, key: string | number, written: Expr, isIndex = false): Value {
  if (value instanceof Reference) {
    // An instance key stays an index (`x["reader"]`), as Terraform writes the address.
    return new Reference(`${value.path}${!isIndex ? `.${key}` : typeof key === 'number' ? `[${key}]` : `[${JSON.stringify(key)}]`}`);
  }
  if (value instanceof Unknown) return value;
  if (Array.isArray(value)) {
    const index = typeof key === 'number' ? key : Number(key);
    return Number.isInteger(index) && index >= 0 && index < value.length ? value[index] : new Unknown(show(written));
  }
  if (isObject(value)) return Object.hasOwn(value, String(key)) ? value[String(key)] : new Unknown(show(written));
  return new Unknown(show(written));
}
