/**
 * "Key Vault Secrets User" → KEY_VAULT_SECRETS_USER, "AcrPull" → ACR_PULL,
 * "Advisor Recommendations Contributor (Assessments and Reviews)" →
 * ADVISOR_RECOMMENDATIONS_CONTRIBUTOR_ASSESSMENTS_AND_REVIEWS.
 */
export function constantName(roleName: string): string {
  const words = roleName
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .toUpperCase();
  if (!words) throw new Error(`Role name "${roleName}" has no letters or digits to name a constant after.`);
  return /^[0-9]/.test(words) ? `ROLE_${words}` : words;
}
