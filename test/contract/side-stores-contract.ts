/** Contract for the side stores: audit, conversations, leases, idempotency, digest runs, outbox. */
import type { AuditEvent } from "../../src/domain/audit";
import type { OutboxMessage } from "../../src/domain/outbox";
import type { ContractContext } from "./store-contract";

const T0 = new Date("2025-03-03T00:00:00.000Z");
const at = (minutes: number): Date => new Date(T0.getTime() + minutes * 60_000);
const MIN = 60_000;

function auditEvent(id: string, reportId: string, minutes: number): AuditEvent {
  return {
    id,
    at: at(minutes),
    reportId,
    actor: "slack:it-1",
    action: "status",
    before: { status: "new" },
    after: { status: "acknowledged" },
    note: null,
  };
}

function outboxMessage(key: string, overrides: Partial<OutboxMessage> = {}): OutboxMessage {
  return {
    key,
    createdAt: at(0),
    target: { channel: "slack", conversationKey: null, destination: "C-TRIAGE" },
    message: { title: "R-0001 received", text: "hello" },
    replaceRef: null,
    recordRefOn: null,
    state: "pending",
    attempts: 0,
    nextAttemptAt: at(0),
    leaseUntil: null,
    lastError: null,
    sentAt: null,
    ...overrides,
  };
}

export function sideStoresContract(ctx: ContractContext): void {
  const store = () => ctx.sut().store;

  it("audit: appends and lists a report's events in time order", async () => {
    await store().audit.append(auditEvent("e2", "R-0001", 5));
    await store().audit.append(auditEvent("e1", "R-0001", 1));
    await store().audit.append(auditEvent("e3", "R-0002", 3));
    const events = await store().audit.listForReport("R-0001");
    expect(events).toEqual([auditEvent("e1", "R-0001", 1), auditEvent("e2", "R-0001", 5)]);
    expect(await store().audit.listForReport("R-0404")).toEqual([]);
  });

  it("conversations: saves, reads back and overwrites a reference", async () => {
    const ref = { conversation: { id: "a:1" }, serviceUrl: "https://smba.example/", nested: [1, { x: true }] };
    await store().conversations.save("teams:a:1", ref, at(0));
    expect(await store().conversations.get("teams:a:1")).toEqual(ref);
    await store().conversations.save("teams:a:1", { conversation: { id: "a:2" } }, at(1));
    expect(await store().conversations.get("teams:a:1")).toEqual({ conversation: { id: "a:2" } });
    expect(await store().conversations.get("teams:none")).toBeNull();
  });

  it("leases: acquire, contention, renewal, expiry and release", async () => {
    const leases = store().leases;
    expect(await leases.acquire("digest", "a", at(0), MIN)).toBe(true);
    expect(await leases.acquire("digest", "b", at(0.5), MIN)).toBe(false);
    expect(await leases.acquire("digest", "a", at(0.5), MIN)).toBe(true); // renew: now until 1.5
    expect(await leases.acquire("digest", "b", at(1.2), MIN)).toBe(false);
    expect(await leases.acquire("digest", "b", at(1.5), MIN)).toBe(true); // expired
    await leases.release("digest", "a"); // not the owner: no effect
    expect(await leases.acquire("digest", "a", at(1.6), MIN)).toBe(false);
    await leases.release("digest", "b");
    expect(await leases.acquire("digest", "a", at(1.7), MIN)).toBe(true);
    expect(await leases.acquire("other", "b", at(1.7), MIN)).toBe(true);
  });

  it("leases: exactly one of several racing owners wins", async () => {
    const results = await Promise.all(["a", "b", "c", "d"].map((o) => store().leases.acquire("job", o, at(0), MIN)));
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it("idempotency: true only the first time, even under concurrency", async () => {
    const results = await Promise.all(Array.from({ length: 6 }, () => store().idempotency.firstTime("evt-1", at(0))));
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await store().idempotency.firstTime("evt-1", at(1))).toBe(false);
    expect(await store().idempotency.firstTime("evt-2", at(1))).toBe(true);
  });

  it("idempotency: a keyed claim records the first value only, and seen() reads without recording", async () => {
    const ids = store().idempotency;
    expect(await ids.seen("delivery-1")).toBe(false);
    expect(await ids.seen("delivery-1")).toBe(false);
    const results = await Promise.all(
      ["R-0101", "R-0102", "R-0103", "R-0104"].map((v) => ids.claim("delivery-1", v, at(0))),
    );
    const winners = results.filter((r) => r === null);
    expect(winners).toHaveLength(1);
    const firstValue = ["R-0101", "R-0102", "R-0103", "R-0104"][results.indexOf(null)];
    expect(results.filter((r) => r !== null)).toEqual([firstValue, firstValue, firstValue]);
    expect(await ids.claim("delivery-1", "R-0999", at(1))).toBe(firstValue);
    expect(await ids.seen("delivery-1")).toBe(true);
    expect(await ids.firstTime("delivery-1", at(1))).toBe(false);
    expect(await ids.firstTime("plain-1", at(1))).toBe(true);
    expect(await ids.claim("plain-1", "R-0105", at(1))).toBe("");
  });

  it("digest runs: claimed, in progress, re-claimable after expiry, then already sent", async () => {
    const runs = store().digestRuns;
    expect(await runs.claim("2025-W10", "cmio", "a", at(0), MIN)).toBe("claimed");
    expect(await runs.claim("2025-W10", "cmio", "b", at(0.5), MIN)).toBe("in_progress");
    expect(await runs.claim("2025-W10", "cmio", "a", at(0.5), MIN)).toBe("claimed");
    expect(await runs.claim("2025-W10", "cmio", "b", at(1.6), MIN)).toBe("claimed");
    expect(await runs.claim("2025-W10", "other", "a", at(1.6), MIN)).toBe("claimed");
    await runs.markSent("2025-W10", "cmio", "b", at(2));
    expect(await runs.claim("2025-W10", "cmio", "a", at(3), MIN)).toBe("already_sent");
    expect(await runs.claim("2025-W10", "cmio", "b", at(3), MIN)).toBe("already_sent");
  });

  it("digest runs: exactly one of several racing claims wins", async () => {
    const results = await Promise.all(
      ["a", "b", "c", "d"].map((o) => store().digestRuns.claim("2025-W11", "cmio", o, at(0), MIN)),
    );
    expect(results.filter((r) => r === "claimed")).toHaveLength(1);
    expect(results.filter((r) => r === "in_progress")).toHaveLength(3);
  });

  it("digest runs: lists sent periods per destination, newest first", async () => {
    const runs = store().digestRuns;
    for (const period of ["2025-W08", "2025-W10", "2025-W09"]) {
      await runs.claim(period, "cmio", "a", at(0), MIN);
      await runs.markSent(period, "cmio", "a", at(1));
    }
    await runs.claim("2025-W11", "cmio", "a", at(0), MIN); // claimed, never sent
    await runs.markSent("2025-W07", "elsewhere", "a", at(1));
    expect(await runs.sentPeriods("cmio", 10)).toEqual(["2025-W10", "2025-W09", "2025-W08"]);
    expect(await runs.sentPeriods("cmio", 2)).toEqual(["2025-W10", "2025-W09"]);
  });

  it("outbox: enqueue dedupes by key", async () => {
    expect(await store().outbox.enqueue(outboxMessage("k1"))).toBe(true);
    expect(await store().outbox.enqueue(outboxMessage("k1", { message: { text: "other" } }))).toBe(false);
    expect(await store().outbox.get("k1")).toEqual(outboxMessage("k1"));
    expect(await store().outbox.get("nope")).toBeNull();
  });

  it("outbox: enqueueOrReplacePending replaces the content of a pending message only, keeping its schedule", async () => {
    const outbox = store().outbox;
    const first = outboxMessage("card@1", { nextAttemptAt: at(5), message: { text: "2 reports" } });
    expect(await outbox.enqueueOrReplacePending(first)).toBe(true);
    const later = outboxMessage("card@1", { nextAttemptAt: at(9), message: { text: "3 reports" }, replaceRef: "ts-1" });
    expect(await outbox.enqueueOrReplacePending(later)).toBe(true);
    expect(await outbox.get("card@1")).toEqual({ ...first, message: { text: "3 reports" }, replaceRef: "ts-1" });
    // Once claimed (being sent), it is no longer replaced: the caller queues under the next key.
    expect((await outbox.claimDue("a", at(5), MIN, 10)).map((m) => m.key)).toEqual(["card@1"]);
    expect(await outbox.enqueueOrReplacePending(outboxMessage("card@1", { message: { text: "4 reports" } }))).toBe(
      false,
    );
    expect((await outbox.get("card@1"))?.message).toEqual({ text: "3 reports" });
  });

  it("outbox: claims due messages once, oldest first, up to the limit", async () => {
    const outbox = store().outbox;
    await outbox.enqueue(outboxMessage("late", { nextAttemptAt: at(30) }));
    for (const [i, key] of ["m3", "m1", "m2"].entries()) {
      await outbox.enqueue(outboxMessage(key, { nextAttemptAt: at(Number(key[1]) - i * 0) }));
    }
    const first = await outbox.claimDue("a", at(5), MIN, 2);
    expect(first.map((m) => m.key)).toEqual(["m1", "m2"]);
    expect(first[0]).toMatchObject({ state: "sending", attempts: 1, leaseUntil: at(6) });
    expect(await outbox.get("m1")).toEqual(first[0]);
    expect((await outbox.claimDue("b", at(5), MIN, 10)).map((m) => m.key)).toEqual(["m3"]);
    expect(await outbox.claimDue("c", at(5.5), MIN, 10)).toEqual([]);
    // Leases expire: the messages come back (a sender died mid-send).
    const retaken = await outbox.claimDue("c", at(6), MIN, 10);
    expect(retaken.map((m) => [m.key, m.attempts])).toEqual([
      ["m1", 2],
      ["m2", 2],
      ["m3", 2],
    ]);
  });

  it("outbox: concurrent claimers never get the same message", async () => {
    for (let i = 0; i < 6; i++) await store().outbox.enqueue(outboxMessage(`k${i}`));
    const batches = await Promise.all(["a", "b", "c"].map((o) => store().outbox.claimDue(o, at(1), MIN, 4)));
    const keys = batches.flat().map((m) => m.key);
    expect(keys.sort()).toEqual(["k0", "k1", "k2", "k3", "k4", "k5"]);
  });

  it("outbox: markFailed makes a message due later, or dead; markSent records the send", async () => {
    const outbox = store().outbox;
    await outbox.enqueue(outboxMessage("k1"));
    await outbox.enqueue(outboxMessage("k2"));
    await outbox.claimDue("a", at(1), MIN, 10);
    await outbox.markFailed("k1", "HTTP 503", at(10), false);
    await outbox.markFailed("k2", "HTTP 403", at(10), true);
    expect(await outbox.get("k1")).toMatchObject({ state: "pending", lastError: "HTTP 503", nextAttemptAt: at(10) });
    expect(await outbox.get("k2")).toMatchObject({ state: "dead", lastError: "HTTP 403" });
    expect(await outbox.claimDue("a", at(9), MIN, 10)).toEqual([]);
    const again = await outbox.claimDue("a", at(10), MIN, 10);
    expect(again.map((m) => [m.key, m.attempts])).toEqual([["k1", 2]]);
    await outbox.markSent("k1", at(11));
    expect(await outbox.get("k1")).toMatchObject({ state: "sent", sentAt: at(11), leaseUntil: null });
    expect(await outbox.claimDue("a", at(100), MIN, 10)).toEqual([]);
  });
}
