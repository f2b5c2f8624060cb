/**
 * Open-loop load: arrivals are scheduled by timestamp at a fixed rate and fired whether or not
 * earlier ones have finished (no coordinated omission). Each request is timed twice: from the
 * call, and from its scheduled arrival (which also counts any delay before the call could start,
 * e.g. an event loop blocked by other requests).
 */
export interface OpenLoopResult {
  offeredRate: number;
  sent: number;
  failed: number;
  /** Still unanswered when the drain time ran out (counted as Infinity in the latencies). */
  unanswered: number;
  /** ms from the call to the answer, sorted ascending. */
  fromCall: number[];
  /** ms from the scheduled arrival to the answer, sorted ascending. */
  fromArrival: number[];
  /** Completed requests per second, first arrival to last answer. */
  achievedRate: number;
  /** The first failure's message, if any. */
  firstError: string | null;
  /** Resolves when every request has finished, answered in time or not (wait for it before the next run). */
  settled: Promise<void>;
  /** How late, at most, a request was started after its scheduled arrival (ms). */
  maxStartLag: number;
}

export async function runOpenLoop(
  rate: number,
  seconds: number,
  fire: (i: number) => Promise<unknown>,
  /** After the last arrival, how long to wait for answers still in flight. */
  drainMs = 30_000,
): Promise<OpenLoopResult> {
  const total = Math.max(1, Math.round(rate * seconds));
  const interval = 1000 / rate;
  const fromCall: number[] = [];
  const fromArrival: number[] = [];
  const inflight: Promise<void>[] = [];
  let failed = 0;
  let maxStartLag = 0;
  let lastEnd = 0;
  let closed = false;
  let firstError: string | null = null;
  const t0 = performance.now() + 10;

  const launch = (i: number) => {
    const scheduled = t0 + i * interval;
    const start = performance.now();
    maxStartLag = Math.max(maxStartLag, start - scheduled);
    inflight.push(
      fire(i).then(
        () => {
          if (closed) return;
          const end = performance.now();
          lastEnd = Math.max(lastEnd, end);
          fromCall.push(end - start);
          fromArrival.push(end - scheduled);
        },
        (err: unknown) => {
          if (closed) return;
          failed += 1;
          firstError ??= err instanceof Error ? err.message : String(err);
        },
      ),
    );
  };

  let next = 0;
  while (next < total) {
    const now = performance.now();
    while (next < total && t0 + next * interval <= now) launch(next++);
    const wait = t0 + next * interval - performance.now();
    if (next < total) await new Promise((r) => setTimeout(r, Math.max(0, Math.floor(wait))));
  }
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    Promise.all(inflight),
    new Promise((r) => {
      timer = setTimeout(r, drainMs);
    }),
  ]);
  clearTimeout(timer);
  closed = true;
  const unanswered = total - failed - fromCall.length;
  for (let i = 0; i < unanswered; i++) {
    fromCall.push(Number.POSITIVE_INFINITY);
    fromArrival.push(Number.POSITIVE_INFINITY);
  }
  fromCall.sort((a, b) => a - b);
  fromArrival.sort((a, b) => a - b);
  return {
    offeredRate: rate,
    sent: total,
    failed,
    unanswered,
    firstError,
    settled: Promise.all(inflight).then(() => undefined),
    fromCall,
    fromArrival,
    achievedRate: (fromCall.length - unanswered) / Math.max(0.001, (lastEnd - t0) / 1000),
    maxStartLag,
  };
}

/** Nearest-rank percentile of an ascending array. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

export function summary(label: string, result: OpenLoopResult, goalP99Ms: number): string {
  const f = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : "(none)").padStart(7);
  const line = (name: string, s: number[]) =>
    `    ${name.padEnd(13)} p50 ${f(percentile(s, 50))} ms  p99 ${f(percentile(s, 99))} ms  max ${f(s[s.length - 1] ?? Number.NaN)} ms`;
  const p99 = percentile(result.fromArrival, 99);
  return [
    `  ${label}: ${result.sent} sent at ${result.offeredRate}/s, ${result.fromCall.length - result.unanswered} answered, ${result.failed} failed, ${result.unanswered} unanswered after the drain time, achieved ${result.achievedRate.toFixed(1)} reports/s, max start lag ${result.maxStartLag.toFixed(1)} ms`,
    line("from call", result.fromCall),
    line("from arrival", result.fromArrival),
    ...(result.firstError ? [`    first failure: ${result.firstError}`] : []),
    `    goal p99 < ${goalP99Ms} ms (from arrival): ${p99 < goalP99Ms ? "met" : "NOT met"}`,
  ].join("\n");
}
