/**
 * The classification pipeline (classify → cluster → route → card → alerts → confirmation) in a
 * thread of its own, so its CPU never delays an acknowledgement: the event loop that answers Slack,
 * Teams and the web chat only redacts, stores and answers.
 *
 * The thread is a second "instance" inside the process: it opens its own connection to the same
 * store and claims reports from it exactly as the in-process worker does, so nothing is handed over
 * in memory. A report is stored and acknowledged by the event loop whatever the thread is doing;
 * its classification may wait. If the thread dies (an uncaught error, out of memory), a new one is
 * started (backing off while it keeps dying); the report it held is claimed again once its lease
 * has passed, and every pipeline step is keyed, so it ends as a clean run would — never lost,
 * never classified twice in effect.
 *
 * Messages: to the thread `wake`, `idle` (answer when a tick finds nothing to do), `stop`; from it
 * `ready`, `wake-outbox`, `idle`, `stopped`.
 */
import type { Logger } from "../ports/logger";
import type { PollLoop } from "./poll-loop";

export type ToPipelineThread = { type: "wake" } | { type: "idle" } | { type: "stop" };
export type FromPipelineThread = { type: "ready" } | { type: "wake-outbox" } | { type: "idle" } | { type: "stopped" };

/** What the supervisor needs of a worker_threads Worker (a fake in tests). */
export interface PipelineWorker {
  postMessage(message: ToPipelineThread): void;
  on(event: "message", listener: (message: FromPipelineThread) => void): void;
  on(event: "error", listener: (err: Error) => void): void;
  on(event: "exit", listener: (code: number) => void): void;
  terminate(): Promise<number>;
}

export interface PipelineThreadOptions {
  /** Starts one thread (main.ts: `new Worker(...)`). */
  spawn: () => PipelineWorker;
  logger: Logger;
  /** The thread queued something to send. */
  wakeOutbox: () => void;
  /** Wait before the n-th restart in a row (default 250 ms doubling, at most 30 s). */
  restartDelayMs?: (attempt: number) => number;
  /** A thread that ran this long without dying resets the back-off (default 60 s). */
  healthyAfterMs?: number;
  /** stop(): how long the current report may take before the thread is terminated (default 2 s). */
  stopTimeoutMs?: number;
}

const defaultDelay = (attempt: number): number => Math.min(30_000, 250 * 2 ** Math.max(0, attempt - 1));

export function startPipelineThread(options: PipelineThreadOptions): PollLoop & { restarts(): number } {
  const delay = options.restartDelayMs ?? defaultDelay;
  const healthyAfterMs = options.healthyAfterMs ?? 60_000;
  const stopTimeoutMs = options.stopTimeoutMs ?? 2_000;
  let worker: PipelineWorker | null = null;
  let stopping = false;
  let restarts = 0;
  let failuresInARow = 0;
  let restartTimer: NodeJS.Timeout | null = null;
  let idleWaiters: (() => void)[] = [];
  let stopped: (() => void) | null = null;

  const start = (): void => {
    const startedAt = Date.now();
    const current = options.spawn();
    worker = current;
    current.on("message", (message) => {
      if (message.type === "wake-outbox") options.wakeOutbox();
      else if (message.type === "idle") {
        const waiters = idleWaiters;
        idleWaiters = [];
        for (const resolve of waiters) resolve();
      } else if (message.type === "stopped") stopped?.();
    });
    current.on("error", (err) => {
      options.logger.error({ code: "PIPELINE_THREAD_FAILED", err: err.message }, "classification thread failed");
    });
    current.on("exit", (code) => {
      if (worker !== current) return;
      worker = null;
      if (stopping) {
        stopped?.();
        return;
      }
      failuresInARow = Date.now() - startedAt >= healthyAfterMs ? 1 : failuresInARow + 1;
      const wait = delay(failuresInARow);
      options.logger.error(
        { code: "PIPELINE_THREAD_EXITED", exitCode: code, restartInMs: wait },
        "classification thread stopped; starting a new one (its report is re-driven after the lease)",
      );
      restartTimer = setTimeout(() => {
        restartTimer = null;
        if (stopping) return;
        restarts += 1;
        start();
        // Wake it at once: there may be reports waiting.
        worker?.postMessage({ type: "wake" });
      }, wait);
      restartTimer.unref?.();
    });
  };

  start();

  return {
    wake() {
      worker?.postMessage({ type: "wake" });
    },
    idle() {
      return new Promise<void>((resolve) => {
        idleWaiters.push(resolve);
        worker?.postMessage({ type: "idle" });
      });
    },
    restarts: () => restarts,
    async stop() {
      stopping = true;
      if (restartTimer) clearTimeout(restartTimer);
      const current = worker;
      if (!current) return;
      // The thread finishes its current report and closes its store; past the timeout it is ended
      // (what it held is re-driven after the lease, as after a crash).
      const done = new Promise<void>((resolve) => {
        stopped = resolve;
      });
      current.postMessage({ type: "stop" });
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<"late">((resolve) => {
        timer = setTimeout(() => resolve("late"), stopTimeoutMs);
      });
      const outcome = await Promise.race([done, late]);
      clearTimeout(timer);
      if (outcome === "late") options.logger.warn({}, "classification thread did not stop in time; ending it");
      await current.terminate();
    },
  };
}
