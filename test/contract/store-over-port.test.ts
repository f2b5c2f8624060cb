/**
 * The store contract through a MessagePort: the embedded store served on one end of a
 * MessageChannel, the contract run against storeOverPort on the other — as the classification
 * thread uses the event loop's store. Then what only the port has: errors keep their code, and a
 * closed port fails waiting calls instead of leaving them hanging.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { MessageChannel } from "node:worker_threads";
import { createEmbeddedStore } from "../../src/adapters/store/embedded/embedded-store";
import { serveStore, storeOverPort } from "../../src/adapters/store/store-over-port";
import { buildReport } from "../fixtures/build-report";
import type { Store } from "../../src/ports/store";
import { describeStoreContract } from "./store-contract";
import { plantCorruptReport } from "./embedded-back-door";
import { capturingLogger, type StoreUnderTest } from "./store-under-test";
import type { Logger } from "../../src/ports/logger";

/**
 * Jest runs tests in a vm context, while a MessagePort builds what it receives in Node's own: a Date
 * that arrives is a Date of the other realm, which `instanceof Date` here refuses. A worker thread
 * has one realm, so production needs nothing of this; the test rebuilds received values in its own.
 */
function inThisRealm(value: unknown): unknown {
  if (Object.prototype.toString.call(value) === "[object Date]") return new Date((value as Date).getTime());
  if (Array.isArray(value)) return value.map(inThisRealm);
  if (value !== null && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, inThisRealm(v)]));
  return value;
}

function realmSafe(store: Store): Store {
  const wrap = (part: object): object =>
    new Proxy(part, {
      get: (target, method) => {
        const fn = (target as Record<string | symbol, unknown>)[method];
        return typeof fn === "function"
          ? (...args: unknown[]) => (fn as (...a: unknown[]) => Promise<unknown>)(...args).then(inThisRealm)
          : fn;
      },
    });
  return Object.fromEntries(
    Object.entries(store).map(([key, value]) => [
      key,
      typeof value === "object" && value !== null ? wrap(value) : value,
    ]),
  ) as unknown as Store;
}

/**
 * The contract's store: `owner` served on a MessageChannel, asked through its other end (reads on
 * a read-only handle of `dataDir` when one is given, as the classification thread does).
 */
async function throughPort(logger: Logger, dataDir: string): Promise<StoreUnderTest> {
  const owner = createEmbeddedStore({ dataDir, logger });
  await owner.init();
  const channel = new MessageChannel();
  serveStore(owner, channel.port1);
  const reads = dataDir === ":memory:" ? null : createEmbeddedStore({ dataDir, logger, readOnly: true });
  const store = realmSafe(storeOverPort(channel.port2, { kind: owner.kind, description: owner.describe() }, reads));
  return {
    store,
    writeCorruptReport: (id, seq, createdAt) => plantCorruptReport(owner, id, seq, createdAt),
    dispose: async () => {
      await store.close();
      channel.port1.close();
      await owner.close();
      if (dataDir !== ":memory:") fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

describeStoreContract("embedded, through a message port", (logger) => throughPort(logger, ":memory:"));

describeStoreContract("embedded file, writes through a message port, reads on a read-only handle", (logger) =>
  throughPort(logger, fs.mkdtempSync(path.join(os.tmpdir(), "store-port-"))),
);

describe("store over a message port", () => {
  it("keeps an error's stable code, and fails calls once the port is closed", async () => {
    const owner = createEmbeddedStore({ dataDir: ":memory:", logger: capturingLogger() });
    await owner.init();
    const channel = new MessageChannel();
    serveStore(owner, channel.port1);
    const store = realmSafe(storeOverPort(channel.port2, { kind: "embedded", description: "test" }));
    await store.reports.insert(buildReport({ seq: 4 }));
    await expect(store.reports.insert(buildReport({ seq: 4 }))).rejects.toMatchObject({ code: "STORAGE_CONFLICT" });
    const back = await store.reports.get("R-0004");
    expect(back?.createdAt).toBeInstanceOf(Date);
    channel.port1.close();
    await expect(store.reports.get("R-0004")).rejects.toMatchObject({ code: "STORAGE_UNAVAILABLE" });
    // The owner's store is the owner's: still open.
    await expect(owner.reports.get("R-0004")).resolves.toMatchObject({ id: "R-0004" });
    await store.close();
    await owner.close();
  });

  it("reads on the read-only handle what a write through the port just committed, and cannot write there", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "store-port-"));
    const owner = createEmbeddedStore({ dataDir: dir, logger: capturingLogger() });
    await owner.init();
    const channel = new MessageChannel();
    serveStore(owner, channel.port1);
    const reads = createEmbeddedStore({ dataDir: dir, logger: capturingLogger(), readOnly: true });
    const store = storeOverPort(channel.port2, { kind: "embedded", description: "test" }, reads);
    const report = buildReport({ seq: 9 });
    await store.reports.insert(report);
    expect(await store.reports.get(report.id)).toMatchObject({ id: report.id, version: 0 });
    expect(await store.reports.replace({ ...report, version: 1, status: "acknowledged" }, 0)).toBe(true);
    expect(await store.reports.find({ statusIn: ["acknowledged"] })).toHaveLength(1);
    await expect(reads.reports.insert(buildReport({ seq: 10 }))).rejects.toMatchObject({ code: "STORAGE_UNAVAILABLE" });
    await store.close();
    channel.port1.close();
    await owner.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
