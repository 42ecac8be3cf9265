/**
 * How the headless commands fail. A user's mistake (a bad flag, file, field or save) becomes a
 * `UserError`: one clear message on stderr that names what is wrong, what was found and what is
 * expected, exit code 2, never a stack trace. Anything else is a bug of ours: it still exits
 * non-zero (1), with the stack, so that it can be reported.
 */

/** Exit code of a user's mistake (bad flag, file, field or save). */
const EXIT_USAGE = 2;
/** Exit code of a check that failed (e.g. a replay whose hashes differ) or an internal error. */
export const EXIT_FAILURE = 1;

/** A mistake the user can fix; its message is shown as it is, without a stack trace. */
export class UserError extends Error {
  readonly exitCode: number;
  constructor(message: string, exitCode = EXIT_USAGE) {
    super(message);
    this.name = 'UserError';
    this.exitCode = exitCode;
  }
}

/** Throws a `UserError`: the one way a command reports a user's mistake. */
export function fail(message: string, exitCode = EXIT_USAGE): never {
  throw new UserError(message, exitCode);
}

/** Unwraps a `Result` from the simulation API, turning its error into a `UserError`. */
export function unwrap<T>(result: { ok: true; value: T } | { ok: false; error: string }): T {
  if (result.ok) return result.value;
  return fail(result.error);
}

/**
 * Runs a command's main function and turns its outcome into an exit code: the single place
 * where errors become messages. `command` prefixes every message ("sim: …").
 */
export async function runMain(command: string, main: () => Promise<number | void> | number | void): Promise<void> {
  // Piping into `head` closes stdout early: that is not an error worth a stack trace.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0);
    throw e;
  });
  try {
    const code = await main();
    process.exitCode = code ?? 0;
  } catch (e) {
    if (e instanceof UserError) {
      process.stderr.write(`${command}: ${e.message}\n`);
      process.exitCode = e.exitCode;
    } else {
      const detail = e instanceof Error ? (e.stack ?? e.message) : String(e);
      process.stderr.write(`${command}: internal error (a bug in Horizons, please report it):\n${detail}\n`);
      process.exitCode = EXIT_FAILURE;
    }
  }
}
