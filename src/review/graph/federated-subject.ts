import { isKubernetesSubject, parseKubernetesSubject } from '../../model/kubernetes-subject';

/**
 * Who can satisfy a federated credential: how wide the set of workloads is whose token the
 * issuer writes with a subject the credential trusts.
 *
 * - `gated`: a unit the issuer's side puts reviewers or checks on: a GitHub Actions deployment
 *   environment (required reviewers), an Azure DevOps service connection (approvals and checks),
 *   a Terraform Cloud apply (it waits for confirmation, unless the workspace applies automatically).
 * - `branch`: whoever can push to a branch or tag, or queue a plan (GitHub and GitLab branches and
 *   tags, Terraform Cloud plan runs).
 * - `open`: anyone who can run a workflow there at all: a GitHub `pull_request` subject (anyone
 *   who can open a pull request from a branch of the repository), a subject that names no
 *   environment, branch, tag or pull request, a wildcard of a flexible credential, or a subject
 *   Terraform knows only at apply (unknown counts as the widest).
 * - `not-judged`: who can satisfy it is decided elsewhere than in the subject: a Kubernetes
 *   service account (the cluster's RBAC decides who runs pods as it), or a subject of an issuer
 *   whose subjects have no shape the review knows.
 */
export type SubjectBreadth = 'gated' | 'branch' | 'open' | 'not-judged';

/** A federated credential's trust as the graph reads it. */
export interface FederatedTrust {
  readonly issuer?: string;
  readonly subject?: string;
  /** Set (maybe to undefined, when it cannot be read) only for a flexible credential. */
  readonly claimsMatchingExpression?: string;
}

/** How wide a trust is, and who satisfies it, in words. */
export interface SubjectJudgement {
  readonly breadth: SubjectBreadth;
  /** The CI system the subject is of, when the review knows it: `github`, `gitlab`, `terraform-cloud`, `azure-devops`, `kubernetes`. */
  readonly system?: string;
  /** `pull requests of contoso/infra`, `branch main of contoso/infra`: what the subject names. */
  readonly names: string;
  /** `anyone who can open a pull request from a branch of contoso/infra`: who gets a token. */
  readonly who: string;
  /** A GitHub environment subject: the repository (`contoso/infra`) and environment it names, as written. */
  readonly environment?: { readonly repository: string; readonly name: string };
  /** A Terraform Cloud apply subject: the organization and workspace it names, as written. */
  readonly workspace?: { readonly organization: string; readonly name: string };
}

/** `platform:ops-operator`: a service account subject's namespace and name, as written. */
function serviceAccountName(written: string): string {
  const account = parseKubernetesSubject(written);
  return account === undefined ? written : `${account.namespace}:${account.name}`;
}

const ORDER: readonly SubjectBreadth[] = ['open', 'branch', 'gated', 'not-judged'];

// A Terraform expression inside a value (`${var.environment}`): the part is known only at apply.
const EXPRESSION = /\$\{[^}]*\}/g;
// Stands for an unknown part once expressions are taken out, so no keyword can match it.
const UNKNOWN = '\u0000';

const GITHUB_ISSUER = /^https:\/\/token\.actions\.githubusercontent\.com(\/|$)/;
const TERRAFORM_CLOUD_ISSUER = /^https:\/\/app\.terraform\.io\/?$/;

/** `claims['sub'] matches 'repo:contoso/*'`: one clause of a flexible credential's expression. */
const SUBJECT_CLAUSE = /^claims\[\s*'sub'\s*\]\s+(eq|matches)\s+'([^']*)'$/i;

/** How wide a federated credential's trust is: by its subject, or a flexible credential's expression. */
export function judgeFederatedTrust(trust: FederatedTrust): SubjectJudgement {
  if ('claimsMatchingExpression' in trust && trust.subject === undefined) return judgeExpression(trust.issuer, trust.claimsMatchingExpression);
  return judgeSubject(trust.issuer, trust.subject);
}

/**
 * A flexible credential matches subjects by clauses joined with `and`: each clause on `sub`
 * narrows, and the narrowest decides. A `matches` comparand with `*` or `?` is a wildcard: the
 * open case, whatever it leaves out. No clause on `sub` matches every subject of the issuer.
 */
function judgeExpression(issuer: string | undefined, expression: string | undefined): SubjectJudgement {
  if (expression === undefined || expression.trim().replace(EXPRESSION, UNKNOWN) === UNKNOWN) {
    return unknownSubject(issuer, `claims-matching expression ${expression ?? '(not readable)'}`);
  }
  const clauses = expression.trim().split(/\s+and\s+/i);
  // Only `and` narrows: anything else (an `or`, a clause of another form) is not read as narrowing.
  if (clauses.some((c) => /\s+or\s+/i.test(c.replace(/'[^']*'/g, "''")))) {
    return { breadth: 'open', names: `subjects matching ${expression}`, who: `whoever satisfies any part of ${expression}` };
  }
  const judged: SubjectJudgement[] = [];
  for (const clause of clauses) {
    const match = SUBJECT_CLAUSE.exec(clause.trim());
    if (match === null) continue;
    const [, operator, comparand] = match;
    // A part known only at apply may be a wildcard too: unknown counts as the widest.
    if (operator.toLowerCase() === 'matches' && /[*?]|\$\{/.test(comparand)) {
      judged.push({
        breadth: 'open',
        system: systemOf(issuer, comparand),
        names: `every subject matching '${comparand}'`,
        who: `every workload whose subject matches '${comparand}' (a wildcard${comparand.includes('${') ? ', or a part known only at apply' : ''})`,
      });
    } else {
      judged.push(judgeSubject(issuer, comparand));
    }
  }
  if (judged.length === 0) {
    return { breadth: 'open', names: `any subject (${expression} has no clause on sub)`, who: `every workload ${issuer ?? 'the issuer'} gives a token to` };
  }
  return judged.reduce((a, b) => (ORDER.indexOf(b.breadth) > ORDER.indexOf(a.breadth) ? b : a));
}

function unknownSubject(issuer: string | undefined, written: string): SubjectJudgement {
  return { breadth: 'open', names: `a subject known only at apply (${written})`, who: `every workload ${issuer ?? 'the issuer'} gives a token to (unknown counts as the widest)` };
}

function systemOf(issuer: string | undefined, subject: string): string | undefined {
  if ((issuer !== undefined && GITHUB_ISSUER.test(issuer)) || subject.startsWith('repo:')) return 'github';
  if ((issuer !== undefined && TERRAFORM_CLOUD_ISSUER.test(issuer)) || subject.startsWith('organization:')) return 'terraform-cloud';
  if (subject.startsWith('project_path:')) return 'gitlab';
  if (subject.startsWith('sc://')) return 'azure-devops';
  if (isKubernetesSubject(subject)) return 'kubernetes';
  return undefined;
}

/** One subject, matched exactly: its CI system tells what its parts are. */
function judgeSubject(issuer: string | undefined, written: string | undefined): SubjectJudgement {
  if (written === undefined) return unknownSubject(issuer, 'not readable');
  const subject = written.replace(EXPRESSION, UNKNOWN);
  if (subject === UNKNOWN) return unknownSubject(issuer, written);
  switch (systemOf(issuer, subject)) {
    case 'github': return gitHubSubject(written, pairsOf(subject));
    case 'gitlab': return gitLabSubject(written, pairsOf(subject));
    case 'terraform-cloud': return terraformCloudSubject(written, pairsOf(subject));
    case 'azure-devops':
      return { breadth: 'gated', system: 'azure-devops', names: `service connection ${written.slice('sc://'.length)}`, who: 'pipelines the service connection lets through its approvals and checks' };
    case 'kubernetes':
      return { breadth: 'not-judged', system: 'kubernetes', names: `service account ${serviceAccountName(written)}`, who: 'whoever can run pods as that service account' };
    default:
      return { breadth: 'not-judged', names: `subject ${written}`, who: `workloads ${issuer ?? 'the issuer'} names ${written}` };
  }
}

/**
 * A subject of `key:value` parts (`repo:contoso/infra:environment:prod`), read in order; a
 * GitHub `pull_request` part has no value. Values hold no `:` (Git refs and GitHub names cannot).
 */
function pairsOf(subject: string): Map<string, string> {
  const parts = subject.split(':');
  const pairs = new Map<string, string>();
  for (let i = 0; i < parts.length; i++) {
    if (parts[i] === 'pull_request') {
      pairs.set('pull_request', '');
    } else if (!pairs.has(parts[i])) {
      pairs.set(parts[i], parts[i + 1] ?? UNKNOWN);
      i++;
    } else {
      i++;
    }
  }
  return pairs;
}

/** `contoso/infra`, or `a repository known only at apply`. */
function shown(value: string | undefined, unknown: string): string {
  return value === undefined || value.includes(UNKNOWN) ? unknown : value;
}

/**
 * GitHub writes `repo:<owner>/<repo>:` and one context: `environment:<name>`, `ref:<ref>` (a
 * branch or tag push), or `pull_request` (customized subjects add more `key:value` parts).
 */
function gitHubSubject(written: string, pairs: Map<string, string>): SubjectJudgement {
  const repository = shown(pairs.get('repo'), 'a repository known only at apply');
  const environment = pairs.get('environment');
  const ref = pairs.get('ref');
  const system = 'github';
  if (environment !== undefined) {
    return {
      breadth: 'gated',
      system,
      names: `environment ${shown(environment, '(known only at apply)')} of ${repository}`,
      who: `jobs of ${repository} that deploy to that environment`,
      environment: { repository: pairs.get('repo') ?? '', name: environment },
    };
  }
  if (pairs.has('pull_request')) {
    return { breadth: 'open', system, names: `pull requests of ${repository}`, who: `anyone who can open a pull request from a branch of ${repository}` };
  }
  // A `ref:` context is a push of a branch or tag, whatever its name: one known only at apply is still one.
  if (ref !== undefined) {
    const tag = ref.startsWith('refs/tags/');
    const kind = tag ? 'tag' : ref.startsWith('refs/heads/') ? 'branch' : 'ref';
    return {
      breadth: 'branch',
      system,
      names: `${kind} ${shown(ref.replace(/^refs\/(heads|tags)\//, ''), '(known only at apply)')} of ${repository}`,
      who: `whoever can push ${tag ? 'that tag' : kind === 'branch' ? 'to that branch' : 'that ref'} of ${repository}`,
    };
  }
  return {
    breadth: 'open',
    system,
    names: `${written}, which names no environment, branch, tag or pull request`,
    who: `any workflow run of ${repository} (pull requests included)`,
  };
}

/** GitLab writes `project_path:<group>/<project>:ref_type:<branch|tag>:ref:<name>`; it names no environment. */
function gitLabSubject(written: string, pairs: Map<string, string>): SubjectJudgement {
  const project = shown(pairs.get('project_path'), 'a project known only at apply');
  const type = pairs.get('ref_type');
  const ref = pairs.get('ref');
  // GitLab's ref_type is `branch` or `tag`: one known only at apply is still one of them.
  if (type !== undefined && ref !== undefined) {
    const kind = type === 'tag' ? 'tag' : type === 'branch' ? 'branch' : 'branch or tag';
    return {
      breadth: 'branch',
      system: 'gitlab',
      names: `${kind} ${shown(ref, '(known only at apply)')} of ${project}`,
      who: `whoever can push ${kind === 'branch' ? 'to that branch' : `that ${kind}`} of ${project}`,
    };
  }
  return { breadth: 'open', system: 'gitlab', names: `${written}, which names no branch or tag`, who: `any pipeline of ${project}` };
}

/**
 * Terraform Cloud writes `organization:<org>:project:<project>:workspace:<workspace>:run_phase:<plan|apply>`.
 * An apply waits for someone to confirm it, unless the workspace applies automatically; a plan runs for
 * anything that queues one, speculative plans of a VCS-driven workspace's pull requests included.
 */
function terraformCloudSubject(written: string, pairs: Map<string, string>): SubjectJudgement {
  const workspace = `workspace ${shown(pairs.get('workspace'), '(known only at apply)')} of ${shown(pairs.get('organization'), '(an organization known only at apply)')}`;
  const phase = pairs.get('run_phase');
  const system = 'terraform-cloud';
  if (phase === 'apply') {
    return {
      breadth: 'gated',
      system,
      names: `applies of ${workspace}`,
      who: `confirmed applies of ${workspace}`,
      workspace: { organization: pairs.get('organization') ?? '', name: pairs.get('workspace') ?? '' },
    };
  }
  // A phase known only at apply is plan or apply: the wider, plan.
  if (phase === 'plan' || phase?.includes(UNKNOWN)) {
    return {
      breadth: 'branch',
      system,
      names: `${phase === 'plan' ? 'plans' : 'a run phase known only at apply (plans, the wider)'} of ${workspace}`,
      who: `whatever queues a plan in ${workspace} (in a VCS-driven workspace, speculative plans of pull requests too)`,
    };
  }
  return { breadth: 'open', system, names: `${written}, which names no run phase`, who: `any run of ${workspace}` };
}
