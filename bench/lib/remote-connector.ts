/**
 * The fake Bot Connector (test/fakes/fake-bot-connector.ts) in a child process, as a real one is
 * remote: it sends the activities (the open-loop load) and receives the bot's replies on the other
 * core, so the bot's event loop and CPU carry only the bot's own work. The parent side is
 * `startRemoteConnector()`; the child side is `bench/lib/remote-connector-child.ts`.
 */
import { fork, type ChildProcess } from "node:child_process";
import path from "node:path";
import type { OpenLoopResult } from "./open-loop";

export interface RunRequest {
  type: "run";
  id: number;
  botUrl: string;
  rate: number;
  seconds: number;
  drainMs: number;
  texts: string[];
}
/** Messages between the bench and the child. */
export type ToChild = RunRequest | { type: "sent" } | { type: "close" };
export type FromChild =
  | { type: "ready"; url: string }
  | { type: "sent"; count: number }
  | { type: "result"; id: number; result: Omit<OpenLoopResult, "settled"> }
  | { type: "settled"; id: number };

export interface RemoteConnector {
  readonly url: string;
  /** An open-loop run of activities from the child to `botUrl`, timed in the child. */
  run(botUrl: string, rate: number, seconds: number, drainMs: number, texts: string[]): Promise<OpenLoopResult>;
  /** How many activities (sends and replies) reached it so far. */
  sentCount(): Promise<number>;
  close(): Promise<void>;
}

const CHILD = path.join(__dirname, "remote-connector-child.ts");

function nextMessage<T extends FromChild>(child: ChildProcess, matches: (m: FromChild) => m is T): Promise<T> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: FromChild) => {
      if (!matches(message)) return;
      cleanup();
      resolve(message);
    };
    const onExit = (code: number | null) => {
      cleanup();
      reject(new Error(`fake Bot Connector process exited (${code}) before answering`));
    };
    const cleanup = () => {
      child.off("message", onMessage);
      child.off("exit", onExit);
    };
    child.on("message", onMessage);
    child.once("exit", onExit);
  });
}

/** Forks the child with this process's loader flags (tsx), minus profiling flags. */
export async function startRemoteConnector(): Promise<RemoteConnector> {
  const execArgv = process.execArgv.filter((a) => !a.startsWith("--cpu-prof"));
  const child = fork(CHILD, [], { execArgv, stdio: ["ignore", "inherit", "inherit", "ipc"] });
  const ready = await nextMessage(child, (m): m is Extract<FromChild, { type: "ready" }> => m.type === "ready");
  const send = (message: ToChild) => child.send(message);
  let runs = 0;
  return {
    url: ready.url,
    async run(botUrl, rate, seconds, drainMs, texts) {
      const id = ++runs;
      const result = nextMessage(
        child,
        (m): m is Extract<FromChild, { type: "result" }> => m.type === "result" && m.id === id,
      );
      const settled = nextMessage(
        child,
        (m): m is Extract<FromChild, { type: "settled" }> => m.type === "settled" && m.id === id,
      );
      send({ type: "run", id, botUrl, rate, seconds, drainMs, texts });
      // The child exiting also ends the wait (close() after an abandoned run).
      return {
        ...(await result).result,
        settled: settled.then(
          () => undefined,
          () => undefined,
        ),
      };
    },
    async sentCount() {
      const answer = nextMessage(child, (m): m is Extract<FromChild, { type: "sent" }> => m.type === "sent");
      send({ type: "sent" });
      return (await answer).count;
    },
    async close() {
      if (child.exitCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
      send({ type: "close" });
      await exited;
    },
  };
}
