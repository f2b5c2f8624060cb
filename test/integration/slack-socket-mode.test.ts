/**
 * Slack over Socket Mode (SLACK_APP_TOKEN), end to end on 127.0.0.1: the app asks the fake Web API
 * (SLACK_API_URL) for a WebSocket URL with apps.connections.open, connects to a fake Socket Mode
 * server, gets `hello`, then envelopes: a DM (events_api) is acked, filed as a report by the real
 * core and answered with chat.postMessage; `/itreport status` (slash_commands) is acked with the
 * ephemeral note as its payload and answered by DM with the reporter's reports.
 */
import { createSlackChannel, type SlackChannel } from "../../src/adapters/channels/slack/create-slack-channel";
import { createEmbeddedStore } from "../../src/adapters/store/embedded/embedded-store";
import { createBotCore } from "../../src/app/intake/bot-core-service";
import { DEFAULT_INTAKE_LIMITS } from "../../src/app/intake/intake-deps";
import { loadCatalogue } from "../../src/config/catalogue";
import { silentLogger } from "../../src/ports/logger";
import type { Store } from "../../src/ports/store";
import { startFakeSlackApi, type FakeSlackApi } from "../fakes/fake-slack-api";
import { startFakeSlackSocket, type FakeSlackSocket } from "../fakes/fake-slack-socket";
import { ScriptedClassifier } from "../fakes/scripted-classifier";
import { dmEvent, eventEnvelope, slashCommand } from "../fakes/slack-signing";
import { mrnRedactor } from "../support/intake-harness";

const BOT_TOKEN = "xoxb-socket-test";
const APP_TOKEN = "xapp-1-socket-test";

describe("Slack Socket Mode", () => {
  let store: Store;
  let socket: FakeSlackSocket;
  let api: FakeSlackApi;
  let slack: SlackChannel | null = null;

  beforeEach(async () => {
    store = createEmbeddedStore({ dataDir: ":memory:", logger: silentLogger });
    await store.init();
    socket = await startFakeSlackSocket();
    api = await startFakeSlackApi({ token: BOT_TOKEN, appToken: APP_TOKEN, socketModeUrl: () => socket.url() });
    const catalogue = loadCatalogue();
    const clock = { now: () => new Date() };
    const core = createBotCore({
      store,
      redactor: mrnRedactor,
      gate: new ScriptedClassifier(),
      classifier: new ScriptedClassifier(),
      triage: null,
      catalogue,
      clock,
      logger: silentLogger,
      anonymousSalt: "salt",
      wakeClassifier: () => {},
      wakeOutbox: () => {},
      limits: DEFAULT_INTAKE_LIMITS,
    });
    slack = createSlackChannel({
      botToken: BOT_TOKEN,
      signingSecret: "unused-in-socket-mode",
      appToken: APP_TOKEN,
      slackApiUrl: api.url,
      core,
      conversations: store.conversations,
      idempotency: store.idempotency,
      clock,
      logger: silentLogger,
    });
    await slack.start();
  });

  afterEach(async () => {
    await slack?.stop();
    slack = null;
    await socket.close();
    await api.close();
    await store.close();
  });

  it("connects through the configured Web API with the app token, and disconnects on stop", async () => {
    await socket.waitForConnection();
    const [open] = api.callsTo("apps.connections.open");
    expect(open?.token).toBe(APP_TOKEN);
    expect(socket.connections()).toBe(1);
    // stop() closes the WebSocket (and does not reconnect).
    await slack!.stop();
    slack = null;
    const started = Date.now();
    while (socket.openConnections() > 0 && Date.now() - started < 5000) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(socket.openConnections()).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(socket.connections()).toBe(1);
  });

  it("acks a DM envelope, files the report and replies in the DM", async () => {
    await socket.waitForConnection();
    socket.send({
      envelope_id: "env-dm-1",
      type: "events_api",
      accepts_response_payload: false,
      retry_attempt: 0,
      retry_reason: "",
      payload: eventEnvelope(dmEvent("U1", "EHR is frozen on 4 West, MRN 1234567"), { eventId: "EvSock1" }),
    });
    const ack = await socket.waitForAck("env-dm-1");
    expect(ack.envelope_id).toBe("env-dm-1");

    const [posted] = await api.waitFor("chat.postMessage");
    expect(posted!.token).toBe(BOT_TOKEN);
    expect(posted!.args.channel).toBe("DU1");
    const reports = await store.reports.find({});
    expect(reports).toHaveLength(1);
    const report = reports[0]!;
    expect(report.channel).toBe("slack");
    expect(report.text).toBe("EHR is frozen on 4 West, [MRN]");
    expect(report.reporter.ref).toContain("U1");
    expect(JSON.stringify(posted!.args)).toContain(report.id);
    expect(await store.conversations.get("slack:T1:U1")).toMatchObject({ channel: "DU1", user: "U1" });

    // Slack redelivers the same event (a retry on a new envelope): acked again, filed once.
    socket.send({
      envelope_id: "env-dm-1-retry",
      type: "events_api",
      accepts_response_payload: false,
      retry_attempt: 1,
      retry_reason: "timeout",
      payload: eventEnvelope(dmEvent("U1", "EHR is frozen on 4 West, MRN 1234567"), { eventId: "EvSock1" }),
    });
    await socket.waitForAck("env-dm-1-retry");
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await store.reports.count({})).toBe(1);
    expect(api.callsTo("chat.postMessage")).toHaveLength(1);
  });

  it("acks /itreport status with the ephemeral note and answers by DM with the reporter's reports", async () => {
    await socket.waitForConnection();
    socket.send({
      envelope_id: "env-dm-2",
      type: "events_api",
      accepts_response_payload: false,
      retry_attempt: 0,
      retry_reason: "",
      payload: eventEnvelope(dmEvent("U7", "label printer on 5 North is jammed"), { eventId: "EvSock2" }),
    });
    await socket.waitForAck("env-dm-2");
    await api.waitFor("chat.postMessage");
    const [report] = await store.reports.find({});

    socket.send({
      envelope_id: "env-cmd-1",
      type: "slash_commands",
      accepts_response_payload: true,
      payload: slashCommand("U7", "C9", "status"),
    });
    const ack = await socket.waitForAck("env-cmd-1");
    expect(ack.payload).toMatchObject({ response_type: "ephemeral" });

    const posts = await api.waitFor("chat.postMessage", 2);
    expect(api.callsTo("conversations.open")[0]!.args).toMatchObject({ users: "U7" });
    const status = posts[1]!;
    expect(status.args.channel).toBe("DU7");
    expect(JSON.stringify(status.args)).toContain(report!.id);
    // A status request is not a report.
    expect(await store.reports.count({})).toBe(1);
  });
});
