/** A mistake in how the command was called: exit status 2, with the command's usage. */
export class UsageError extends Error {
  constructor(message: string, public readonly command?: string) {
    super(message);
    this.name = 'UsageError';
  }
}
