/**
 * The ITSM status webhook refuses what it must: no or a wrong signature, a signature with another
 * secret, a stale or future timestamp, a changed body or delivery id (401); replays of a delivery
 * change nothing (200 "duplicate"), also after the report moved on; a ticket the bot did not create
 * changes nothing (202 "unknown_ticket"); a payload outside the schema is 400.
 */
import type { ItsmSettings } from "../../src/config/itsm-env";
import { FakeServiceNow } from "../fakes/fake-servicenow";
import { postDelivery, signDelivery } from "../fakes/itsm-webhook-sender";
import { WEBHOOK_SECRET, createItsmHarness, drainUntil, nurse, type ItsmHarness } from "../integration/itsm-harness";
import { TRIAGER_1 } from "../integration/triage-harness";

describe("ITSM status webhook security", () => {
  let fake: FakeServiceNow;
  let h: ItsmHarness;
  let reportId: string;
  let incident: FakeServiceNow["incidents"][number];

  beforeEach(async () => {
    const auth = { type: "basic" as const, username: "bot", password: "pw" };
    fake = await FakeServiceNow.start(auth);
    const settings: ItsmSettings = {
      kind: "servicenow",
      instanceUrl: fake.url,
      auth,
      webhookSecret: WEBHOOK_SECRET,
      statusMap: {},
      categoryMap: {},
      timeoutMs: 5_000,
    };
    h = await createItsmHarness(settings);
    fake.webhook = { url: h.webhookUrl, secret: WEBHOOK_SECRET, now: () => h.clock.now() };
    reportId = (await h.file("EHR freezes opening the MAR", { system: "ehr" }, nurse(1))).id;
    await drainUntil(h, async () => Boolean((await h.store.reports.get(reportId))?.ticket));
    incident = fake.incidents[0]!;
    await h.drain();
  });
  afterEach(async () => {
    await fake.close(); // first: it waits for its own webhook posts to the service
    await h.close();
  });

  const resolvedPayload = () => ({ ...incident, state: "6", close_notes: "restarted the interface engine" });
  const status = async () => (await h.store.reports.get(reportId))?.status;
  const target = () => ({ secret: WEBHOOK_SECRET, now: () => h.clock.now() });

  it("refuses a missing, wrong or foreign signature, and a stale or future timestamp (401), changing nothing", async () => {
    const good = signDelivery(target(), resolvedPayload());
    const cases = [
      { ...good, headers: { "Content-Type": "application/json" } },
      signDelivery(target(), resolvedPayload(), { secret: "another-secret-0123456789" }),
      { ...good, headers: { ...good.headers, "X-ITSM-Signature": `sha256=${"0".repeat(64)}` } },
      { ...good, body: good.body.replace("restarted", "RESTARTED") },
      { ...good, headers: { ...good.headers, "X-ITSM-Delivery": "another-id" } },
      signDelivery(target(), resolvedPayload(), { timestamp: Math.floor(h.clock.now().getTime() / 1000) - 301 }),
      signDelivery(target(), resolvedPayload(), { timestamp: Math.floor(h.clock.now().getTime() / 1000) + 301 }),
      { ...good, headers: { ...good.headers, "X-ITSM-Delivery": "bad id with spaces" } },
    ];
    for (const delivery of cases) {
      const answer = await postDelivery(h.webhookUrl, delivery);
      expect(answer).toEqual({ status: 401, body: { error: "unauthorized" } });
    }
    expect(await status()).toBe("new");
    // The untouched delivery is accepted: the refusals were about the signature, not the payload.
    expect((await postDelivery(h.webhookUrl, good)).status).toBe(200);
    expect(await status()).toBe("resolved");
  });

  it("accepts the signature in base64 too (ServiceNow's GlideCertificateEncryption.generateMac gives base64)", async () => {
    const good = signDelivery(target(), resolvedPayload());
    const hex = good.headers["X-ITSM-Signature"]!.slice("sha256=".length);
    const base64 = Buffer.from(hex, "hex").toString("base64");
    const answer = await postDelivery(h.webhookUrl, {
      ...good,
      headers: { ...good.headers, "X-ITSM-Signature": `sha256=${base64}` },
    });
    expect(answer.status).toBe(200);
    expect(await status()).toBe("resolved");
  });

  it("a replayed delivery changes nothing, also after IT reopened the report", async () => {
    const first = await fake.setState(incident.number, "6", "restarted the interface engine");
    expect(first.status).toBe(200);
    await h.drain();
    const notesAfterFirst = h.sent().filter((s) => s.message.title?.startsWith("Update on your report")).length;
    expect(notesAfterFirst).toBe(1);
    const reopened = await h.triage.handleCommand(TRIAGER_1, `reopen ${reportId}`);
    expect(reopened?.replies[0]?.message.text).toContain("reopened");
    expect(await status()).toBe("acknowledged");
    const replay = await postDelivery(h.webhookUrl, first.delivery);
    expect(replay).toEqual({ status: 200, body: { status: "duplicate" } });
    expect(await status()).toBe("acknowledged");
    await h.drain();
    const resolvedNotes = h
      .sent()
      .filter((s) => s.message.title?.startsWith("Update on your report") && s.message.text.startsWith("Resolved"));
    expect(resolvedNotes).toHaveLength(1);
  });

  it("a ticket the bot did not create changes nothing (202 unknown_ticket)", async () => {
    const strangers = [
      { ...resolvedPayload(), sys_id: "f".repeat(32) }, // right report id, another incident
      { ...resolvedPayload(), correlation_id: "R-9999" }, // no such report
      { ...resolvedPayload(), correlation_id: "" }, // made by hand in ServiceNow
    ];
    for (const payload of strangers) {
      const answer = await postDelivery(h.webhookUrl, signDelivery(target(), payload));
      expect(answer.status).toBe(202);
      expect(answer.body).toMatchObject({ status: "unknown_ticket" });
    }
    expect(await status()).toBe("new");
  });

  it("a signed payload outside the schema is 400; a state that maps to nothing is 202 ignored", async () => {
    const bad = await postDelivery(h.webhookUrl, signDelivery(target(), { number: incident.number, state: "6" }));
    expect(bad.status).toBe(400);
    const garbled = await postDelivery(h.webhookUrl, signDelivery(target(), null, { rawBody: "{not json" }));
    expect(garbled).toEqual({ status: 400, body: { error: "body is not JSON" } });
    const deep = await postDelivery(
      h.webhookUrl,
      signDelivery(target(), null, { rawBody: `${"[".repeat(100)}${"]".repeat(100)}` }),
    );
    expect(deep.status).toBe(400);
    const onNew = await postDelivery(h.webhookUrl, signDelivery(target(), { ...incident, state: "1" }));
    expect(onNew).toEqual({ status: 202, body: { status: "ignored", detail: 'state "1" maps to no report status' } });
    expect(await status()).toBe("new");
  });
});
