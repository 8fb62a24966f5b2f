import { holdingsOf, widestHolding } from './principal-holdings';
import { RuleId } from '../../model/rule-id';
import { Severity } from '../../model/severity';
import { describeReach } from '../../review/escalation/describe-root-cause';
import { AccessGraph } from '../../review/graph/access-graph';
import { credentialOwnerName, credentialPrincipal } from '../../review/graph/credential-owner';
import { describePrincipal } from '../../review/graph/describe-principal';
import { judgeFederatedTrust, SubjectJudgement } from '../../review/graph/federated-subject';
import { GraphCredential } from '../../review/graph/graph-types';
import { parseReference } from '../../review/reference';
import { Rule, RuleHit } from '../rule';

/** The widest EAM tier that makes an identity's trusts matter: tier 0 and tier 1 (`permissionTierRank`). */
const PRIVILEGED_RANK = 1;

const ENVIRONMENT_FIX = 'Trust a deployment environment with required reviewers: `trustGitHubActions(id, { repository, environment: \'prod\' })`, '
  + 'or subject `repo:<owner>/<repo>:environment:<name>`, and give the environment required reviewers in GitHub.';

/** What the identity a trust signs in as holds, in words, and whether that makes it tier 0 or 1. */
interface Privilege {
  readonly privileged: boolean;
  readonly text: string;
  /** The identity is not in the configuration: its tier cannot be told. */
  readonly unseen?: boolean;
}

/** Whether a credential's owner is an application this configuration declares (without its service principal). */
function ownerIsDeclaredApplication(credential: GraphCredential, graph: AccessGraph): boolean {
  const address = parseReference(credential.owner)?.address ?? credential.owner;
  return graph.directoryObjects.some((o) => o.kind === 'application' && o.origin.address === address && o.origin.file === credential.origin.file);
}

/**
 * A GitHub environment subject whose environment the configuration declares without required
 * reviewers: any job of the repository may deploy to it, as to a branch. The repository is
 * matched by name (`contoso/infra` is `infra` of the configuration's `github_repository`).
 */
function ungatedEnvironment(judgement: SubjectJudgement, graph: AccessGraph): boolean {
  const named = judgement.environment;
  if (named === undefined) return false;
  const repositoryName = named.repository.split('/').pop();
  return graph.gitHubEnvironments.some((e) => !e.requiredReviewers && e.environment === named.name
    && (e.repository === named.repository || e.repository === repositoryName));
}

function privilegeOf(credential: GraphCredential, graph: AccessGraph): Privilege {
  const principal = credentialPrincipal(credential, graph);
  if (principal === undefined) {
    // What an identity declared elsewhere holds is not in the configuration: it may be anything,
    // so the trust is named (a warning), and said to be unjudged rather than graded tier 0.
    const owner = credentialOwnerName(credential, graph);
    const application = ownerIsDeclaredApplication(credential, graph);
    return {
      privileged: true,
      unseen: true,
      text: application
        ? `the application ${owner}, whose service principal this configuration does not declare: what it holds cannot be seen here`
        : `the identity ${owner}, which this configuration does not declare: what it holds cannot be seen here`,
    };
  }
  const holdings = holdingsOf(principal, graph);
  const widest = widestHolding(holdings);
  if (widest === undefined || widest.tierRank > PRIVILEGED_RANK) return { privileged: false, text: describePrincipal(principal) };
  const others = holdings.length - 1;
  return {
    privileged: true,
    text: `${describePrincipal(principal)}, which holds ${describeReach(widest)} (tier ${widest.tierRank})`
      + `${others === 0 ? '' : ` and ${others} other grant${others === 1 ? '' : 's'}`}`,
  };
}

/** A fix for the CI systems whose subjects name no environment; GitHub's is the rule's own. */
function fixFor(judgement: SubjectJudgement): string | undefined {
  if (judgement.system === 'gitlab') {
    return 'GitLab puts no environment in the subject: trust a protected branch or tag whose pipelines deploy through a protected environment with '
      + 'approvals, or move this trust to an identity that holds only what that pipeline needs.';
  }
  if (judgement.system === 'terraform-cloud') {
    return 'Trust only `run_phase:apply` with this identity (with auto-apply off, an apply waits for someone to confirm it), and give plans an identity that only reads.';
  }
  return undefined;
}

/** A Terraform Cloud apply subject whose workspace the configuration declares with auto-apply on: every run that plans, applies. */
function autoApplied(judgement: SubjectJudgement, graph: AccessGraph): boolean {
  const named = judgement.workspace;
  return named !== undefined && graph.terraformCloudWorkspaces.some((w) => w.autoApply && w.name === named.name);
}

/** The subject as the configuration shows it: a gate it declares open (no reviewers, auto-apply) is judged as a branch. */
function asDeclared(judged: SubjectJudgement, graph: AccessGraph): SubjectJudgement {
  if (judged.breadth !== 'gated') return judged;
  if (ungatedEnvironment(judged, graph)) {
    return { ...judged, breadth: 'branch', names: `${judged.names}, which this configuration declares without required reviewers`, who: `any job of ${judged.environment!.repository}` };
  }
  if (autoApplied(judged, graph)) {
    return { ...judged, breadth: 'branch', names: `${judged.names}, which this configuration declares with auto-apply on`, who: 'every run that plans there, unconfirmed' };
  }
  return judged;
}

function hitOf(credential: GraphCredential, graph: AccessGraph): RuleHit[] {
  const judgement = asDeclared(judgeFederatedTrust(credential), graph);
  if (judgement.breadth === 'gated' || judgement.breadth === 'not-judged') return [];
  const privilege = privilegeOf(credential, graph);
  if (!privilege.privileged) return [];
  const fix = fixFor(judgement);
  return [{
    origin: credential.origin,
    message: `federated credential trusts ${judgement.names}: ${judgement.who} can get a token of ${privilege.text}.`,
    severity: judgement.breadth === 'open' && !privilege.unseen ? Severity.ERROR : Severity.WARNING,
    ...(fix === undefined ? {} : { fix }),
  }];
}

export const privilegedTrustWithoutEnvironment: Rule = {
  id: RuleId.PRIVILEGED_TRUST_WITHOUT_ENVIRONMENT,
  title: 'Privileged identity trusts more than an environment',
  defaultSeverity: Severity.ERROR,
  description: 'A federated credential (azurerm, azuread, its flexible variant, azapi) of a tier-0 or tier-1 identity whose subject is no deployment environment. '
    + 'The tier is the widest of what the identity holds standing, its own or a group\'s it is a standing member of: Azure roles, Entra roles and application '
    + 'permissions, as the entraops data classifies them; a trust of an identity whose holdings the configuration does not show is a warning that says so. '
    + 'An environment the configuration declares without required reviewers is judged as a branch. An error when anyone who can open '
    + 'a pull request can satisfy it (a GitHub pull_request subject, one that names no environment, branch, tag or pull request, a wildcard in a flexible '
    + 'credential\'s expression) or when the subject is known only at apply; a warning for a branch or tag (GitHub, GitLab) or a Terraform Cloud plan. '
    + 'Environments, Azure DevOps service connections (their approvals and checks), Terraform Cloud applies (confirmed by someone, unless auto-apply is on) and Kubernetes '
    + 'service accounts (the cluster\'s RBAC decides who runs as one) are not this rule\'s findings, nor subjects of other issuers.',
  fix: `${ENVIRONMENT_FIX} For a flexible credential, replace the wildcard with one credential per environment.`,
  acceptedBy: '`justification` on `trustGitHubActions`, or a suppression with a reason',
  check: (graph) => graph.credentials.filter((c) => c.kind === 'federated').flatMap((c) => hitOf(c, graph)),
};
