import * as fc from 'fast-check';
import { Scope, ScopeLevel } from '../../src';

const hex = (n: number) => fc.array(fc.constantFrom(...'0123456789abcdef'), { minLength: n, maxLength: n }).map((c) => c.join(''));
const guid = fc.tuple(hex(8), hex(4), hex(4), hex(4), hex(12)).map((p) => p.join('-'));
const nameChar = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_()');
const rgName = fc.array(nameChar, { minLength: 1, maxLength: 40 }).map((c) => c.join(''));
const ident = fc.stringMatching(/^[A-Za-z][A-Za-z0-9]{0,11}$/);
const namespace = fc.tuple(ident, ident).map(([a, b]) => `Microsoft.${a}${b}`);
const typeName = fc.tuple(ident, fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,20}$/));

const resourceId = fc
  .tuple(guid, rgName, namespace, fc.array(typeName, { minLength: 1, maxLength: 3 }))
  .filter(([, , , path]) => path.every(([t]) => t.toLowerCase() !== 'providers'))
  .map(([sub, rg, ns, path]) => `/subscriptions/${sub}/resourceGroups/${rg}/providers/${ns}/${path.map(([t, n]) => `${t}/${n}`).join('/')}`);

const anyScopeId = fc.oneof(
  fc.constant('/'),
  fc.stringMatching(/^[A-Za-z0-9_-]{1,30}$/).map((mg) => `/providers/Microsoft.Management/managementGroups/${mg}`),
  guid.map((s) => `/subscriptions/${s}`),
  fc.tuple(guid, rgName).map(([s, rg]) => `/subscriptions/${s}/resourceGroups/${rg}`),
  resourceId,
);

/** Changes the case of the fixed ARM keywords and GUIDs, which ARM ignores. */
function shuffleKeywordCase(id: string, upper: boolean[]): string {
  let i = 0;
  return id.replace(/subscriptions|resourceGroups|providers|Microsoft\.Management|managementGroups|[0-9a-f]{8}-[0-9a-f-]{27}/g, (word) =>
    upper[i++ % upper.length] ? word.toUpperCase() : word.toLowerCase(),
  );
}

describe('scope parsing, property-based', () => {
  test('format(parse(id)) is id for every normalized ID', () => {
    fc.assert(fc.property(anyScopeId, (id) => Scope.fromId(id).id === id));
  });

  test('parse is idempotent: parsing the normalized ID gives the same scope', () => {
    fc.assert(
      fc.property(anyScopeId, (id) => {
        const once = Scope.fromId(id);
        const twice = Scope.fromId(once.id);
        return twice.id === once.id && twice.level === once.level;
      }),
    );
  });

  test('keyword and GUID case does not matter', () => {
    fc.assert(
      fc.property(anyScopeId, fc.array(fc.boolean(), { minLength: 1, maxLength: 8 }), (id, upper) => {
        const shuffled = Scope.fromId(shuffleKeywordCase(id, upper));
        return shuffled.id === Scope.fromId(id).id && shuffled.isSameScope(Scope.fromId(id));
      }),
    );
  });

  test('every resource lies in its resource group, subscription and root, never the other way', () => {
    fc.assert(
      fc.property(resourceId, (id) => {
        const resource = Scope.fromId(id);
        const rg = Scope.resourceGroup(resource.subscriptionId!, resource.resourceGroupName!);
        const sub = Scope.subscription(resource.subscriptionId!);
        return (
          resource.level === ScopeLevel.RESOURCE &&
          rg.contains(resource) && sub.contains(rg) && Scope.root().contains(sub) &&
          !resource.contains(rg) && !rg.contains(sub)
        );
      }),
    );
  });

  test('malformed IDs are rejected with the value quoted, never accepted or crashing', () => {
    const malformed = fc.oneof(
      // a subscription segment that is not a GUID
      fc.string({ minLength: 1, maxLength: 20 }).filter((s) => !/^[0-9a-f-]{36}$/i.test(s) && !s.includes('/')).map((s) => `/subscriptions/${s}`),
      // a resource group without a name
      guid.map((s) => `/subscriptions/${s}/resourceGroups`),
      // a provider type without a name
      fc.tuple(guid, rgName, namespace, ident).map(([s, rg, ns, t]) => `/subscriptions/${s}/resourceGroups/${rg}/providers/${ns}/${t}`),
      // no leading slash
      anyScopeId.filter((id) => id !== '/').map((id) => id.slice(1)),
      // an empty segment
      anyScopeId.filter((id) => id.length > 1).map((id) => id.replace(/\//g, '//')),
    );
    fc.assert(
      fc.property(malformed, (id) => {
        try {
          Scope.fromId(id);
          return false;
        } catch (e) {
          return e instanceof Error && e.message.includes(JSON.stringify(id)) && e.message.includes('Accepted forms');
        }
      }),
    );
  });

  test('any string either parses to a normalized scope or is rejected with a clear error', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), anyScopeId.map((id) => id + fc.sample(fc.string(), 1)[0])), (text) => {
        try {
          const scope = Scope.fromId(text);
          return Scope.fromId(scope.id).id === scope.id;
        } catch (e) {
          return e instanceof Error && e.name === 'InvalidScopeError';
        }
      }),
    );
  });
});
