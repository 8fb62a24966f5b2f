import { readFileSync } from 'fs';
import * as path from 'path';

/**
 * API.md documents the constructs the package is built and tested with (the top-level
 * node_modules), not a newer copy some tool nests: a `with()` documented from constructs 10.8
 * does not compile against the 10.4.2 the package supports.
 */
describe('API.md', () => {
  const root = path.join(__dirname, '..');
  const api = readFileSync(path.join(root, 'API.md'), 'utf8');
  const constructs = JSON.parse(readFileSync(path.join(root, 'node_modules/constructs/.jsii'), 'utf8'));
  const methods: string[] = constructs.types['constructs.Construct'].methods.map((m: { name: string }) => m.name);

  test('documents the package', () => {
    expect(api).toContain('### WorkloadIdentity');
    expect(methods).toContain('toString');
  });

  test('lists only methods the installed constructs has on Construct', () => {
    const inherited = [...api.matchAll(/^public (\w+)\(/gm)].map((m) => m[1]);
    expect(inherited).toContain('toString');
    if (!methods.includes('with')) expect(inherited).not.toContain('with');
  });
});
