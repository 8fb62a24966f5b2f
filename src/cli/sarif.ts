import { SourceLocation } from './source-location';
import { Severity } from '../model/severity';
import { Evaluation } from '../policy/evaluate';
import { RULE_REGISTRY } from '../policy/rule-pack';

const LEVEL: Record<Severity, string> = { [Severity.ERROR]: 'error', [Severity.WARNING]: 'warning', [Severity.INFO]: 'note' };

function location(where: SourceLocation, address: string) {
  return {
    physicalLocation: {
      artifactLocation: { uri: where.uri },
      ...(where.line !== undefined ? { region: { startLine: where.line } } : {}),
    },
    logicalLocations: [{ fullyQualifiedName: address, kind: 'resource' }],
  };
}

/**
 * SARIF 2.1.0, the format GitHub code scanning reads: one run, the rules as tool metadata (so
 * each alert shows what the rule catches and how to fix it), one result per finding located in
 * its input file, with the Terraform address as the logical location.
 */
export function renderSarif(evaluation: Evaluation, version: string, locate: (file: string, address: string) => SourceLocation): string {
  const rules = RULE_REGISTRY.map((r) => ({
    id: r.id,
    name: r.title.replace(/[^A-Za-z0-9]+(.)?/g, (_, c: string | undefined) => (c ? c.toUpperCase() : '')),
    shortDescription: { text: r.title },
    fullDescription: { text: r.description },
    help: { text: r.fix, markdown: `**Fix:** ${r.fix}` },
    defaultConfiguration: { level: LEVEL[r.defaultSeverity] },
  }));
  const index = new Map<string, number>(rules.map((r, i) => [r.id, i]));
  const results = evaluation.findings.map((f) => ({
    ruleId: f.ruleId,
    ruleIndex: index.get(f.ruleId) ?? 0,
    level: LEVEL[f.severity],
    message: { text: `${f.message} Fix: ${f.fix}` },
    locations: [location(locate(f.file, f.address), f.address)],
    partialFingerprints: { terraformAddress: `${f.file}#${f.address}#${f.ruleId}` },
    ...(f.constructPath ? { properties: { constructPath: f.constructPath } } : {}),
  }));
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'azure-access', semanticVersion: version, informationUri: 'https://www.npmjs.com/package/cdktf-azure-access', rules } },
        results,
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
