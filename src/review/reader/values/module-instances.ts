import { EvaluationScope } from './evaluate-expression';
import { Unknown, Value, isObject } from './value';
import { ownValue, setOwn } from '../../../model/own-keys';
import { NOT_READ_MODULES_KEY, NotReadModule, REPEATED_KEY, TerraformDocument } from '../../terraform-json';
import { ModuleCall } from '../module-tree';

// Arguments of a module call that are Terraform's, not the module's inputs.
const CALL_META = new Set(['source', 'version', 'count', 'for_each', 'providers', 'depends_on', '//']);

/** One instance of a module call: `module.app`, `module.app[0]`, `module.app["blue"]`. */
export interface ModuleInstance {
  /** Prefixed to the module's block names: `module.app["blue"].`. */
  readonly prefix: string;
  /** The key in `module.app[...]`, for outputs read as a list or map. */
  readonly key?: string | number;
  readonly scope: EvaluationScope;
  /** Set when count or for_each cannot be known: the one instance stands for an unknown number. */
  readonly repeated?: string;
}

/** What a configuration scope needs to evaluate a module: the helpers of evaluate-configuration, passed in to keep one direction of imports. */
export interface ModuleEvaluator {
  readonly evaluateWritten: (written: unknown, scope: EvaluationScope) => Value;
  readonly variableValues: (document: TerraformDocument, given: Record<string, Value>) => Map<string, Value>;
  readonly configurationScope: (
    document: TerraformDocument, variables: Map<string, Value>, modulePrefix: string, calls: readonly ModuleCall[]) => EvaluationScope;
  readonly forEachEntries: (collection: Value) => [string, Value][] | undefined;
}

/**
 * The calls of one configuration, evaluated in its scope on first use: the instances each call
 * makes (count / for_each in the caller's scope), each with its own scope (the call's arguments
 * as the module's variables), and the module's outputs as `module.<name>` reads them.
 */
export class ModuleCalls {
  private readonly instancesByName = new Map<string, ModuleInstance[]>();
  private readonly outputsByName = new Map<string, Value | undefined>();
  private readonly busy = new Set<string>();

  constructor(
    public readonly calls: readonly ModuleCall[],
    private readonly callerScope: () => EvaluationScope,
    private readonly evaluator: ModuleEvaluator,
  ) {}

  /** The instances of a call that was read; none for one that was not. */
  public instancesOf(call: ModuleCall): ModuleInstance[] {
    const known = this.instancesByName.get(call.name);
    if (known !== undefined) return known;
    const instances = call.module === undefined ? [] : this.expand(call);
    this.instancesByName.set(call.name, instances);
    return instances;
  }

  /** `module.<name>`: its outputs, or undefined (then the reference is unknown). */
  public outputs(name: string): Value | undefined {
    if (this.outputsByName.has(name)) return this.outputsByName.get(name);
    const call = this.calls.find((c) => c.name === name);
    // An output that leads back to itself through its inputs is unknown, as a local cycle is.
    if (call?.module === undefined || this.busy.has(name)) return undefined;
    this.busy.add(name);
    const instances = this.instancesOf(call);
    const outputsOf = (instance: ModuleInstance) => this.instanceOutputs(call, instance);
    let value: Value | undefined;
    if (instances.length === 1 && instances[0].key === undefined) {
      value = instances[0].repeated === undefined ? outputsOf(instances[0]) : new Unknown(`module.${name}`);
    } else if (instances.every((i) => typeof i.key === 'number')) {
      value = instances.map(outputsOf);
    } else {
      value = {};
      for (const instance of instances) setOwn(value, String(instance.key), outputsOf(instance));
    }
    this.busy.delete(name);
    this.outputsByName.set(name, value);
    return value;
  }

  private instanceOutputs(call: ModuleCall, instance: ModuleInstance): Value {
    const out: Record<string, Value> = {};
    for (const group of listOf(ownValue(call.module!.document, 'output'))) {
      for (const [name, blocks] of Object.entries(group)) {
        const body = listOf(blocks)[0];
        setOwn(out, name, body === undefined ? new Unknown(`module.${call.name}.${name}`) : this.evaluator.evaluateWritten(ownValue(body, 'value'), instance.scope));
      }
    }
    return out;
  }

  private expand(call: ModuleCall): ModuleInstance[] {
    const caller = this.callerScope();
    const base = `${caller.modulePrefix}module.${call.name}`;
    const make = (prefix: string, names: Record<string, Value>, key?: string | number, why?: string): ModuleInstance => {
      const argumentScope = withNames(caller, names);
      const given: Record<string, Value> = {};
      for (const [argument, written] of Object.entries(call.body)) {
        if (!CALL_META.has(argument)) setOwn(given, argument, this.evaluator.evaluateWritten(written, argumentScope));
      }
      const document = call.module!.document;
      const scope = this.evaluator.configurationScope(document, this.evaluator.variableValues(document, given), prefix, call.module!.calls);
      return { prefix, scope, ...(key === undefined ? {} : { key }), ...(why === undefined ? {} : { repeated: why }) };
    };
    if (Object.hasOwn(call.body, 'count')) {
      const count = this.evaluator.evaluateWritten(call.body.count, caller);
      if (typeof count === 'number' && Number.isInteger(count) && count >= 0) {
        return Array.from({ length: count }, (_, index) => make(`${base}[${index}].`, { count: { index } }, index));
      }
      return [make(`${base}.`, { count: { index: new Unknown('count.index') } }, undefined, `count = ${describe(call.body.count, count)}`)];
    }
    if (Object.hasOwn(call.body, 'for_each')) {
      const collection = this.evaluator.evaluateWritten(call.body.for_each, caller);
      const entries = this.evaluator.forEachEntries(collection);
      if (entries !== undefined) return entries.map(([key, value]) => make(`${base}[${JSON.stringify(key)}].`, { each: { key, value } }, key));
      const each = { key: new Unknown('each.key'), value: new Unknown('each.value') };
      return [make(`${base}.`, { each }, undefined, `for_each = ${describe(call.body.for_each, collection)}`)];
    }
    return [make(`${base}.`, {})];
  }
}

/**
 * A configuration's evaluated document with every instance of its module calls merged in: the
 * module's blocks keep their full module path in their names (`module.app["blue"].grant`), and a
 * call that could not be read is listed under NOT_READ_MODULES_KEY with its source and why.
 */
export function mergeModuleInstances(
  out: TerraformDocument,
  calls: ModuleCalls,
  callerPrefix: string,
  evaluateModule: (call: ModuleCall, instance: ModuleInstance) => TerraformDocument,
): TerraformDocument {
  const notRead: NotReadModule[] = [...notReadOf(out)];
  for (const call of calls.calls) {
    if (call.module === undefined) {
      notRead.push({ address: `${callerPrefix}module.${call.name}`, source: call.source, reason: call.notRead ?? 'it could not be read' });
      continue;
    }
    for (const instance of calls.instancesOf(call)) {
      const inner = evaluateModule(call, instance);
      for (const section of ['resource', 'data']) {
        const innerTypes = ownValue(inner, section);
        if (!isObject(innerTypes as Value)) continue;
        const types = (ownValue(out, section) ?? {}) as Record<string, Record<string, unknown>>;
        setOwn<unknown>(out, section, types);
        for (const [type, byName] of Object.entries(innerTypes as Record<string, Record<string, unknown>>)) {
          const names = ownValue(types, type) ?? {};
          setOwn(types, type, names);
          for (const [name, body] of Object.entries(byName)) {
            setOwn(names, name, instance.repeated === undefined ? body : repeated(body, instance.repeated));
          }
        }
      }
      notRead.push(...notReadOf(inner));
    }
  }
  if (notRead.length > 0) setOwn<unknown>(out, NOT_READ_MODULES_KEY, notRead);
  return out;
}

function notReadOf(document: TerraformDocument): NotReadModule[] {
  const list = ownValue(document, NOT_READ_MODULES_KEY);
  return Array.isArray(list) ? (list as NotReadModule[]) : [];
}

function repeated(body: unknown, why: string): unknown {
  if (!isRecordValue(body)) return body;
  const comment = isRecordValue(body['//']) ? body['//'] : {};
  // The block's own count or for_each, when unknown, already says why; otherwise the module call's does.
  if (Object.hasOwn(comment, REPEATED_KEY)) return body;
  return { ...body, '//': { ...comment, [REPEATED_KEY]: `module ${why}` } };
}

function describe(writtenValue: unknown, value: Value): string {
  return value instanceof Unknown ? value.source : typeof writtenValue === 'string' ? writtenValue : JSON.stringify(writtenValue);
}

function withNames(scope: EvaluationScope, names: Record<string, Value>): EvaluationScope {
  const merged = new Map(scope.names);
  for (const [k, v] of Object.entries(names)) merged.set(k, v);
  return { ...scope, names: merged };
}

function listOf(value: unknown): Record<string, unknown>[] {
  const list = Array.isArray(value) ? value : [value];
  return list.filter(isRecordValue);
}

function isRecordValue(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
