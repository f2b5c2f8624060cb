/**
 * The real service on MongoDB (FerretDB) when the database is not there yet, goes away and comes back:
 * - started against a port where nothing listens, it keeps retrying, and a FerretDB that comes up
 *   there after two failed attempts (~10 s) is used without a restart (a fresh driver client per attempt);
 * - with the store down, /readyz answers 503 within 1 s; once it is back, 200 again;
 * - SIGTERM: exit 0 within 3 s.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { mongoTestTarget, randomTestDbName, startOwnFerretDb, type OwnFerretDb } from "../support/mongo-server";
import { freePort, spawnService, stopService, waitForStatus, type ServiceProcess } from "../support/service-process";

const target = mongoTestTarget();
const ferret = target.uri !== null && target.flavor.startsWith("ferretdb");
const describeFerret = ferret ? describe : describe.skip;
if (!ferret) console.warn(`service-mongo-startup skipped: needs the FerretDB test server (${JSON.stringify(target)})`);

async function waitForOutput(service: ServiceProcess, pattern: RegExp, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!pattern.test(service.stdout())) {
    if (Date.now() > deadline || service.child.exitCode !== null)
      throw new Error(`no ${String(pattern)} in the service output: ${service.stdout()} ${service.stderr()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function timed<T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await work();
  return { value, ms: performance.now() - started };
}

describeFerret("service on MongoDB: late start, outage, shutdown", () => {
  let dir: string;
  let db: OwnFerretDb | null = null;
  let service: ServiceProcess | null = null;

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "mongo-startup-"));
  });
  afterAll(async () => {
    if (service) await stopService(service, 1000);
    await db?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("uses a FerretDB that starts 10 s after it, answers /readyz fast in an outage, stops within 3 s", async () => {
    const dbPort = await freePort();
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    service = spawnService({
      PORT: String(port),
      MONGODB_URI: `mongodb://127.0.0.1:${dbPort}/?directConnection=true`,
      MONGODB_DB: randomTestDbName("startup"),
      DATA_DIR: path.join(dir, "unused"),
      LOG_LEVEL: "warn",
    });
    // Not a fixed sleep: tsx may take seconds to load on a busy machine. Two failed attempts first.
    await waitForOutput(service, /"attempt":2,/, 60_000);
    expect(service.child.exitCode).toBeNull();
    db = await startOwnFerretDb(dbPort, path.join(dir, "db"));
    await waitForStatus(service, `${base}/readyz`, 200, 30_000);
    expect(service.stderr()).not.toContain("Topology is closed");

    await db.stop("SIGKILL");
    db = null;
    const down = await timed(() => fetch(`${base}/readyz`));
    expect(down.value.status).toBe(503);
    expect(down.ms).toBeLessThan(2500); // goal 1 s (probe cut-off 0.8 s); margin for a loaded machine
    // Not just the first probe (a dropped connection fails fast): the next ones too.
    for (let i = 0; i < 2; i++) {
      const again = await timed(() => fetch(`${base}/readyz`));
      expect(again.value.status).toBe(503);
      // The probe gives up after 0.8 s (goal: 1 s); the margin is for a loaded CI machine, far under the 5 s it took before.
      expect(again.ms).toBeLessThan(2500);
    }

    db = await startOwnFerretDb(dbPort, path.join(dir, "db"));
    await waitForStatus(service, `${base}/readyz`, 200, 20_000);

    const stopped = await timed(async () => {
      service?.child.kill("SIGTERM");
      return service?.exited;
    });
    expect(stopped.value).toEqual({ code: 0, signal: null });
    expect(stopped.ms).toBeLessThan(6000); // goal 3 s; margin for a loaded machine
  }, 150_000);
});
