/**
 * `npm run example`: synthesizes the ordering API into cdktf.out/ (the guard checks it on the
 * way), then prints the `azure-access report` of the result.
 *
 * The guard judges the example against EXAMPLE_TODAY, a day inside its secret-migration window,
 * so the quick start passes whatever the clock says. To watch the window close, set the day:
 * `EXAMPLE_TODAY=2027-07-01 npm run example` fails synthesis with AZA005 and AZA012.
 */
import { App } from 'cdktf';
import { EXAMPLE_TODAY, OrderingApiStack } from './ordering-api-stack';
import { run } from '../../src/cli/run';

async function main(): Promise<number> {
  const app = new App();
  new OrderingApiStack(app, 'ordering-api', { today: process.env.EXAMPLE_TODAY || EXAMPLE_TODAY });
  app.synth();
  console.log(`Synthesized ${app.outdir}/stacks/ordering-api/cdk.tf.json\n`);
  return run(['report', app.outdir], {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    readStdin: async () => '',
    env: process.env,
    cwd: process.cwd(),
  });
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: Error) => {
    // Synthesis failed, usually on a guard finding: the message names the construct and rule.
    console.error(error.message);
    process.exitCode = 1;
  },
);
