import { plainText } from "../../src/domain/message";
import type { Report } from "../../src/domain/report";
import { TRIAGER_1, createTriageHarness, type Harness } from "./triage-harness";

const reporter = (n: number, anonymous = false): Partial<Report> => ({
  reporter: anonymous
    ? { ref: `anon:${n}`, anonymous: true, displayName: null }
    : { ref: `teams:nurse-${n}`, anonymous: false, displayName: `Nurse ${n}` },
  conversationKey: `teams:conv-${n}`,
});

describe("triage clustering and closing the loop", () => {
  let h: Harness;
  beforeEach(async () => {
    h = await createTriageHarness();
  });
  afterEach(() => h.close());

  it("similar reports on the same system join one cluster with one card; different problems do not", async () => {
    const first = await h.file(
      "barcode scanner not reading wristbands on 4 West",
      { system: "bcma", location: "4 West" },
      reporter(1),
    );
    h.clock.advance(60_000);
    const second = await h.file(
      "5 East: scanners won't read wristbands since 7am",
      { system: "bcma", location: "5 East" },
      reporter(2),
    );
    h.clock.advance(60_000);
    const other = await h.file(
      "BCMA makes you scan the bag twice for every IV piggyback",
      { system: "bcma", location: "4 West" },
      reporter(3),
    );
    h.clock.advance(60_000);
    const otherSystem = await h.file(
      "scanner on the printer not reading wristbands",
      { system: "printer", location: "4 West" },
      reporter(4),
    );
    expect(first.info).toEqual({ clusterHeadId: first.report.id, clusterSize: 1, headStatus: "new" });
    expect(second.info).toEqual({ clusterHeadId: first.report.id, clusterSize: 2, headStatus: "new" });
    expect(second.report.clusterId).toBe(first.report.id);
    expect(other.info?.clusterHeadId).toBe(other.report.id);
    expect(otherSystem.info?.clusterHeadId).toBe(otherSystem.report.id);
    await h.drain();
    const cards = h.sent().filter((s) => s.message.actions?.some((a) => a.action === "triage.ack"));
    // Three first posts (no card for the joined report) plus one in-place update of the head's card.
    expect(cards.filter((c) => c.replaceRef === null)).toHaveLength(3);
    const update = cards.find((c) => c.replaceRef !== null)!;
    expect(update.message.title).toContain(first.report.id);
    expect(update.message.facts?.find((f) => f.label === "Cluster")?.value).toBe("2 reports");
  });

  it("a joined report mirrors the head's progress; reports outside the window start a new cluster", async () => {
    const head = await h.file("EHR freezes when opening the MAR", { system: "ehr" }, reporter(1));
    await h.triage.handleCommand(TRIAGER_1, `ack ${head.report.id}`);
    const joined = await h.file("EHR freezes every time I open the MAR", { system: "ehr" }, reporter(2));
    expect(joined.report.status).toBe("acknowledged");
    expect(joined.info).toMatchObject({ clusterHeadId: head.report.id, clusterSize: 2, headStatus: "acknowledged" });
    h.clock.advance(25 * 3_600_000);
    const later = await h.file("EHR freezes when opening the MAR", { system: "ehr" }, reporter(3));
    expect(later.info?.clusterHeadId).toBe(later.report.id);
  });

  it("acting on the head moves every open member and tells every reporter once, in their own conversation", async () => {
    const head = await h.file("barcode scanner not reading wristbands on 4 West", { system: "bcma" }, reporter(1));
    const m2 = await h.file("scanner not reading wristbands on 5 East", { system: "bcma" }, reporter(2, true));
    const m3 = await h.file(
      "wristbands not scanning, scanner broken",
      { system: "bcma" },
      { ...reporter(3), channel: "slack", conversationKey: "slack:D03" },
    );
    expect([m2.info?.clusterHeadId, m3.info?.clusterHeadId]).toEqual([head.report.id, head.report.id]);
    await h.drain();
    const before = h.sent().length;
    const resolved = await h.triage.handleCommand(TRIAGER_1, `resolve ${head.report.id} scanner firmware rolled back`);
    expect(plainText(resolved!.replies[0]!.message)).toBe(
      `${head.report.id} and 2 clustered reports: Resolved. 3 reporters will be told.`,
    );
    for (const r of [head, m2, m3]) expect((await h.store.reports.get(r.report.id))?.status).toBe("resolved");
    expect((await h.store.audit.listForReport(m2.report.id)).at(-1)).toMatchObject({
      action: "resolved",
      before: expect.objectContaining({ status: "new" }),
    });
    await h.drain();
    await h.drain(); // nothing is sent twice
    const notes = h
      .sent()
      .slice(before)
      .filter((s) => s.target.conversationKey !== null);
    expect(notes.map((n) => [n.channel, n.target.conversationKey]).sort()).toEqual([
      ["slack", "slack:D03"],
      ["teams", "teams:conv-1"],
      ["teams", "teams:conv-2"],
    ]);
    const m2Note = notes.find((n) => n.target.conversationKey === "teams:conv-2")!;
    expect(plainText(m2Note.message)).toBe(
      `Update on your report ${m2.report.id} (part of ${head.report.id})\nResolved — scanner firmware rolled back`,
    );
    // Reopen brings the whole cluster back, and everyone hears it once more.
    h.clock.advance(60_000);
    await h.triage.handleCommand(TRIAGER_1, `reopen ${head.report.id} still failing on 5 East`);
    for (const r of [head, m2, m3]) expect((await h.store.reports.get(r.report.id))?.status).toBe("acknowledged");
    await h.drain();
    expect(h.sent().filter((s) => plainText(s.message).includes("Reopened"))).toHaveLength(3);
  });

  it("a failed send is retried from the outbox and delivered exactly once", async () => {
    const head = await h.file("EHR freezes when opening the MAR", { system: "ehr" }, reporter(1));
    await h.file("EHR freezes opening MAR", { system: "ehr" }, reporter(2));
    await h.drain();
    h.senders.teams.failNext = 1;
    await h.triage.handleCommand(TRIAGER_1, `resolve ${head.report.id} restarted the app servers`);
    await h.drain();
    const resolvedNotes = () => h.senders.teams.sent.filter((s) => plainText(s.message).includes("Resolved —"));
    const index = (await h.store.reports.get(head.report.id))!.history.length - 1;
    const keys = [1, 2].map((n) => `notify:${head.report.id}:resolved:${index}:teams:nurse-${n}:teams:conv-${n}`);
    const failedOnce = (await Promise.all(keys.map((k) => h.store.outbox.get(k)))).filter(
      (m) => m?.attempts === 1 && m.state === "pending",
    );
    expect(failedOnce).toHaveLength(1);
    expect(resolvedNotes()).toHaveLength(1);
    h.clock.advance(60_000);
    await h.drain();
    await h.drain();
    expect(resolvedNotes()).toHaveLength(2);
    expect(new Set(resolvedNotes().map((s) => s.target.conversationKey))).toEqual(
      new Set(["teams:conv-1", "teams:conv-2"]),
    );
  });

  it("split moves a wrongly merged report out and gives it its own card", async () => {
    const head = await h.file("EHR freezes when opening the MAR", { system: "ehr" }, reporter(1));
    const wrong = await h.file("EHR freezes when printing the MAR", { system: "ehr" }, reporter(2));
    expect(wrong.info?.clusterHeadId).toBe(head.report.id);
    await h.drain();
    const response = await h.triage.handleCommand(TRIAGER_1, `split ${wrong.report.id}`);
    expect(plainText(response!.replies[0]!.message)).toContain(`${wrong.report.id} split out of ${head.report.id}`);
    const saved = (await h.store.reports.get(wrong.report.id))!;
    expect(saved.clusterId).toBe(saved.id);
    await h.drain();
    const own = h.sent().find((s) => s.replaceRef === null && s.message.title?.startsWith(wrong.report.id));
    expect(own).toBeDefined();
    const headUpdate = h
      .sent()
      .filter((s) => s.replaceRef !== null && s.message.title?.startsWith(head.report.id))
      .at(-1);
    expect(headUpdate?.message.facts?.find((f) => f.label === "Cluster")?.value).toBe("1 report");
    // Resolving the old head no longer touches the split report.
    await h.triage.handleCommand(TRIAGER_1, `resolve ${head.report.id} done`);
    expect((await h.store.reports.get(wrong.report.id))?.status).toBe("new");
    const notHead = await h.triage.handleCommand(TRIAGER_1, `split ${head.report.id}`);
    expect(plainText(notHead!.replies[0]!.message)).toMatch(/nothing to split/);
  });

  it("duplicate of: the report joins the other cluster, its reporter hears, and hears again when it is resolved", async () => {
    const a = await h.file("EHR freezes when opening the MAR", { system: "ehr" }, reporter(1));
    const b = await h.file("cannot print discharge papers", { system: "printer" }, reporter(2));
    await h.triage.handleCommand(TRIAGER_1, `dup ${b.report.id} of ${a.report.id}`);
    const saved = (await h.store.reports.get(b.report.id))!;
    expect(saved).toMatchObject({ status: "duplicate", duplicateOf: a.report.id, clusterId: a.report.id });
    h.clock.advance(60_000);
    await h.triage.handleCommand(TRIAGER_1, `resolve ${a.report.id} patched`);
    expect((await h.store.reports.get(b.report.id))?.status).toBe("duplicate");
    await h.drain();
    const toB = h
      .sent()
      .filter((s) => s.target.conversationKey === "teams:conv-2")
      .map((s) => plainText(s.message));
    expect(toB).toEqual([
      expect.stringContaining(`Merged — it's being handled as ${a.report.id}`),
      expect.stringContaining("Resolved — patched"),
    ]);
    const self = await h.triage.handleCommand(TRIAGER_1, `dup ${a.report.id} of ${b.report.id}`);
    expect(plainText(self!.replies[0]!.message)).toMatch(/split it out first/);
  });
});
