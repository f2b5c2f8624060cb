/**
 * botframework-connector prints some token refusals itself with console.error (the expired-token
 * error with its stack, "Error finding key for token. Available keys: <PEM>"). The service logs one
 * line per refused request instead (process-request.ts), so console output made while a request's
 * token is being checked is dropped. The scope is the async context of that check only (an
 * AsyncLocalStorage flag), so console output anywhere else, concurrent or not, is untouched.
 */
import { AsyncLocalStorage } from "node:async_hooks";

const checking = new AsyncLocalStorage<true>();
const QUIET = Symbol("quiet-console");

/** Wraps each console method once (again if something replaced it since, e.g. a test spy). */
function install(): void {
  for (const method of ["error", "warn", "log"] as const) {
    if ((console[method] as { [QUIET]?: true })[QUIET]) continue;
    const original = console[method].bind(console);
    const quiet = (...args: unknown[]) => {
      if (checking.getStore()) return;
      original(...args);
    };
    console[method] = Object.assign(quiet, { [QUIET]: true as const });
  }
}

/** Runs `check` with console output muted inside its async context. */
export function withQuietConsole<T>(check: () => Promise<T>): Promise<T> {
  install();
  return checking.run(true, check);
}
