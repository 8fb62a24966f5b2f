import { EvaluationScope } from './evaluate-expression';
import { InstanceSet, instanceSetOf } from './instance-set';
import { Unknown, Value } from './value';
import { ownValue, setOwn } from '../../../model/own-keys';
import { ModuleCallSite, NOT_READ_MODULES_KEY, NotReadModule, TerraformDocument } from '../../terraform-json';
import { ModuleCall } from '../module-tree';

// Arguments of a module call that are Terraform's, not the module's inputs.
const CALL_META = new Set(['source', 'version', 'count', 'for_each', 'providers', 'depends_on', '//']);

/**
 * Why one block stands for many instances: its `count` / `for_each` (or its module call's), how
 * many when that is known (too many to expand), and why the number is unknown when the review did
 * not evaluate it.
 */
export interface Repetition {
  readonly why: string;
  readonly times?: number;
  readonly notEvaluated?: string;
}

/** One instance of a module call: `module.app`, `module.app[0]`, `module.app["blue"]`. */
export interface ModuleInstance {
  /** Prefixed to the module's block names: `module.app["blue"].`. */
  readonly prefix: string;
  /** The key in `module.app[...]`, for outputs read as a list or map. */
  readonly key?: string | number;
  readonly scope: EvaluationScope;
  /** Set when the one instance stands for many: count or for_each unknown, or too large to expand. */
  readonly repeated?: Repetition;
}

/** What a configuration scope needs to evaluate a module: the helpers of evaluate-configuration, passed in to keep one direction of imports. */
export interface ModuleEvaluator {
  readonly evaluateWritten: (written: unknown, scope: EvaluationScope) => Value;
  readonly variableValues: (document: TerraformDocument, given: Record<string, Value>) => Map<string, Value>;
  readonly configurationScope: (
    document: TerraformDocument, variables: Map<string, Value>, modulePrefix: string, calls: readonly ModuleCall[]) => EvaluationScope;
}

/**
 * The calls of one configuration, evaluated in its scope on first use: the instances each call
 * makes (count / for_each in the caller's scope), each with its own scope (the call's arguments
 * as the module's variables), and the module's outputs as `module.<name>` reads them.
 */
export class ModuleCalls {
  private readonly instancesByName = new Map<string, ModuleInstance[]>();
  private readonly setsByName = new Map<string, InstanceSet>();
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

  /**
   * Whether a call makes no instance at all (`count = 0`, `for_each = {}`): then it holds nothing,
   * whether its module could be read or not.
   */
  public makesNone(call: ModuleCall): boolean {
    const set = this.instanceSet(call);
    return (set.kind === 'counted' && set.count === 0) || (set.kind === 'keyed' && set.entries.length === 0);
  }

  /** `module.<name>`: its outputs, or undefined (then the reference is unknown). */
  public outputs(name: string): Value | undefined {
    if (this.outputsByName.has(name)) return this.outputsByName.get(name);
    const call = this.calls.find((c) => c.name === name);
    // An output that leads back to itself through its inputs is unknown, as a local cycle is.
    if (call === undefined || this.busy.has(name)) return undefined;
    this.busy.add(name);
    let value: Value | undefined;
    const set = this.instanceSet(call);
    if (call.module === undefined) {
      // A call that makes no instance has no outputs to read: `module.x` is an empty list or map.
      value = !this.makesNone(call) ? undefined : set.kind === 'counted' ? [] : {};
    } else {
      const instances = this.instancesOf(call);
      const outputsOf = (instance: ModuleInstance) => this.instanceOutputs(call, instance);
      if (set.kind === 'single') {
        value = outputsOf(instances[0]);
      } else if (set.kind === 'repeated') {
        value = new Unknown(`module.${name}`, set.notEvaluated);
      } else if (set.kind === 'counted') {
        value = instances.map(outputsOf);
      } else {
        value = {};
        for (const instance of instances) setOwn(value, String(instance.key), outputsOf(instance));
      }
    }
    this.busy.delete(name);
    this.outputsByName.set(name, value);
    return value;
  }

  private instanceSet(call: ModuleCall): InstanceSet {
    let set = this.setsByName.get(call.name);
    if (set === undefined) {
      const caller = this.callerScope();
      set = instanceSetOf(call.body, (written) => this.evaluator.evaluateWritten(written, caller));
      this.setsByName.set(call.name, set);
    }
    return set;
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
    const make = (prefix: string, names: Record<string, Value>, key?: string | number, repeated?: Repetition): ModuleInstance => {
      const argumentScope = withNames(caller, names);
      const given: Record<string, Value> = {};
      for (const [argument, written] of Object.entries(call.body)) {
        if (!CALL_META.has(argument)) setOwn(given, argument, this.evaluator.evaluateWritten(written, argumentScope));
      }
      const document = call.module!.document;
      const scope = this.evaluator.configurationScope(document, this.evaluator.variableValues(document, given), prefix, call.module!.calls);
      return { prefix, scope, ...(key === undefined ? {} : { key }), ...(repeated === undefined ? {} : { repeated }) };
    };
    const set = this.instanceSet(call);
    switch (set.kind) {
      case 'counted': return Array.from({ length: set.count }, (_, index) => make(`${base}[${index}].`, { count: { index } }, index));
      case 'keyed': return set.entries.map(([key, value]) => make(`${base}[${JSON.stringify(key)}].`, { each: { key, value } }, key));
      case 'repeated': {
        const repetition: Repetition = {
          why: `module ${set.why}`,
          ...(set.times === undefined ? {} : { times: set.times }),
          ...(set.notEvaluated === undefined ? {} : { notEvaluated: set.notEvaluated }),
        };
        return [make(`${base}.`, set.names, undefined, repetition)];
      }
      default: return [make(`${base}.`, {})];
    }
  }
}

/**
 * Each instance of each call, in order, with why its blocks stand for many (its own count or
 * for_each when it does, else `repeatedBy`, the caller's); a call that could not be read is added
 * to `notRead`, with its source and why, unless it makes no instance at all.
 */
export function forEachModuleInstance(
  calls: ModuleCalls,
  callerPrefix: string,
  notRead: NotReadModule[],
  repeatedBy: Repetition | undefined,
  visit: (call: ModuleCall, instance: ModuleInstance, repeated: Repetition | undefined) => void,
  callerCalls: readonly ModuleCallSite[] = [],
): void {
  for (const call of calls.calls) {
    if (call.module === undefined) {
      if (!calls.makesNone(call)) {
        notRead.push({
          address: `${callerPrefix}module.${call.name}`,
          source: call.source,
          reason: call.notRead ?? 'it could not be read',
          ...(call.place === undefined ? {} : { declaredAt: call.place }),
          ...(callerCalls.length === 0 ? {} : { moduleCalls: callerCalls }),
        });
      }
      continue;
    }
    for (const instance of calls.instancesOf(call)) visit(call, instance, combinedRepetition(instance.repeated, repeatedBy));
  }
}

/** The call that makes a module instance, as the blocks inside it name it: its address, and where its `module` block is. */
export function callSiteOf(call: ModuleCall, instance: ModuleInstance): ModuleCallSite {
  const address = instance.prefix.slice(0, -1);
  return call.place === undefined ? { address } : { address, ...call.place };
}

/** A block (or module instance) repeated by its own count, inside a module repeated too: how many in all (when both are known), and why. */
export function combinedRepetition(own: Repetition | undefined, caller: Repetition | undefined): Repetition | undefined {
  if (own === undefined || caller === undefined) return own ?? caller;
  const notEvaluated = own.notEvaluated ?? caller.notEvaluated;
  const extra = notEvaluated === undefined ? {} : { notEvaluated };
  if (own.times === undefined) return { why: own.why, ...extra };
  if (caller.times === undefined) return { why: caller.why, ...extra };
  return { why: `${caller.why}, ${own.why}`, times: own.times * caller.times, ...extra };
}

/** The module calls a document lists as not read (NOT_READ_MODULES_KEY). */
export function notReadOf(document: TerraformDocument): NotReadModule[] {
  const list = ownValue(document, NOT_READ_MODULES_KEY);
  return Array.isArray(list) ? (list as NotReadModule[]) : [];
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
