import { isGuid } from '../../model/guid';

/**
 * What an ABAC condition on a role assignment lets its holder assign: the constrained delegation
 * Azure's portal writes for Role Based Access Control Administrator and User Access Administrator,
 *
 *   ((!(ActionMatches{'Microsoft.Authorization/roleAssignments/write'})) OR
 *    (@Request[Microsoft.Authorization/roleAssignments:RoleDefinitionId] ForAnyOfAnyValues:GuidEquals {<guid>, <guid>}
 *     AND @Request[Microsoft.Authorization/roleAssignments:PrincipalType] ForAnyOfAnyValues:StringEqualsIgnoreCase {'ServicePrincipal'}))
 *
 * Only that shape is trusted: the branch that allows the write must name the roles, and may add
 * constraints (AND) but no alternative (OR). Anything else is undefined: not constrained, the wider case.
 */
export interface Delegation {
  /** The role definition GUIDs, lower case. */
  readonly roleGuids: string[];
  /** The principal types it may assign to, when the condition says. */
  readonly principalTypes?: string[];
}

const WRITE_GUARD = /\(\s*!\s*\(\s*ActionMatches\s*\{\s*'Microsoft\.Authorization\/roleAssignments\/write'\s*\}\s*\)\s*\)\s*OR\s*\(/i;
const ROLE_IDS = /@Request\[Microsoft\.Authorization\/roleAssignments:RoleDefinitionId\]\s+(?:ForAnyOfAnyValues:GuidEquals\s*\{([^}]*)\}|GuidEquals\s+([0-9a-fA-F-]{36}))/gi;
const PRINCIPAL_TYPES = /@Request\[Microsoft\.Authorization\/roleAssignments:PrincipalType\]\s+(?:ForAnyOfAnyValues:)?StringEqualsIgnoreCase\s*\{?([^}]*?)\}?\s*(?:\)|AND|$)/i;

export function delegationOf(condition: string | undefined): Delegation | undefined {
  if (condition === undefined || condition.includes('${')) return undefined;
  const guard = WRITE_GUARD.exec(condition);
  if (guard === null) return undefined;
  const branch = balanced(condition, guard.index + guard[0].length - 1);
  if (branch === undefined || /\bOR\b/i.test(withoutLists(branch))) return undefined;
  const guids: string[] = [];
  for (const match of branch.matchAll(ROLE_IDS)) {
    const items = (match[1] ?? match[2]).split(',').map((s) => s.trim()).filter((s) => s !== '');
    // A role that is not a GUID (an expression the review could not resolve) may be any role.
    if (items.some((item) => !isGuid(item))) return undefined;
    guids.push(...items.map((item) => item.toLowerCase()));
  }
  if (guids.length === 0) return undefined;
  const types = PRINCIPAL_TYPES.exec(branch)?.[1]?.split(',').map((s) => s.trim().replace(/^'|'$/g, '')).filter((s) => s !== '');
  return { roleGuids: [...new Set(guids)], ...(types === undefined || types.length === 0 ? {} : { principalTypes: types }) };
}

/** The text inside the parenthesis that opens at `open`, or undefined when it never closes. */
function balanced(text: string, open: number): string | undefined {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')' && --depth === 0) return text.slice(open + 1, i);
  }
  return undefined;
}

/** The text without its `{...}` value lists, where an `OR` is a value, not an alternative. */
function withoutLists(text: string): string {
  return text.replace(/\{[^}]*\}/g, '{}');
}
