/**
 * WAL checkpoints off the event loop: a store opened with `checkpointElsewhere` never checkpoints
 * on its own commits (the WAL grows), and startCheckpointer's connection does it instead (after
 * which the writer reuses the WAL from its start). The default store checkpoints by itself.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import {
  BACKSTOP_CHECKPOINT_PAGES,
  EMBEDDED_DB_FILE,
  createEmbeddedStore,
  startCheckpointer,
} from "../../src/adapters/store/embedded/embedded-store";
import { asRedacted } from "../../src/domain/redacted-text";
import type { Store } from "../../src/ports/store";
import { buildReport } from "../fixtures/build-report";
import { rawConnection } from "./embedded-back-door";
import { capturingLogger } from "./store-under-test";

const MB = 1024 * 1024;

async function fill(store: Store, from: number, count: number): Promise<void> {
  for (let seq = from; seq < from + count; seq++)
    await store.reports.insert(buildReport({ seq, text: asRedacted(`Epic down ${"x".repeat(2000)}`) }));
}

describe("embedded store: WAL checkpoints", () => {
  let dir = "";
  const walSize = () => fs.statSync(path.join(dir, `${EMBEDDED_DB_FILE}-wal`)).size;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "wal-"));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("checkpoints on its own commits by default (the WAL stays near 1,000 pages)", async () => {
    const store = createEmbeddedStore({ dataDir: dir, logger: capturingLogger() });
    await store.init();
    await fill(store, 1, 1500);
    expect(walSize()).toBeLessThan(8 * MB);
    await store.close();
  });

  it("with checkpointElsewhere leaves them to the checkpointer's connection", async () => {
    const logger = capturingLogger();
    const store = createEmbeddedStore({ dataDir: dir, logger, checkpointElsewhere: true });
    await store.init();
    await fill(store, 1, 1500);
    const grown = walSize();
    expect(grown).toBeGreaterThan(8 * MB);
    const checkpointer = startCheckpointer(dir, logger, 60_000);
    checkpointer.stop(); // one checkpoint now
    await fill(store, 1501, 300);
    // Everything was checkpointed, so the writer started the WAL over instead of growing it.
    expect(walSize()).toBe(grown);
    expect(await store.reports.count({})).toBe(1800);
    await store.close();
  });

  it("with checkpointElsewhere still checkpoints by itself past a large WAL, should the checkpointer be down", async () => {
    const store = createEmbeddedStore({ dataDir: dir, logger: capturingLogger(), checkpointElsewhere: true });
    await store.init();
    expect(rawConnection(store).pragma("wal_autocheckpoint", { simple: true })).toBe(BACKSTOP_CHECKPOINT_PAGES);
    await store.close();
  });
});
