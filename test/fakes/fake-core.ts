/**
 * A scriptable BotCore for channel adapter tests: records every call and answers with whatever the
 * test scripted (a fixed response, a function of the input, or the default echo). Optional delay
 * simulates a slow core (classification, storage) so ack-before-work can be checked.
 */
import type { BotCore, CoreResponse, InboundAction, InboundMessage } from "../../src/app/intake/core-types";

export type MessageScript = (message: InboundMessage) => CoreResponse | Promise<CoreResponse>;
export type ActionScript = (action: InboundAction) => CoreResponse | Promise<CoreResponse>;

export interface FakeCoreOptions {
  onMessage?: MessageScript;
  onAction?: ActionScript;
  welcome?: CoreResponse;
  /** Milliseconds every onMessage/onAction waits before answering. */
  delayMs?: number;
}

export interface FakeCore extends BotCore {
  readonly messages: InboundMessage[];
  readonly actions: InboundAction[];
  readonly recorded: { reportId: string; messageRef: string }[];
  /** Replace the scripts mid-test. */
  script(options: FakeCoreOptions): void;
  /** Resolves once `count` calls (messages + actions) have been received and answered. */
  waitForCalls(count: number, timeoutMs?: number): Promise<void>;
  /** Resolves once `count` recordIntakeMessage calls have arrived. */
  waitForRecorded(count: number, timeoutMs?: number): Promise<void>;
}

/** Default: echo the text back as a plain reply, so adapters can be exercised without scripting. */
export function echoResponse(message: InboundMessage): CoreResponse {
  return { replies: [{ message: { text: `echo: ${message.text}` } }] };
}

async function waitUntil(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

export function createFakeCore(initial: FakeCoreOptions = {}): FakeCore {
  let options: FakeCoreOptions = { ...initial };
  const messages: InboundMessage[] = [];
  const actions: InboundAction[] = [];
  const recorded: { reportId: string; messageRef: string }[] = [];
  let answered = 0;

  const pause = async (): Promise<void> => {
    if (options.delayMs && options.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, options.delayMs));
  };

  return {
    messages,
    actions,
    recorded,
    script(next) {
      options = { ...options, ...next };
    },
    async onMessage(message) {
      messages.push(message);
      try {
        await pause();
        return await (options.onMessage ?? echoResponse)(message);
      } finally {
        answered += 1;
      }
    },
    async onAction(action) {
      actions.push(action);
      try {
        await pause();
        return options.onAction ? await options.onAction(action) : { replies: [] };
      } finally {
        answered += 1;
      }
    },
    async recordIntakeMessage(reportId, messageRef) {
      recorded.push({ reportId, messageRef });
    },
    welcome() {
      return options.welcome ?? { replies: [{ message: { title: "Welcome", text: "Tell me what is not working." } }] };
    },
    waitForCalls(count, timeoutMs = 5000) {
      return waitUntil(() => answered >= count, timeoutMs, `${count} core call(s)`);
    },
    waitForRecorded(count, timeoutMs = 5000) {
      return waitUntil(() => recorded.length >= count, timeoutMs, `${count} recordIntakeMessage call(s)`);
    },
  };
}
