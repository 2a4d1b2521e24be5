/** Prints a result as JSON (`--json`) or as the human text given. */
export function printResult(json: boolean, result: unknown, human: () => string): void {
  process.stdout.write(json ? `${JSON.stringify(result, null, 2)}\n` : `${human()}\n`);
}

/** A mistake in how the command was called: exit 2 with a clear message. */
export class UsageError extends Error {}
