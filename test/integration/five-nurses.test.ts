/**
 * Acceptance scenario of the triage issue, through the real channel entry points: five nurses on
 * two units report the same scanner failure within ten minutes, three in Slack (signed Events API
 * requests, fake Slack Web API) and two in Teams (Bot Framework activities, fake Bot Connector).
 * IT sees one cluster of five and one outage alert; a triager acknowledges with the card button and
 * resolves by command; every reporter gets exactly one "resolved" message, in their own channel.
 */
import { createSlackChannel, type SlackChannel } from "../../src/adapters/channels/slack/create-slack-channel";
import { createTeamsChannel, type TeamsChannel } from "../../src/adapters/channels/teams";
import { createEmbeddedStore } from "../../src/adapters/store/embedded/embedded-store";
import { createBotCore } from "../../src/app/intake/bot-core-service";
import { classifyClaimedReport } from "../../src/app/pipeline/classify-report";
import { DEFAULT_INTAKE_LIMITS, type IntakeDeps } from "../../src/app/intake/intake-deps";
import { createTriageService } from "../../src/app/triage/triage-service";
import { loadCatalogue } from "../../src/config/catalogue";
import { parseTriageConfig } from "../../src/config/triage-config";
import { closeServer, createHttpServer, listen } from "../../src/http/server";
import { dispatchOutboxOnce } from "../../src/jobs/outbox-dispatcher";
import { silentLogger } from "../../src/ports/logger";
import type { Store } from "../../src/ports/store";
import { startFakeBotConnector, type FakeBotConnector } from "../fakes/fake-bot-connector";
import { startFakeSlackApi, type FakeSlackApi, type SlackApiCall } from "../fakes/fake-slack-api";
import { ScriptedClassifier } from "../fakes/scripted-classifier";
import { dmEvent, eventEnvelope, interactionBody, jsonBody, postSigned, type SlackBody } from "../fakes/slack-signing";
import { FakeClock, mrnRedactor } from "../support/intake-harness";
import { allStrings } from "./slack-harness";

const SIGNING_SECRET = "five-nurses-signing-secret";
const BOT_TOKEN = "xoxb-five-nurses";
const TRIAGE_CHANNEL = "C0ITTRIAGE";
const ONCALL_CHANNEL = "C0ONCALL";
const TRIAGER = "UIT1";

interface Nurse {
  name: string;
  channel: "slack" | "teams";
  id: string;
  unit: string;
  text: string;
}

const NURSES: Nurse[] = [
  {
    name: "Ana",
    channel: "slack",
    id: "UNURSE1",
    unit: "4 West",
    text: "BCMA scanner on 4 West stopped scanning wristbands, can't give meds",
  },
  {
    name: "Ben",
    channel: "teams",
    id: "nurse-2",
    unit: "5 East",
    text: "5 East: scanners won't read wristbands since 7am",
  },
  {
    name: "Cleo",
    channel: "slack",
    id: "UNURSE3",
    unit: "4 West",
    text: "barcode scanner not reading patient wristbands on 4 West",
  },
  {
    name: "Dev",
    channel: "teams",
    id: "nurse-4",
    unit: "5 East",
    text: "the scanner keeps failing to scan armbands, 5 East",
  },
  {
    name: "Eli",
    channel: "slack",
    id: "UNURSE5",
    unit: "4 West",
    text: "BCMA scanning down on 4 West, wristbands not scanning",
  },
];

async function waitUntil(check: () => Promise<boolean> | boolean, what: string, timeoutMs = 5000): Promise<void> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const mentions = (call: SlackApiCall, needle: string): boolean => allStrings(call.args).some((s) => s.includes(needle));

describe("five nurses report one scanner failure in Slack and Teams", () => {
  let store: Store;
  let clock: FakeClock;
  let api: FakeSlackApi;
  let connector: FakeBotConnector;
  let slack: SlackChannel;
  let teams: TeamsChannel;
  let server: ReturnType<typeof createHttpServer>;
  let baseUrl: string;
  let deps: IntakeDeps;

  beforeAll(async () => {
    store = createEmbeddedStore({ dataDir: ":memory:", logger: silentLogger });
    await store.init();
    // Real wall-clock start so signed Slack requests are fresh; the test moves it forward.
    clock = new FakeClock(new Date(Math.floor(Date.now() / 1000) * 1000));
    const catalogue = loadCatalogue();
    const config = parseTriageConfig({
      defaultDestination: `slack:${TRIAGE_CHANNEL}`,
      alerts: [`slack:${ONCALL_CHANNEL}`],
      triagers: { slack: { userIds: [TRIAGER] } },
    });
    const classifier = new ScriptedClassifier({
      isReport: true,
      kind: "disruption",
      system: "bcma",
      severity: "high",
      patientSafety: false,
      location: null,
      summary: "",
      tags: [],
      missing: [],
    });
    // The classifier's summary paraphrases each message; clustering must work from the words.
    for (const nurse of NURSES) classifier.when(nurse.text.slice(0, 24), { location: nurse.unit, summary: nurse.text });
    const triage = createTriageService({
      store,
      config,
      clock,
      logger: silentLogger,
      catalogue,
      redactor: mrnRedactor,
    });
    deps = {
      store,
      redactor: mrnRedactor,
      gate: new ScriptedClassifier(),
      classifier,
      triage,
      catalogue,
      clock,
      logger: silentLogger,
      anonymousSalt: "salt",
      wakeClassifier: () => {},
      wakeOutbox: () => {},
      limits: DEFAULT_INTAKE_LIMITS,
    };
    const core = createBotCore(deps);
    api = await startFakeSlackApi({ token: BOT_TOKEN });
    connector = await startFakeBotConnector();
    slack = createSlackChannel({
      botToken: BOT_TOKEN,
      signingSecret: SIGNING_SECRET,
      slackApiUrl: api.url,
      core,
      conversations: store.conversations,
      idempotency: store.idempotency,
      clock,
      logger: silentLogger,
    });
    teams = createTeamsChannel({
      appType: "MultiTenant",
      core,
      conversations: store.conversations,
      clock,
      logger: silentLogger,
    });
    server = createHttpServer({ logger: silentLogger, modules: [slack.routes, teams.routes] });
    baseUrl = (await listen(server, 0, "127.0.0.1")).url;
    await slack.start();
  });

  afterAll(async () => {
    await slack.stop();
    await closeServer(server);
    await api.close();
    await connector.close();
    await store.close();
  });

  const postSlack = (content: SlackBody): Promise<Response> =>
    postSigned(`${baseUrl}/slack/events`, content, {
      secret: SIGNING_SECRET,
      timestamp: Math.floor(clock.now().getTime() / 1000),
    });

  async function postTeams(nurse: Nurse, n: number): Promise<void> {
    const res = await fetch(`${baseUrl}/api/messages`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        type: "message",
        id: `act-${n}`,
        channelId: "msteams",
        serviceUrl: connector.url,
        timestamp: clock.now().toISOString(),
        from: { id: `29:${nurse.id}`, name: nurse.name, aadObjectId: `aad-${nurse.id}` },
        recipient: { id: "28:bot", name: "IT Feedback" },
        conversation: { id: `a:${nurse.id}`, conversationType: "personal", tenantId: "tenant-1" },
        channelData: { tenant: { id: "tenant-1" } },
        text: nurse.text,
      }),
    });
    expect(res.status).toBe(200);
  }

  /** The classification worker and the outbox dispatcher, one pass each. */
  async function runJobs(): Promise<void> {
    for (;;) {
      const claimed = await store.reports.claimForClassification("test", clock.now(), 60_000);
      if (!claimed) break;
      await classifyClaimedReport(deps, claimed);
    }
    const senders = [slack.sender, teams.sender];
    while (await dispatchOutboxOnce({ store, senders, clock, logger: silentLogger, owner: "test" }));
  }

  it("IT sees one cluster of five and one outage alert; all five hear exactly once that it is resolved", async () => {
    // 1. Five reports within ten minutes (every 2 minutes), alternating Slack and Teams.
    for (const [i, nurse] of NURSES.entries()) {
      if (nurse.channel === "slack") {
        const res = await postSlack(jsonBody(eventEnvelope(dmEvent(nurse.id, nurse.text), { eventId: `EvNurse${i}` })));
        expect(res.status).toBe(200);
      } else {
        await postTeams(nurse, i);
      }
      await waitUntil(async () => (await store.reports.count({})) === i + 1, `report ${i + 1} stored`);
      await runJobs();
      clock.advance(2 * 60_000);
    }

    // 2. One cluster of five.
    const reports = await store.reports.find({ sort: "createdAsc" });
    expect(reports).toHaveLength(5);
    const head = reports[0]!;
    expect(reports.map((r) => r.clusterId)).toEqual(Array(5).fill(head.id));
    expect(new Set(reports.map((r) => r.classification?.location))).toEqual(new Set(["4 West", "5 East"]));

    // IT's channel: one card, updated in place as the cluster grew; one outage alert on call.
    const posts = api.callsTo("chat.postMessage").filter((c) => c.args.channel === TRIAGE_CHANNEL);
    const cardPosts = posts.filter((c) => !mentions(c, "now has 5 reports"));
    expect(cardPosts).toHaveLength(1);
    // …and one short message when the cluster reached five, so the growth is seen, not only a card edit.
    expect(posts.filter((c) => mentions(c, "now has 5 reports"))).toHaveLength(1);
    const cardUpdates = api.callsTo("chat.update").filter((c) => c.args.channel === TRIAGE_CHANNEL);
    expect(cardUpdates.length).toBeGreaterThanOrEqual(4);
    expect(mentions(cardUpdates.at(-1)!, "5 reports")).toBe(true);
    const alerts = api.callsTo("chat.postMessage").filter((c) => c.args.channel === ONCALL_CHANNEL);
    expect(alerts).toHaveLength(1);
    expect(mentions(alerts[0]!, "Probable outage")).toBe(true);

    // The later reporters were told colleagues reported it too (in their confirmation).
    const lastTeams = connector.calls.filter((c) => c.conversationId === "a:nurse-4");
    expect(
      lastTeams.some((c) => JSON.stringify(c.body).includes(`reported this too — it's being handled as ${head.id}`)),
    ).toBe(true);

    // 3. A triager acknowledges with the card's button (signed interaction), then resolves by command.
    const blocks = cardPosts[0]!.args.blocks as unknown[];
    const ackButton = JSON.stringify(blocks).match(
      /"action_id":"(triage\.ack#\d+)","text":[^}]*}[^}]*"value":"((?:[^"\\]|\\.)*)"/,
    );
    expect(ackButton).not.toBeNull();
    const cardTs = String((await store.reports.get(head.id))!.triageMessageRef)
      .split("|")
      .pop();
    const updatesBefore = api.callsTo("chat.update").length;
    await postSlack(
      interactionBody({
        type: "block_actions",
        trigger_id: "trigger-ack",
        team: { id: "T1" },
        user: { id: TRIAGER },
        channel: { id: TRIAGE_CHANNEL },
        container: { type: "message", channel_id: TRIAGE_CHANNEL, message_ts: cardTs },
        message: { ts: cardTs },
        actions: [{ action_id: ackButton![1], value: JSON.parse(`"${ackButton![2]}"`), action_ts: "1700000999.1" }],
      }),
    );
    await waitUntil(async () => (await store.reports.get(head.id))!.status === "acknowledged", "acknowledged");
    await waitUntil(() => api.callsTo("chat.update").length > updatesBefore, "card updated in place");
    await runJobs();
    clock.advance(60_000);

    const note = "scanner server restarted, scanning works again";
    await postSlack(jsonBody(eventEnvelope(dmEvent(TRIAGER, `resolve ${head.id} ${note}`), { eventId: "EvResolve" })));
    await waitUntil(async () => (await store.reports.count({ statusIn: ["resolved"] })) === 5, "all five resolved");
    await runJobs();
    await runJobs(); // nothing goes out twice

    // 4. Every reporter: exactly one "resolved" message, in the channel they reported from.
    for (const nurse of NURSES) {
      const report = reports.find((r) => r.text === nurse.text)!;
      // The text of every "resolved" message that reached this nurse's own conversation.
      const resolvedNotes: string[] =
        nurse.channel === "slack"
          ? api
              .callsTo("chat.postMessage")
              .filter((c) => c.args.channel === `D${nurse.id}` && mentions(c, `Resolved — ${note}`))
              .map((c) => allStrings(c.args).join(" "))
          : connector
              .sent()
              .filter((c) => c.conversationId === `a:${nurse.id}`)
              .map((c) => JSON.stringify(c.body))
              .filter((body) => body.includes(`Resolved — ${note}`));
      expect({ nurse: nurse.name, count: resolvedNotes.length }).toEqual({ nurse: nurse.name, count: 1 });
      const text = resolvedNotes[0]!;
      expect(text).toContain(
        `Update on your report ${report.id}${report.id === head.id ? "" : ` (part of ${head.id})`}`,
      );
    }
    // No "resolved" note went anywhere else (other nurses' DMs, the triage or on-call channel).
    const allResolved =
      api.callsTo("chat.postMessage").filter((c) => mentions(c, `Resolved — ${note}`)).length +
      connector.sent().filter((c) => JSON.stringify(c.body).includes(`Resolved — ${note}`)).length;
    expect(allResolved).toBe(5);

    // The audit log has the triager's actions on every report of the cluster.
    for (const report of reports) {
      const audit = await store.audit.listForReport(report.id);
      expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(["acknowledged", "resolved"]));
      expect(audit.find((a) => a.action === "resolved")?.actor).toContain(`slack:${TRIAGER}`);
    }
  });
});
