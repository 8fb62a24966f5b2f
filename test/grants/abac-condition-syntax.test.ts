import { conditionSyntaxError } from '../../src/grants/abac-condition-syntax';

/**
 * Conditions copied from Microsoft's documentation: each must pass. Sources:
 * - conditions-format.md (format and syntax; operator examples),
 * - storage/blobs/storage-auth-abac-examples.md (blob index tags, paths, versions, encryption
 *   scopes, principal and environment attributes),
 * - delegate-role-assignments-examples.md (constrained role assignment delegation),
 * - storage/queues/queues-auth-abac-examples.md, conditions-custom-security-attributes.md,
 *   the Azure CLI's `az role assignment create --condition` example.
 */
const DOCUMENTED: [string, string][] = [
  ['simple: read blobs in a named container', `(
    (
        !(ActionMatches{'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read'})
    )
    OR
    (
        @Resource[Microsoft.Storage/storageAccounts/blobServices/containers:name]
        StringEquals 'blobs-example-container'
    )
)`],
  ['blob index tag, suboperation negated', "((!(ActionMatches{'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read'} AND NOT SubOperationMatches{'Blob.List'})) OR (@Resource[Microsoft.Storage/storageAccounts/blobServices/containers/blobs/tags:Project<$key_case_sensitive$>] StringEquals 'Cascade'))"],
  ['new blobs must carry a tag: two actions with suboperations', `(
 (
  !(ActionMatches{'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/write'} AND SubOperationMatches{'Blob.Write.WithTagHeaders'})
  AND
  !(ActionMatches{'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/add/action'} AND SubOperationMatches{'Blob.Write.WithTagHeaders'})
 )
 OR
 (
  @Request[Microsoft.Storage/storageAccounts/blobServices/containers/blobs/tags:Project<$key_case_sensitive$>] StringEquals 'Cascade'
 )
)`],
  ['tag keys: ForAllOfAnyValues over a set', "((!(ActionMatches{'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/write'} AND SubOperationMatches{'Blob.Write.WithTagHeaders'}) AND !(ActionMatches{'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/tags/write'})) OR (@Request[Microsoft.Storage/storageAccounts/blobServices/containers/blobs/tags&$keys$&] ForAllOfAnyValues:StringEquals {'Project', 'Program'}))"],
  ['tag key and values', `(
 (
  !(ActionMatches{'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/write'} AND SubOperationMatches{'Blob.Write.WithTagHeaders'})
  AND
  !(ActionMatches{'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/tags/write'})
 )
 OR
 (
  @Request[Microsoft.Storage/storageAccounts/blobServices/containers/blobs/tags&$keys$&] ForAnyOfAnyValues:StringEquals {'Project'}
  AND
  @Request[Microsoft.Storage/storageAccounts/blobServices/containers/blobs/tags:Project<$key_case_sensitive$>] ForAllOfAnyValues:StringEquals {'Cascade', 'Baker', 'Skagit'}
 )
)`],
  ['container and path, StringLike', "((!(ActionMatches{'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/write'}) AND !(ActionMatches{'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/add/action'}) AND !(ActionMatches{'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/runAsSuperUser/action'})) OR (@Resource[Microsoft.Storage/storageAccounts/blobServices/containers:name] StringEquals 'contosocorp' AND @Resource[Microsoft.Storage/storageAccounts/blobServices/containers/blobs:path] StringLike 'uploads/contoso/*'))"],
  ['two conditions joined by AND', `(
 (
  !(ActionMatches{'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read'} AND NOT SubOperationMatches{'Blob.List'})
 )
 OR
 (
  @Resource[Microsoft.Storage/storageAccounts/blobServices/containers/blobs/tags:Program<$key_case_sensitive$>] StringEquals 'Alpine'
 )
)
AND
(
 (
  !(ActionMatches{'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read'} AND NOT SubOperationMatches{'Blob.List'})
 )
 OR
 (
  @Resource[Microsoft.Storage/storageAccounts/blobServices/containers/blobs:path] StringLike 'logs*'
 )
)`],
  ['current version: BoolEquals true', "((!(ActionMatches{'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read'} AND NOT SubOperationMatches{'Blob.List'})) OR (@Resource[Microsoft.Storage/storageAccounts/blobServices/containers/blobs:isCurrentVersion] BoolEquals true))"],
  ['a version ID: DateTimeEquals OR BoolEquals', "((!(ActionMatches{'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read'} AND NOT SubOperationMatches{'Blob.List'})) OR (@Request[Microsoft.Storage/storageAccounts/blobServices/containers/blobs:versionId] DateTimeEquals '2022-06-01T23:38:32.8883645Z' OR @Resource[Microsoft.Storage/storageAccounts/blobServices/containers/blobs:isCurrentVersion] BoolEquals true))"],
  ['old versions: DateTimeLessThan', "((!(ActionMatches{'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/delete'}) AND !(ActionMatches{'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/deleteBlobVersion/action'})) OR (@Request[Microsoft.Storage/storageAccounts/blobServices/containers/blobs:versionId] DateTimeLessThan '2022-06-01T00:00:00.0Z'))"],
  ['snapshots: Exists', "((!(ActionMatches{'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read'} AND NOT SubOperationMatches{'Blob.List'})) OR (Exists @Request[Microsoft.Storage/storageAccounts/blobServices/containers/blobs:snapshot] OR @Resource[Microsoft.Storage/storageAccounts/blobServices/containers/blobs:isCurrentVersion] BoolEquals true))"],
  ['NOT Exists', "@Request[Microsoft.Storage/storageAccounts/blobServices/containers/blobs:versionId] DateTimeEquals '2022-06-01T00:00:00.0Z' OR NOT Exists @Request[Microsoft.Storage/storageAccounts/blobServices/containers/blobs:versionId]"],
  ['hierarchical namespace', "((!(ActionMatches{'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read'} AND NOT SubOperationMatches{'Blob.List'})) OR (@Resource[Microsoft.Storage/storageAccounts:isHnsEnabled] BoolEquals true))"],
  ['encryption scopes', "((!(ActionMatches{'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read'} AND NOT SubOperationMatches{'Blob.List'})) OR (@Resource[Microsoft.Storage/storageAccounts/encryptionScopes:name] ForAnyOfAnyValues:StringEquals {'validScope1', 'validScope2'}))"],
  ['principal attribute against a resource attribute', `(
 (
  !(ActionMatches{'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read'} AND NOT SubOperationMatches{'Blob.List'})
 )
 OR
 (
  @Principal[Microsoft.Directory/CustomSecurityAttributes/Id:Engineering_Project] StringEquals @Resource[Microsoft.Storage/storageAccounts/blobServices/containers/blobs/tags:Project<$key_case_sensitive$>]
 )
)`],
  ['multi-value principal attribute', "((!(ActionMatches{'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read'} AND NOT SubOperationMatches{'Blob.List'})) OR (@Resource[Microsoft.Storage/storageAccounts/blobServices/containers/blobs/tags:Project<$key_case_sensitive$>] ForAnyOfAnyValues:StringEquals @Principal[Microsoft.Directory/CustomSecurityAttributes/Id:Engineering_Project]))"],
  ['legacy suboperation attribute (conditions-custom-security-attributes)', "((!(ActionMatches{'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read'} AND @Request[subOperation] ForAnyOfAnyValues:StringEqualsIgnoreCase {'Blob.Read.WithTagConditions'})) OR (@Principal[Microsoft.Directory/CustomSecurityAttributes/Id:Test_Project] StringEquals @Resource[Microsoft.Storage/storageAccounts/blobServices/containers/blobs/tags:Project<$key_case_sensitive$>]))"],
  ['UtcNow', `(
 (
  !(ActionMatches{'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read'})
 )
 OR
 (
  @Resource[Microsoft.Storage/storageAccounts/blobServices/containers:name] StringEquals 'container1'
  AND
  @Environment[UtcNow] DateTimeGreaterThan '2023-05-01T13:00:00.000Z'
 )
)`],
  ['subnet, with no space before the operator', `(
 (
  !(ActionMatches{'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read'})
  AND
  !(ActionMatches{'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/delete'})
 )
 OR
 (
  @Resource[Microsoft.Storage/storageAccounts/blobServices/containers:name]StringEquals 'container1'
  AND
  @Environment[Microsoft.Network/virtualNetworks/subnets] StringEqualsIgnoreCase '/subscriptions/<your subscription id>/resourceGroups/example-group/providers/Microsoft.Network/virtualNetworks/virtualnetwork1/subnets/default'
 )
)`],
  ['private link and a nested group', `(
 (
  !(ActionMatches{'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read'} AND NOT SubOperationMatches{'Blob.List'})
 )
 OR
 (
  (
   @Resource[Microsoft.Storage/storageAccounts/blobServices/containers/blobs/tags:sensitivity<$key_case_sensitive$>] StringEquals 'high'
   AND
   @Environment[isPrivateLink] BoolEquals true
  )
  OR
  @Resource[Microsoft.Storage/storageAccounts/blobServices/containers/blobs/tags:sensitivity<$key_case_sensitive$>] StringNotEquals 'high'
 )
)`],
  ['queue storage', "((!(ActionMatches{'Microsoft.Storage/storageAccounts/queueServices/queues/messages/read'})) OR (@Resource[Microsoft.Storage/storageAccounts/queueServices/queues:name] StringEquals 'sample-queue' AND @Environment[UtcNow] DateTimeGreaterThan '2023-05-01T13:00:00.0Z'))"],
  ['delegation: constrain roles (bare GUIDs)', "((!(ActionMatches{'Microsoft.Authorization/roleAssignments/write'})) OR (@Request[Microsoft.Authorization/roleAssignments:RoleDefinitionId] ForAnyOfAnyValues:GuidEquals {5e467623-bb1f-42f4-a55d-6e525e11384b, a795c7a0-d4a2-40c1-ae25-d81f01202912})) AND ((!(ActionMatches{'Microsoft.Authorization/roleAssignments/delete'})) OR (@Resource[Microsoft.Authorization/roleAssignments:RoleDefinitionId] ForAnyOfAnyValues:GuidEquals {5e467623-bb1f-42f4-a55d-6e525e11384b, a795c7a0-d4a2-40c1-ae25-d81f01202912}))"],
  ['delegation: constrain roles and principal types', `(
 (
  !(ActionMatches{'Microsoft.Authorization/roleAssignments/write'})
 )
 OR
 (
  @Request[Microsoft.Authorization/roleAssignments:RoleDefinitionId] ForAnyOfAnyValues:GuidEquals {5e467623-bb1f-42f4-a55d-6e525e11384b, a795c7a0-d4a2-40c1-ae25-d81f01202912}
  AND
  @Request[Microsoft.Authorization/roleAssignments:PrincipalType] ForAnyOfAnyValues:StringEqualsIgnoreCase {'User', 'Group'}
 )
)
AND
(
 (
  !(ActionMatches{'Microsoft.Authorization/roleAssignments/delete'})
 )
 OR
 (
  @Resource[Microsoft.Authorization/roleAssignments:RoleDefinitionId] ForAnyOfAnyValues:GuidEquals {5e467623-bb1f-42f4-a55d-6e525e11384b, a795c7a0-d4a2-40c1-ae25-d81f01202912}
  AND
  @Resource[Microsoft.Authorization/roleAssignments:PrincipalType] ForAnyOfAnyValues:StringEqualsIgnoreCase {'User', 'Group'}
 )
)`],
  ['delegation: all roles but the privileged ones (ForAnyOfAllValues:GuidNotEquals)', "((!(ActionMatches{'Microsoft.Authorization/roleAssignments/write'})) OR (@Request[Microsoft.Authorization/roleAssignments:RoleDefinitionId] ForAnyOfAllValues:GuidNotEquals {8e3af657-a8ff-443c-a75c-2fe8c4bcb635, f58310d9-a9f6-439a-9e8d-f62e7b41a168, 18d7d88d-d35e-4fb5-a5c3-7773c20a72d9})) AND ((!(ActionMatches{'Microsoft.Authorization/roleAssignments/delete'})) OR (@Resource[Microsoft.Authorization/roleAssignments:RoleDefinitionId] ForAnyOfAllValues:GuidNotEquals {8e3af657-a8ff-443c-a75c-2fe8c4bcb635, f58310d9-a9f6-439a-9e8d-f62e7b41a168, 18d7d88d-d35e-4fb5-a5c3-7773c20a72d9}))"],
  ['operator examples: sets on both sides, numbers', "{10, 20} ForAllOfAllValues:NumericLessThan {25, 30} AND {'red', 'blue'} ForAnyOfAnyValues:StringEquals {'blue', 'green'}"],
  ['ActionMatches with a wildcard', "!(ActionMatches{'Microsoft.Authorization/roleAssignments/*'}) OR @Request[Microsoft.Authorization/roleAssignments:PrincipalId] GuidEquals 28c35fea-2099-4cf5-8ad9-473547bc9423"],
  ['the Azure CLI example: no action, an operator in lower camel case', "@Resource[Microsoft.Storage/storageAccounts/blobServices/containers:Name] stringEquals 'foo'"],
  ['symbols for AND, OR, NOT', "(!(ActionMatches{'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read'}) && !(ActionMatches{'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/write'})) || @Resource[Microsoft.Storage/storageAccounts:name] StringStartsWith 'st'"],
  ['an escaped wildcard in StringLike', "@Resource[Microsoft.Storage/storageAccounts/blobServices/containers/blobs:path] StringLike 'logs/\\*/today?'"],
];

/** Text that is not the condition language, with where and why it is refused. */
const GARBAGE: [string, string, RegExp][] = [
  ['prose', 'only blobs in the orders container', /^expected ActionMatches\{\.\.\.\}, SubOperationMatches\{\.\.\.\}, Exists, "\(", NOT or an attribute such as @Resource\[\.\.\.\], found "only"$/],
  ['an unbalanced "("', "((!(ActionMatches{'Microsoft.Authorization/roleAssignments/write'}))", /^a "\(" is never closed$/],
  ['an extra ")"', "(@Resource[Microsoft.Storage/storageAccounts:name] StringEquals 'st'))", /^a "\)" closes nothing$/],
  ['an attribute without @', "Resource[name1] StringLike 'a*c?'", /^"\[" is not part of the condition language$/],
  ['an unknown attribute source', "@Subscription[id] StringEquals 'x'", /^an attribute is not @Resource\[\.\.\.\], @Request/],
  ['an unknown operator', "@Resource[Microsoft.Storage/storageAccounts:name] StringContains 'st'", /^expected an operator such as StringEquals.* found "StringContains"$/],
  ['a double-quoted value', '@Resource[Microsoft.Storage/storageAccounts:name] StringEquals "st"', /^"\\"" is not part of the condition language$/],
  ['an unclosed quote', "@Resource[Microsoft.Storage/storageAccounts:name] StringEquals 'st", /^a quoted value is not closed$/],
  ['ActionMatches without braces', "!(ActionMatches('Microsoft.Storage/storageAccounts/read'))", /^expected "\{" after ActionMatches, found "\("$/],
  ['a dangling AND', "@Resource[Microsoft.Storage/storageAccounts:name] StringEquals 'st' AND", /^expected .* found the end$/],
  ['two comparisons without AND or OR', "@Resource[a:b] StringEquals 'x' @Resource[a:c] StringEquals 'y'", /^expected AND, OR or the end of the condition, found "@Resource\[a:c\]"$/],
  ['an empty attribute', "@Resource[] StringEquals 'x'", /^an attribute names nothing/],
  ['a list that is not closed', "@Resource[a:b] ForAnyOfAnyValues:StringEquals {'x', 'y'", /^expected "," or "\}" in a list of values, found the end$/],
  ['Terraform written where the condition belongs', 'var.condition', /^expected ActionMatches.* found "var\.condition"$/],
  ['JSON', '{"condition": "x"}', /^"\\"" is not part of the condition language$/],
];

describe('the ABAC condition language: its shape, as ARM reads it', () => {
  test('there are documented examples and garbage to check', () => {
    expect(DOCUMENTED.length).toBeGreaterThan(25);
    expect(GARBAGE.length).toBeGreaterThan(10);
  });

  test.each(DOCUMENTED)('documented: %s', (_name, condition) => {
    expect(conditionSyntaxError(condition)).toBeUndefined();
  });

  test.each(GARBAGE)('refused: %s', (_name, condition, reason) => {
    const error = conditionSyntaxError(condition);
    expect(error?.reason).toMatch(reason);
    expect(error!.index).toBeGreaterThanOrEqual(0);
    expect(error!.index).toBeLessThanOrEqual(condition.length);
  });

  test('nesting of any depth is judged for its parentheses without exhausting the stack', () => {
    const deep = `${'('.repeat(100_000)}@Resource[a:b] StringEquals 'x'${')'.repeat(100_000)}`;
    expect(conditionSyntaxError(deep)).toBeUndefined();
    expect(conditionSyntaxError(deep.slice(0, -1))?.reason).toBe('a "(" is never closed');
    expect(conditionSyntaxError(`${'!'.repeat(100_000)}(@Resource[a:b] StringEquals 'x')`)).toBeUndefined();
  });
});
