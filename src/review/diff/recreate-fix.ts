/** The Terraform block that keeps a renamed resource in place instead of destroying and creating it. */
export function movedBlock(from: string, to: string): string {
  return `moved {\n  from = ${from}\n  to   = ${to}\n}`;
}

/** How to keep a renamed grant: tell Terraform it moved, from cdktf or in HCL. */
export function renameFix(from: string, to: string): string {
  return `Tell Terraform the resource moved, so it keeps the assignment: in cdktf call \`.moveFromId("${from}")\` on the new resource `
    + `(or \`.moveTo()\` from the old one); in HCL add \`moved { from = ${from}, to = ${to} }\` (one attribute per line).`;
}

/** A replacement in a plan has no moved block to fix it: an argument that forces replacement changed. */
export const REPLACE_FIX = 'An argument that forces replacement changed (the plan marks it "# forces replacement"): keep it as it was, '
  + 'or apply when the access may drop, since the assignment is deleted before it is created again.';
