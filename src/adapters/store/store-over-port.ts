/**
 * A Store used from another thread through a MessagePort: every call is posted to the thread that
 * owns the real store (the event loop), run there, and its answer or error posted back.
 *
 * Why: the embedded store is SQLite, and two connections in one process wait for each other's write
 * lock synchronously — a classification thread with its own connection blocked the event loop under
 * load. Through the port the event loop stays the only writer; the thread keeps the CPU-heavy work
 * (classification, clustering, rendering) and asks for each read and write, which take the event
 * loop a fraction of a millisecond. Values cross by structured clone (Dates stay Dates); an error
 * keeps its stable code. The thread never closes the owner's store: close() only stops asking.
 * Given a read-only handle on the same database (`reads`), the thread reads through it instead:
 * a reader of a WAL file never waits for the writer nor makes it wait, and the rows are decoded on
 * the thread. A write answered over the port has committed, so the next read sees it.
 */
import { AppError, type ErrorCode } from "../../domain/errors";
import type { Store } from "../../ports/store";

/** What both ends need of a worker_threads MessagePort (a MessageChannel's in tests). */
export interface StorePort {
  postMessage(message: unknown): void;
  on(event: "message", listener: (message: unknown) => void): void;
  on(event: "close", listener: () => void): void;
  close(): void;
}

type Part = Exclude<keyof Store, "kind" | "describe" | "init" | "ping" | "close">;
const PARTS: readonly Part[] = ["reports", "audit", "conversations", "leases", "idempotency", "digestRuns", "outbox"];

/** The methods that only read: with a `reads` handle they run on it, in the asking thread. */
const READS: Readonly<Record<Part, readonly string[]>> = {
  reports: ["get", "find", "count", "findSummaries", "findClusterViews", "findFacts", "findReporters", "countByKind"],
  audit: ["listForReport"],
  conversations: ["get"],
  leases: [],
  idempotency: ["seen"],
  digestRuns: ["sentPeriods"],
  outbox: ["get"],
};

interface Call {
  id: number;
  part: Part | "store";
  method: string;
  args: unknown[];
}

type Answer = { id: number; value: unknown } | { id: number; error: { code: ErrorCode; message: string } };

function isCall(message: unknown): message is Call {
  const m = message as Partial<Call> | null;
  return typeof m?.id === "number" && typeof m.method === "string" && Array.isArray(m.args);
}

/**
 * The owner's side: answers every call that arrives on `port` from `store`. `turn` is awaited before
 * each call (main.ts: let the messages being taken in go first — the asking thread's work may wait).
 */
export function serveStore(store: Store, port: StorePort, turn: () => Promise<void> = () => Promise.resolve()): void {
  port.on("message", (message) => {
    if (!isCall(message)) return;
    const { id, part, method, args } = message;
    const known = part === "store" ? method === "ping" : PARTS.includes(part);
    const target = (part === "store" ? store : known ? store[part] : {}) as unknown as Record<string, unknown>;
    const fn = target[method];
    const call =
      known && typeof fn === "function"
        ? turn().then(() => (fn as (...a: unknown[]) => unknown).apply(target, args))
        : Promise.reject(new AppError("INTERNAL", `the store has no ${part}.${method}`));
    call.then(
      (value) => post(port, { id, value }),
      (err: unknown) => {
        const code = err instanceof AppError ? err.code : "INTERNAL";
        post(port, { id, error: { code, message: err instanceof Error ? err.message : String(err) } });
      },
    );
  });
}

function post(port: StorePort, answer: Answer): void {
  try {
    port.postMessage(answer);
  } catch {
    // The asking thread is gone (restarted or stopped): nobody waits for this answer.
  }
}

/** The asking side: a Store whose every method is a call over `port`. */
export function storeOverPort(
  port: StorePort,
  owner: { kind: Store["kind"]; description: string },
  reads: Store | null = null,
): Store {
  let nextId = 0;
  let closed = false;
  const waiting = new Map<number, { resolve: (value: unknown) => void; reject: (err: Error) => void }>();
  port.on("message", (message) => {
    const answer = message as Answer;
    const pending = waiting.get(answer.id);
    if (!pending) return;
    waiting.delete(answer.id);
    if ("error" in answer) pending.reject(new AppError(answer.error.code, answer.error.message));
    else pending.resolve(answer.value);
  });
  const failAll = (): void => {
    closed = true;
    for (const { reject } of waiting.values())
      reject(new AppError("STORAGE_UNAVAILABLE", "the store's thread is gone"));
    waiting.clear();
  };
  port.on("close", failAll);
  const ask = (part: Call["part"], method: string, args: unknown[]): Promise<unknown> => {
    if (closed) return Promise.reject(new AppError("STORAGE_UNAVAILABLE", "the store's port is closed"));
    nextId += 1;
    const id = nextId;
    return new Promise((resolve, reject) => {
      waiting.set(id, { resolve, reject });
      try {
        port.postMessage({ id, part, method, args } satisfies Call);
      } catch (err) {
        // Not sendable (a value that cannot be cloned): fails here, and nothing waits for it.
        waiting.delete(id);
        reject(err instanceof Error ? err : new Error(String(err)));
      }
    });
  };
  const partProxy = (part: Part): unknown =>
    new Proxy(
      {},
      {
        get: (_target, method) => {
          if (typeof method !== "string" || method === "then") return undefined;
          if (reads && READS[part].includes(method)) {
            const local = reads[part] as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>;
            return (...args: unknown[]) => local[method]!.apply(local, args);
          }
          return (...args: unknown[]) => ask(part, method, args);
        },
      },
    );
  const parts = Object.fromEntries(PARTS.map((part) => [part, partProxy(part)])) as Pick<Store, Part>;
  return {
    kind: owner.kind,
    describe: () => owner.description,
    // The owner created the tables before the thread started.
    init: () => Promise.resolve(),
    ping: () => ask("store", "ping", []).then(() => undefined),
    close: async () => {
      failAll();
      port.close();
      await reads?.close();
    },
    ...parts,
  };
}
