/**
 * Input the review cannot read, said so that the user can find and fix it: the file as the user
 * named it, where in it (a line and column, or a JSON pointer), and what is wrong.
 */
export class InputError extends Error {
  readonly file: string;
  readonly place?: string;

  constructor(file: string, problem: string, place?: string, options?: ErrorOptions) {
    super(place === undefined ? `${file}: ${problem}` : `${file}: ${place}: ${problem}`, options);
    this.name = 'InputError';
    this.file = file;
    this.place = place;
  }
}

/**
 * Whatever a read throws, as an InputError about the file: callers handle one error type, and a
 * reader bug shows up as "this file could not be read" instead of a stack trace from deep inside.
 */
export function asInputError(file: string, error: unknown): InputError {
  if (error instanceof InputError) return error;
  const detail = error instanceof Error ? error.message : typeof error === 'string' ? error : 'an unexpected error';
  return new InputError(file, `cannot be read: ${detail}`, undefined, { cause: error });
}
