/**
 * Durable intake over Socket Mode, end to end through a fake Socket Mode server on 127.0.0.1 and the
 * real core on the embedded store: a chat event's envelope is acknowledged only once its report
 * (redacted) is in the store. While the store is down, or slower than the deadline, the envelope is
 * left unacknowledged (Slack delivers it again with retry_attempt) and the event is not marked seen;
 * the redelivery is filed once. On Slack's last retry the person gets an apology instead of silence.
 */
import { createSlackChannel, type SlackChannel } from "../../src/adapters/channels/slack/create-slack-channel";
import { createEmbeddedStore } from "../../src/adapters/store/embedded/embedded-store";
import { createBotCore } from "../../src/app/intake/bot-core-service";
import { DEFAULT_INTAKE_LIMITS } from "../../src/app/intake/intake-deps";
import { loadCatalogue } from "../../src/config/catalogue";
import { silentLogger } from "../../src/ports/logger";
import type { ReportStore } from "../../src/ports/report-store";
import type { Store } from "../../src/ports/store";
import { startFakeSlackApi, type FakeSlackApi } from "../fakes/fake-slack-api";
import { startFakeSlackSocket, type FakeSlackSocket } from "../fakes/fake-slack-socket";
import { ScriptedClassifier } from "../fakes/scripted-classifier";
import { dmEvent, eventEnvelope } from "../fakes/slack-signing";
import { mrnRedactor } from "../support/intake-harness";

const BOT_TOKEN = "xoxb-socket-durable";
const APP_TOKEN = "xapp-1-socket-durable";
const DEADLINE_MS = 600;

/** The store as the core sees it: reports can be made to fail (down) or to take a while (slow). */
function faultyStore(store: Store, fault: { down: boolean; insertDelayMs: number }): Store {
  const reports = new Proxy(store.reports, {
    get(target, name: keyof ReportStore) {
      const value = target[name];
      if (typeof value !== "function") return value;
      return async (...args: unknown[]) => {
        if (fault.down) throw new Error("store down (fault injected)");
        if (name === "insert" && fault.insertDelayMs > 0) await new Promise((r) => setTimeout(r, fault.insertDelayMs));
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { ...store, reports };
}

const envelope = (id: string, eventId: string, retry: number, text = "EHR is frozen on 4 West, MRN 1234567") => ({
  envelope_id: id,
  type: "events_api",
  accepts_response_payload: false,
  retry_attempt: retry,
  retry_reason: retry > 0 ? "timeout" : "",
  payload: eventEnvelope(dmEvent("U1", text), { eventId }),
});

describe("Slack Socket Mode: stored before acknowledged", () => {
  let store: Store;
  let socket: FakeSlackSocket;
  let api: FakeSlackApi;
  let slack: SlackChannel | null = null;
  const fault = { down: false, insertDelayMs: 0 };

  const acked = (id: string) => socket.received.some((m) => m.envelope_id === id);
  /** No ack for this envelope within a while (the deadline and then some). */
  const expectNoAck = async (id: string) => {
    await new Promise((r) => setTimeout(r, DEADLINE_MS + 600));
    expect(acked(id)).toBe(false);
  };

  beforeEach(async () => {
    fault.down = false;
    fault.insertDelayMs = 0;
    store = createEmbeddedStore({ dataDir: ":memory:", logger: silentLogger });
    await store.init();
    socket = await startFakeSlackSocket();
    api = await startFakeSlackApi({ token: BOT_TOKEN, appToken: APP_TOKEN, socketModeUrl: () => socket.url() });
    const clock = { now: () => new Date() };
    const core = createBotCore({
      store: faultyStore(store, fault),
      redactor: mrnRedactor,
      gate: new ScriptedClassifier(),
      classifier: new ScriptedClassifier(),
      triage: null,
      catalogue: loadCatalogue(),
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
      ackDeadlineMs: DEADLINE_MS,
    });
    await slack.start();
    await socket.waitForConnection();
  });

  afterEach(async () => {
    await slack?.stop();
    slack = null;
    await socket.close();
    await api.close();
    await store.close();
  });

  it("acknowledges only after the redacted report is stored (a slow store delays the ack)", async () => {
    fault.insertDelayMs = 300;
    socket.send(envelope("env-slow", "EvSlow", 0));
    await socket.waitForAck("env-slow");
    // The ack came after the write: the report is already there, redacted.
    const reports = await store.reports.find({});
    expect(reports.map((r) => r.text)).toEqual(["EHR is frozen on 4 West, [MRN]"]);
    await api.waitFor("chat.postMessage");
  });

  it("store down: no ack, nothing posted, not marked seen; Slack's redelivery is filed once", async () => {
    fault.down = true;
    socket.send(envelope("env-1", "EvDown", 0));
    await expectNoAck("env-1");
    expect(api.callsTo("chat.postMessage")).toHaveLength(0);
    expect(await store.idempotency.seen("slack:EvDown")).toBe(false);

    fault.down = false;
    socket.send(envelope("env-1-r1", "EvDown", 1));
    await socket.waitForAck("env-1-r1");
    expect(await store.reports.count({})).toBe(1);
    const [posted] = await api.waitFor("chat.postMessage");
    expect(JSON.stringify(posted!.args)).toMatch(/R-\d+/);

    // Slack delivers once more (its own retry raced the ack): acknowledged, not filed again.
    socket.send(envelope("env-1-r2", "EvDown", 2));
    await socket.waitForAck("env-1-r2");
    await new Promise((r) => setTimeout(r, 200));
    expect(await store.reports.count({})).toBe(1);
    expect(api.callsTo("chat.postMessage")).toHaveLength(1);
  }, 20_000);

  it("slower than the deadline: left unacknowledged, and the redelivery does not file it twice", async () => {
    fault.insertDelayMs = DEADLINE_MS + 900;
    socket.send(envelope("env-late", "EvLate", 0));
    await expectNoAck("env-late");
    fault.insertDelayMs = 0;
    // Wait for the slow write to land, then Slack's retry comes.
    for (let i = 0; i < 100 && (await store.reports.count({})) === 0; i++) await new Promise((r) => setTimeout(r, 50));
    socket.send(envelope("env-late-r1", "EvLate", 1));
    await socket.waitForAck("env-late-r1");
    await new Promise((r) => setTimeout(r, 300));
    expect(acked("env-late")).toBe(false);
    expect(await store.reports.count({})).toBe(1);
  }, 20_000);

  it("on Slack's last retry a message that still cannot be stored is acknowledged with an apology", async () => {
    fault.down = true;
    socket.send(envelope("env-last", "EvLast", 3));
    await socket.waitForAck("env-last");
    const [apology] = await api.waitFor("chat.postMessage");
    expect(String(apology!.args.text)).toMatch(/try again/i);
    expect(JSON.stringify(apology!.args)).not.toMatch(/R-\d+/);
    expect(await store.reports.count({})).toBe(0);
  });
});
