/**
 * Slack chat events are answered only once the message is taken in (durable intake):
 * - 200 only after the core returned (the report is in the store);
 * - the core could not store it (busy / store down): 503, nothing posted, not marked as seen, and
 *   Slack's retry is processed; on Slack's last retry the person gets the apology instead;
 * - a core slower than Slack's deadline: 503 (Slack retries), never an empty 200;
 * - a redelivery after a 200 is not processed again.
 */
import type { CoreResponse } from "../../src/app/intake/core-types";
import { dmEvent, eventEnvelope, formBody, jsonBody, slashCommand } from "../fakes/slack-signing";
import { startSlackHarness, type SlackHarness } from "./slack-harness";

let h: SlackHarness;
beforeEach(async () => {
  h = await startSlackHarness();
});
afterEach(async () => {
  await h.close();
});

const busy: CoreResponse = { replies: [{ message: { text: "Sorry, please try again in a minute" } }], retryable: true };
const retryHeaders = (n: number) => ({
  headers: { "x-slack-retry-num": String(n), "x-slack-retry-reason": "http_error" },
});

describe("Slack durable intake", () => {
  it("answers 200 only after the core has taken the message in", async () => {
    let stored = false;
    h.core.script({
      delayMs: 300,
      onMessage: () => {
        stored = true;
        return { replies: [{ message: { text: "Got it: R-0001" } }] };
      },
    });
    const res = await h.post(jsonBody(eventEnvelope(dmEvent("U1", "EHR frozen on 4 West"), { eventId: "EvD1" })));
    expect(res.status).toBe(200);
    expect(stored).toBe(true);
    await h.api.waitFor("chat.postMessage");
  });

  it("not stored: 503 and silence, then Slack's retry is processed and answered", async () => {
    h.core.script({ onMessage: () => busy });
    const body = jsonBody(eventEnvelope(dmEvent("U2", "Pyxis drawer stuck"), { eventId: "EvBUSY" }));
    expect((await h.post(body)).status).toBe(503);
    expect(await h.idempotency.seen("slack:EvBUSY")).toBe(false);
    h.core.script({ onMessage: () => ({ replies: [{ message: { text: "Got it: R-0002" } }] }) });
    expect((await h.post(body, retryHeaders(1))).status).toBe(200);
    const posted = await h.api.waitFor("chat.postMessage");
    expect(posted.map((p) => p.args.text)).toEqual(["Got it: R-0002"]);
    expect(h.core.messages).toHaveLength(2);
  });

  it("a core that throws: 503 so Slack retries, no apology yet", async () => {
    h.core.script({
      onMessage: () => {
        throw new Error("store down");
      },
    });
    const res = await h.post(jsonBody(eventEnvelope(dmEvent("U3", "scanner offline"), { eventId: "EvTHROW" })));
    expect(res.status).toBe(503);
    await new Promise((r) => setTimeout(r, 100));
    expect(h.api.callsTo("chat.postMessage")).toHaveLength(0);
    expect(h.api.callsTo("chat.postEphemeral")).toHaveLength(0);
  });

  it("on Slack's last retry a message that still cannot be stored gets 200 and the apology", async () => {
    h.core.script({ onMessage: () => busy });
    const body = jsonBody(eventEnvelope(dmEvent("U4", "Vocera down"), { eventId: "EvLAST" }));
    expect((await h.post(body, retryHeaders(3))).status).toBe(200);
    const [posted] = await h.api.waitFor("chat.postMessage");
    expect(posted!.args.text).toMatch(/try again/);
  });

  it("a core slower than Slack's deadline: 503 within 3 s, never an empty 200", async () => {
    h.core.script({ delayMs: 4000 });
    const started = performance.now();
    const res = await h.post(jsonBody(eventEnvelope(dmEvent("U5", "slow store"), { eventId: "EvSLOW" })));
    expect(res.status).toBe(503);
    expect(performance.now() - started).toBeLessThan(3000);
  }, 10_000);

  it("a redelivery after a 200 is not processed again", async () => {
    const body = jsonBody(eventEnvelope(dmEvent("U6", "monitor dead"), { eventId: "EvTWICE" }));
    expect((await h.post(body)).status).toBe(200);
    await h.api.waitFor("chat.postMessage");
    expect((await h.post(body, retryHeaders(1))).status).toBe(200);
    await new Promise((r) => setTimeout(r, 100));
    expect(h.core.messages).toHaveLength(1);
  });

  it("/itreport: the core runs before the ack", async () => {
    let stored = false;
    h.core.script({
      delayMs: 200,
      onMessage: () => {
        stored = true;
        return { replies: [{ message: { text: "Got it" } }] };
      },
    });
    const res = await h.post(formBody(slashCommand("U7", "C9", "printer jammed")));
    expect(res.status).toBe(200);
    expect(stored).toBe(true);
  });

  it("more chat events open than the bound: 503 at once for the rest (Slack retries), nothing taken in for them", async () => {
    const bounded = await startSlackHarness({ maxOpenEvents: 2 });
    try {
      let release: () => void = () => undefined;
      const held = new Promise<void>((resolve) => (release = resolve));
      bounded.core.script({
        onMessage: async () => {
          await held;
          return { replies: [{ message: { text: "Got it" } }] };
        },
      });
      const bodies = [1, 2, 3, 4].map((i) =>
        jsonBody(eventEnvelope(dmEvent(`U${i}`, `EHR frozen ${i}`), { eventId: `EvOPEN${i}` })),
      );
      const first = bodies.slice(0, 2).map((b) => bounded.post(b));
      await bounded.core.waitForCalls(0);
      await new Promise((r) => setTimeout(r, 100));
      // Two events are being taken in (held in the core): the next ones are refused without waiting.
      const refused = await Promise.all(bodies.slice(2).map((b) => bounded.post(b)));
      expect(refused.map((r) => r.status)).toEqual([503, 503]);
      expect(bounded.core.messages).toHaveLength(2);
      // Slack's last retry is taken in even so (refused, it would be lost).
      const last = bounded.post(bodies[3]!, retryHeaders(3));
      await bounded.core.waitForCalls(0);
      await new Promise((r) => setTimeout(r, 100));
      expect(bounded.core.messages).toHaveLength(3);
      release();
      expect((await last).status).toBe(200);
      expect((await Promise.all(first)).map((r) => r.status)).toEqual([200, 200]);
      // Slack's retry of a refused event is taken in once there is room.
      expect((await bounded.post(bodies[2]!, retryHeaders(1))).status).toBe(200);
      expect(bounded.core.messages).toHaveLength(4);
    } finally {
      await bounded.close();
    }
  });
});
