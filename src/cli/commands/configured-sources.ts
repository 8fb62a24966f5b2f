import { readInputs, VariableOption } from '../../review/reader/read-inputs';
import { SourceDocument } from '../../review/reader/source-document';
import { CliIo } from '../cli-io';
import { loadSources, sensitiveSeen } from '../load-graph';
import { ParsedArgs } from '../parse-args';

/** The options that set a root configuration's variables, as Terraform's own commands take them. */
export const VARIABLE_OPTIONS = ['var', 'var-file'] as const;

export const VARIABLE_HELP = `  --var NAME=VALUE               set a variable (repeatable; after tfvars and TF_VAR_*, in order with --var-file)
  --var-file FILE                read variable values from a .tfvars or .tfvars.json file (repeatable)
`;

/** The inputs, read with `--var` / `--var-file` and `TF_VAR_*` applied to their variables. */
export async function loadConfiguredSources(command: string, args: ParsedArgs, io: CliIo): Promise<SourceDocument[]> {
  // No input is the usage error loadSources words.
  if (args.inputs.length === 0) return loadSources(command, args.inputs, io);
  const variables: VariableOption[] = args.repeated.flatMap((o): VariableOption[] => (o.name === 'var' ? [{ kind: 'var', text: o.value }]
    : o.name === 'var-file' ? [{ kind: 'file', file: o.value }] : []));
  return sensitiveSeen(io, await readInputs(args.inputs, { readStdin: io.readStdin, cwd: io.cwd, env: io.env, variables }));
}
