/**
 * ServiceNow end to end against the fake instance: a cluster of reports gets one incident (even
 * with the first two calls failing, and when an answer is lost after the incident was made), the
 * card shows its number with a link, and resolving it in ServiceNow (its webhook) tells every
 * reporter of the cluster and updates the card.
 */
import type { ItsmSettings } from "../../src/config/itsm-env";
import { plainText } from "../../src/domain/message";
import { ticketOutboxKey } from "../../src/app/itsm/queue-ticket";
import { FakeServiceNow } from "../fakes/fake-servicenow";
import { TRIAGER_1 } from "./triage-harness";
import { WEBHOOK_SECRET, createItsmHarness, drainUntil, nurse, type ItsmHarness } from "./itsm-harness";

function settings(fake: FakeServiceNow, auth: FakeServiceNow["auth"]): Extract<ItsmSettings, { kind: "servicenow" }> {
  return {
    kind: "servicenow",
    instanceUrl: fake.url,
    auth,
    webhookSecret: WEBHOOK_SECRET,
    statusMap: {},
    categoryMap: {},
    timeoutMs: 5_000,
  };
}

describe("ServiceNow connector, end to end", () => {
  let fake: FakeServiceNow;
  let h: ItsmHarness;

  async function setUp(auth: FakeServiceNow["auth"] = { type: "basic", username: "bot", password: "pw-123" }) {
    fake = await FakeServiceNow.start(auth);
    h = await createItsmHarness(settings(fake, auth));
    fake.webhook = { url: h.webhookUrl, secret: WEBHOOK_SECRET, now: () => h.clock.now() };
  }
  afterEach(async () => {
    await fake?.close(); // first: it waits for its own webhook posts to the service
    await h?.close();
  });

  const hasTicket = async (id: string) => Boolean((await h.store.reports.get(id))?.ticket);

  it("report → one incident despite two failed calls → resolved in ServiceNow → every reporter told, card updated", async () => {
    await setUp({ type: "oauth", clientId: "client-1", clientSecret: "secret-1" });
    fake.failNext = 2;
    const head = await h.file(
      "Wi-Fi drops on 4 West, workstations on wheels disconnect, patient MRN 1234567",
      {
        system: "network",
        severity: "critical",
        location: "4 West",
      },
      nurse(1),
    );
    const second = await h.file(
      "4 West wifi keeps dropping, workstations on wheels disconnect",
      { system: "network" },
      nurse(2),
    );
    const third = await h.file(
      "wifi dropping on 4 West again, workstations on wheels lose connection",
      { system: "network" },
      nurse(3),
    );
    expect(second.clusterId).toBe(head.id);
    expect(third.clusterId).toBe(head.id);

    await drainUntil(h, () => hasTicket(head.id));
    expect(fake.incidents).toHaveLength(1);
    const incident = fake.incidents[0]!;
    expect(incident.correlation_id).toBe(head.id);
    expect(incident).toMatchObject({
      urgency: "1",
      impact: "1",
      assignment_group: "Network Operations",
      category: "network",
    });
    expect(incident.description).toContain("[MRN]");
    expect(incident.description).not.toContain("1234567");
    expect(incident.short_description).not.toContain("1234567");
    // Two 503s, then token, search and create: the incident exists once.
    expect(fake.calls.filter((c) => c.method === "POST" && c.path === "/api/now/table/incident")).toHaveLength(1);
    const ticket = (await h.store.reports.get(head.id))!.ticket!;
    expect(ticket.number).toBe(incident.number);

    await h.drain();
    const cards = h.senders.slack.sent.filter((s) => s.target.destination === "C0NET");
    const lastCard = cards[cards.length - 1]!;
    expect(lastCard.message.facts?.find((f) => f.label === "Ticket")?.value).toBe(`${incident.number} (ServiceNow)`);
    expect(lastCard.message.links?.[0]?.url).toContain(`${fake.url}/nav_to.do?uri=`);
    expect(lastCard.message.links?.[0]?.url).toContain(incident.sys_id);

    const before = h.sent().length;
    // Close notes are free text from the tool: redacted like a triager's note before reporters see them.
    const answer = await fake.setState(incident.number, "6", "Replaced the access point on 4 West (see MRN 7777777)");
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ status: "applied", reportId: head.id });
    await h.drain();
    for (const id of [head.id, second.id, third.id]) expect((await h.store.reports.get(id))?.status).toBe("resolved");
    const after = h.sent().slice(before);
    const notes = after.filter((s) => s.message.title?.startsWith("Update on your report"));
    expect(notes.map((n) => n.target.conversationKey).sort()).toEqual(["slack:conv-1", "slack:conv-3", "teams:conv-2"]);
    for (const note of notes) {
      expect(plainText(note.message)).toContain("Resolved — Replaced the access point on 4 West (see [MRN])");
      expect(plainText(note.message)).not.toContain("7777777");
    }
    const history = (await h.store.reports.get(head.id))!.history;
    expect(JSON.stringify(history)).not.toContain("7777777");
    const card = after.find((s) => s.target.destination === "C0NET" && s.replaceRef !== null);
    expect(card?.message.facts?.find((f) => f.label === "Status")?.value).toBe("Resolved");
    expect(card?.message.facts?.find((f) => f.label === "Ticket")?.value).toContain(incident.number);
  });

  it("an incident made but its answer lost is found by correlation id, not made again", async () => {
    await setUp();
    fake.dropAnswers = 1;
    const report = await h.file(
      "label printer in pharmacy prints blank labels",
      { system: "printer", severity: "medium" },
      nurse(1),
    );
    await drainUntil(h, () => hasTicket(report.id));
    expect(fake.incidents).toHaveLength(1);
    const stored = (await h.store.reports.get(report.id))!;
    expect(stored.ticket?.number).toBe(fake.incidents[0]!.number);
    expect(stored.history.find((e) => e.action === "ticket_created")?.note).toBe("found by its correlation id");
    expect(fake.incidents[0]).toMatchObject({
      urgency: "2",
      impact: "2",
      assignment_group: "Clinical Applications",
      category: "hardware",
    });
  });

  it("ServiceNow down for a long time: the ticket waits (never given up), then is made once when it is back", async () => {
    await setUp();
    fake.down = true;
    const report = await h.file("EHR login loops back to the sign-in page", { system: "ehr" }, nurse(1));
    for (let i = 0; i < 30; i++) {
      await h.drain();
      h.clock.advance(31 * 60_000);
    }
    const entry = await h.store.outbox.get(ticketOutboxKey(report.id));
    expect(entry?.state).toBe("pending");
    expect(entry?.attempts).toBeGreaterThan(12);
    expect(fake.incidents).toHaveLength(0);
    // Chat triage went on meanwhile: the card was posted.
    expect(h.senders.teams.sent.some((s) => s.message.title?.includes(report.id))).toBe(true);
    fake.down = false;
    await drainUntil(h, () => hasTicket(report.id), 40);
    expect(fake.incidents).toHaveLength(1);
    expect((await h.store.outbox.get(ticketOutboxKey(report.id)))?.state).toBe("sent");
  });

  it("a report that joins a cluster gets no ticket of its own; taking a report in again queues nothing new", async () => {
    await setUp();
    const head = await h.file(
      "Wi-Fi drops on 4 West, workstations on wheels disconnect",
      { system: "network" },
      nurse(1),
    );
    await h.file("4 West wifi keeps dropping, workstations on wheels disconnect", { system: "network" }, nurse(2));
    await h.triage.onClassified((await h.store.reports.get(head.id))!);
    await drainUntil(h, () => hasTicket(head.id));
    await h.drain();
    expect(fake.incidents).toHaveLength(1);
    expect(fake.incidents[0]!.description).toContain("Reports in the cluster: 2");
  });

  it("chat as the master: resolved in chat → the incident is resolved with the note; the tool's echo changes nothing", async () => {
    await setUp();
    const report = await h.file(
      "Cerner PowerChart crashes when printing discharge papers",
      { system: "ehr" },
      nurse(1),
    );
    await drainUntil(h, () => hasTicket(report.id));
    await h.drain();
    const incident = fake.incidents[0]!;
    await h.triage.handleCommand(TRIAGER_1, `ack ${report.id}`);
    await h.drain();
    expect(incident.state).toBe("2");
    await h.triage.handleCommand(TRIAGER_1, `resolve ${report.id} patched the print driver, MRN 4444444 tested`);
    await h.drain();
    expect(incident).toMatchObject({ state: "6", close_code: "Solution provided" });
    expect(incident.close_notes).toBe("patched the print driver, [MRN] tested");
    const echoes = await Promise.all(fake.ruleDeliveries);
    expect(echoes.map((e) => e.body)).toEqual([
      { status: "unchanged", reportId: report.id },
      { status: "unchanged", reportId: report.id },
    ]);
    await h.drain();
    const notes = h.sent().filter((s) => s.message.title?.startsWith("Update on your report"));
    expect(notes.map((n) => n.message.text.split(" — ")[0])).toEqual(["Acknowledged", "Resolved"]);
    await h.triage.handleCommand(TRIAGER_1, `reopen ${report.id}`);
    await h.drain();
    expect(incident.state).toBe("2");
  });
});
