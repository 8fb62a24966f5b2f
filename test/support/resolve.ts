import { TerraformOutput, TerraformStack } from 'cdktf';

let counter = 0;

/** What a token becomes in the synthesized JSON of `stack` (through an output, as users see it). */
export function resolveIn(stack: TerraformStack, value: string): unknown {
  const id = `resolve_${counter++}`;
  new TerraformOutput(stack, id, { value });
  return (stack.toTerraform() as { output: Record<string, { value: unknown }> }).output[id].value;
}
