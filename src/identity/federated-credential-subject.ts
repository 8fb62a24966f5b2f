import { kubernetesSubject } from '../model/kubernetes-subject';
import { isUnresolved } from '../private/cdktf-runtime';

/** The audience Entra expects in tokens exchanged for a managed identity's token. */
export const AZURE_AD_TOKEN_EXCHANGE = 'api://AzureADTokenExchange';
const GITHUB_ISSUER = 'https://token.actions.githubusercontent.com';

/** Which GitHub Actions runs are trusted: a repository plus exactly one of the filters. */
export interface GitHubActionsTrustProps {
  /** The repository whose runs are trusted: `owner/repository`. */
  readonly repository: string;
  /** Jobs that run in this deployment environment (`environment: prod`). */
  readonly environment?: string;
  /** Runs on this branch (`main`), without `refs/heads/`. */
  readonly branch?: string;
  /** Runs for this tag (`v1.2.0`), without `refs/tags/`. */
  readonly tag?: string;
  /**
   * Runs triggered by pull requests. Use with care: anyone who can open one from a branch of the
   * repository is trusted. On an identity that holds a tier-0 or tier-1 role or permission, the
   * guard reports it as an error (AZA032), and a branch or tag as a warning.
   */
  readonly pullRequest?: boolean;
  /**
   * Why this trust is a deliberate exception to trusting only a deployment environment with
   * required reviewers (AZA032: a branch, tag or pull request on a tier-0 or tier-1 identity).
   * Recorded in the synthesized JSON as an accepted AZA032, so `azure-access check` accepts it
   * too. Never empty.
   * @default - none: the guard judges the trust
   */
  readonly justification?: string;
}

/** A Kubernetes service account (AKS workload identity or any OIDC-issuing cluster). */
export interface KubernetesServiceAccountTrustProps {
  /** The cluster's OIDC issuer URL (AKS: `oidc_issuer_url` of the cluster). */
  readonly issuerUrl: string;
  /** The namespace of the service account. */
  readonly namespace: string;
  /** The service account's name, as the pods' `serviceAccountName` gives it. */
  readonly serviceAccountName: string;
}

/** Any OIDC issuer and subject. */
export interface OidcTrustProps {
  /** The issuer's URL (https), as its tokens carry it in `iss`. */
  readonly issuer: string;
  /** The subject its tokens must carry in `sub`, exactly: who is trusted. */
  readonly subject: string;
  /**
   * The audiences its tokens may carry in `aud`.
   * @default ["api://AzureADTokenExchange"]
   */
  readonly audiences?: string[];
}

/**
 * Who may exchange a token for the identity's token, without any secret. Built with one of the
 * static factories.
 */
export class FederatedCredentialSubject {
  /**
   * GitHub Actions runs of one repository, narrowed by exactly one of environment, branch, tag
   * or pull request (the subject claim GitHub puts in its OIDC token).
   */
  public static gitHubActions(props: GitHubActionsTrustProps): FederatedCredentialSubject {
    if (!isUnresolved(props.repository) && !/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/.test(props.repository)) {
      throw new Error(`GitHub repository "${props.repository}" is not of the form owner/repository.`);
    }
    const filters = [
      props.environment !== undefined ? `environment:${props.environment}` : undefined,
      props.branch !== undefined ? `ref:refs/heads/${props.branch}` : undefined,
      props.tag !== undefined ? `ref:refs/tags/${props.tag}` : undefined,
      props.pullRequest ? 'pull_request' : undefined,
    ].filter((f): f is string => f !== undefined);
    if (filters.length !== 1) {
      throw new Error(
        `GitHub Actions trust for ${props.repository} needs exactly one of environment, branch, tag or pullRequest; ` +
          `got ${filters.length === 0 ? 'none' : filters.join(', ')}. Trusting a whole repository would let any workflow in it deploy.`,
      );
    }
    for (const [name, value] of Object.entries({ environment: props.environment, branch: props.branch, tag: props.tag })) {
      if (value !== undefined && !isUnresolved(value) && (!value.trim() || value.includes('*'))) {
        throw new Error(`GitHub Actions trust for ${props.repository}: ${name} "${value}" must be a non-empty name without wildcards.`);
      }
    }
    return new FederatedCredentialSubject(GITHUB_ISSUER, `repo:${props.repository}:${filters[0]}`, [AZURE_AD_TOKEN_EXCHANGE], props.justification);
  }

  /** A Kubernetes service account: subject `system:serviceaccount:<namespace>:<name>`. */
  public static kubernetesServiceAccount(props: KubernetesServiceAccountTrustProps): FederatedCredentialSubject {
    checkIssuer(props.issuerUrl);
    for (const [name, value] of Object.entries({ namespace: props.namespace, serviceAccountName: props.serviceAccountName })) {
      if (!isUnresolved(value) && !/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(value)) {
        throw new Error(`Kubernetes ${name} "${value}" is not a valid Kubernetes name (lower case letters, digits, '-' and '.').`);
      }
    }
    return new FederatedCredentialSubject(
      props.issuerUrl,
      kubernetesSubject(props.namespace, props.serviceAccountName),
      [AZURE_AD_TOKEN_EXCHANGE],
    );
  }

  /** Any OIDC issuer (an https URL) and subject. */
  public static oidc(props: OidcTrustProps): FederatedCredentialSubject {
    checkIssuer(props.issuer);
    if (!isUnresolved(props.subject) && !props.subject.trim()) throw new Error('OIDC trust: subject must not be empty.');
    const audiences = props.audiences ?? [AZURE_AD_TOKEN_EXCHANGE];
    if (audiences.length !== 1) {
      throw new Error(`OIDC trust: Azure accepts exactly one audience per federated credential; got ${audiences.length}.`);
    }
    return new FederatedCredentialSubject(props.issuer, props.subject, audiences);
  }

  /** The issuer whose tokens are trusted. */
  public readonly issuer: string;
  /** The subject a trusted token carries: who may act as the identity. */
  public readonly subject: string;
  /** The audiences a trusted token may carry. */
  public readonly audiences: string[];
  /**
   * Why this trust is a deliberate exception (see `GitHubActionsTrustProps.justification`); the
   * identity records it on the credential as an accepted AZA032.
   * @default - none
   */
  public readonly justification?: string;

  private constructor(issuer: string, subject: string, audiences: string[], justification?: string) {
    this.issuer = issuer;
    this.subject = subject;
    this.audiences = audiences;
    this.justification = justification;
  }
}

function checkIssuer(issuer: string): void {
  if (!isUnresolved(issuer) && !/^https:\/\/[^\s/]+/.test(issuer)) {
    throw new Error(`OIDC issuer "${issuer}" is not an https URL; Entra accepts only https issuers.`);
  }
}
