/**
 * The real service as a child process (tsx src/main.ts, demo mode, embedded store):
 * - N reports acknowledged over the Bot Framework endpoint survive `kill -9` right after the last
 *   acknowledgement, and after a restart on the same DATA_DIR every one of them gets classified
 *   (the classification worker picks up what was stored but not classified);
 * - /readyz names the embedded store;
 * - bad env → exit 1 with every problem listed; unreachable MongoDB → clear message, exit 1.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createEmbeddedStore } from "../../src/adapters/store/embedded/embedded-store";
import { newReport } from "../../src/domain/report";
import { asRedacted } from "../../src/domain/redacted-text";
import { silentLogger } from "../../src/ports/logger";
import type { Store } from "../../src/ports/store";
import { startFakeBotConnector, type FakeBotConnector } from "../fakes/fake-bot-connector";
import { freePort, spawnService, stopService, waitForStatus, type ServiceProcess } from "../support/service-process";

const N = 30;
const PROBLEMS = [
  "Epic keeps freezing when I open the MAR, can't chart meds",
  "the label printer at the nurses station is jammed again, no specimen labels",
  "Pyxis won't open the drawer, badge scan fails every time",
  "Vocera badges keep dropping calls since this morning",
  "bedside monitor keeps losing the SpO2 waveform on the central station",
];
const UNITS = ["4 West", "CVICU", "5 North", "PACU", "NICU", "Oncology"];

function reportText(i: number): string {
  return `${UNITS[i % UNITS.length]}: ${PROBLEMS[i % PROBLEMS.length]}`;
}

/** A 1:1 Teams activity from nurse i in their own personal conversation. */
function activity(i: number, serviceUrl: string): Record<string, unknown> {
  return {
    type: "message",
    id: `in-${i}`,
    channelId: "msteams",
    serviceUrl,
    timestamp: new Date().toISOString(),
    from: { id: `29:nurse-${i}`, name: `Nurse ${i}`, aadObjectId: `aad-nurse-${i}` },
    recipient: { id: "28:bot-app-id", name: "IT Feedback" },
    conversation: { id: `a:personal-${i}`, conversationType: "personal", tenantId: "tenant-1" },
    channelData: { tenant: { id: "tenant-1" } },
    text: reportText(i),
  };
}

/** Waits until the connector got, in conversation i, a message naming a report id; returns the id. */
async function acknowledgedId(connector: FakeBotConnector, i: number, timeoutMs = 15_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    for (const call of connector.sent()) {
      if (call.conversationId !== `a:personal-${i}`) continue;
      const match = /R-\d{4,}/.exec(JSON.stringify(call.body));
      if (match) return match[0];
    }
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error(`no acknowledgement with a report id reached the connector for nurse ${i}`);
}

function serviceEnv(port: number, dataDir: string): Record<string, string> {
  // A report the kill left mid-pipeline is re-driven once its lease has passed (90 s by default):
  // a short lease lets the restarted service pick it up within the test's wait.
  return { PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: "warn", PIPELINE_LEASE_MS: "3000" };
}

async function startService(dataDir: string): Promise<{ service: ServiceProcess; base: string }> {
  const port = await freePort();
  const service = spawnService(serviceEnv(port, dataDir));
  const base = `http://127.0.0.1:${port}`;
  await waitForStatus(service, `${base}/healthz`, 200, 40_000);
  return { service, base };
}

/** What a crash between "stored" and "classified" leaves behind: a pending report, never classified. */
async function seedUnclassified(store: Store, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const report = newReport({
      seq: await store.reports.nextSeq(),
      now: new Date(),
      channel: "teams",
      reporter: { ref: `teams:aad-late-${i}`, displayName: `Late nurse ${i}`, anonymous: false },
      conversationKey: `teams:a:late-${i}`,
      text: asRedacted(`ED: ${PROBLEMS[i % PROBLEMS.length]}`),
      redactions: {},
      truncated: false,
      attachmentsDropped: 0,
    });
    await store.reports.insert(report);
    ids.push(report.id);
  }
  return ids;
}

describe("service durability (real process, embedded store)", () => {
  const dirs: string[] = [];
  const services: ServiceProcess[] = [];
  let connector: FakeBotConnector;
  let unreachableMongo: ServiceProcess;
  let closedMongoPort: number;

  const tempDir = () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "service-durability-"));
    dirs.push(dir);
    return dir;
  };

  beforeAll(async () => {
    connector = await startFakeBotConnector();
    // main retries an unreachable MongoDB for ~30 s before giving up: start that case now so it
    // runs while the other tests do.
    closedMongoPort = await freePort();
    unreachableMongo = spawnService({
      PORT: String(await freePort()),
      MONGODB_URI: `mongodb://bot:s3cret@127.0.0.1:${closedMongoPort}/?directConnection=true`,
      LOG_LEVEL: "warn",
      DATA_DIR: tempDir(),
    });
    services.push(unreachableMongo);
  });

  afterAll(async () => {
    await Promise.all(services.map((s) => stopService(s, 1000)));
    await connector.close();
    for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
  });

  it("bad env: exit 1, every problem listed, nothing started", async () => {
    const service = spawnService({ PORT: "abc", MONGODB_URI: "postgres://x", DATA_DIR: tempDir() });
    services.push(service);
    const { code } = await service.exited;
    expect(code).toBe(1);
    const stderr = service.stderr();
    expect(stderr).toContain("configuration has problems");
    expect(stderr).toMatch(/PORT/);
    expect(stderr).toMatch(/MONGODB_URI/);
    expect(service.stdout()).not.toMatch(/Listening/);
  });

  it(`keeps all ${N} acknowledged reports across kill -9 and classifies every one after the restart`, async () => {
    const dataDir = tempDir();
    const first = await startService(dataDir);
    services.push(first.service);
    const ready = await waitForStatus(first.service, `${first.base}/readyz`, 200);
    const readyBody = (await ready.json()) as { store: string };
    expect(readyBody.store).toMatch(/^embedded \(SQLite at /);
    expect(readyBody.store).toContain(dataDir);

    const posts = Array.from(
      { length: N },
      (_, i) =>
        fetch(`${first.base}/api/messages`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify(activity(i, connector.url)),
        }).catch(() => null), // responses still in flight at the kill fail; the acks are what count
    );
    const ids = await Promise.all(Array.from({ length: N }, (_, i) => acknowledgedId(connector, i)));
    first.service.child.kill("SIGKILL"); // the moment the last acknowledgement arrived
    const killed = await first.service.exited;
    expect(killed.signal).toBe("SIGKILL");
    await Promise.all(posts);
    expect(new Set(ids).size).toBe(N);

    // Service down: every acknowledged report is on disk. Add two a crash left unclassified, so
    // the restart always has stored-but-unclassified work to pick up.
    const offline = createEmbeddedStore({ dataDir, logger: silentLogger });
    for (const id of ids) expect(await offline.reports.get(id)).not.toBeNull();
    const leftAtKill = await offline.reports.count({ classified: false });
    const seeded = await seedUnclassified(offline, 2);
    await offline.close();

    const second = await startService(dataDir);
    services.push(second.service);
    await waitForStatus(second.service, `${second.base}/readyz`, 200);
    const reader = createEmbeddedStore({ dataDir, logger: silentLogger });
    try {
      const deadline = Date.now() + 20_000;
      let unclassified = await reader.reports.count({ classified: false });
      while (unclassified > 0 && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 200));
        unclassified = await reader.reports.count({ classified: false });
      }
      const stuck = (await reader.reports.find({ classified: false })).map((r) => `${r.id}:${r.classifyJob.state}`);
      expect({ unclassified, stuck, leftAtKill }).toEqual({ unclassified: 0, stuck: [], leftAtKill });
    } finally {
      await reader.close();
    }

    await stopService(second.service);
    expect((await second.service.exited).code).toBe(0);
    const after = createEmbeddedStore({ dataDir, logger: silentLogger });
    try {
      for (const id of [...ids, ...seeded]) {
        const report = await after.reports.get(id);
        expect(report?.classification).not.toBeNull();
        expect(report?.history.filter((h) => h.action === "classified")).toHaveLength(1);
      }
      expect(await after.reports.count({})).toBe(N + seeded.length);
    } finally {
      await after.close();
    }
  }, 60_000);

  it("MongoDB unreachable at start: a clear message naming the server, no password, exit 1", async () => {
    const { code } = await unreachableMongo.exited;
    expect(code).toBe(1);
    const stderr = unreachableMongo.stderr();
    expect(stderr).toContain("the store is not reachable");
    expect(stderr).toContain(`127.0.0.1:${closedMongoPort}`);
    expect(stderr).not.toContain("s3cret");
  }, 60_000);
});
