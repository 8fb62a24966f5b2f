import { EvaluationScope } from './evaluate-expression';
import { Unknown, Value } from './value';
import { ownValue, setOwn } from '../../../model/own-keys';
import { NOT_READ_MODULES_KEY, NotReadModule, TerraformDocument } from '../../terraform-json';
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
 * Each instance of each call, in order, with why its blocks stand for an unknown number (its own
 * count or for_each when unknown, else `repeatedBy`, the caller's); a call that could not be
 * read is added to `notRead`, with its source and why.
 */
export function forEachModuleInstance(
  calls: ModuleCalls,
  callerPrefix: string,
  notRead: NotReadModule[],
  repeatedBy: string | undefined,
  visit: (call: ModuleCall, instance: ModuleInstance, repeated: string | undefined) => void,
): void {
  for (const call of calls.calls) {
    if (call.module === undefined) {
      notRead.push({ address: `${callerPrefix}module.${call.name}`, source: call.source, reason: call.notRead ?? 'it could not be read' });
      continue;
    }
    for (const instance of calls.instancesOf(call)) visit(call, instance, instance.repeated === undefined ? repeatedBy : `module ${instance.repeated}`);
  }
}

/** The module calls a document lists as not read (NOT_READ_MODULES_KEY). */
export function notReadOf(document: TerraformDocument): NotReadModule[] {
  const list = ownValue(document, NOT_READ_MODULES_KEY);
  return Array.isArray(list) ? (list as NotReadModule[]) : [];
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
