import { evaluate, EvaluationScope, show } from './evaluate-expression';
import { Expr, namesRead, parseExpression, parseTemplate } from './expression-parser';
import { asJsonText } from './functions';
import { forEachModuleInstance, ModuleCalls, notReadOf } from './module-instances';
import { isObject, Reference, Unknown, Value } from './value';
import { valueOfText, VariableSetting, splitVarSetting } from './variables';
import { ownValue, setOwn } from '../../../model/own-keys';
import { NOT_READ_MODULES_KEY, NotReadModule, REPEATED_KEY, TerraformDocument } from '../../terraform-json';
import { ModuleCall } from '../module-tree';
import { compareTerraformStrings, sortedKeys } from './terraform-order';
import { typeShapeOf, withTypeDefaults } from './type-defaults';

/** Where variable values come from, besides defaults, in Terraform's order of precedence. */
export interface VariableSources {
  /** The environment: `TF_VAR_<name>`. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** `terraform.tfvars(.json)`, then `*.auto.tfvars(.json)` in name order, each parsed. */
  readonly tfvars?: readonly Record<string, unknown>[];
  /** `--var-file` and `--var`, in the order given. */
  readonly settings?: readonly VariableSetting[];
}

// Arguments that shape instances or the run, not access; they are read before the body.
const META = new Set(['count', 'for_each', 'lifecycle', 'depends_on', 'provider', 'provisioner', 'connection', '//']);
const PARSED = new Map<string, Expr | null>();
// How an Unknown names a module variable that has no default and no value from the call.
const MODULE_INPUT = 'module input ';

function parsedTemplate(text: string): Expr | null {
  let expr = PARSED.get(text);
  if (expr === undefined) {
    try {
      expr = parseTemplate(text);
    } catch {
      expr = null;
    }
    PARSED.set(text, expr);
  }
  return expr;
}

/** A value as written in the JSON (literal, `${...}` text, list, object), evaluated. */
export function evaluateWritten(written: unknown, scope: EvaluationScope): Value {
  if (typeof written === 'string') {
    if (!written.includes('${')) return written;
    const expr = parsedTemplate(written);
    return expr === null ? new Unknown(written.replace(/^\$\{(.*)\}$/s, '$1')) : evaluate(expr, scope);
  }
  if (Array.isArray(written)) return written.map((w) => evaluateWritten(w, scope));
  if (written !== null && typeof written === 'object') {
    // A loop, not Object.fromEntries over entries: every module instance evaluates its call's
    // arguments, thousands of small objects in a large repository.
    const out: Record<string, Value> = {};
    for (const key of Object.keys(written)) setOwn(out, key, evaluateWritten((written as Record<string, unknown>)[key], scope));
    return out;
  }
  return written as Value;
}

/**
 * Back to JSON: what is known is written as the value; what is not keeps the text the configuration wrote.
 * `sameForAll`, given for the instances of one counted block, keeps what a text that reads no
 * instance name (`each`, `count`) came to, for the next instance to take instead of evaluating it
 * again: `principal_id = azurerm_user_assigned_identity.this.principal_id` beside a for_each of
 * thousands. It also hands on one string, which later lookups keyed by it hash once.
 */
function writtenBack(original: unknown, scope: EvaluationScope, sameForAll?: Map<string, unknown>): unknown {
  if (typeof original === 'string') {
    if (!original.includes('${')) return original;
    const kept = sameForAll?.get(original);
    if (kept !== undefined) return kept;
    const value = evaluateWritten(original, scope);
    // A module input the call does not give is named as one, whatever the expression was.
    const text = value instanceof Unknown && value.source.startsWith(MODULE_INPUT) ? `\${${value.source}}`
      : value instanceof Unknown ? partialTemplate(original, scope) : asJsonText(value);
    // Texts, numbers, booleans and null only: an object or list is the instance's own, never shared between instances.
    if (sameForAll !== undefined && (text === null || typeof text !== 'object') && !readsAnyOf(original, scope.names)) sameForAll.set(original, text);
    return text;
  }
  if (Array.isArray(original)) return original.map((o) => writtenBack(o, scope, sameForAll));
  if (original !== null && typeof original === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(original)) {
      const value = (original as Record<string, unknown>)[key];
      setOwn(out, key, key === '//' ? value : writtenBack(value, scope, sameForAll));
    }
    return out;
  }
  return original;
}

/** Whether a written text reads any of these names (a text that does not parse reads none: it stays as written). */
function readsAnyOf(text: string, names: ReadonlyMap<string, Value>): boolean {
  if (names.size === 0) return false;
  const expr = parsedTemplate(text);
  if (expr === null) return false;
  for (const name of namesRead(expr)) if (names.has(name)) return true;
  return false;
}

/**
 * A template with an unknown part: the known parts are written in, the unknown ones keep their
 * text, so `/subscriptions/${var.sub}/resourceGroups/${var.rg}` still says "a resource group".
 */
function partialTemplate(text: string, scope: EvaluationScope): string {
  const expr = parsedTemplate(text);
  if (expr === null || expr.kind !== 'template') return text;
  return expr.parts.map((part) => {
    if (typeof part === 'string') return part;
    const value = evaluate(part, scope);
    if (value instanceof Unknown) return `\${${value.source}}`;
    if (value instanceof Reference) return `\${${value.path}}`;
    return value === null || typeof value !== 'object' ? String(value ?? '') : `\${${show(part)}}`;
  }).join('');
}

function bodiesOf(value: unknown): Record<string, unknown>[] {
  if (Array.isArray(value)) return value.filter((v): v is Record<string, unknown> => isRecordValue(v));
  return isRecordValue(value) ? [value] : [];
}

function isRecordValue(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The variables of a configuration, valued as Terraform values them. */
export function variableValues(document: TerraformDocument, sources: VariableSources, given?: Record<string, Value>): Map<string, Value> {
  const declared = new Map<string, Record<string, unknown>>();
  for (const group of bodiesOf(document.variable)) {
    for (const [name, blocks] of Object.entries(group)) declared.set(name, bodiesOf(blocks)[0] ?? {});
  }
  const empty: EvaluationScope = { variable: () => undefined, local: () => new Unknown('local'), names: new Map(), modulePrefix: '' };
  const values = new Map<string, Value>();
  for (const [name, block] of declared) {
    let value: Value = Object.hasOwn(block, 'default') ? evaluateWritten(block.default, empty) : new Unknown(`var.${name}`);
    if (given !== undefined) {
      // A module's variables come from the call's arguments; nothing else sets them. One that
      // has neither is an input the call does not give, and messages say so.
      if (Object.hasOwn(given, name)) value = given[name];
      else if (value instanceof Unknown) value = new Unknown(`${MODULE_INPUT}var.${name}`);
      values.set(name, withTypeDefaults(value, typeShapeOf(block.type), empty));
      continue;
    }
    const env = sources.env?.[`TF_VAR_${name}`];
    if (env !== undefined) value = valueOfText(env, block.type);
    for (const file of sources.tfvars ?? []) if (Object.hasOwn(file, name)) value = evaluateWritten(file[name], empty);
    for (const setting of sources.settings ?? []) {
      if (setting.kind === 'file') {
        if (Object.hasOwn(setting.values, name)) value = evaluateWritten(setting.values[name], empty);
      } else {
        const { name: settingName, value: text } = splitVarSetting(setting.text);
        if (settingName === name) value = valueOfText(text, block.type);
      }
    }
    values.set(name, withTypeDefaults(value, typeShapeOf(block.type), empty));
  }
  return values;
}

/** `local.<name>`, each evaluated once, on first use; a cycle is unknown. */
export function localValues(document: TerraformDocument, scope: () => EvaluationScope): (name: string) => Value {
  const written = new Map<string, unknown>();
  for (const group of bodiesOf(document.locals)) for (const [name, value] of Object.entries(group)) written.set(name, value);
  const values = new Map<string, Value>();
  const busy = new Set<string>();
  return (name) => {
    if (values.has(name)) return values.get(name)!;
    if (!written.has(name) || busy.has(name)) return new Unknown(`local.${name}`);
    busy.add(name);
    const value = evaluateWritten(written.get(name), scope());
    busy.delete(name);
    values.set(name, value);
    return value;
  };
}

export interface InstanceOptions {
  /** `module.a.` inside a module: prefixed to block names, so addresses are Terraform's. */
  readonly modulePrefix: string;
}

/**
 * One configuration, evaluated: every resource and data source expanded into its instances
 * (`x[0]`, `x["reader"]`) with `count.index`, `each.key` and `each.value` substituted, and every
 * value that can be known written in. A `count` or `for_each` that cannot be known leaves one
 * block, marked as repeated an unknown number of times; a value that cannot be known keeps the
 * text the configuration wrote, which the graph reads as unknown.
 */
export function evaluateConfiguration(document: TerraformDocument, scope: EvaluationScope): TerraformDocument {
  // Types, names and attributes are input: own properties only (model/own-keys.ts).
  const out: Record<string, unknown> = {};
  for (const [section, value] of Object.entries(document)) {
    if (section !== 'resource' && section !== 'data') {
      setOwn(out, section, value);
      continue;
    }
    const types: Record<string, Record<string, unknown>> = {};
    addSectionInstances(types, value, scope, undefined);
    setOwn(out, section, types);
  }
  return out;
}

/**
 * Adds the instances of a `resource` or `data` section's blocks to `types` (type → instance name
 * → body). In a module instance that stands for an unknown number, `moduleRepeated` says why.
 */
function addSectionInstances(types: Record<string, Record<string, unknown>>, section: unknown, scope: EvaluationScope,
  moduleRepeated: string | undefined): void {
  for (const group of bodiesOf(section)) {
    for (const [type, byName] of Object.entries(group)) {
      const names = ownValue(types, type) ?? {};
      setOwn(types, type, names);
      for (const named of bodiesOf(byName)) {
        for (const [name, blocks] of Object.entries(named)) {
          for (const body of bodiesOf(blocks)) addInstances(names, name, body, scope, moduleRepeated);
        }
      }
    }
  }
}

/** Adds a block's instances to `names`, each keyed by its instance name; written in place, not built and copied. */
function addInstances(names: Record<string, unknown>, name: string, body: Record<string, unknown>, scope: EvaluationScope,
  moduleRepeated: string | undefined): void {
  const prefix = scope.modulePrefix;
  const sameForAll = new Map<string, unknown>();
  const put = (instance: string, evaluated: Record<string, unknown>) =>
    setOwn(names, instance, moduleRepeated === undefined ? evaluated : repeatedInModule(evaluated, moduleRepeated));
  if (Object.hasOwn(body, 'count')) {
    const count = evaluateWritten(body.count, scope);
    if (typeof count === 'number' && Number.isInteger(count) && count >= 0) {
      for (let index = 0; index < count; index++) put(`${prefix}${name}[${index}]`, evaluateBody(body, withNames(scope, { count: { index } }), sameForAll));
      return;
    }
    put(`${prefix}${name}`, repeated(evaluateBody(body, withNames(scope, { count: { index: new Unknown('count.index') } })), `count = ${describe(body.count, count)}`));
    return;
  }
  if (Object.hasOwn(body, 'for_each')) {
    const collection = evaluateWritten(body.for_each, scope);
    const entries = forEachEntries(collection);
    if (entries !== undefined) {
      for (const [key, value] of entries) put(`${prefix}${name}[${JSON.stringify(key)}]`, evaluateBody(body, withNames(scope, { each: { key, value } }), sameForAll));
      return;
    }
    const each = { key: new Unknown('each.key'), value: new Unknown('each.value') };
    put(`${prefix}${name}`, repeated(evaluateBody(body, withNames(scope, { each })), `for_each = ${describe(body.for_each, collection)}`));
    return;
  }
  put(`${prefix}${name}`, evaluateBody(body, scope));
}

function describe(writtenValue: unknown, value: Value): string {
  return value instanceof Unknown ? value.source : typeof writtenValue === 'string' ? writtenValue : JSON.stringify(writtenValue);
}

/** A map's entries, or a set of strings as key = value; keys in Terraform's (lexical) order. */
export function forEachEntries(collection: Value): [string, Value][] | undefined {
  if (Array.isArray(collection)) {
    if (!collection.every((v) => typeof v === 'string')) return undefined;
    return [...new Set(collection as string[])].sort(compareTerraformStrings).map((v) => [v, v]);
  }
  if (isObject(collection)) return sortedKeys(collection).map((k) => [k, collection[k]]);
  return undefined;
}

function repeated(body: Record<string, unknown>, why: string): Record<string, unknown> {
  const comment = isRecordValue(body['//']) ? body['//'] : {};
  return { ...body, '//': { ...comment, [REPEATED_KEY]: why } };
}

/** A block of a module instance that stands for an unknown number; the block's own count or for_each, when unknown, already says why. */
function repeatedInModule(body: Record<string, unknown>, why: string): Record<string, unknown> {
  const comment = isRecordValue(body['//']) ? body['//'] : {};
  return Object.hasOwn(comment, REPEATED_KEY) ? body : repeated(body, why);
}

function withNames(scope: EvaluationScope, names: Record<string, Value>): EvaluationScope {
  // Once per instance of every counted block: keys, not [key, value] pairs.
  const merged = new Map(scope.names);
  for (const key of Object.keys(names)) merged.set(key, names[key]);
  return { ...scope, names: merged };
}

/** A body with its values evaluated and its `dynamic` blocks expanded into nested blocks. */
function evaluateBody(body: Record<string, unknown>, scope: EvaluationScope, sameForAll?: Map<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  // Once per instance of every block: keys, not [key, value] pairs.
  for (const key of Object.keys(body)) {
    if (key === 'dynamic') continue;
    const value = body[key];
    setOwn(out, key, META.has(key) ? value : writtenBack(value, scope, sameForAll));
  }
  for (const group of bodiesOf(ownValue(body, 'dynamic'))) {
    for (const [label, blocks] of Object.entries(group)) {
      for (const dynamic of bodiesOf(blocks)) {
        const expanded = expandDynamic(label, dynamic, scope);
        const existing = ownValue(out, label);
        setOwn(out, label, [...(Array.isArray(existing) ? existing : existing === undefined ? [] : [existing]), ...expanded]);
      }
    }
  }
  return out;
}

/**
 * `dynamic "access_policy" { for_each = ...; content { ... } }` as the blocks it makes. An
 * unknown collection still makes one block, with unknown values: the block is there, and what
 * it holds counts as the widest.
 */
function expandDynamic(label: string, dynamic: Record<string, unknown>, scope: EvaluationScope): Record<string, unknown>[] {
  const iterator = typeof dynamic.iterator === 'string' ? dynamic.iterator.replace(/^\$\{(.*)\}$/, '$1') : label;
  const content = bodiesOf(dynamic.content)[0] ?? {};
  const collection = evaluateWritten(dynamic.for_each, scope);
  // A dynamic block may iterate a list of objects, keyed by position.
  const entries = forEachEntries(collection)
    ?? (Array.isArray(collection) ? collection.map((v, i) => [String(i), v] as [string, Value]) : undefined);
  if (entries === undefined) {
    return [evaluateBody(content, withNames(scope, { [iterator]: { key: new Unknown(`${iterator}.key`), value: new Unknown(`${iterator}.value`) } }))];
  }
  return entries.map(([key, value]) => evaluateBody(content, withNames(scope, { [iterator]: { key, value } })));
}

/** The scope of a root configuration: its variables, locals, module outputs, and no module prefix. */
export function rootScope(document: TerraformDocument, sources: VariableSources, calls: readonly ModuleCall[] = []): EvaluationScope {
  return configurationScope(document, variableValues(document, sources), '', calls);
}

// The module calls of each configuration scope, for evaluateWithModules to expand with the same
// instance scopes that `module.<name>` outputs were read from.
const CALLS_OF_SCOPE = new WeakMap<EvaluationScope, ModuleCalls>();

const EVALUATOR = {
  evaluateWritten,
  variableValues: (document: TerraformDocument, given: Record<string, Value>) => variableValues(document, {}, given),
  configurationScope,
  forEachEntries,
};

/** The scope of a configuration (root or module instance): its variables, its locals, its calls' outputs. */
export function configurationScope(
  document: TerraformDocument, variables: Map<string, Value>, modulePrefix: string, calls: readonly ModuleCall[],
): EvaluationScope {
  let scope: EvaluationScope;
  const local = localValues(document, () => scope);
  const moduleCalls = new ModuleCalls(calls, () => scope, EVALUATOR);
  scope = { variable: (name) => variables.get(name), local, names: new Map(), modulePrefix, module: (name) => moduleCalls.outputs(name) };
  CALLS_OF_SCOPE.set(scope, moduleCalls);
  return scope;
}

/**
 * A configuration evaluated with its modules: its own blocks, then every instance of every
 * module call it makes, recursively, under Terraform's addresses (`module.app["a"].module.b.x`).
 * Calls that could not be read are listed in the document (NOT_READ_MODULES_KEY).
 */
export function evaluateWithModules(document: TerraformDocument, scope: EvaluationScope): TerraformDocument {
  const out = evaluateConfiguration(document, scope);
  const calls = CALLS_OF_SCOPE.get(scope);
  if (calls === undefined || calls.calls.length === 0) return out;
  const notRead = [...notReadOf(out)];
  addModuleInstances(out, calls, scope.modulePrefix, notRead, undefined);
  if (notRead.length > 0) setOwn<unknown>(out, NOT_READ_MODULES_KEY, notRead);
  return out;
}

/**
 * Adds the blocks of every instance of these calls, and of the calls they make, straight to the
 * root document: building each instance's own document and copying it in made an object per
 * instance with keys no other object has, which a repository of 200 module calls paid for
 * 20,000 times.
 */
function addModuleInstances(out: TerraformDocument, calls: ModuleCalls, callerPrefix: string, notRead: NotReadModule[],
  repeatedBy: string | undefined): void {
  forEachModuleInstance(calls, callerPrefix, notRead, repeatedBy, (call, instance, repeatedHere) => {
    const document = call.module!.document;
    for (const section of ['resource', 'data']) {
      if (!Object.hasOwn(document, section)) continue;
      const types = (ownValue(out, section) ?? {}) as Record<string, Record<string, unknown>>;
      setOwn<unknown>(out, section, types);
      addSectionInstances(types, document[section], instance.scope, repeatedHere);
    }
    notRead.push(...notReadOf(document));
    const nested = CALLS_OF_SCOPE.get(instance.scope);
    if (nested !== undefined) addModuleInstances(out, nested, instance.prefix, notRead, repeatedHere);
  });
}

export { parseExpression };
