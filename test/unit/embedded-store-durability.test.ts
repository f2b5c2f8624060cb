/** The embedded store keeps acknowledged writes on disk: across a reopen, and across kill -9. */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createEmbeddedStore, EMBEDDED_DB_FILE } from "../../src/adapters/store/embedded/embedded-store";
import { silentLogger } from "../../src/ports/logger";
import { buildReport } from "../fixtures/build-report";

describe("embedded store durability", () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "embedded-store-"));
  });
  afterEach(() => {
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it("reads back, through a new connection, what another connection wrote", async () => {
    const writer = createEmbeddedStore({ dataDir, logger: silentLogger });
    await writer.init();
    const report = buildReport({ seq: await writer.reports.nextSeq() });
    await writer.reports.insert(report);
    await writer.close();

    expect(fs.existsSync(path.join(dataDir, EMBEDDED_DB_FILE))).toBe(true);
    const reader = createEmbeddedStore({ dataDir, logger: silentLogger });
    await reader.init(); // idempotent on an existing file
    expect(await reader.reports.get(report.id)).toEqual(report);
    expect(await reader.reports.nextSeq()).toBe(report.seq + 1);
    expect(reader.describe()).toContain(path.join(dataDir, EMBEDDED_DB_FILE));
    await reader.close();
  });

  it("keeps writes that were acknowledged before the process was killed with SIGKILL", async () => {
    const child = spawnSync(
      process.execPath,
      ["--require", require.resolve("tsx/cjs"), path.join(__dirname, "../support/embedded-kill-child.ts"), dataDir],
      { encoding: "utf8", timeout: 20_000 },
    );
    expect(child.stderr).toBe("");
    expect(child.signal).toBe("SIGKILL");
    const seq = Number(/acked (\d+)/.exec(child.stdout)?.[1]);
    expect(seq).toBeGreaterThan(0);

    const reopened = createEmbeddedStore({ dataDir, logger: silentLogger });
    await reopened.init();
    expect((await reopened.reports.get(`R-${String(seq).padStart(4, "0")}`))?.seq).toBe(seq);
    expect(await reopened.idempotency.firstTime("evt-acked", new Date())).toBe(false);
    await reopened.close();
  });

  it("fails with a StorageError when the data directory cannot be used", () => {
    const file = path.join(dataDir, "not-a-dir");
    fs.writeFileSync(file, "x");
    expect(() => createEmbeddedStore({ dataDir: file, logger: silentLogger })).toThrow(
      expect.objectContaining({ code: "STORAGE_UNAVAILABLE" }),
    );
  });
});
