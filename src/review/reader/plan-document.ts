import { TerraformDocument } from '../terraform-json';
import { InputError } from './input-error';
import { SensitiveStrings } from './sensitive-strings';
import {
  describe, expectArray, expectRecord, expectString, expectStringArray, isRecord, JsonRecord, ownValue, pointerTo,
} from './shape-check';
import { PlanChange, SourceDocument } from './source-document';

/** Where configuration expressions are found: by module call path (`''`, `app`, `app.inner`), then by `<mode>.<type>.<name>`. */
type ExpressionIndex = Map<string, Map<string, { expressions: JsonRecord; place: string }>>;

/** A module instance of planned_values: its address (`module.app[0]`) and its configuration call path (`app`); both `''` at the root. */
interface ModuleInstance {
  readonly address: string;
  readonly callPath: string;
}

interface Conversion {
  readonly file: string;
  readonly expressions: ExpressionIndex;
  /** section → type → block name → body, kept in Maps so that names like `__proto__` stay plain keys. */
  readonly sections: Map<string, Map<string, Map<string, JsonRecord>>>;
}

// Roots of Terraform references that do not name a resource of the module.
const NOT_RESOURCE_REFERENCES = new Set(['var', 'local', 'module', 'each', 'count', 'path', 'terraform', 'self']);

/**
 * A `terraform show -json` plan as one Terraform document, so that rules read a plan exactly as
 * they read configuration, plus its resource changes.
 *
 * Each attribute is the planned value when the plan knows it; when the value is only known after
 * apply (the ID of a vault being created), it is the reference the configuration makes
 * (`${azurerm_key_vault.kv.id}`), so that the scope level can still be told from the referenced
 * type; otherwise it is left out.
 *
 * A resource of a child module gets the block name `<module address>.<name>`:
 * `module.app.azurerm_key_vault.kv` becomes `resource.azurerm_key_vault["module.app.kv"]`, so one
 * document holds every module without two `kv`s colliding; the graph addresses it as Terraform
 * does (terraform-json.ts, addressOf). References inside that module get the module's address
 * (`${module.app.azurerm_key_vault.kv.id}`): they resolve to that module's vault, never to a
 * root-module resource that happens to share the name.
 */
export function planSourceDocument(file: string, plan: JsonRecord): SourceDocument {
  expectString(file, '/format_version', plan.format_version);
  const planned = expectRecord(file, '/planned_values', plan.planned_values,
    'the planned_values of a plan (from "terraform show -json <planfile>"; a state is not read)');
  const conversion: Conversion = { file, expressions: indexConfiguration(file, plan.configuration), sections: new Map() };
  const rootPlace = '/planned_values/root_module';
  addPlannedModule(conversion, expectRecord(file, rootPlace, planned.root_module), rootPlace, { address: '', callPath: '' });
  const document: TerraformDocument = Object.fromEntries([...conversion.sections].map(([section, types]) =>
    [section, Object.fromEntries([...types].map(([type, byName]) => [type, Object.fromEntries(byName)]))]));
  const changes = planChanges(file, plan.resource_changes);
  // After every shape check: what it walks is known to be there.
  const sensitive = sensitiveOfPlan(plan);
  return { file, format: 'plan', document, changes, ...(sensitive.size === 0 ? {} : { sensitive: sensitive.list() }) };
}

/**
 * What the plan marks sensitive: the values it masks (`sensitive_values` of planned resources,
 * `before_sensitive` and `after_sensitive` of changes) and the values of the root variables its
 * configuration declares sensitive. The plan holds them in clear; the command must not print them.
 * Called after the shape checks (planned_values and resource_changes), so what it walks is there.
 */
function sensitiveOfPlan(plan: JsonRecord): SensitiveStrings {
  const sensitive = new SensitiveStrings();
  const modules: unknown[] = [(plan.planned_values as JsonRecord).root_module];
  while (modules.length > 0) {
    const module = modules.pop() as JsonRecord;
    for (const resource of (module.resources ?? []) as JsonRecord[]) sensitive.addMasked(resource.values, resource.sensitive_values);
    for (const child of (module.child_modules ?? []) as unknown[]) modules.push(child);
  }
  for (const entry of (plan.resource_changes ?? []) as JsonRecord[]) {
    const change = entry.change as JsonRecord;
    sensitive.addMasked(change.before, change.before_sensitive);
    sensitive.addMasked(change.after, change.after_sensitive);
  }
  const declared = isRecord(plan.configuration) && isRecord(plan.configuration.root_module) ? plan.configuration.root_module.variables : undefined;
  if (isRecord(declared) && isRecord(plan.variables)) {
    for (const [name, variable] of Object.entries(declared)) {
      const given = Object.hasOwn(plan.variables, name) ? plan.variables[name] : undefined;
      if (isRecord(variable) && variable.sensitive === true && isRecord(given)) sensitive.add(given.value);
    }
  }
  return sensitive;
}

function indexConfiguration(file: string, configuration: unknown): ExpressionIndex {
  const index: ExpressionIndex = new Map();
  if (configuration === undefined) return index;
  const rootModule = expectRecord(file, '/configuration', configuration).root_module;
  if (rootModule !== undefined) {
    indexConfigurationModule(file, expectRecord(file, '/configuration/root_module', rootModule), '/configuration/root_module', '', index);
  }
  return index;
}

function indexConfigurationModule(file: string, module: JsonRecord, place: string, callPath: string, index: ExpressionIndex): void {
  const byResource = new Map<string, { expressions: JsonRecord; place: string }>();
  index.set(callPath, byResource);
  optionalArray(file, pointerTo(place, 'resources'), module.resources).forEach((value, position) => {
    const resourcePlace = pointerTo(pointerTo(place, 'resources'), position);
    const resource = expectRecord(file, resourcePlace, value);
    const key = `${expectString(file, pointerTo(resourcePlace, 'mode'), resource.mode)}.${expectString(file, pointerTo(resourcePlace, 'type'), resource.type)}`
      + `.${expectString(file, pointerTo(resourcePlace, 'name'), resource.name)}`;
    const expressionsPlace = pointerTo(resourcePlace, 'expressions');
    const expressions = resource.expressions === undefined ? {} : expectRecord(file, expressionsPlace, resource.expressions);
    byResource.set(key, { expressions, place: expressionsPlace });
  });
  if (module.module_calls === undefined) return;
  const callsPlace = pointerTo(place, 'module_calls');
  for (const [callName, call] of Object.entries(expectRecord(file, callsPlace, module.module_calls))) {
    const callPlace = pointerTo(callsPlace, callName);
    const calledModule = expectRecord(file, callPlace, call).module;
    if (calledModule === undefined) continue;
    const modulePlace = pointerTo(callPlace, 'module');
    indexConfigurationModule(file, expectRecord(file, modulePlace, calledModule), modulePlace, joinCallPath(callPath, callName), index);
  }
}

function addPlannedModule(conversion: Conversion, module: JsonRecord, place: string, instance: ModuleInstance): void {
  const { file } = conversion;
  optionalArray(file, pointerTo(place, 'resources'), module.resources).forEach((resource, position) =>
    addPlannedResource(conversion, resource, pointerTo(pointerTo(place, 'resources'), position), instance));
  optionalArray(file, pointerTo(place, 'child_modules'), module.child_modules).forEach((value, position) => {
    const childPlace = pointerTo(pointerTo(place, 'child_modules'), position);
    const child = expectRecord(file, childPlace, value);
    const address = expectString(file, pointerTo(childPlace, 'address'), child.address);
    const parentPrefix = instance.address ? `${instance.address}.` : '';
    const call = address.startsWith(parentPrefix) ? /^module\.([^.[\]]+)(?:\[.+\])?$/.exec(address.slice(parentPrefix.length)) : null;
    if (!call) {
      throw new InputError(file, `expected a module address "${parentPrefix}module.<name>", got "${address}"`, pointerTo(childPlace, 'address'));
    }
    addPlannedModule(conversion, child, childPlace, { address, callPath: joinCallPath(instance.callPath, call[1]) });
  });
}

function addPlannedResource(conversion: Conversion, value: unknown, place: string, instance: ModuleInstance): void {
  const { file } = conversion;
  const resource = expectRecord(file, place, value, 'an object (a planned resource)');
  const address = expectString(file, pointerTo(place, 'address'), resource.address);
  const mode = expectString(file, pointerTo(place, 'mode'), resource.mode);
  // Ephemeral resources (Terraform 1.10) are never stored, so they hold no access to review.
  if (mode !== 'managed' && mode !== 'data') return;
  const type = expectString(file, pointerTo(place, 'type'), resource.type);
  const name = expectString(file, pointerTo(place, 'name'), resource.name);
  const values = resource.values === undefined ? {} : expectRecord(file, pointerTo(place, 'values'), resource.values);

  const modulePrefix = instance.address ? `${instance.address}.` : '';
  const typePrefix = `${modulePrefix}${mode === 'data' ? 'data.' : ''}${type}.`;
  // The rest of the address is the name with Terraform's own instance key: `reader[0]`, `reader["blob"]`.
  const nameWithKey = address.slice(typePrefix.length);
  if (!address.startsWith(typePrefix) || (nameWithKey !== name && !nameWithKey.startsWith(`${name}[`))) {
    throw new InputError(file, `expected the address "${typePrefix}${name}", got "${address}"`, pointerTo(place, 'address'));
  }
  const blockName = `${modulePrefix}${nameWithKey}`;
  const configured = conversion.expressions.get(instance.callPath)?.get(`${mode}.${type}.${name}`);
  const context = { file, modulePrefix };
  const body = mergeRecord(context, values, configured?.expressions ?? {}, configured?.place ?? place);

  const section = mode === 'data' ? 'data' : 'resource';
  const types = conversion.sections.get(section) ?? new Map<string, Map<string, JsonRecord>>();
  conversion.sections.set(section, types);
  const byName = types.get(type) ?? new Map<string, JsonRecord>();
  types.set(type, byName);
  if (byName.has(blockName)) throw new InputError(file, `${address} is planned twice`, pointerTo(place, 'address'));
  byName.set(blockName, body);
}

interface MergeContext {
  readonly file: string;
  readonly modulePrefix: string;
}

// A null planned value is unknown or unset; either way it says nothing, so it is left out.
function mergeRecord(context: MergeContext, planned: JsonRecord | undefined, expressions: JsonRecord, place: string): JsonRecord {
  const keys = new Set([...Object.keys(planned ?? {}), ...Object.keys(expressions)]);
  const entries: [string, unknown][] = [];
  for (const key of keys) {
    const value = mergeValue(context, ownValue(planned, key), ownValue(expressions, key), pointerTo(place, key));
    if (value !== undefined) entries.push([key, value]);
  }
  return Object.fromEntries(entries);
}

function mergeValue(context: MergeContext, planned: unknown, expression: unknown, place: string): unknown {
  const known = planned !== null && planned !== undefined;
  if (expression === undefined) return known ? planned : undefined;
  if (isExpression(expression)) return known ? planned : referenceOf(context, expression, place);
  // Nested blocks: configuration and plan both list them in order; dynamic blocks may plan more.
  if (Array.isArray(expression)) {
    if (known && !Array.isArray(planned)) return planned;
    const items = known ? (planned as unknown[]) : expression.map(() => undefined);
    return items.map((item, index) => (index < expression.length
      ? mergeValue(context, item, expression[index], pointerTo(place, index)) ?? null
      : item));
  }
  if (isRecord(expression)) {
    if (known && !isRecord(planned)) return planned;
    return mergeRecord(context, known ? (planned as JsonRecord) : undefined, expression, place);
  }
  throw new InputError(context.file, `expected an expression or nested blocks, got ${describe(expression)}`, place);
}

/** `{ "constant_value": ... }`, `{ "references": [...] }`, both, or `{}` for an expression made of neither. */
function isExpression(value: unknown): value is JsonRecord {
  return isRecord(value)
    && Object.keys(value).every((key) => key === 'constant_value' || key === 'references')
    && (value.references === undefined || Array.isArray(value.references));
}

// The first reference is the most precise one: Terraform lists `azurerm_key_vault.kv.id` before `azurerm_key_vault.kv`.
function referenceOf(context: MergeContext, expression: JsonRecord, place: string): string | undefined {
  if (expression.references === undefined) return undefined;
  const [first] = expectStringArray(context.file, pointerTo(place, 'references'), expression.references);
  return first === undefined ? undefined : `\${${inModule(first, context.modulePrefix)}}`;
}

function inModule(reference: string, modulePrefix: string): string {
  if (!modulePrefix || NOT_RESOURCE_REFERENCES.has(reference.split('.')[0])) return reference;
  return `${modulePrefix}${reference}`;
}

function planChanges(file: string, value: unknown): PlanChange[] {
  return optionalArray(file, '/resource_changes', value).map((entry, position) => {
    const place = pointerTo('/resource_changes', position);
    const resourceChange = expectRecord(file, place, entry, 'an object (a resource change)');
    const changePlace = pointerTo(place, 'change');
    const change = expectRecord(file, changePlace, resourceChange.change);
    return {
      address: expectString(file, pointerTo(place, 'address'), resourceChange.address),
      type: expectString(file, pointerTo(place, 'type'), resourceChange.type),
      actions: expectStringArray(file, pointerTo(changePlace, 'actions'), change.actions),
      before: recordOrNull(file, pointerTo(changePlace, 'before'), change.before),
      after: recordOrNull(file, pointerTo(changePlace, 'after'), change.after),
    };
  });
}

function recordOrNull(file: string, place: string, value: unknown): JsonRecord | null | undefined {
  return value === undefined || value === null ? value : expectRecord(file, place, value, 'an object or null');
}

// Terraform leaves out lists that would be empty (no resources, no child modules, no changes).
function optionalArray(file: string, place: string, value: unknown): unknown[] {
  return value === undefined ? [] : expectArray(file, place, value);
}

function joinCallPath(parent: string, callName: string): string {
  return parent ? `${parent}.${callName}` : callName;
}
