/**
 * Entra's limits on federated identity credentials, for user-assigned managed identities as for
 * applications:
 * - at most 20 on one identity ("Important considerations and restrictions for federated identity
 *   credentials", https://learn.microsoft.com/entra/workload-id/workload-identity-federation-considerations);
 * - issuer, subject and the one audience of at most 600 characters each, and a name of 3 to 120
 *   letters, digits, '-' and '_' that starts with a letter or digit, unique on the identity
 *   ("Configure an app to trust an external identity provider",
 *   https://learn.microsoft.com/entra/workload-id/workload-identity-federation-create-trust).
 * A credential's name is the last segment of its ARM ID, so a second one of the same name on one
 * identity is the same resource: the azurerm provider refuses to create it ("already exists - to
 * be managed via Terraform this resource needs to be imported into the State").
 */
export const FEDERATED_CREDENTIAL_LIMITS = {
  maxPerIdentity: 20,
  maxIssuerLength: 600,
  maxSubjectLength: 600,
  maxAudienceLength: 600,
  name: /^[A-Za-z0-9][A-Za-z0-9_-]{2,119}$/,
} as const;

/** What a federated credential name must look like, for messages. */
export const FEDERATED_CREDENTIAL_NAME_ACCEPTED = "3 to 120 letters, digits, '-' and '_', starting with a letter or digit";
