/**
 * Chaos for Teams (bounded, 127.0.0.1 only): the real service takes a load of Bot Framework
 * activities signed as the Bot Connector signs them (RS256 tokens checked against the fake
 * login.botframework.com keys; the bot's replies get their tokens from the fake Entra ID) while it
 * is killed with SIGKILL at random moments, and restarted on the same embedded store. Nurses'
 * replies go to a fake Bot Connector; triage cards to a fake Slack Web API (Teams nurses, Slack IT).
 * The fake Teams redelivers every activity that did not get a 2xx. Then it asserts:
 * - every activity answered 2xx is exactly one report, classified once, taken into triage, its
 *   pipeline done and its confirmation sent; nothing is left pending in the outbox;
 * - one triage card per incident, no outbox message posted twice on Slack;
 * - every nurse heard their report id, and was confirmed.
 * What a nurse sees twice is counted and printed: an acknowledgement sent in a turn that was
 * killed before it was answered is sent again when the activity is redelivered (the Bot Connector
 * has no look-up of a conversation's recent bot messages to reconcile with), so it is bounded by
 * the activities in flight at each kill.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { isTakenIn } from "../../src/app/pipeline/route-report";
import { createEmbeddedStore } from "../../src/adapters/store/embedded/embedded-store";
import { seededRandom } from "../../src/domain/seeded-random";
import { silentLogger } from "../../src/ports/logger";
import { startFakeBotConnector, type FakeBotConnector } from "../fakes/fake-bot-connector";
import {
  channelToken,
  createSigningKey,
  startFakeMicrosoftLogin,
  type FakeMicrosoftLogin,
  type SigningKey,
} from "../fakes/fake-microsoft-login";
import { startFakeSlackApi, type FakeSlackApi } from "../fakes/fake-slack-api";
import { embeddedBacklog, killMidRound, writeChaosTriageFile } from "../support/chaos-run";
import { freePort, spawnService, stopService, waitForStatus, type ServiceProcess } from "../support/service-process";

const APP = { id: "6f1c2b9e-0000-4000-8000-00000000c4a0", secret: "chaos-teams-client-secret" };
const SLACK_TOKEN = "xoxb-chaos-teams";
const EVENTS = 60;
const KILLS = 3;
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
const PRELOAD = path.resolve(__dirname, "../support/route-microsoft-login-preload.ts");

interface Pending {
  i: number;
  tries: number;
}

function activity(i: number, serviceUrl: string): Record<string, unknown> {
  return {
    type: "message",
    id: `chaos-${i}`,
    channelId: "msteams",
    serviceUrl,
    timestamp: new Date().toISOString(),
    from: { id: `29:nurse-${i}`, name: `Nurse ${i}`, aadObjectId: `aad-nurse-${i}` },
    recipient: { id: `28:${APP.id}`, name: "IT Feedback" },
    conversation: { id: `a:personal-${i}`, conversationType: "personal", tenantId: "tenant-1" },
    channelData: { tenant: { id: "tenant-1" } },
    text: `${UNITS[i % UNITS.length]}: ${PROBLEMS[i % PROBLEMS.length]} (case ${2000 + i})`,
  };
}

/**
 * What nurse i saw in their chat about report `id`, in order: "ack" / "confirm" for a new message,
 * "ack~" / "confirm~" for an in-place update of an earlier one (invisible when it repeats).
 */
function nurseView(connector: FakeBotConnector, i: number, id: string): string[] {
  const ack = new RegExp(`Got it — ${id}\\b`);
  const confirmation = new RegExp(`${id} (filed|received)`);
  return connector.calls
    .filter((c) => c.conversationId === `a:personal-${i}`)
    .flatMap((c) => {
      const body = JSON.stringify(c.body);
      const what = confirmation.test(body) ? "confirm" : ack.test(body) ? "ack" : null;
      if (!what) return [];
      return [c.kind === "update" ? `${what}~` : what];
    });
}

describe("chaos: kill -9 under a load of signed Teams activities", () => {
  let connector: FakeBotConnector;
  let login: FakeMicrosoftLogin;
  let api: FakeSlackApi;
  let key: SigningKey;
  let dir: string;

  beforeAll(async () => {
    key = createSigningKey("chaos-key");
    connector = await startFakeBotConnector();
    login = await startFakeMicrosoftLogin({ keys: [key], apps: { [APP.id]: APP.secret } });
    api = await startFakeSlackApi({ token: SLACK_TOKEN });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "chaos-teams-"));
  });
  afterAll(async () => {
    await connector.close();
    await login.close();
    await api.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it(`${EVENTS} activities, ${KILLS} kills: nothing lost, doubled or stuck; nurse-side repeats counted`, async () => {
    const dataDir = path.join(dir, "data");
    const triageFile = writeChaosTriageFile(dir);
    const loginPort = new URL(login.url).port;
    let service: ServiceProcess | null = null;
    let url = "";
    const start = async () => {
      const port = await freePort();
      service = spawnService({
        PORT: String(port),
        DATA_DIR: dataDir,
        LOG_LEVEL: "warn",
        MICROSOFT_APP_ID: APP.id,
        MICROSOFT_APP_PASSWORD: APP.secret,
        MICROSOFT_APP_TYPE: "MultiTenant",
        NODE_OPTIONS: `--require ${require.resolve("tsx/cjs")} --require ${PRELOAD}`,
        FAKE_MICROSOFT_LOGIN_PORT: loginPort,
        SLACK_BOT_TOKEN: SLACK_TOKEN,
        SLACK_SIGNING_SECRET: "chaos-teams-signing-secret-0123",
        SLACK_API_URL: api.url,
        TRIAGE_CONFIG_FILE: triageFile,
        PIPELINE_LEASE_MS: "3000",
      });
      url = `http://127.0.0.1:${port}/api/messages`;
      await waitForStatus(service, `http://127.0.0.1:${port}/readyz`, 200, 60_000);
    };

    const random = seededRandom(17);
    const queue: Pending[] = Array.from({ length: EVENTS }, (_, i) => ({ i, tries: 0 }));
    const accepted = new Set<number>();
    let refused = 0;
    /** Requests the kill cut off (reset, refused) or that timed out: redelivered. */
    let cutOff = 0;
    const perRound: number[] = [];
    const sendOne = async (item: Pending): Promise<void> => {
      item.tries += 1;
      try {
        const token = channelToken({ aud: APP.id, serviceurl: connector.url }, key);
        const res = await fetch(url, {
          method: "POST",
          headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
          body: JSON.stringify(activity(item.i, connector.url)),
          signal: AbortSignal.timeout(15_000),
        });
        if (res.status >= 200 && res.status < 300) return void accepted.add(item.i);
        refused += 1;
      } catch {
        cutOff += 1; // connection refused or reset by the kill
      }
      queue.push(item); // redelivered until it gets a 2xx
      await new Promise((r) => setTimeout(r, 50));
    };

    try {
      for (let round = 0; round <= KILLS; round++) {
        await start();
        const alive = () => service?.child.exitCode === null && service.child.signalCode === null;
        const workers = Array.from({ length: CONCURRENCY }, async () => {
          while (alive()) {
            const item = queue.shift();
            // Paced (about 20 activities/s in all) so that the kills land mid-load.
            if (item) await Promise.all([sendOne(item), new Promise((r) => setTimeout(r, 250))]);
            else if (round < KILLS) await new Promise((r) => setTimeout(r, 20));
            else return;
          }
        });
        if (round < KILLS) await killMidRound(service!, () => accepted.size, random);
        await Promise.all(workers);
        perRound.push(accepted.size - perRound.reduce((a, b) => a + b, 0));
      }
      expect(accepted.size).toBe(EVENTS);

      const backlog = () => embeddedBacklog(dataDir);
      const drainedBy = Date.now() + 90_000;
      let left = backlog();
      while (Date.now() < drainedBy && !(left.reports >= EVENTS && left.open === 0 && left.outboxPending === 0)) {
        await new Promise((r) => setTimeout(r, 250));
        left = backlog();
      }
      expect(left).toEqual({ reports: EVENTS, open: 0, outboxPending: 0 });
      await stopService(service!);
      service = null;

      const store = createEmbeddedStore({ dataDir, logger: silentLogger });
      try {
        const reports = await store.reports.find({ sort: "createdAsc" });
        const byCase = new Map<number, string[]>();
        for (const report of reports) {
          const match = /case (\d+)/.exec(report.text);
          if (match?.[1])
            byCase.set(Number(match[1]) - 2000, [...(byCase.get(Number(match[1]) - 2000) ?? []), report.id]);
          expect(report.classifyJob.state).toBe("done");
          expect(report.history.filter((h) => h.action === "classified")).toHaveLength(1);
          expect(isTakenIn(report)).toBe(true);
          expect((await store.outbox.get(`intake:${report.id}:classified`))?.state).toBe("sent");
        }
        expect(byCase.size).toBe(EVENTS);
        expect([...byCase.values()].every((ids) => ids.length === 1)).toBe(true);

        // Triage side (Slack): one card per incident, nothing posted twice.
        const byKey = new Map<string, number>();
        for (const post of api.posted()) {
          const k = (post.metadata as { event_payload?: { outbox_key?: string } } | undefined)?.event_payload
            ?.outbox_key;
          if (k) byKey.set(k, (byKey.get(k) ?? 0) + 1);
        }
        const heads = reports.filter((r) => r.clusterId === r.id);
        const extraCards = heads
          .map(
            (head) =>
              [...byKey.keys()].filter((k) => k === `triage-card:${head.id}` || k.startsWith(`triage-card:${head.id}:`))
                .length,
          )
          .reduce((n, posts) => n + Math.max(0, posts - 1), 0);
        const postedTwice = [...byKey.entries()].filter(([, n]) => n > 1).map(([k, n]) => `${k} ×${n}`);

        // Nurse side (Teams): everyone heard their report id and was confirmed. Ideally one message
        // ("Got it", updated in place into the confirmation); what else they saw is counted.
        let repeatedAcks = 0;
        let confirmedAsNewMessage = 0;
        let repeatedConfirmations = 0;
        let unheard = 0;
        const odd: string[] = [];
        for (const [i, [id]] of byCase) {
          const seen = nurseView(connector, i, id!);
          const n = (what: string) => seen.filter((s) => s === what).length;
          if (seen.length === 0) unheard += 1;
          expect(n("confirm") + n("confirm~")).toBeGreaterThanOrEqual(1);
          repeatedAcks += Math.max(0, n("ack") - 1);
          if (n("confirm") > 0) confirmedAsNewMessage += 1;
          repeatedConfirmations += Math.max(0, n("confirm") - 1);
          if (seen.join(" ") !== "ack confirm~") odd.push(`${id}: ${seen.join(" ")}`);
        }
        console.info(
          `chaos (teams): ${EVENTS} activities, ${KILLS} kills, accepted per round ${perRound.join("/")}, ` +
            `${refused} non-2xx answers and ${cutOff} cut off (redelivered), ` +
            `${reports.length} reports, ${heads.length} triage cards, ${extraCards} extra card posts, ` +
            `${postedTwice.length} Slack posts twice; nurses: ${repeatedAcks} repeated acknowledgements, ` +
            `${confirmedAsNewMessage} confirmations as a new message, ${repeatedConfirmations} posted twice, ` +
            `${unheard} never told their id; not "ack, confirm in place": ${odd.join("; ") || "none"}`,
        );
        expect(unheard).toBe(0);
        expect(extraCards).toBe(0);
        expect(postedTwice).toEqual([]);
        expect(repeatedConfirmations).toBe(0);
        // A repeated acknowledgement needs a turn killed after its reply left: at most those in flight.
        expect(repeatedAcks).toBeLessThanOrEqual(KILLS * CONCURRENCY);
      } finally {
        await store.close();
      }
    } finally {
      if (service) await stopService(service, 1000);
    }
  }, 300_000);
});
