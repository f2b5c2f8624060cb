/**
 * The acknowledgement of a new report survives a Bot Connector outage: through /api/messages with
 * the real core, the embedded store and the fake Bot Connector, a reply that fails inside the turn
 * is queued in the outbox (`ack@<id>`), the turn still ends 200, the outbox delivers it once when
 * the connector is back, and the classification confirmation then replaces it in place (or, when
 * the confirmation got there first, the late acknowledgement is dropped). A retried activity files
 * nothing twice.
 */
import { createTeamsChannel, type TeamsChannel } from "../../src/adapters/channels/teams";
import { createEmbeddedStore } from "../../src/adapters/store/embedded/embedded-store";
import { createBotCore } from "../../src/app/intake/bot-core-service";
import { classifyClaimedReport } from "../../src/app/pipeline/classify-report";
import { deferredReplyKey } from "../../src/app/intake/defer-reply";
import { DEFAULT_INTAKE_LIMITS, type IntakeDeps } from "../../src/app/intake/intake-deps";
import { loadCatalogue } from "../../src/config/catalogue";
import { closeServer, createHttpServer, listen } from "../../src/http/server";
import { dispatchOutboxOnce } from "../../src/jobs/outbox-dispatcher";
import { silentLogger } from "../../src/ports/logger";
import type { Store } from "../../src/ports/store";
import { startFakeBotConnector, type ConnectorCall, type FakeBotConnector } from "../fakes/fake-bot-connector";
import { ScriptedClassifier } from "../fakes/scripted-classifier";
import { FakeClock, mrnRedactor } from "../support/intake-harness";

const CONVERSATION = "a:personal-ana";
const TEXT = "Epic keeps freezing when I open the MAR on 4 West";

describe("Teams: an acknowledgement the connector refused goes out through the outbox", () => {
  let store: Store;
  let clock: FakeClock;
  let connector: FakeBotConnector;
  let teams: TeamsChannel;
  let server: ReturnType<typeof createHttpServer>;
  let baseUrl: string;
  let deps: IntakeDeps;
  let wakes: number;

  beforeEach(async () => {
    store = createEmbeddedStore({ dataDir: ":memory:", logger: silentLogger });
    await store.init();
    clock = new FakeClock(new Date("2026-11-23T08:00:00Z"));
    wakes = 0;
    deps = {
      store,
      redactor: mrnRedactor,
      gate: new ScriptedClassifier(),
      classifier: new ScriptedClassifier(),
      triage: null,
      catalogue: loadCatalogue(),
      clock,
      logger: silentLogger,
      anonymousSalt: "salt",
      wakeClassifier: () => {},
      wakeOutbox: () => {
        wakes += 1;
      },
      limits: DEFAULT_INTAKE_LIMITS,
    };
    connector = await startFakeBotConnector();
    teams = createTeamsChannel({
      appType: "MultiTenant",
      core: createBotCore(deps),
      conversations: store.conversations,
      clock,
      logger: silentLogger,
    });
    server = createHttpServer({ logger: silentLogger, modules: [teams.routes] });
    baseUrl = (await listen(server, 0, "127.0.0.1")).url;
  });

  afterEach(async () => {
    await closeServer(server);
    await connector.close();
    await store.close();
  });

  function post(id: string, text = TEXT): Promise<Response> {
    return fetch(`${baseUrl}/api/messages`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        type: "message",
        id,
        channelId: "msteams",
        serviceUrl: connector.url,
        timestamp: clock.now().toISOString(),
        from: { id: "29:ana", name: "Ana", aadObjectId: "aad-ana" },
        recipient: { id: "28:bot", name: "IT Feedback" },
        conversation: { id: CONVERSATION, conversationType: "personal", tenantId: "tenant-1" },
        channelData: { tenant: { id: "tenant-1" } },
        text,
      }),
    });
  }

  async function classifyAll(): Promise<void> {
    for (;;) {
      const claimed = await store.reports.claimForClassification("test", clock.now(), 60_000);
      if (!claimed) return;
      await classifyClaimedReport(deps, claimed);
    }
  }

  const dispatch = () =>
    dispatchOutboxOnce({ store, senders: [teams.sender], clock, logger: silentLogger, owner: "test" });

  /** What the nurse's conversation received, in order: posts and in-place edits, by card title. */
  function seenByNurse(): { kind: "post" | "update"; id: string | null; title: string }[] {
    return connector.calls
      .filter((c) => c.conversationId === CONVERSATION && c.kind !== "create")
      .map((c: ConnectorCall) => ({
        kind: c.kind === "update" ? "update" : "post",
        id: c.kind === "update" ? c.activityId : c.assignedId,
        title: String(/"text":"([^"]*R-\d{4}[^"]*)"/.exec(JSON.stringify(c.body))?.[1] ?? ""),
      }));
  }

  it.each([
    // 503 is retried inside botbuilder (a few seconds) before the send gives up.
    ["a Bot Connector 5xx", 503, 10],
    // Only the reply fails: a "please try again" apology would get through, and must not be sent.
    ["refused credentials (403)", 403, 1],
  ])(
    "after %s: report stored, 200, ack queued once; delivered once, then replaced by the confirmation",
    async (_what, status, failures) => {
      connector.failNext(failures, status);
      const res = await post("act-1");
      expect(res.status).toBe(200);
      expect(connector.calls).toHaveLength(0);

      const [report] = await store.reports.find({ sort: "createdAsc" });
      expect(report).toBeDefined();
      const id = report!.id;
      expect(connector.sent()).toHaveLength(0);
      const queued = await store.outbox.get(deferredReplyKey(id));
      expect(queued).toMatchObject({
        state: "pending",
        target: { channel: "teams", conversationKey: `teams:${CONVERSATION}`, destination: null },
        recordRefOn: { reportId: id, field: "intakeMessageRef", onlyIfEmpty: true },
      });
      expect(queued!.message).toMatchObject({ title: `Got it — ${id}` });
      expect(wakes).toBeGreaterThan(0);

      // Teams retries the activity (same id): no second report, no second ack, nothing sent.
      connector.failNext(0);
      expect((await post("act-1")).status).toBe(200);
      expect(await store.reports.count({})).toBe(1);
      expect(connector.calls).toHaveLength(0);

      // Connector back: the outbox sends the acknowledgement once and records its ref.
      while (await dispatch());
      const ack = seenByNurse();
      expect(ack).toEqual([{ kind: "post", id: expect.any(String), title: `Got it — ${id}` }]);
      expect((await store.reports.get(id))!.intake.messageRef).toBe(`${CONVERSATION}|${ack[0]!.id}`);
      expect(await store.outbox.get(deferredReplyKey(id))).toMatchObject({ state: "sent" });

      // Classification: the confirmation replaces the late acknowledgement in place.
      await classifyAll();
      while (await dispatch());
      expect(seenByNurse()).toEqual([
        { kind: "post", id: ack[0]!.id, title: `Got it — ${id}` },
        { kind: "update", id: ack[0]!.id, title: `${id} filed` },
      ]);
      clock.advance(60 * 60_000);
      while (await dispatch());
      expect(seenByNurse()).toHaveLength(2);
    },
  );

  it("when the confirmation overtakes the queued acknowledgement, the nurse sees only the confirmation", async () => {
    connector.failNext(1, 403);
    expect((await post("act-2")).status).toBe(200);
    const [report] = await store.reports.find({ sort: "createdAsc" });
    const id = report!.id;
    connector.failNext(0);
    await classifyAll();
    // The acknowledgement's first outbox try fails (ordered first); the confirmation then goes out.
    clock.advance(3_000);
    connector.failNext(1, 403);
    await dispatch();
    expect(seenByNurse()).toEqual([{ kind: "post", id: expect.any(String), title: `${id} filed` }]);
    expect(await store.outbox.get(deferredReplyKey(id))).toMatchObject({ state: "pending", attempts: 1 });

    // The acknowledgement's retry finds its slot filled: dropped, never posted and never replacing.
    clock.advance(60_000);
    while (await dispatch());
    expect(seenByNurse()).toEqual([{ kind: "post", id: expect.any(String), title: `${id} filed` }]);
    expect(await store.outbox.get(deferredReplyKey(id))).toMatchObject({ state: "sent" });
  });

  it("an anonymous report's acknowledgement is queued to the aliased conversation and still reaches the nurse", async () => {
    connector.failNext(1, 403);
    expect((await post("act-4", `anonymous: ${TEXT}`)).status).toBe(200);
    const [report] = await store.reports.find({ sort: "createdAsc" });
    expect(report!.reporter.anonymous).toBe(true);
    const queued = await store.outbox.get(deferredReplyKey(report!.id));
    // Never the nurse's own key: the alias the report stores, resolved only when sending.
    expect(queued!.target.conversationKey).toBe(report!.conversationKey);
    expect(queued!.target.conversationKey).not.toBe(`teams:${CONVERSATION}`);
    while (await dispatch());
    expect(seenByNurse()).toEqual([{ kind: "post", id: expect.any(String), title: `Got it — ${report!.id}` }]);
  });

  it("a help reply that fails stays best-effort and queues nothing", async () => {
    connector.failNext(2, 403);
    expect((await post("act-3", "help")).status).toBe(200);
    expect(await store.reports.count({})).toBe(0);
    connector.failNext(0);
    expect(await dispatch()).toBe(false);
  });
});
