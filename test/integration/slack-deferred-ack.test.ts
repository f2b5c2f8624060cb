/**
 * Slack: when posting the acknowledgement of a new report fails (Slack answering an error after
 * the event was acked), the report is already stored and the acknowledgement is not lost: it waits
 * in the outbox (`ack@<id>`) and is delivered once, to the reporter, when Slack answers again.
 */
import { deferredReplyKey } from "../../src/app/intake/defer-reply";
import { dmEvent, eventEnvelope, jsonBody } from "../fakes/slack-signing";
import { allStrings } from "./slack-harness";
import { startFormsHarness, waitUntil, type FormsHarness } from "./triage-forms-harness";

let h: FormsHarness;

beforeEach(async () => {
  h = await startFormsHarness();
});

afterEach(async () => {
  await h.close();
});

describe("a Slack acknowledgement that could not be posted", () => {
  it("waits in the outbox and reaches the nurse once Slack answers again", async () => {
    h.api.failNext("chat.postMessage", 1, { error: "internal_error" });
    const res = await h.postSlackBody(jsonBody(eventEnvelope(dmEvent("UNURSE5", "Pyxis on 3 East won't open"))));
    expect(res.status).toBe(200);
    await waitUntil(async () => (await h.store.reports.count({})) === 1, "the report");
    const [report] = await h.store.reports.find({});
    const key = deferredReplyKey(report!.id);
    await waitUntil(async () => (await h.store.outbox.get(key))?.state === "pending", "the queued acknowledgement");
    expect(h.api.callsTo("chat.postMessage")).toHaveLength(1); // the failed try only

    await h.runOutbox();
    const posts = h.api.callsTo("chat.postMessage");
    expect(posts).toHaveLength(2);
    expect(allStrings(posts[1]!.args).join(" ")).toContain(report!.id);
    expect((await h.store.outbox.get(key))?.state).toBe("sent");

    await h.runOutbox(); // sent once, never again
    expect(h.api.callsTo("chat.postMessage")).toHaveLength(2);
  });
});
