/**
 * The subject a Kubernetes cluster's OIDC issuer writes in a service account's token:
 * `system:serviceaccount:<namespace>:<name>`. The constructs write it and the review reads it
 * back, so both ask here.
 */
const PREFIX = 'system:serviceaccount:';

/** `system:serviceaccount:platform:ops-operator`. */
export function kubernetesSubject(namespace: string, serviceAccountName: string): string {
  return `${PREFIX}${namespace}:${serviceAccountName}`;
}

/** A service account a subject names; undefined for a subject of any other shape. */
export interface KubernetesServiceAccount {
  readonly namespace: string;
  readonly name: string;
}

/**
 * The namespace and service account a subject names, as written (either may be a Terraform
 * expression, known only at apply); undefined when the subject is not a service account's.
 */
export function parseKubernetesSubject(subject: string | undefined): KubernetesServiceAccount | undefined {
  if (subject === undefined || !subject.startsWith(PREFIX)) return undefined;
  const rest = subject.slice(PREFIX.length);
  // A namespace holds no ':'; an expression in it (`${var.ns}`) may hold none either.
  const at = rest.indexOf(':');
  if (at <= 0 || at === rest.length - 1) return undefined;
  return { namespace: rest.slice(0, at), name: rest.slice(at + 1) };
}

/** Whether a subject is a Kubernetes service account's, whatever its parts. */
export function isKubernetesSubject(subject: string): boolean {
  return subject.startsWith(PREFIX);
}
