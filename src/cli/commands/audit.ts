import { audit as auditAccess } from '../../review/audit/audit';
import { importBlocks } from '../../review/audit/import-blocks';
import { renderAuditJsonLines, renderAuditJsonParts, renderAuditMarkdown } from '../../review/audit/render-audit';
import { renderOpenGraphParts } from '../../review/export/render-opengraph';
import { auditOpenGraph } from '../../review/export/review-opengraph';
import { AccessGraph } from '../../review/graph/access-graph';
import { CliIo, ExitCode } from '../cli-io';
import { collectGarbage } from '../collect-garbage';
import { thresholdResult } from '../findings-output';
import { LIVE_EXPORT_OPTIONS, readLiveExports } from '../live-exports';
import { graphOf, loadSources } from '../load-graph';
import { refuseInputAsOutput } from '../output-not-input';
import { CommandSpec, parseArgs, repeatedValues } from '../parse-args';
import { stepSummary } from '../step-summary';
import { todayOf } from '../today';
import { UsageError } from '../usage-error';
import { deliver, Delivery, STANDARD_ERROR, STANDARD_OUTPUT } from '../write-failure';
import { checkOutputFile, writeOutputFile } from '../write-output-file';

/** `--emit-imports -`: the import blocks go to standard output. */
const STDOUT = '-';

export const AUDIT: CommandSpec = {
  name: 'audit',
  values: {
    'emit-imports': 'any',
    'format': ['markdown', 'json', 'jsonl', 'opengraph'],
    'fail-on': ['error', 'warning', 'never'],
    'today': 'any',
  },
  flags: [],
  // One file per subscription (or per page), as Azure exports them.
  repeatable: [...LIVE_EXPORT_OPTIONS],
};

export const AUDIT_HELP = `Usage: azure-access audit (--live-assignments FILE | --azurehound FILE) [options] [desired inputs...]

Compares what the code declares with what the tenant holds.

Live exports (in the exact shapes the tools print; each may be given once per file, such as one
file per subscription):
  --live-assignments FILE   az role assignment list --all -o json   (this or --azurehound required)
  --live-eligibility FILE   ARM roleEligibilitySchedules list (az rest ...)
  --apps FILE               Microsoft Graph GET /applications (credentials)
  --identities FILE         Microsoft Graph managed-identity servicePrincipals
  --live-directory-roles FILE   Entra directory role assignments:
      az rest --method get --url "https://graph.microsoft.com/v1.0/roleManagement/directory/roleAssignments?\\$expand=principal"
  --live-directory-eligibility FILE   Entra directory role eligibility schedules (PIM):
      az rest --method get --url "https://graph.microsoft.com/v1.0/roleManagement/directory/roleEligibilitySchedules?\\$expand=principal"
  --live-app-roles FILE     Microsoft Graph application permissions granted (who holds which), for AUD010:
      az rest --method get --url "https://graph.microsoft.com/v1.0/servicePrincipals(appId='00000003-0000-0000-c000-000000000000')/appRoleAssignedTo?\\$top=999"
  --live-group-members FILE groups with their members (role-assignable ones first), for AUD010:
      az rest --method get --url "https://graph.microsoft.com/v1.0/groups?\\$filter=isAssignableToRole eq true&\\$select=id,displayName,isAssignableToRole&\\$expand=members(\\$select=id,displayName)"
  --live-owners FILE        owners of applications, service principals and groups, for AUD010:
      az rest --method get --url "https://graph.microsoft.com/v1.0/servicePrincipals?\\$select=id,appId,displayName,servicePrincipalType&\\$expand=owners(\\$select=id,displayName)"
      (and the same of applications?\\$select=id,appId,displayName and of groups: see the README)
  --live-group-eligibility FILE   PIM for Groups eligibility schedules, one call per group, for AUD010
  --live-group-assignments FILE   PIM for Groups assignment schedules, one call per group, for AUD010
  --app-federated-credentials FILE   applications' federated credentials (AUD014-AUD016):
      az rest --method get --url "https://graph.microsoft.com/v1.0/applications?\\$select=id,appId,displayName&\\$expand=federatedIdentityCredentials"
  --identity-federated-credentials FILE   a user-assigned identity's federated credentials (AUD014-AUD016):
      az identity federated-credential list --identity-name NAME --resource-group RG -o json
  --azurehound FILE         AzureHound's collection (azurehound list -o FILE ...), instead of or
                            beside the exports above: its Azure role assignments, Entra directory
                            role assignments, managed identities, applications, Microsoft Graph
                            permissions, group members and owners are read (the same item in both
                            is one); every other kind is named with its count as not reviewed (AUD013)

Findings: assignments no code declares, declared ones missing from the tenant, people with
standing Owner/User Access Administrator, secrets still alive (expired ones too), managed
identities without any assignment, and the escalations the tenant holds already, one per root
cause; with the directory role exports, the same drift for Entra directory roles (tier 0 as an
error) and people with standing Global or Privileged Role Administrator; with the federated
credential exports, trusts no code declares (AUD014: an error when open to many subjects),
declared ones the tenant lacks (AUD015) or whose owner no export lists (AUD016). Secret values
are never printed.

Options:
  --emit-imports FILE      write Terraform import blocks (JSON) for the unmanaged assignments;
                           FILE may be neither an input nor inside an input directory. With -,
                           the blocks go to standard output and the audit to standard error
                           (markdown; --format json is refused with it)
  --format markdown|json|jsonl|opengraph   output format (default markdown); jsonl is a summary
                           line, then one line a finding; opengraph is BloodHound OpenGraph JSON
                           of the code's and the tenant's edges, each marked code, tenant or both
  --fail-on error|warning|never   exit 1 at this severity (default error)
  --today YYYY-MM-DD       judge end dates against this day (default: today, UTC)
When GITHUB_STEP_SUMMARY is set, the markdown audit is appended to it as well.
`;

export async function audit(argv: string[], io: CliIo): Promise<ExitCode> {
  const args = parseArgs(AUDIT, argv);
  const today = todayOf('audit', args.options.today);
  const filesOf = (option: string) => repeatedValues(args, option);
  if (filesOf('live-assignments').length === 0 && filesOf('azurehound').length === 0) {
    throw new UsageError('--live-assignments FILE is required (az role assignment list --all -o json), or --azurehound FILE', 'audit');
  }
  const importsFile = args.options['emit-imports'];
  const importsToStdout = importsFile === STDOUT;
  const format = args.options.format ?? 'markdown';
  if (importsToStdout && format !== 'markdown') {
    throw new UsageError(`--emit-imports - writes the import blocks to standard output, where --format ${format} would write the audit too: `
      + `give --emit-imports a file, or leave out --format ${format} (the audit then goes to standard error as markdown)`, 'audit');
  }
  // Refused before the exports are read: an input, a FIFO, a device or a directory is never written.
  if (importsFile !== undefined && !importsToStdout) {
    refuseInputAsOutput('audit', io.cwd, '--emit-imports', importsFile, [
      ...LIVE_EXPORT_OPTIONS.flatMap((o) => filesOf(o).map((value) => ({ option: `--${o}`, value }))),
      ...args.inputs.map((value) => ({ value })),
    ]);
    checkOutputFile(io.cwd, importsFile, '--emit-imports');
  }
  const live = readLiveExports('audit', args, io)!;
  // The parser's leftovers and the merge's keys (a tenant's exports are gigabytes of JSON) go before the audit starts.
  collectGarbage();
  const desired = args.inputs.length ? graphOf(await loadSources('audit', args.inputs, io)) : AccessGraph.fromDocuments([]);
  const result = auditAccess(desired, live, { today, released: collectGarbage });

  // Everything is read and judged before anything is written; the text is made as it is written
  // (a tenant's audit is more than one string can hold).
  let markdownText: string | undefined;
  const markdown = () => (markdownText ??= renderAuditMarkdown(result));
  const render = (): Iterable<string> => (format === 'opengraph' ? renderOpenGraphParts(auditOpenGraph(desired, live, result.matched))
    : format === 'jsonl' ? renderAuditJsonLines(result) : format === 'json' ? renderAuditJsonParts(result) : [markdown()]);
  const writeAudit = (write: (text: string) => void) => {
    for (const part of render()) write(part);
  };
  const blocks = importsFile === undefined ? undefined : `${JSON.stringify(importBlocks(result.unmanaged), null, 2)}\n`;
  const deliveries: Delivery[] = blocks === undefined ? [{ target: STANDARD_OUTPUT, write: () => writeAudit(io.stdout) }]
    : importsToStdout ? [
      { target: `${STANDARD_OUTPUT} (--emit-imports -)`, write: () => io.stdout(blocks) },
      { target: STANDARD_ERROR, write: () => writeAudit(io.stderr) },
    ] : [
      { target: `--emit-imports ${importsFile}`, write: () => writeOutputFile(io.cwd, importsFile!, '--emit-imports', blocks) },
      { target: STANDARD_OUTPUT, write: () => writeAudit(io.stdout) },
    ];
  return deliver(thresholdResult(result.findings, args.options['fail-on'] ?? 'error'), [...deliveries, ...stepSummary(io, markdown)]);
}
