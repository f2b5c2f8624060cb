/**
 * The fake Bot Connector (test/fakes/fake-bot-connector.ts) in a child process, as a real one would
 * be remote: its request handling then runs on the other core instead of the bot's event loop.
 * The parent side is `startRemoteConnector()`; the child side is `bench/lib/remote-connector-child.ts`.
 */
import { fork, type ChildProcess } from "node:child_process";
import path from "node:path";

/** Messages between the bench and the child. */
export type ToChild = { type: "sent" } | { type: "close" };
export type FromChild = { type: "ready"; url: string } | { type: "sent"; count: number };

/** What the bench needs from a connector, wherever it runs. */
export interface BenchConnector {
  readonly url: string;
  /** How many activities (sends and replies) reached it so far. */
  sentCount(): Promise<number>;
  close(): Promise<void>;
}

const CHILD = path.join(__dirname, "remote-connector-child.ts");

function nextMessage(child: ChildProcess, type: FromChild["type"]): Promise<FromChild> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: FromChild) => {
      if (message.type !== type) return;
      cleanup();
      resolve(message);
    };
    const onExit = (code: number | null) => {
      cleanup();
      reject(new Error(`fake Bot Connector process exited (${code}) before answering "${type}"`));
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
export async function startRemoteConnector(): Promise<BenchConnector> {
  const execArgv = process.execArgv.filter((a) => !a.startsWith("--cpu-prof"));
  const child = fork(CHILD, [], { execArgv, stdio: ["ignore", "inherit", "inherit", "ipc"] });
  const ready = await nextMessage(child, "ready");
  if (ready.type !== "ready") throw new Error("unexpected answer from the fake Bot Connector process");
  const send = (message: ToChild) => child.send(message);
  return {
    url: ready.url,
    async sentCount() {
      const answer = nextMessage(child, "sent");
      send({ type: "sent" });
      const message = await answer;
      return message.type === "sent" ? message.count : Number.NaN;
    },
    async close() {
      if (child.exitCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
      send({ type: "close" });
      await exited;
    },
  };
}
