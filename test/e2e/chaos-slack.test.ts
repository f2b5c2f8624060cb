/**
 * Chaos (bounded, 127.0.0.1 only): the real service on the embedded store takes a load of signed
 * Slack DM events while it is killed with SIGKILL at random moments, several rounds, and restarted
 * on the same DATA_DIR. The fake Slack platform redelivers every event that did not get a 2xx (as
 * Slack does), with x-slack-retry-num. Then it asserts:
 * - every event that got a 2xx is exactly one report, and no event is filed twice;
 * - every report is classified once, taken into triage (routed or clustered), its pipeline job done,
 *   its confirmation sent; nothing is left pending in the outbox;
 * - no outbox message (triage card, confirmation, alert) is posted twice: each post carries its
 *   outbox key in Slack metadata, and a re-driven send looks it up in the conversation first.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { isTakenIn } from "../../src/app/route-report";
import { createEmbeddedStore, EMBEDDED_DB_FILE } from "../../src/adapters/store/embedded/embedded-store";
import { seededRandom } from "../../src/domain/seeded-random";
import { silentLogger } from "../../src/ports/logger";
import { startFakeSlackApi, type FakeSlackApi } from "../fakes/fake-slack-api";
import { dmEvent, eventEnvelope, jsonBody, postSigned } from "../fakes/slack-signing";
import { freePort, spawnService, stopService, waitForStatus, type ServiceProcess } from "../support/service-process";

const SECRET = "chaos-signing-secret-0123456789";
const TOKEN = "xoxb-chaos-token";
const EVENTS = 90;
const ROUNDS = 3;
const CONCURRENCY = 6;
const PROBLEMS = [
  "Epic froze when opening the MAR",
  "label printer jammed, no specimen labels",
  "Pyxis drawer will not open after badge scan",
  "Vocera badge drops every call",
  "bedside monitor lost the SpO2 waveform",
  "wifi keeps dropping on the workstation on wheels",
];
const UNITS = ["4 West", "CVICU", "5 North", "PACU", "NICU", "Oncology", "ED", "3 East"];

interface Pending {
  i: number;
  eventId: string;
  body: ReturnType<typeof jsonBody>;
  tries: number;
}

describe("chaos: kill -9 under a load of signed Slack events (embedded store)", () => {
  let api: FakeSlackApi;
  let dir: string;
  let service: ServiceProcess | null = null;

  beforeAll(async () => {
    api = await startFakeSlackApi({ token: TOKEN });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "chaos-slack-"));
  });
  afterAll(async () => {
    if (service) await stopService(service, 1000);
    await api.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it(`${EVENTS} events, ${ROUNDS} kills: nothing lost, nothing doubled, nothing stuck`, async () => {
    const random = seededRandom(16);
    const dataDir = path.join(dir, "data");
    const triageFile = path.join(dir, "triage.json");
    fs.writeFileSync(
      triageFile,
      JSON.stringify({
        defaultDestination: "slack:C0TRIAGE",
        alerts: ["slack:C0ONCALL"],
        digest: [],
        triagers: { slack: { userIds: ["U0IT"] } },
      }),
    );
    let url = "";
    const start = async () => {
      const port = await freePort();
      service = spawnService({
        PORT: String(port),
        DATA_DIR: dataDir,
        LOG_LEVEL: "warn",
        SLACK_BOT_TOKEN: TOKEN,
        SLACK_SIGNING_SECRET: SECRET,
        SLACK_API_URL: api.url,
        TRIAGE_CONFIG_FILE: triageFile,
        // A killed instance's claimed reports are re-driven this soon after a restart.
        PIPELINE_LEASE_MS: "3000",
      });
      url = `http://127.0.0.1:${port}/slack/events`;
      await waitForStatus(service, `http://127.0.0.1:${port}/readyz`, 200, 40_000);
    };

    const queue: Pending[] = Array.from({ length: EVENTS }, (_, i) => {
      const text = `${UNITS[i % UNITS.length]}: ${PROBLEMS[i % PROBLEMS.length]} (case ${1000 + i})`;
      const eventId = `EvChaos${i}`;
      return { i, eventId, body: jsonBody(eventEnvelope(dmEvent(`U${100 + i}`, text), { eventId })), tries: 0 };
    });
    const accepted = new Set<number>();
    let refused = 0;

    const sendOne = async (item: Pending): Promise<void> => {
      const headers: Record<string, string> =
        item.tries > 0 ? { "x-slack-retry-num": String(Math.min(item.tries, 2)) } : {};
      item.tries += 1;
      try {
        const res = await postSigned(url, item.body, { secret: SECRET, headers });
        if (res.status >= 200 && res.status < 300) accepted.add(item.i);
        else {
          refused += 1;
          queue.push(item);
        }
      } catch {
        queue.push(item); // connection refused or reset by the kill: Slack retries
      }
    };

    for (let round = 0; round <= ROUNDS; round++) {
      await start();
      const killAt = round < ROUNDS ? Date.now() + 200 + random() * 1200 : Infinity;
      const workers = Array.from({ length: CONCURRENCY }, async () => {
        while (Date.now() < killAt && service?.child.exitCode === null && service.child.signalCode === null) {
          const item = queue.shift();
          if (!item) {
            if (round < ROUNDS) await new Promise((r) => setTimeout(r, 20));
            else return;
            continue;
          }
          await sendOne(item);
        }
      });
      if (round < ROUNDS) {
        await new Promise((r) => setTimeout(r, killAt - Date.now()));
        service!.child.kill("SIGKILL");
        await service!.exited;
      }
      await Promise.all(workers);
    }
    expect(accepted.size).toBe(EVENTS);

    // Drained: every report's pipeline done and nothing pending in the outbox (bounded wait).
    const dbFile = path.join(dataDir, EMBEDDED_DB_FILE);
    const drainedBy = Date.now() + 60_000;
    let state = { reports: 0, open: 0, outboxPending: 0 };
    while (Date.now() < drainedBy) {
      const db = new Database(dbFile, { readonly: true, fileMustExist: true });
      try {
        const reports = (db.prepare("SELECT count(*) AS n FROM reports").get() as { n: number }).n;
        const open = (
          db.prepare("SELECT count(*) AS n FROM reports WHERE classify_state <> 'done'").get() as { n: number }
        ).n;
        const outboxPending = (
          db.prepare("SELECT count(*) AS n FROM outbox WHERE state IN ('pending', 'sending')").get() as { n: number }
        ).n;
        state = { reports, open, outboxPending };
      } finally {
        db.close();
      }
      if (state.reports >= EVENTS && state.open === 0 && state.outboxPending === 0) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    expect(state).toEqual({ reports: EVENTS, open: 0, outboxPending: 0 });
    await stopService(service!);

    const store = createEmbeddedStore({ dataDir, logger: silentLogger });
    try {
      const reports = await store.reports.find({ sort: "createdAsc" });
      const byCase = new Map<string, number>();
      for (const report of reports) {
        const match = /case (\d+)/.exec(report.text);
        if (match?.[1]) byCase.set(match[1], (byCase.get(match[1]) ?? 0) + 1);
        expect(report.classifyJob.state).toBe("done");
        expect(report.history.filter((h) => h.action === "classified")).toHaveLength(1);
        expect(isTakenIn(report)).toBe(true);
        const confirmation = await store.outbox.get(`intake:${report.id}:classified`);
        expect(confirmation?.state).toBe("sent");
      }
      expect(byCase.size).toBe(EVENTS);
      expect([...byCase.values()].every((n) => n === 1)).toBe(true);

      // Every outbox post carries its key in Slack metadata: no key may be posted twice.
      const posts = api.callsTo("chat.postMessage");
      const byKey = new Map<string, number>();
      for (const call of posts) {
        const key = (call.args.metadata as { event_payload?: { outbox_key?: string } } | undefined)?.event_payload
          ?.outbox_key;
        if (key) byKey.set(key, (byKey.get(key) ?? 0) + 1);
      }
      const duplicatePosts = [...byKey.entries()].filter(([, n]) => n > 1).map(([key, n]) => `${key} ×${n}`);
      const heads = reports.filter((r) => r.clusterId === r.id);
      for (const head of heads) expect(byKey.get(`triage-card:${head.id}`)).toBe(1);
      console.info(
        `chaos (embedded): ${EVENTS} events, ${ROUNDS} kills, ${refused} non-2xx answers (retried), ` +
          `${reports.length} reports, ${heads.length} triage cards, ${byKey.size} outbox posts, ` +
          `${duplicatePosts.length} posted twice, ${api.callsTo("conversations.history").length} history look-ups`,
      );
      expect(duplicatePosts).toEqual([]);
    } finally {
      await store.close();
    }
  }, 240_000);
});
