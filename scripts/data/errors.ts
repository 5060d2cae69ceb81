/** A problem with the builder's input; main() prints the message and exits 1. */
export class BuildError extends Error {
  override name = 'BuildError';
}
