import { UsageError } from './usage-error';

/** What a command accepts: options that take a value (with their allowed values, if fixed) and flags. */
export interface CommandSpec {
  readonly name: string;
  readonly values: Record<string, readonly string[] | 'any'>;
  readonly flags: readonly string[];
  /** Options that may be given more than once (`--var`, `--var-file`): kept in `repeated`, in the order given. */
  readonly repeatable?: readonly string[];
}

export interface ParsedArgs {
  readonly options: Record<string, string>;
  readonly flags: Set<string>;
  readonly inputs: string[];
  /** Every repeatable option, in the order given: later ones win where order matters. */
  readonly repeated: { readonly name: string; readonly value: string }[];
}

/** The values of a repeatable option, in the order given (none when it was not given). */
export function repeatedValues(args: ParsedArgs, name: string): string[] {
  return args.repeated.filter((r) => r.name === name).map((r) => r.value);
}

/**
 * `--name value`, `--name=value`, flags, and inputs; `-` is an input (standard input) and `--`
 * ends the options. Anything unknown is a usage error naming what is accepted.
 */
export function parseArgs(spec: CommandSpec, argv: string[]): ParsedArgs {
  const options: Record<string, string> = Object.create(null);
  const flags = new Set<string>();
  const inputs: string[] = [];
  const repeated: { name: string; value: string }[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      inputs.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('--')) {
      if (arg.startsWith('-') && arg !== '-') throw new UsageError(`unknown option ${arg}`, spec.name);
      inputs.push(arg);
      continue;
    }
    const [name, inline] = arg.slice(2).split(/=(.*)/s, 2);
    if (spec.flags.includes(name)) {
      if (inline !== undefined) throw new UsageError(`--${name} takes no value`, spec.name);
      flags.add(name);
      continue;
    }
    if (spec.repeatable?.includes(name)) {
      const value = inline ?? argv[++i];
      if (value === undefined) throw new UsageError(`--${name} needs a value`, spec.name);
      if (value === '') throw emptyValue(name, spec.name);
      repeated.push({ name, value });
      continue;
    }
    // Own keys only: an option typed as --constructor or --toString is unknown, not Object's.
    const allowed = Object.hasOwn(spec.values, name) ? spec.values[name] : undefined;
    if (allowed === undefined) {
      const known = [...Object.keys(spec.values), ...(spec.repeatable ?? []), ...spec.flags].map((o) => `--${o}`).join(', ');
      throw new UsageError(`unknown option --${name}; ${spec.name} accepts ${known}`, spec.name);
    }
    const value = inline ?? argv[++i];
    if (value === undefined || (inline === undefined && value.startsWith('--'))) {
      throw new UsageError(`--${name} needs a value${allowed === 'any' ? '' : `: ${allowed.join(', ')}`}`, spec.name);
    }
    if (value === '') throw emptyValue(name, spec.name);
    if (allowed !== 'any' && !allowed.includes(value)) {
      throw new UsageError(`--${name} ${value} is not accepted; use one of ${allowed.join(', ')}`, spec.name);
    }
    if (Object.hasOwn(options, name)) throw new UsageError(`--${name} is given twice`, spec.name);
    options[name] = value;
  }
  return { options, flags, inputs, repeated };
}

/** `--emit-imports ""`: said as such, not as whatever an empty file name or number turns into later (`: is a directory`). */
function emptyValue(name: string, command: string): UsageError {
  return new UsageError(`--${name} is given an empty value ""; it needs one`, command);
}
