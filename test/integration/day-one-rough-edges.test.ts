/**
 * Rough edges found by playing a nurse and an IT triager in the demo web chat on day one, each
 * pinned here through the real intake core and triage service (embedded store in memory).
 */
import { triageCard } from "../../src/app/triage/triage-cards";
import { classifyNext, intakeHarness, intakeWithTriage, message, sender } from "../support/intake-harness";

/** The demo set-up: triage cards go to the web chat room "triage", where any web chat user may triage. */
const NURSE = sender("nurse-1", { channel: "webchat", conversationKey: "webchat:dl_nurse", direct: true });
// As the web chat adapter hands it over: rooms need no mention, so they arrive as "direct".
const IT_ROOM = sender("nurse-1", { channel: "webchat", conversationKey: "webchat:triage", direct: true });

describe("day-one rough edges: the reporter", () => {
  it("answers thanks with a you're-welcome, not the greeting, and files nothing", async () => {
    const h = await intakeHarness();
    const response = await h.core.onMessage(message("thanks!"));
    expect(response.replies[0]!.message.text).toMatch(/^You're welcome/);
    expect(response.replies[0]!.message.text).not.toMatch(/^Hi!/);
    expect(await h.store.reports.count({})).toBe(0);
  });

  it("keeps the long-message, attachment and anonymous notes on the confirmation that replaces the acknowledgement", async () => {
    const h = await intakeHarness();
    h.classifier.when("printer", { system: "printer", location: "ED", missing: [] });
    await h.core.onMessage(message(`anonymous: printer jam in ED ${"x".repeat(5000)}`, { attachments: 1 }));
    await classifyNext(h);
    const [queued] = await h.store.outbox.claimDue("t", h.clock.now(), 1000, 10);
    const confirmation = queued!.message as { title: string; note: string };
    expect(confirmation.title).toMatch(/filed$/);
    expect(confirmation.note).toMatch(/first 4,000 characters/);
    expect(confirmation.note).toMatch(/Attachments aren't stored/);
    expect(confirmation.note).toMatch(/Filed anonymously/);
    expect(confirmation.note).toMatch(/I'll message you when IT acts on it\.$/);
  });

  it("does not take a new short message as the answer to an older report's question once a later report was filed", async () => {
    const h = await intakeHarness();
    h.classifier.when("Epic froze", { system: "ehr", location: null, missing: ["location"] });
    h.classifier.when("pyxis", { system: "dispensing_cabinet", location: "5 East", missing: [] });
    h.classifier.when("broken again", { system: "other", location: null, missing: [] });
    const first = (await h.core.onMessage(message("Epic froze when I opened the chart"))).replies[0]!.trackForReport!;
    expect((await classifyNext(h)).intake.stage).toBe("asking");
    h.clock.advance(10_000);
    await h.core.onMessage(message("anonymous: the pyxis on 5 East keeps logging me out"));
    await classifyNext(h);
    h.clock.advance(10_000);

    const vague = await h.core.onMessage(message("it's broken again"));
    expect(vague.replies[0]!.trackForReport).toMatch(/^R-\d{4}$/);
    expect(vague.replies[0]!.trackForReport).not.toBe(first);
    expect((await h.store.reports.get(first))?.classification?.location).toBeNull();
    expect(await h.store.reports.count({})).toBe(3);
  });
});

it("does not take thanks or ok as the answer to a pending question", async () => {
  const h = await intakeHarness();
  h.classifier.when("broken again", { system: "other", location: null, missing: ["system"] });
  const id = (await h.core.onMessage(message("it's broken again"))).replies[0]!.trackForReport!;
  expect((await classifyNext(h)).intake.stage).toBe("asking");
  for (const text of ["thank you", "Thanks!", "ok"]) await h.core.onMessage(message(text));
  const thanks = await h.core.onMessage(message("thanks"));
  expect(thanks.replies[0]!.message.text).toMatch(/^You're welcome/);
  const report = await h.store.reports.get(id);
  expect(report?.intake.stage).toBe("asking");
  expect(report?.intake.questions.map((q) => q.field)).toEqual(["system"]);
  expect((await h.core.onMessage(message("Epic"))).replies[0]!.message.title).toBe(`${id} filed`);
});

describe("day-one rough edges: the triage room", () => {
  it("never files text typed in the triage room, nor takes it as an answer; suggests the command meant", async () => {
    const h = await intakeWithTriage();
    h.classifier.when("printer", { system: "printer", location: null, missing: ["location"] });
    const id = (await h.core.onMessage({ ...message("label printer jammed"), sender: NURSE })).replies[0]!
      .trackForReport!;
    expect((await classifyNext(h)).intake.stage).toBe("asking");

    const typo = await h.core.onMessage({ ...message(`reslove ${id} fixed it`), sender: IT_ROOM });
    expect(typo.replies[0]!.message.text).toBe(
      `I didn't recognise “reslove ${id} fixed it” as a triage command. Did you mean “resolve ${id} fixed it”?`,
    );
    expect(typo.replies[0]!.message.note).toMatch(/Nothing was filed.*@mention me first/);
    const noise = await h.core.onMessage({ ...message("asdf"), sender: IT_ROOM });
    expect(noise.replies[0]!.message.text).toMatch(/didn't recognise “asdf”/);
    expect(noise.replies[0]!.message.text).not.toMatch(/Did you mean/);

    const report = await h.store.reports.get(id);
    expect(report?.classification?.location).toBeNull();
    expect(report?.intake.stage).toBe("asking");
    expect(await h.store.reports.count({})).toBe(1);
  });

  it("answers help in the triage room with the triage commands, and the reporter help elsewhere", async () => {
    const h = await intakeWithTriage();
    const inRoom = await h.core.onMessage({ ...message("help"), sender: IT_ROOM });
    expect(inRoom.replies[0]!.message.title).toBe("Triage commands");
    expect(inRoom.replies[0]!.message.facts?.map((f) => f.label)).toEqual(
      expect.arrayContaining(["list open", "resolve R-0001 ‹note›", "dup R-0002 of R-0001"]),
    );
    const direct = await h.core.onMessage({ ...message("help"), sender: NURSE });
    expect(direct.replies[0]!.message.title).toBe("IT feedback bot");
  });

  it("refuses to mark a report a duplicate of a closed one, saying what to do instead", async () => {
    const h = await intakeWithTriage();
    h.classifier.when("printer", { system: "printer", location: "ED", missing: [] });
    const a = (await h.core.onMessage({ ...message("label printer jammed in ED"), sender: NURSE })).replies[0]!
      .trackForReport!;
    await classifyNext(h);
    h.clock.advance(60_000);
    await h.core.onMessage({ ...message(`wontfix ${a} not our printer`), sender: IT_ROOM });
    expect((await h.store.reports.get(a))?.status).toBe("wont_fix");
    h.classifier.when("scanner", { system: "bcma", location: "4 West", missing: [] });
    const b = (await h.core.onMessage({ ...message("scanner dead on 4 West"), sender: NURSE })).replies[0]!
      .trackForReport!;
    await classifyNext(h);

    const dup = await h.core.onMessage({ ...message(`dup ${b} of ${a}`), sender: IT_ROOM });
    expect(dup.replies[0]!.message.text).toBe(
      `${a} is already closed (Won't fix), so ${b}'s reporter would never hear back. ` +
        `Reopen it first (reopen ${a}), or close ${b} on its own (resolve ${b} ‹note›).`,
    );
    expect((await h.store.reports.get(b))?.status).toBe("new");
  });

  it("says which reclassify value is wrong instead of dropping it, and changes nothing", async () => {
    const h = await intakeWithTriage();
    h.classifier.when("pharmacy", { system: "pharmacy_system", severity: "medium", location: "3 East", missing: [] });
    const id = (await h.core.onMessage({ ...message("pharmacy system slow on 3 East"), sender: NURSE })).replies[0]!
      .trackForReport!;
    await classifyNext(h);
    const say = async (text: string) =>
      (await h.core.onMessage({ ...message(text), sender: IT_ROOM })).replies[0]!.message.text;

    expect(await say(`reclassify ${id} severity=urgent system=bcma`)).toBe(
      'Unknown severity "urgent". Use one of: critical, high, medium, low. Nothing changed.',
    );
    expect(await say(`reclassify ${id} sev=high`)).toBe(
      "I can change kind, system, severity, unit and safety, not sev.",
    );
    expect(await say(`reclassify ${id} safety=maybe`)).toBe('safety must be yes or no (got "maybe"). Nothing changed.');
    expect((await h.store.reports.get(id))?.classification).toMatchObject({
      system: "pharmacy_system",
      severity: "medium",
    });
    expect(await say(`reclassify ${id} severity=high`)).toMatch(new RegExp(`^${id} reclassified \\(manual\\)`));
    expect((await h.store.reports.get(id))?.classification?.severity).toBe("high");
  });

  it("says a report was reopened, with the status it went back to", async () => {
    const h = await intakeWithTriage();
    h.classifier.when("pharmacy", { system: "pharmacy_system", location: "3 East", missing: [] });
    const id = (await h.core.onMessage({ ...message("pharmacy system slow on 3 East"), sender: NURSE })).replies[0]!
      .trackForReport!;
    await classifyNext(h);
    const say = async (text: string) =>
      (await h.core.onMessage({ ...message(text), sender: IT_ROOM })).replies[0]!.message.text;
    await say(`resolve ${id} restarted the interface`);
    expect(await say(`reopen ${id}`)).toBe(`${id}: reopened (now Acknowledged). 1 reporter will be told.`);
  });

  it("show names the system and gives audit status changes in words, without a no-change arrow", async () => {
    const h = await intakeWithTriage();
    h.classifier.when("scanner", { system: "bcma", location: "4 West", missing: [] });
    const id = (await h.core.onMessage({ ...message("scanner dead on 4 West"), sender: NURSE })).replies[0]!
      .trackForReport!;
    await classifyNext(h);
    await h.core.onMessage({ ...message(`ack ${id}`), sender: IT_ROOM });
    const shown = (await h.core.onMessage({ ...message(`show ${id}`), sender: IT_ROOM })).replies[0]!.message;
    expect(shown.facts).toContainEqual({ label: "System", value: "Bar-code medication administration (bcma)" });
    expect(shown.text).toMatch(/ routed → webchat:triage by the bot\n/);
    expect(shown.text).toMatch(/ classified → disruption by the offline classifier\n/);
    expect(shown.text).toMatch(/ acknowledged New → Acknowledged by /);
    expect(shown.text).not.toMatch(/"new"/);
  });

  it("triage cards suggest only the commands that still apply", async () => {
    const h = await intakeWithTriage();
    h.classifier.when("scanner", { system: "bcma", location: "4 West", missing: [] });
    const id = (await h.core.onMessage({ ...message("scanner dead on 4 West"), sender: NURSE })).replies[0]!
      .trackForReport!;
    await classifyNext(h);
    const cardNote = async () => {
      const report = (await h.store.reports.get(id))!;
      return triageCard(report, 1, h.deps.catalogue).note;
    };
    expect(await cardNote()).toBe(`Commands: ack ${id} · resolve ${id} <note> · show ${id}`);
    await h.core.onMessage({ ...message(`ack ${id}`), sender: IT_ROOM });
    expect(await cardNote()).toBe(`Commands: resolve ${id} <note> · show ${id}`);
    await h.core.onMessage({ ...message(`resolve ${id} new battery`), sender: IT_ROOM });
    expect(await cardNote()).toBe(`Commands: reopen ${id} · show ${id}`);
  });
});
