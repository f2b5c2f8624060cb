/**
 * Lets the event loop run (timers, I/O, waiting HTTP requests) before the next piece of background
 * work. With the embedded store every await resolves without I/O, so a whole claim → classify →
 * cluster → queue chain would otherwise run as one long turn while acknowledgements and /healthz
 * wait behind it. Background steps call this between steps, so the longest turn is one step.
 */
export function yieldToLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
