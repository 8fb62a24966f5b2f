import { createHash } from 'crypto';
import { SourceLocation } from './source-location';
import { SourceRecord } from '../model/metadata';
import { Severity } from '../model/severity';
import { EvaluatedFinding, Evaluation, SuppressedFinding } from '../policy/evaluate';
import { RULE_REGISTRY } from '../policy/rule-pack';
import { DeclaredPlace, ModuleCallSite } from '../review/graph/graph-types';

const LEVEL: Record<Severity, string> = { [Severity.ERROR]: 'error', [Severity.WARNING]: 'warning', [Severity.INFO]: 'note' };

/** Where code scanning resolves every URI: the repository root. No machine path is written. */
export const SRCROOT = '%SRCROOT%';

/** What the SARIF needs besides the findings: the version, and where things are. */
export interface SarifContext {
  readonly version: string;
  /** The declaring input file and line (JSON or HCL), with `uri` relative to the repository root. */
  readonly locate: (file: string, address: string) => SourceLocation;
  /** The app's line that created the resource, when the synthesis recorded it (already root-relative). */
  readonly sourceOf: (file: string, address: string) => SourceRecord | undefined;
  /** The input file relative to the repository root, for fingerprints. */
  readonly normalizeFile: (file: string) => string;
  /** Whether a suppression came from the `--config` file (external) rather than from the code (in source). */
  readonly isExternal: (suppressed: SuppressedFinding) => boolean;
}

function physical(uri: string, line: number | undefined) {
  return {
    artifactLocation: { uri, uriBaseId: SRCROOT },
    ...(line !== undefined ? { region: { startLine: line } } : {}),
  };
}

/**
 * The result's location: the app's source line when recorded (the synthesized JSON becomes a
 * related location), else the declaring `.tf` / `.tf.json` file and line.
 */
function locations(finding: EvaluatedFinding, context: SarifContext) {
  const logicalLocations = [{ fullyQualifiedName: finding.address, kind: 'resource' }];
  const source = context.sourceOf(finding.file, finding.address);
  if (source === undefined && finding.declaredAt !== undefined) return inModule(finding, finding.declaredAt, logicalLocations, context);
  const declared = context.locate(finding.file, finding.address);
  if (source === undefined) return { locations: [{ physicalLocation: physical(declared.uri, declared.line), logicalLocations }] };
  return {
    locations: [{ physicalLocation: physical(source.file, source.line), logicalLocations }],
    relatedLocations: [{
      id: 1,
      physicalLocation: physical(declared.uri, declared.line),
      message: { text: `${finding.address} in the synthesized Terraform JSON` },
    }],
  };
}

/**
 * A finding declared inside a module: located at the module's own file and line, with the
 * `module` blocks of the calls that lead there as related locations, outermost first.
 */
function inModule(finding: EvaluatedFinding, declaredAt: DeclaredPlace, logicalLocations: unknown[], context: SarifContext) {
  const calls = (finding.moduleCalls ?? []).filter((c): c is ModuleCallSite & { file: string } => c.file !== undefined);
  return {
    locations: [{ physicalLocation: physical(context.normalizeFile(declaredAt.file), declaredAt.line), logicalLocations }],
    ...(calls.length === 0 ? {} : {
      relatedLocations: calls.map((call, i) => ({
        id: i + 1,
        physicalLocation: physical(context.normalizeFile(call.file), call.line),
        message: { text: `${call.address}: the module call that leads to ${finding.address}` },
      })),
    }),
  };
}

/**
 * A finding's paths as SARIF code flows (code scanning shows each as steps): one thread flow per
 * path, each step located where it is declared, with what it does as the message.
 */
function codeFlows(finding: EvaluatedFinding, context: SarifContext) {
  if (finding.flows === undefined || finding.flows.length === 0) return {};
  return {
    codeFlows: finding.flows.map((flow) => ({
      threadFlows: [{
        locations: flow.steps.map((step) => {
          const declared = context.locate(step.where.file, step.where.address);
          return {
            location: {
              physicalLocation: physical(declared.uri, declared.line),
              logicalLocations: [{ fullyQualifiedName: step.where.address, kind: 'resource' }],
              message: { text: step.message },
            },
          };
        }),
      }],
    })),
  };
}

/**
 * One per finding and stable across runs: the rule, the stack, the input file (relative to the
 * repository root, however it was typed), the address and, for an escalation, its root cause (so
 * a path added to it keeps its alert). Two findings that still agree on all of these get an ordinal.
 */
function fingerprints(all: EvaluatedFinding[], context: SarifContext): string[] {
  const seen = new Map<string, number>();
  return all.map((f) => {
    const base = createHash('sha256').update([f.ruleId, context.normalizeFile(f.file), f.address, f.target ?? ''].join('\u0000')).digest('hex').slice(0, 32);
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return n === 1 ? base : `${base}:${n}`;
  });
}

/**
 * SARIF 2.1.0, the format GitHub code scanning reads: one run, the rules as tool metadata (from
 * the registry), one result per finding, suppressed findings included with their suppression
 * (reason as justification; `until` and `accepts` as properties), so code scanning shows them as
 * dismissed instead of not at all.
 */
export function renderSarif(evaluation: Evaluation, context: SarifContext): string {
  const rules = RULE_REGISTRY.map((r) => ({
    id: r.id,
    name: r.title.replace(/[^A-Za-z0-9]+(.)?/g, (_, c: string | undefined) => (c ? c.toUpperCase() : '')),
    shortDescription: { text: r.title },
    fullDescription: { text: r.description },
    help: { text: r.fix, markdown: `**Fix:** ${r.fix}` },
    defaultConfiguration: { level: LEVEL[r.defaultSeverity] },
  }));
  const index = new Map<string, number>(rules.map((r, i) => [r.id, i]));
  const entries: { finding: EvaluatedFinding; suppressed?: SuppressedFinding }[] = [
    ...evaluation.findings.map((finding) => ({ finding })),
    ...evaluation.suppressed.map((s) => ({ finding: s.finding as EvaluatedFinding, suppressed: s })),
  ];
  const prints = fingerprints(entries.map((e) => e.finding), context);
  const results = entries.map(({ finding: f, suppressed }, i) => ({
    ruleId: f.ruleId,
    ruleIndex: index.get(f.ruleId) ?? 0,
    level: LEVEL[f.severity],
    message: { text: `${f.message} Fix: ${f.fix}` },
    ...locations(f, context),
    ...codeFlows(f, context),
    partialFingerprints: { 'azureAccessFinding/v1': prints[i] },
    ...(suppressed ? {
      suppressions: [{
        kind: context.isExternal(suppressed) ? 'external' : 'inSource',
        justification: suppressed.suppression.reason,
        ...(suppressed.suppression.until || suppressed.suppression.accepts ? {
          properties: {
            ...(suppressed.suppression.until ? { until: suppressed.suppression.until } : {}),
            ...(suppressed.suppression.accepts ? { accepts: suppressed.suppression.accepts } : {}),
          },
        } : {}),
      }],
    } : {}),
    ...(f.constructPath || f.target
      ? { properties: { ...(f.constructPath ? { constructPath: f.constructPath } : {}), ...(f.target ? { target: f.target } : {}) } }
      : {}),
  }));
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: { name: 'azure-access', version: context.version, semanticVersion: context.version, informationUri: 'https://www.npmjs.com/package/cdktf-azure-access', rules },
        },
        originalUriBaseIds: { [SRCROOT]: { description: { text: 'The root of the repository that holds the inputs.' } } },
        results,
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
