/**
 * Jira Service Management end to end against the fake site: a cluster gets one request (even with
 * the first two calls failing), labelled with the head report's id; the card shows its key with a
 * link; moving it to Resolved (the webhook) tells every reporter and updates the card; a request
 * declined in Jira closes the reports as won't fix; back to In Progress reopens them.
 */
import type { ItsmSettings } from "../../src/config/itsm-env";
import { plainText } from "../../src/domain/message";
import { FakeJiraSm } from "../fakes/fake-jira-sm";
import { TRIAGER_1 } from "./triage-harness";
import { WEBHOOK_SECRET, createItsmHarness, drainUntil, nurse, type ItsmHarness } from "./itsm-harness";

describe("Jira Service Management connector, end to end", () => {
  let fake: FakeJiraSm;
  let h: ItsmHarness;

  beforeEach(async () => {
    fake = await FakeJiraSm.start("it-bot@example-hospital.org", "api-token-1");
    const settings: ItsmSettings = {
      kind: "jira",
      baseUrl: fake.url,
      email: "it-bot@example-hospital.org",
      apiToken: "api-token-1",
      serviceDeskId: "3",
      requestTypeId: "17",
      webhookSecret: WEBHOOK_SECRET,
      statusMap: {},
      categoryMap: {},
      timeoutMs: 5_000,
    };
    h = await createItsmHarness(settings);
    fake.webhook = { url: h.webhookUrl, secret: WEBHOOK_SECRET, now: () => h.clock.now() };
  });
  afterEach(async () => {
    await fake.close(); // first: it waits for its own webhook posts to the service
    await h.close();
  });

  const hasTicket = async (id: string) => Boolean((await h.store.reports.get(id))?.ticket);

  it("report → one request despite two failed calls → resolved in Jira → every reporter told, card updated", async () => {
    fake.failNext = 2;
    const head = await h.file(
      "Pyxis on 5 East will not open the drawer, MRN 7654321",
      {
        system: "dispensing_cabinet",
        severity: "high",
      },
      nurse(1),
    );
    const second = await h.file("5 East Pyxis drawer will not open", { system: "dispensing_cabinet" }, nurse(2));
    expect(second.clusterId).toBe(head.id);
    await drainUntil(h, () => hasTicket(head.id));
    expect(fake.requests).toHaveLength(1);
    const request = fake.requests[0]!;
    expect(request).toMatchObject({ serviceDeskId: "3", requestTypeId: "17", labels: [`cfb-${head.id}`] });
    expect(request.summary).toContain(head.id);
    expect(request.description).not.toContain("7654321");
    expect(request.description).toContain("Team: Clinical Applications");
    expect(fake.calls.filter((c) => c.method === "POST")).toHaveLength(1);

    await h.drain();
    const card = h.senders.teams.sent.filter((s) => s.message.title?.includes(head.id)).pop()!;
    expect(card.message.facts?.find((f) => f.label === "Ticket")?.value).toBe(
      `${request.key} (Jira Service Management)`,
    );
    expect(card.message.links?.[0]?.url).toBe(`${fake.url}/browse/${request.key}`);

    const before = h.sent().length;
    const answer = await fake.transition(request.key, "Resolved", "done", "Done");
    expect(answer).toMatchObject({ status: 200, body: { status: "applied", reportId: head.id } });
    await h.drain();
    for (const id of [head.id, second.id]) expect((await h.store.reports.get(id))?.status).toBe("resolved");
    const after = h.sent().slice(before);
    const notes = after.filter((s) => s.message.title?.startsWith("Update on your report"));
    expect(notes.map((n) => n.target.conversationKey).sort()).toEqual(["slack:conv-1", "teams:conv-2"]);
    for (const note of notes)
      expect(plainText(note.message)).toContain(`Resolved — ${request.key} resolved in Jira Service Management`);
    const updated = after.find((s) => s.message.title?.includes(head.id) && s.replaceRef !== null);
    expect(updated?.message.facts?.find((f) => f.label === "Status")?.value).toBe("Resolved");
  });

  it("declined in Jira → won't fix; back in progress → reopened (acknowledged); an unchanged state changes nothing", async () => {
    const report = await h.file(
      "Imprivata badge tap fails on the 3 North workstations",
      { system: "identity_access" },
      nurse(1),
    );
    await drainUntil(h, () => hasTicket(report.id));
    const key = fake.requests[0]!.key;
    const progress = await fake.transition(key, "In Progress", "indeterminate");
    expect(progress.body).toEqual({ status: "applied", reportId: report.id });
    expect((await h.store.reports.get(report.id))?.status).toBe("acknowledged");
    const again = await fake.transition(key, "In Progress", "indeterminate");
    expect(again.body).toMatchObject({ status: "unchanged" });
    await fake.transition(key, "Declined", "done", "Declined");
    expect((await h.store.reports.get(report.id))?.status).toBe("wont_fix");
    await fake.transition(key, "In Progress", "indeterminate");
    const reopened = (await h.store.reports.get(report.id))!;
    expect(reopened.status).toBe("acknowledged");
    expect(reopened.history.map((e) => e.action)).toEqual(expect.arrayContaining(["wont_fix", "reopened"]));
    expect(reopened.history.filter((e) => e.action === "reopened")[0]?.actor).toBe(
      "Jira Service Management (itsm:jira)",
    );
  });

  it("Jira down then up: the request is made once when it answers again", async () => {
    fake.down = true;
    const report = await h.file("Vocera badges cannot call the charge nurse", { system: "communication" }, nurse(1));
    for (let i = 0; i < 15; i++) {
      await h.drain();
      h.clock.advance(31 * 60_000);
    }
    expect(fake.requests).toHaveLength(0);
    fake.down = false;
    fake.dropAnswers = 1;
    await drainUntil(h, () => hasTicket(report.id), 40);
    expect(fake.requests).toHaveLength(1);
  });

  it("chat as the master: acknowledged, resolved and won't fix in chat move the request; the echo changes nothing", async () => {
    const report = await h.file("Epic Haiku photos will not upload from the ED", { system: "ehr" }, nurse(1));
    await drainUntil(h, () => hasTicket(report.id));
    const request = fake.requests[0]!;
    await h.triage.handleCommand(TRIAGER_1, `ack ${report.id}`);
    await h.drain();
    expect(request.status.name).toBe("In Progress");
    await h.triage.handleCommand(TRIAGER_1, `resolve ${report.id} cleared the upload queue`);
    await h.drain();
    expect(request.status.name).toBe("Resolved");
    await h.triage.handleCommand(TRIAGER_1, `reopen ${report.id}`);
    await h.drain();
    await h.triage.handleCommand(TRIAGER_1, `wontfix ${report.id} vendor limitation`);
    await h.drain();
    expect(request.status.name).toBe("Canceled");
    const echoes = await Promise.all(fake.apiDeliveries);
    expect(echoes.map((e) => (e.body as { status: string }).status)).toEqual([
      "unchanged",
      "unchanged",
      "unchanged",
      "unchanged",
    ]);
    expect((await h.store.reports.get(report.id))?.status).toBe("wont_fix");
  });
});
