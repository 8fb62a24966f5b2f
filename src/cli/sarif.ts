import { SourceLocation } from './source-location';
import { RuleId } from '../model/rule-id';
import { Severity } from '../model/severity';
import { Evaluation } from '../policy/evaluate';
import { RULES } from '../policy/rule-pack';

const LEVEL: Record<Severity, string> = { [Severity.ERROR]: 'error', [Severity.WARNING]: 'warning', [Severity.INFO]: 'note' };

const EXPIRED_SUPPRESSION_RULE = {
  id: RuleId.EXPIRED_SUPPRESSION,
  title: 'Expired suppression',
  description: 'A suppression whose until date has passed: the finding it silenced is back.',
  fix: 'Finish the work the suppression allowed for (then delete it), or extend it with a new reason and date.',
  defaultSeverity: Severity.ERROR,
};

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
  const rules = [...RULES, EXPIRED_SUPPRESSION_RULE].map((r) => ({
    id: r.id,
    name: r.title.replace(/[^A-Za-z0-9]+(.)?/g, (_, c: string | undefined) => (c ? c.toUpperCase() : '')),
    shortDescription: { text: r.title },
    fullDescription: { text: r.description },
    help: { text: r.fix, markdown: `**Fix:** ${r.fix}` },
    defaultConfiguration: { level: LEVEL[r.defaultSeverity] },
  }));
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const results = evaluation.findings.map((f) => ({
    ruleId: f.ruleId,
    ruleIndex: index.get(f.ruleId as RuleId) ?? 0,
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
