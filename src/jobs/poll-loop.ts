/**
 * Runs `tick` in a loop: again at once while it reports more work, otherwise after `intervalMs`
 * or as soon as `wake()` is called. Errors are logged and the loop goes on. `stop()` waits for the
 * current tick to finish.
 */
import type { Logger } from "../ports/logger";

export interface PollLoop {
  wake(): void;
  stop(): Promise<void>;
  /** Resolves when a tick found nothing to do (for tests and graceful shutdown). */
  idle(): Promise<void>;
}

export function startPollLoop(
  name: string,
  tick: () => Promise<boolean>,
  options: { intervalMs: number; logger: Logger },
): PollLoop {
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let wakeUp: (() => void) | null = null;
  let idleWaiters: (() => void)[] = [];
  let busy = false;

  const sleep = () =>
    new Promise<void>((resolve) => {
      wakeUp = resolve;
      timer = setTimeout(resolve, options.intervalMs);
      timer.unref?.();
    }).finally(() => {
      if (timer) clearTimeout(timer);
      timer = null;
      wakeUp = null;
    });

  const running = (async () => {
    while (!stopped) {
      let more = false;
      busy = true;
      try {
        more = await tick();
      } catch (err) {
        options.logger.error({ job: name, err: (err as Error).message }, "job tick failed");
      }
      busy = false;
      if (!more) {
        const waiters = idleWaiters;
        idleWaiters = [];
        for (const resolve of waiters) resolve();
        if (!stopped) await sleep();
      }
    }
  })();

  return {
    wake() {
      wakeUp?.();
    },
    async stop() {
      stopped = true;
      wakeUp?.();
      await running;
    },
    idle() {
      if (!busy && wakeUp === null && stopped) return Promise.resolve();
      return new Promise<void>((resolve) => {
        idleWaiters.push(resolve);
        wakeUp?.();
      });
    },
  };
}
