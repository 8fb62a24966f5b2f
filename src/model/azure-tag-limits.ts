import { echo } from './echo';
import { isToken } from './token';

/**
 * Azure's limits on the tags of one resource, as "Use tags to organize your Azure resources"
 * documents them (section "Limitations"):
 * https://learn.microsoft.com/azure/azure-resource-manager/management/tag-resources#limitations
 * - at most 50 tag name/value pairs on a resource or resource group;
 * - a tag name of at most 512 characters, a tag value of at most 256;
 * - no `<`, `>`, `%`, `&`, `\`, `?` or `/` in a tag name.
 *
 * The azurerm provider checks the count and both lengths at plan, counting bytes (Go's `len`),
 * so a value of 256 characters that are not all ASCII fails there although Azure would count
 * characters: the lengths here are UTF-8 bytes, the stricter of the two, which is what applies.
 * The forbidden characters only Azure checks, at apply (InvalidTagNameCharacters).
 */
export const TAG_LIMITS = {
  maxTags: 50,
  maxNameBytes: 512,
  maxValueBytes: 256,
  forbiddenNameCharacters: ['<', '>', '%', '&', '\\', '?', '/'],
} as const;

/** What Azure accepts, for messages. */
export const TAGS_ACCEPTED =
  `at most ${TAG_LIMITS.maxTags} tags, each name at most ${TAG_LIMITS.maxNameBytes} characters without ` +
  `${TAG_LIMITS.forbiddenNameCharacters.join(' ')}, each value at most ${TAG_LIMITS.maxValueBytes} characters (bytes in UTF-8)`;

/** One tag, or the whole set, that Azure would refuse. */
export interface TagProblem {
  /** The tag's name; absent when the problem is the number of tags. */
  readonly name?: string;
  /** What is wrong, with the value echoed (cut at 200 characters). */
  readonly problem: string;
  /** The error Azure (or the azurerm provider, before it) answers with. */
  readonly azureError: string;
}

/**
 * What Azure would refuse in a resource's tags, in the order written; empty when it accepts
 * them. A tag name or value that is a token is not judged (its length is known at apply), nor is
 * a tag set that is a token.
 *
 * @param describeValue how the value of a tag is named in a message (`tag "owner"` by default;
 *   a construct may name the property it came from)
 */
export function tagProblems(
  tags: Readonly<Record<string, string>>,
  describeValue: (name: string) => string = (name) => `the value of tag ${echo(name)}`,
): TagProblem[] {
  if (tags === undefined || tags === null || isToken(tags)) return [];
  const problems: TagProblem[] = [];
  const names = Object.keys(tags);
  if (names.length > TAG_LIMITS.maxTags) {
    problems.push({
      problem: `${names.length} tags (${echo(names.join(', '))}); Azure allows at most ${TAG_LIMITS.maxTags} on a resource`,
      azureError: `"a maximum of ${TAG_LIMITS.maxTags} tags can be applied to each ARM resource" (azurerm, at plan)`,
    });
  }
  for (const name of names) {
    if (isToken(name)) continue;
    const nameBytes = Buffer.byteLength(name, 'utf8');
    if (nameBytes > TAG_LIMITS.maxNameBytes) {
      problems.push({
        name,
        problem: `tag name ${echo(name)} is ${lengthText(name, nameBytes)}; Azure allows at most ${TAG_LIMITS.maxNameBytes}`,
        azureError: `InvalidTagName ("the maximum length for a tag key is ${TAG_LIMITS.maxNameBytes} characters", azurerm, at plan)`,
      });
    }
    const forbidden = TAG_LIMITS.forbiddenNameCharacters.filter((c) => name.includes(c));
    if (forbidden.length > 0) {
      problems.push({
        name,
        problem: `tag name ${echo(name)} contains ${forbidden.map((c) => JSON.stringify(c)).join(', ')}, which Azure refuses in a tag name`,
        azureError: 'InvalidTagNameCharacters (at apply)',
      });
    }
    const value = tags[name];
    if (typeof value !== 'string' || isToken(value)) continue;
    const valueBytes = Buffer.byteLength(value, 'utf8');
    if (valueBytes > TAG_LIMITS.maxValueBytes) {
      problems.push({
        name,
        problem: `${describeValue(name)} ${echo(value)} is ${lengthText(value, valueBytes)}; Azure allows at most ${TAG_LIMITS.maxValueBytes}`,
        azureError: `InvalidTagValueLength ("the maximum length for a tag value is ${TAG_LIMITS.maxValueBytes} characters", azurerm, at plan)`,
      });
    }
  }
  return problems;
}

function lengthText(text: string, bytes: number): string {
  const characters = [...text].length;
  return characters === bytes ? `${bytes} characters` : `${characters} characters, ${bytes} bytes in UTF-8`;
}
