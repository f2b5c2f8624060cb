/**
 * Admission to the intake path: at most `maxConcurrent` messages are redacted and stored at once,
 * the others wait their turn in arrival order. A message that has waited `maxQueueWaitMs` without a
 * turn is refused at once (busy: Slack gets a 503 and redelivers it; Teams and the web chat say
 * "try again"), before any work was done for it. Over capacity the service so answers every
 * message quickly — most stored and acknowledged, the rest refused — instead of answering all of
 * them late, past the platform's deadline; and the work in progress stays bounded.
 */

export interface IntakeAdmission {
  /** Waits for a turn; false when the wait ran out (nothing may be done for the message). */
  enter(): Promise<boolean>;
  /** Gives the turn to the next waiting message. */
  leave(): void;
}

interface Waiter {
  admit: (admitted: boolean) => void;
  timer: NodeJS.Timeout;
}

export function createIntakeAdmission(maxConcurrent: number, maxQueueWaitMs: number): IntakeAdmission {
  let running = 0;
  const queue: Waiter[] = [];
  return {
    enter() {
      if (running < maxConcurrent && queue.length === 0) {
        running += 1;
        return Promise.resolve(true);
      }
      return new Promise<boolean>((resolve) => {
        const waiter: Waiter = {
          admit: resolve,
          timer: setTimeout(() => {
            const at = queue.indexOf(waiter);
            if (at >= 0) queue.splice(at, 1);
            resolve(false);
          }, maxQueueWaitMs),
        };
        queue.push(waiter);
      });
    },
    leave() {
      const next = queue.shift();
      if (!next) {
        running -= 1;
        return;
      }
      // The turn passes straight to the next message (running stays the same).
      clearTimeout(next.timer);
      next.admit(true);
    },
  };
}
