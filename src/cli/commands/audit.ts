import { audit as auditAccess } from '../../review/audit/audit';
import { ExportKind } from '../../review/audit/export-stream';
import { importBlocks } from '../../review/audit/import-blocks';
import { assignmentKey, directoryRoleKey, graphObjectKey, LiveExport, mergeExports, objectKey } from '../../review/audit/live-types';
import { APP_ROLE_ASSIGNMENTS } from '../../review/audit/parse-app-role-assignments';
import { APPLICATIONS } from '../../review/audit/parse-applications';
import { AzureHoundCollection, AzureHoundPart, holdsPart, notReviewedOf, readAzureHound } from '../../review/audit/parse-azurehound';
import { DIRECTORY_ROLE_ASSIGNMENTS, DIRECTORY_ROLE_ELIGIBILITIES } from '../../review/audit/parse-directory-roles';
import { ELIGIBILITY_SCHEDULES } from '../../review/audit/parse-eligibility-schedules';
import { GROUP_MEMBERS, membersNotListed } from '../../review/audit/parse-group-members';
import { MANAGED_IDENTITIES } from '../../review/audit/parse-managed-identities';
import { ROLE_ASSIGNMENT_LIST } from '../../review/audit/parse-role-assignments';
import { renderAuditJsonLines, renderAuditJsonParts, renderAuditMarkdown } from '../../review/audit/render-audit';
import { renderOpenGraphParts } from '../../review/export/render-opengraph';
import { auditOpenGraph } from '../../review/export/review-opengraph';
import { AccessGraph } from '../../review/graph/access-graph';
import { CliIo, ExitCode } from '../cli-io';
import { collectGarbage } from '../collect-garbage';
import { thresholdResult } from '../findings-output';
import { graphOf, loadSources } from '../load-graph';
import { refuseInputAsOutput } from '../output-not-input';
import { CommandSpec, parseArgs, repeatedValues } from '../parse-args';
import { readExport } from '../read-export';
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
  repeatable: ['live-assignments', 'live-eligibility', 'apps', 'identities', 'live-directory-roles', 'live-directory-eligibility', 'live-app-roles', 'live-group-members', 'azurehound'],
};

/** What audit reads of an AzureHound collection; the rest of it is named as not reviewed (AUD013). */
const AZUREHOUND_PARTS: readonly AzureHoundPart[] = [
  'assignments', 'directoryRoles', 'managedIdentities', 'applications', 'appRoleAssignments', 'groupMembers',
];

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
  --azurehound FILE         AzureHound's collection (azurehound list -o FILE ...), instead of or
                            beside the exports above: its Azure role assignments, Entra directory
                            role assignments, managed identities, applications, Microsoft Graph
                            permissions and group members are read (the same item in both is one);
                            every other kind is named with its count as not reviewed (AUD013)

Findings: assignments no code declares, declared ones missing from the tenant, people with
standing Owner/User Access Administrator, secrets still alive (expired ones too), managed
identities without any assignment, and the escalations the tenant holds already, one per root
cause; with the directory role exports, the same drift for Entra directory roles (tier 0 as an
error) and people with standing Global or Privileged Role Administrator. Secret values are never
printed.

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
    const exportOptions = [
      'live-assignments', 'live-eligibility', 'apps', 'identities', 'live-directory-roles', 'live-directory-eligibility', 'live-app-roles',
      'live-group-members', 'azurehound',
    ] as const;
    refuseInputAsOutput('audit', io.cwd, '--emit-imports', importsFile, [
      ...exportOptions.flatMap((o) => filesOf(o).map((value) => ({ option: `--${o}`, value }))),
      ...args.inputs.map((value) => ({ value })),
    ]);
    checkOutputFile(io.cwd, importsFile, '--emit-imports');
  }
  // Read one after another, in the order given: the first bad file is the one told, every run.
  // The files of one kind share their texts: a principal named in 250 subscriptions' files is kept once.
  // AzureHound's files come after the az and Graph exports: an assignment both hold is kept as az wrote it.
  const readAll = <T>(option: string, kind: ExportKind<T>) => {
    const texts = new Map<string, string>();
    return filesOf(option).map((file): LiveExport<T> => readExport(io.cwd, file, kind, texts));
  };
  const assignments = readAll('live-assignments', ROLE_ASSIGNMENT_LIST);
  const eligibilities = readAll('live-eligibility', ELIGIBILITY_SCHEDULES);
  const applications = readAll('apps', APPLICATIONS);
  const identities = readAll('identities', MANAGED_IDENTITIES);
  const directoryRoles = readAll('live-directory-roles', DIRECTORY_ROLE_ASSIGNMENTS);
  const directoryEligibilities = readAll('live-directory-eligibility', DIRECTORY_ROLE_ELIGIBILITIES);
  const appRoleAssignments = readAll('live-app-roles', APP_ROLE_ASSIGNMENTS);
  const graphGroups = readAll('live-group-members', GROUP_MEMBERS);
  const houndTexts = new Map<string, string>();
  const hounds = filesOf('azurehound').map((file) => readAzureHound(file, (kind) => readExport(io.cwd, file, kind, houndTexts)));
  // A part a collection holds no item of was not collected (azurehound list az-ad has no Azure role
  // assignments): it is no empty export, or every declared grant of that part would be "missing".
  const fromHounds = <T>(part: AzureHoundPart, of: (hound: AzureHoundCollection) => LiveExport<T>) =>
    hounds.filter((h) => holdsPart(h, part)).map(of);
  const houndAssignments = fromHounds('assignments', (h) => h.assignments);
  if (assignments.length === 0 && houndAssignments.length === 0) {
    throw new UsageError(`${hounds.map((h) => h.file).join(', ')} holds no Azure role assignments (AZSubscriptionRoleAssignment, ...): `
      + 'collect them (azurehound list az-rm, or list) or give --live-assignments', 'audit');
  }

  const live = {
    assignments: mergeExports([...assignments, ...houndAssignments], assignmentKey)!,
    eligibilities: mergeExports(eligibilities, assignmentKey),
    applications: mergeExports([...applications, ...fromHounds('applications', (h) => h.applications)], objectKey),
    managedIdentities: mergeExports([...identities, ...fromHounds('managedIdentities', (h) => h.managedIdentities)], objectKey),
    directoryRoles: mergeExports([...directoryRoles, ...fromHounds('directoryRoles', (h) => h.directoryRoles)], directoryRoleKey),
    directoryEligibilities: mergeExports(directoryEligibilities, directoryRoleKey),
    appRoleAssignments: mergeExports([...appRoleAssignments, ...fromHounds('appRoleAssignments', (h) => h.appRoleAssignments)], graphObjectKey),
    groupMembers: mergeExports([...graphGroups, ...fromHounds('groupMembers', (h) => h.groupMembers)], objectKey),
    notReviewed: [
      ...hounds.flatMap((h) => notReviewedOf(h, AZUREHOUND_PARTS)),
      // Only Graph's $expand stops at 20 members; the collector pages through them all.
      ...graphGroups.flatMap(membersNotListed),
    ],
  };
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
