import { readFileSync } from 'fs';
import * as path from 'path';
import * as ts from 'typescript';

const REPO = path.resolve(__dirname, '..');

/** What the README's snippets assume exists, declared without imports so snippets bring their own. */
const PREAMBLE = `
declare const stack: import('cdktf').TerraformStack;
declare const vault: import('@cdktf/provider-azurerm/lib/key-vault').KeyVault;
declare const keyVault: import('@cdktf/provider-azurerm/lib/key-vault').KeyVault;
declare const functionApp: import('@cdktf/provider-azurerm/lib/linux-function-app').LinuxFunctionApp;
declare const resourceGroup: import('@cdktf/provider-azurerm/lib/resource-group').ResourceGroup;
declare const legacyPassword: import('@cdktf/provider-azuread/lib/application-password').ApplicationPasswordA;
declare const aliceVmGrant: import('constructs').IConstruct;
declare const subId: string;
export {};
`;

function snippets(markdown: string): { line: number; code: string }[] {
  const found: { line: number; code: string }[] = [];
  const pattern = /^```ts\n([\s\S]*?)^```/gm;
  for (let m = pattern.exec(markdown); m; m = pattern.exec(markdown)) {
    found.push({ line: markdown.slice(0, m.index).split('\n').length, code: m[1] });
  }
  return found;
}

describe('README code samples', () => {
  const readme = readFileSync(path.join(REPO, 'README.md'), 'utf8');
  const samples = snippets(readme);

  test('there are samples to check', () => {
    expect(samples.length).toBeGreaterThanOrEqual(5);
  });

  test('every TypeScript sample type-checks against the library', () => {
    const files = new Map(samples.map((s, i) => [path.join(REPO, `readme-sample-${i}-line-${s.line}.ts`), `${PREAMBLE}\n${s.code}`]));
    const options: ts.CompilerOptions = {
      strict: true,
      noEmit: true,
      skipLibCheck: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.CommonJS,
      moduleResolution: ts.ModuleResolutionKind.Node10,
      esModuleInterop: true,
      types: ['node'],
      baseUrl: REPO,
      // Samples import the package by name, as users do; here the name is the source.
      paths: { 'cdktf-azure-access': ['src/index.ts'] },
      noUnusedLocals: false,
    };
    const host = ts.createCompilerHost(options);
    const read = host.readFile;
    host.readFile = (file) => files.get(path.resolve(file)) ?? read(file);
    const exists = host.fileExists;
    host.fileExists = (file) => files.has(path.resolve(file)) || exists(file);
    const program = ts.createProgram([...files.keys()], options, host);
    const problems = ts
      .getPreEmitDiagnostics(program)
      .filter((d) => d.file && files.has(path.resolve(d.file.fileName)))
      .map((d) => {
        const { line } = d.file!.getLineAndCharacterOfPosition(d.start ?? 0);
        const name = path.basename(d.file!.fileName);
        const readmeLine = Number(/line-(\d+)/.exec(name)![1]) + line - PREAMBLE.split('\n').length;
        return `README.md:${readmeLine + 1}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
      });
    expect(problems).toEqual([]);
  });
});
