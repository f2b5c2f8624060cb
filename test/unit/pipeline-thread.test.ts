/**
 * The supervisor of the classification thread, with fake threads: a thread that dies is replaced
 * (backing off while it keeps dying) and woken; wake-ups and outbox wake-ups cross over; stop()
 * lets the current report finish, and ends a thread that does not stop in time.
 */
import { EventEmitter } from "node:events";
import {
  startPipelineThread,
  type FromPipelineThread,
  type PipelineWorker,
  type ToPipelineThread,
} from "../../src/jobs/pipeline-thread";
import { recordingLogger, until, type LogLine } from "../support/recording-logger";

class FakeThread extends EventEmitter implements PipelineWorker {
  readonly received: ToPipelineThread["type"][] = [];
  terminated = false;
  /** Answers "stopped" when asked to stop (false: a thread stuck in a long report). */
  constructor(private readonly stopsWhenAsked = true) {
    super();
  }
  postMessage(message: ToPipelineThread): void {
    this.received.push(message.type);
    if (message.type === "idle") queueMicrotask(() => this.send({ type: "idle" }));
    if (message.type === "stop" && this.stopsWhenAsked) queueMicrotask(() => this.send({ type: "stopped" }));
  }
  send(message: FromPipelineThread): void {
    this.emit("message", message);
  }
  die(code = 1): void {
    this.emit("error", new Error("boom"));
    this.emit("exit", code);
  }
  terminate(): Promise<number> {
    this.terminated = true;
    return Promise.resolve(1);
  }
}

function supervise(options: { stopsWhenAsked?: boolean } = {}) {
  const threads: FakeThread[] = [];
  const lines: LogLine[] = [];
  let outboxWakes = 0;
  const delays: number[] = [];
  const loop = startPipelineThread({
    spawn: () => {
      const thread = new FakeThread(options.stopsWhenAsked ?? true);
      threads.push(thread);
      return thread;
    },
    logger: recordingLogger(lines),
    wakeOutbox: () => (outboxWakes += 1),
    restartDelayMs: (attempt) => {
      delays.push(attempt);
      return 1;
    },
    stopTimeoutMs: 50,
  });
  return { loop, threads, lines, delays, outboxWakes: () => outboxWakes };
}

describe("classification thread supervisor", () => {
  it("passes wake-ups to the thread and the thread's outbox wake-ups to the dispatcher", async () => {
    const { loop, threads, outboxWakes } = supervise();
    expect(threads).toHaveLength(1);
    loop.wake();
    expect(threads[0]!.received).toEqual(["wake"]);
    threads[0]!.send({ type: "wake-outbox" });
    threads[0]!.send({ type: "wake-outbox" });
    expect(outboxWakes()).toBe(2);
    await loop.idle();
    await loop.stop();
  });

  it("replaces a thread that dies, wakes the new one, and backs off while they keep dying", async () => {
    const { loop, threads, lines, delays } = supervise();
    threads[0]!.die();
    await until(() => threads.length === 2);
    expect(threads[1]!.received).toContain("wake");
    threads[1]!.die();
    await until(() => threads.length === 3);
    expect(delays).toEqual([1, 2]);
    expect(loop.restarts()).toBe(2);
    const exits = lines.filter((l) => l.obj["code"] === "PIPELINE_THREAD_EXITED");
    expect(exits).toHaveLength(2);
    expect(lines.filter((l) => l.obj["code"] === "PIPELINE_THREAD_FAILED")).toHaveLength(2);
    // The new thread is the one wake-ups go to.
    loop.wake();
    expect(threads[2]!.received.filter((t) => t === "wake")).toHaveLength(2);
    expect(threads[0]!.received).toEqual([]);
    await loop.stop();
  });

  it("stops the thread after its current report and starts no new one", async () => {
    const { loop, threads } = supervise();
    await loop.stop();
    expect(threads[0]!.received).toEqual(["stop"]);
    expect(threads[0]!.terminated).toBe(true);
    threads[0]!.die(0);
    await new Promise((r) => setTimeout(r, 20));
    expect(threads).toHaveLength(1);
  });

  it("ends a thread that does not stop in time", async () => {
    const { loop, threads, lines } = supervise({ stopsWhenAsked: false });
    await loop.stop();
    expect(threads[0]!.terminated).toBe(true);
    expect(lines.some((l) => l.msg.includes("did not stop in time"))).toBe(true);
  });
});
