import { blockInstances } from './block-instances';
import { evaluate, EvaluationScope, show, withinReadBudget } from './evaluate-expression';
import { Expr, ExpressionTooDeep, namesRead, parseExpression, parseTemplate } from './expression-parser';
import { numberText } from './functions/arguments';
import { forEachEntries, InstanceSet, instanceSetOf, MAX_INSTANCES_PER_BLOCK, spendInstances, startInstanceBudget } from './instance-set';
import { callSiteOf, combinedRepetition, forEachModuleInstance, ModuleCalls, notReadOf, Repetition } from './module-instances';
import { typeShapeOf, withTypeDefaults } from './type-defaults';
import { asJsonText, holdsUnknownText, isUnreadModuleOutput, Reference, Unknown, unknownOf, Value } from './value';
import { variableValueOf, VariableSetting, splitVarSetting, valueOfText } from './variables';
import { ownValue, setOwn } from '../../../model/own-keys';
import { MODULE_CALLS_KEY, ModuleCallSite, NOT_EVALUATED_KEY, NOT_READ_MODULES_KEY, NotReadModule, REPEATED_KEY, REPEATED_TIMES_KEY, TerraformDocument } from '../../terraform-json';
import { ModuleCall } from '../module-tree';
import { markSensitive } from '../sensitive-strings';

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
// Each text parsed once: its expression, or why it is not evaluated.
const PARSED = new Map<string, Expr | string>();
// How an Unknown names a module variable that has no default and no value from the call.
const MODULE_INPUT = 'module input ';

/** Whether a text is a template Terraform evaluates (`${...}` or a `%{...}` directive), not plain text. */
function isTemplate(text: string): boolean {
  return text.includes('${') || text.includes('%{');
}

function parsedTemplate(text: string): Expr | string {
  let expr = PARSED.get(text);
  if (expr === undefined) {
    try {
      expr = parseTemplate(text);
    } catch (error) {
      expr = error instanceof ExpressionTooDeep ? error.message : `the expression could not be read (${(error as Error).message})`;
    }
    PARSED.set(text, expr);
  }
  return expr;
}

/** A value as written in the JSON (literal, `${...}` text, list, object), evaluated. */
export function evaluateWritten(written: unknown, scope: EvaluationScope): Value {
  if (typeof written === 'string') {
    if (!isTemplate(written)) return written;
    const expr = parsedTemplate(written);
    return typeof expr === 'string' ? new Unknown(shortText(written.replace(/^\$\{([\s\S]*)\}$/, '$1')), expr) : evaluate(expr, scope);
  }
  if (Array.isArray(written)) return written.map((w) => evaluateWritten(w, scope));
  if (written !== null && typeof written === 'object') {
    // A loop, not Object.fromEntries over entries: every module instance evaluates its call's
    // arguments, thousands of small objects in a large repository.
    const out: Record<string, Value> = {};
    for (const key of Object.keys(written)) {
      const name = isTemplate(key) ? objectKey(key, scope) : key;
      if (name instanceof Unknown) return name;
      setOwn(out, name, evaluateWritten((written as Record<string, unknown>)[key], scope));
    }
    return out;
  }
  return written as Value;
}

/**
 * A key of an object written as an expression: in Terraform JSON, and so in hcl2json's form of
 * `{ (local.root) = ... }` and `{ "${var.prefix}-app" = ... }`, a property name is a template.
 * A key that is unknown or that Terraform refuses (null, a collection) makes the whole object
 * unknown, as Terraform's object constructor does: which keys it has cannot be known.
 */
function objectKey(key: string, scope: EvaluationScope): string | Unknown {
  const expr = parsedTemplate(key);
  if (typeof expr === 'string') return new Unknown(shortText(key), expr);
  const value = evaluate(expr, scope);
  if (typeof value === 'string') return holdsUnknownText(value) ? unknownOf(`an object key (${shortText(key)})`, [value]) : value;
  if (typeof value === 'number') return numberText(value);
  if (typeof value === 'boolean') return String(value);
  if (value instanceof Unknown || value instanceof Reference) return unknownOf(`an object key (${shortText(key)})`, [value]);
  const refused = value === null ? 'null' : Array.isArray(value) ? 'a list' : 'an object';
  return new Unknown(`an object key (${shortText(key)})`, `Terraform would fail to evaluate it: an object key is ${refused}`);
}

/** An expression's text as messages show it: at most 200 characters. */
function shortText(text: string): string {
  return text.length > 200 ? `${text.slice(0, 200)}...` : text;
}

/**
 * What the instances of one block share while their body is written back: `sameForAll` keeps what
 * a text that reads no instance name (`each`, `count`) came to, for the next instance to take
 * instead of evaluating it again (`principal_id = azurerm_user_assigned_identity.this.principal_id`
 * beside a for_each of thousands), and `reasons` why such a text was not evaluated.
 */
interface Shared {
  readonly sameForAll: Map<string, unknown>;
  readonly reasons: Map<string, string>;
}

/**
 * Back to JSON: what is known is written as the value; what is not keeps the text the configuration
 * wrote. Why a value was not evaluated is added to `notes`, named by its argument.
 */
function writtenBack(original: unknown, scope: EvaluationScope, argument: string, notes: string[], shared?: Shared): unknown {
  if (typeof original === 'string') {
    if (!isTemplate(original)) return original;
    const kept = shared?.sameForAll.get(original);
    if (kept !== undefined) {
      if (shared!.reasons.size > 0) {
        const reason = shared!.reasons.get(original);
        if (reason !== undefined) notes.push(reason);
      }
      return kept;
    }
    const value = evaluateWritten(original, scope);
    let text: unknown;
    let reason: string | undefined;
    if (value instanceof Unknown) {
      // A module input the call does not give is named as one, whatever the expression was; so is
      // an output of a module not read (`each.value.id` that is `module.uami["dev"].resource_id`).
      text = value.source.startsWith(MODULE_INPUT) || isUnreadModuleOutput(value) || isCallWithArguments(original, value)
        ? `\${${value.source}}` : partialTemplate(original, scope);
      if (value.notEvaluated !== undefined) reason = `${argument}: ${value.notEvaluated}`;
    } else {
      text = asJsonText(value);
      const inner = notEvaluatedInside(value);
      if (inner !== undefined) reason = `${argument}: ${inner}`;
    }
    if (reason !== undefined) notes.push(reason);
    // Texts, numbers, booleans and null only: an object or list is the instance's own, never shared between instances.
    if (shared !== undefined && (text === null || typeof text !== 'object') && !readsAnyOf(original, scope.names)) {
      shared.sameForAll.set(original, text);
      if (reason !== undefined) shared.reasons.set(original, reason);
    }
    return text;
  }
  if (Array.isArray(original)) return original.map((o) => writtenBack(o, scope, argument, notes, shared));
  if (original !== null && typeof original === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(original)) {
      const value = (original as Record<string, unknown>)[key];
      setOwn(out, key, key === '//' ? value : writtenBack(value, scope, argument, notes, shared));
    }
    return out;
  }
  return original;
}

/** Why an unknown inside a known list or object was not evaluated, if one was not. */
function notEvaluatedInside(value: Value): string | undefined {
  if (value instanceof Unknown) return value.notEvaluated;
  if (value === null || typeof value !== 'object' || value instanceof Reference) return undefined;
  for (const item of Array.isArray(value) ? value : Object.values(value)) {
    const inner = notEvaluatedInside(item);
    if (inner !== undefined) return inner;
  }
  return undefined;
}

/**
 * Whether a text that is one call, unknown as a whole, is named better by the call with its
 * arguments worked out (`lookup(data.x.output.results, "Reader", "Reader")`) than as written
 * (`lookup(local.by_name, each.value.role, each.value.role)`): every instance then says its own.
 */
function isCallWithArguments(original: string, value: Unknown): boolean {
  if (value.notEvaluated !== undefined || value.source.endsWith('(...)')) return false;
  const expr = parsedTemplate(original);
  return typeof expr !== 'string' && expr.kind === 'call';
}

/** Whether a written text reads any of these names (a text that does not parse reads none: it stays as written). */
function readsAnyOf(text: string, names: ReadonlyMap<string, Value>): boolean {
  if (names.size === 0) return false;
  const expr = parsedTemplate(text);
  if (typeof expr === 'string') return false;
  for (const name of namesRead(expr)) if (names.has(name)) return true;
  return false;
}

/**
 * A template with an unknown part: the known parts are written in, the unknown ones keep their
 * text, so `/subscriptions/${var.sub}/resourceGroups/${var.rg}` still says "a resource group".
 */
function partialTemplate(text: string, scope: EvaluationScope): string {
  const expr = parsedTemplate(text);
  // A text the review could not read stays as written, unless it is long (an expression thousands
  // of levels deep): then its start stands for it, still unknown to the graph.
  if (typeof expr === 'string') return text.length > 1000 ? `\${${shortText(text.replace(/^\$\{/, ''))}}` : text;
  if (expr.kind !== 'template') return text;
  return expr.parts.map((part) => {
    if (typeof part === 'string') return part;
    const value = evaluate(part, scope);
    if (value instanceof Unknown) return `\${${value.source}}`;
    if (value instanceof Reference) return `\${${value.path}}`;
    return value === null || typeof value === 'object' ? `\${${show(part)}}` : String(value);
  }).join('');
}

/**
 * A configuration's resource and data blocks by address (`azurerm_x.y`, `data.azurerm_x.y`), the
 * first of an address as Terraform would refuse the second; indexed on the first look-up.
 */
function blockBodies(document: TerraformDocument): (address: string) => Record<string, unknown> | undefined {
  let byAddress: Map<string, Record<string, unknown>> | undefined;
  return (address) => {
    if (byAddress === undefined) {
      byAddress = new Map();
      for (const [section, prefix] of [['resource', ''], ['data', 'data.']] as const) {
        for (const group of bodiesOf(ownValue(document, section))) {
          for (const [type, byName] of Object.entries(group)) {
            for (const named of bodiesOf(byName)) {
              for (const [name, blocks] of Object.entries(named)) {
                const body = bodiesOf(blocks)[0];
                const key = `${prefix}${type}.${name}`;
                if (body !== undefined && !byAddress.has(key)) byAddress.set(key, body);
              }
            }
          }
        }
      }
    }
    return byAddress.get(address);
  };
}

function bodiesOf(value: unknown): Record<string, unknown>[] {
  if (Array.isArray(value)) return value.filter((v): v is Record<string, unknown> => isRecordValue(v));
  return isRecordValue(value) ? [value] : [];
}

function isRecordValue(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The variables of a configuration, valued as Terraform values them. null is a value: a variable
 * set to null (its default, tfvars, a module argument) is null, unless it says `nullable = false`
 * and has a default, which then applies.
 */
export function variableValues(document: TerraformDocument, sources: VariableSources, given?: Record<string, Value>): Map<string, Value> {
  const declared = new Map<string, Record<string, unknown>>();
  for (const group of bodiesOf(document.variable)) {
    for (const [name, blocks] of Object.entries(group)) declared.set(name, bodiesOf(blocks)[0] ?? {});
  }
  const empty: EvaluationScope = { variable: () => undefined, local: () => new Unknown('local'), names: new Map(), modulePrefix: '' };
  const values = new Map<string, Value>();
  for (const [name, block] of declared) {
    const fallback: Value | undefined = Object.hasOwn(block, 'default') ? evaluateWritten(block.default, empty) : undefined;
    // Set when something gives the variable a value, null included.
    let set: Value | undefined;
    if (given !== undefined) {
      // A module's variables come from the call's arguments; nothing else sets them.
      if (Object.hasOwn(given, name)) set = given[name];
    } else {
      const env = sources.env?.[`TF_VAR_${name}`];
      if (env !== undefined) set = valueOfText(env, block.type);
      for (const file of sources.tfvars ?? []) if (Object.hasOwn(file, name)) set = evaluateWritten(file[name], empty);
      for (const setting of sources.settings ?? []) {
        if (setting.kind === 'file') {
          if (Object.hasOwn(setting.values, name)) set = evaluateWritten(setting.values[name], empty);
        } else {
          const { name: settingName, value: text } = splitVarSetting(setting.text);
          if (settingName === name) set = valueOfText(text, block.type);
        }
      }
    }
    let value = variableValueOf(set, fallback, block.nullable === false);
    // One that has neither value nor default is unknown; in a module, an input the call does not give, and messages say so.
    if (value === undefined) value = new Unknown(given === undefined ? `var.${name}` : `${MODULE_INPUT}var.${name}`);
    const typed = withTypeDefaults(value, typeShapeOf(block.type), empty);
    // Whatever sets it, a variable declared sensitive keeps its value out of every output.
    if (block.sensitive === true) markSensitive(typed);
    values.set(name, typed);
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

/**
 * One configuration, evaluated: every resource and data source expanded into its instances
 * (`x[0]`, `x["reader"]`) with `count.index`, `each.key` and `each.value` substituted, and every
 * value that can be known written in. A `count` or `for_each` that cannot be known, or that makes
 * more instances than the review expands (instance-set.ts), leaves one block marked as repeated;
 * a value that cannot be known keeps the text the configuration wrote, which the graph reads as
 * unknown.
 */
export function evaluateConfiguration(document: TerraformDocument, scope: EvaluationScope): TerraformDocument {
  return withinRead(() => evaluateBlocks(document, scope));
}

/** One read, within its work limits (instances, evaluation steps), counted from zero. */
function withinRead<T>(read: () => T): T {
  startInstanceBudget();
  return withinReadBudget(read);
}

function evaluateBlocks(document: TerraformDocument, scope: EvaluationScope): TerraformDocument {
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
 * → body). In a module instance that stands for many, `moduleRepeated` says how many and why.
 */
function addSectionInstances(types: Record<string, Record<string, unknown>>, section: unknown, scope: EvaluationScope,
  moduleRepeated: Repetition | undefined, moduleCalls?: readonly ModuleCallSite[]): void {
  for (const group of bodiesOf(section)) {
    for (const [type, byName] of Object.entries(group)) {
      const names = ownValue(types, type) ?? {};
      setOwn(types, type, names);
      for (const named of bodiesOf(byName)) {
        for (const [name, blocks] of Object.entries(named)) {
          for (const body of bodiesOf(blocks)) addInstances(names, name, body, scope, moduleRepeated, moduleCalls);
        }
      }
    }
  }
}

/** Adds a block's instances to `names`, each keyed by its instance name; written in place, not built and copied. */
function addInstances(names: Record<string, unknown>, name: string, body: Record<string, unknown>, scope: EvaluationScope,
  moduleRepeated: Repetition | undefined, moduleCalls?: readonly ModuleCallSite[]): void {
  const prefix = scope.modulePrefix;
  const shared: Shared = { sameForAll: new Map(), reasons: new Map() };
  // The comment every instance of a module's block shares: the block's own, with the calls that lead to it.
  const calledComment = moduleCalls === undefined ? undefined : withModuleCalls(body['//'], moduleCalls);
  const put = (instance: string, evaluated: Record<string, unknown>, own?: Repetition) => {
    const repetition = combinedRepetition(own, moduleRepeated);
    const placed = calledComment === undefined ? evaluated : calledThrough(evaluated, body['//'], calledComment, moduleCalls!);
    setOwn(names, instance, repetition === undefined ? placed : repeated(placed, repetition));
  };
  const set: InstanceSet = instanceSetOf(body, (written) => evaluateWritten(written, scope));
  switch (set.kind) {
    case 'counted':
      for (let index = 0; index < set.count; index++) put(`${prefix}${name}[${index}]`, evaluateBody(body, withNames(scope, { count: { index } }), shared));
      return;
    case 'keyed':
      for (const [key, value] of set.entries) put(`${prefix}${name}[${JSON.stringify(key)}]`, evaluateBody(body, withNames(scope, { each: { key, value } }), shared));
      return;
    case 'repeated':
      put(`${prefix}${name}`, evaluateBody(body, withNames(scope, set.names)), set);
      return;
    default:
      put(`${prefix}${name}`, evaluateBody(body, scope));
  }
}

function withModuleCalls(comment: unknown, moduleCalls: readonly ModuleCallSite[]): Record<string, unknown> {
  const out: Record<string, unknown> = { ...(isRecordValue(comment) ? comment : {}) };
  out[MODULE_CALLS_KEY] = moduleCalls;
  return out;
}

/**
 * Records the module calls that lead to a block of a module instance (MODULE_CALLS_KEY). An
 * instance that kept the block's own comment takes the one made for all of them (`shared`): a
 * module called 200 times with 100 instances each would otherwise copy it 20,000 times.
 */
function calledThrough(evaluated: Record<string, unknown>, blockComment: unknown, shared: Record<string, unknown>,
  moduleCalls: readonly ModuleCallSite[]): Record<string, unknown> {
  const comment = evaluated['//'];
  setOwn(evaluated, '//', comment === blockComment ? shared : withModuleCalls(comment, moduleCalls));
  return evaluated;
}

/** Marks a block as one that stands for many instances (REPEATED_KEY, with the number when known). */
function repeated(body: Record<string, unknown>, repetition: Repetition): Record<string, unknown> {
  const comment: Record<string, unknown> = { ...(isRecordValue(body['//']) ? body['//'] : {}) };
  comment[REPEATED_KEY] = repetition.why;
  if (repetition.times !== undefined) comment[REPEATED_TIMES_KEY] = repetition.times;
  if (repetition.notEvaluated !== undefined) {
    const notes = Array.isArray(comment[NOT_EVALUATED_KEY]) ? comment[NOT_EVALUATED_KEY] as string[] : [];
    comment[NOT_EVALUATED_KEY] = [...notes, `${repetition.why}: ${repetition.notEvaluated}`];
  }
  return { ...body, '//': comment };
}

function withNames(scope: EvaluationScope, names: Record<string, Value>): EvaluationScope {
  // Once per instance of every counted block: keys, not [key, value] pairs.
  const merged = new Map(scope.names);
  for (const key of Object.keys(names)) merged.set(key, names[key]);
  return { ...scope, names: merged };
}

/**
 * A body with its values evaluated and its `dynamic` blocks expanded into nested blocks. Why any
 * value was not evaluated is listed in its `"//"` (NOT_EVALUATED_KEY).
 */
function evaluateBody(body: Record<string, unknown>, scope: EvaluationScope, shared?: Shared): Record<string, unknown> {
  const notes: string[] = [];
  const out = evaluateBodyValues(body, scope, notes, shared);
  if (notes.length === 0) return out;
  const comment: Record<string, unknown> = { ...(isRecordValue(out['//']) ? out['//'] : {}) };
  comment[NOT_EVALUATED_KEY] = [...new Set(notes)];
  setOwn(out, '//', comment);
  return out;
}

function evaluateBodyValues(body: Record<string, unknown>, scope: EvaluationScope, notes: string[], shared?: Shared): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  // Once per instance of every block: keys, not [key, value] pairs.
  for (const key of Object.keys(body)) {
    if (key === 'dynamic') continue;
    const value = body[key];
    setOwn(out, key, META.has(key) ? value : writtenBack(value, scope, key, notes, shared));
  }
  for (const group of bodiesOf(ownValue(body, 'dynamic'))) {
    for (const [label, blocks] of Object.entries(group)) {
      for (const dynamic of bodiesOf(blocks)) {
        const expanded = expandDynamic(label, dynamic, scope, notes);
        const existing = ownValue(out, label);
        setOwn(out, label, [...(Array.isArray(existing) ? existing : existing === undefined ? [] : [existing]), ...expanded]);
      }
    }
  }
  return out;
}

/**
 * `dynamic "access_policy" { for_each = ...; content { ... } }` as the blocks it makes. An
 * unknown collection (or one too large to expand) still makes one block, with unknown values:
 * the block is there, and what it holds counts as the widest.
 */
function expandDynamic(label: string, dynamic: Record<string, unknown>, scope: EvaluationScope, notes: string[]): Record<string, unknown>[] {
  const iterator = typeof dynamic.iterator === 'string' ? dynamic.iterator.replace(/^\$\{(.*)\}$/, '$1') : label;
  const content = bodiesOf(dynamic.content)[0] ?? {};
  const collection = evaluateWritten(dynamic.for_each, scope);
  // A dynamic block iterates a map by key, a set of strings by its strings, and a list by position.
  const keyed = forEachEntries(collection);
  const entries: [Value, Value][] | undefined = Array.isArray(keyed) ? keyed
    : Array.isArray(collection) ? collection.map((v, i) => [i, v]) : undefined;
  const unknownBlock = () => evaluateBodyValues(content, withNames(scope, { [iterator]: { key: new Unknown(`${iterator}.key`), value: new Unknown(`${iterator}.value`) } }), notes);
  if (entries === undefined) {
    if (collection instanceof Unknown && collection.notEvaluated !== undefined) notes.push(`dynamic "${label}": ${collection.notEvaluated}`);
    if (collection === null || (!(collection instanceof Unknown) && !(collection instanceof Reference))) {
      notes.push(`dynamic "${label}": Terraform would refuse it: for_each must be a collection, not ${collection === null ? 'null' : typeof collection}`);
    }
    return [unknownBlock()];
  }
  if (entries.length > MAX_INSTANCES_PER_BLOCK || !spendInstances(entries.length)) {
    notes.push(`dynamic "${label}": ${entries.length.toLocaleString('en-US')} blocks are more than the review expands; one stands for them, with ${iterator} unknown`);
    return [unknownBlock()];
  }
  return entries.map(([key, value]) => evaluateBodyValues(content, withNames(scope, { [iterator]: { key, value } }), notes));
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
};

/** The scope of a configuration (root or module instance): its variables, its locals, its calls' outputs. */
export function configurationScope(
  document: TerraformDocument, variables: Map<string, Value>, modulePrefix: string, calls: readonly ModuleCall[],
): EvaluationScope {
  let scope: EvaluationScope;
  const local = localValues(document, () => scope);
  const moduleCalls = new ModuleCalls(calls, () => scope, EVALUATOR);
  const instancesOf = blockInstances(blockBodies(document), () => scope, evaluateWritten);
  scope = {
    variable: (name) => variables.get(name), local, names: new Map(), modulePrefix, module: (name) => moduleCalls.outputs(name), instancesOf,
  };
  CALLS_OF_SCOPE.set(scope, moduleCalls);
  return scope;
}

/**
 * A configuration evaluated with its modules: its own blocks, then every instance of every
 * module call it makes, recursively, under Terraform's addresses (`module.app["a"].module.b.x`).
 * Calls that could not be read are listed in the document (NOT_READ_MODULES_KEY).
 */
export function evaluateWithModules(document: TerraformDocument, scope: EvaluationScope): TerraformDocument {
  return withinRead(() => {
    const out = evaluateBlocks(document, scope);
    const calls = CALLS_OF_SCOPE.get(scope);
    if (calls === undefined || calls.calls.length === 0) return out;
    const notRead = [...notReadOf(out)];
    addModuleInstances(out, calls, scope.modulePrefix, notRead, undefined, []);
    if (notRead.length > 0) setOwn<unknown>(out, NOT_READ_MODULES_KEY, notRead);
    return out;
  });
}

/**
 * Adds the blocks of every instance of these calls, and of the calls they make, straight to the
 * root document: building each instance's own document and copying it in made an object per
 * instance with keys no other object has, which a repository of 200 module calls paid for
 * 20,000 times.
 */
function addModuleInstances(out: TerraformDocument, calls: ModuleCalls, callerPrefix: string, notRead: NotReadModule[],
  repeatedBy: Repetition | undefined, callerCalls: readonly ModuleCallSite[]): void {
  forEachModuleInstance(calls, callerPrefix, notRead, repeatedBy, (call, instance, repeatedHere) => {
    const document = call.module!.document;
    // One list per module instance, shared (read only) by every block in it.
    const moduleCalls = [...callerCalls, callSiteOf(call, instance)];
    for (const section of ['resource', 'data']) {
      if (!Object.hasOwn(document, section)) continue;
      const types = (ownValue(out, section) ?? {}) as Record<string, Record<string, unknown>>;
      setOwn<unknown>(out, section, types);
      addSectionInstances(types, document[section], instance.scope, repeatedHere, moduleCalls);
    }
    notRead.push(...notReadOf(document));
    const nested = CALLS_OF_SCOPE.get(instance.scope);
    if (nested !== undefined) addModuleInstances(out, nested, instance.prefix, notRead, repeatedHere, moduleCalls);
  }, callerCalls);
}

export { parseExpression };
