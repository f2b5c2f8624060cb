/** Escalations are seen: "urgent", a growing cluster and a later safety flag each post one message to IT. */
import { updateReport } from "../../src/app/pipeline/update-report";
import type { Report } from "../../src/domain/report";
import { createTriageHarness, type Harness } from "./triage-harness";

describe("escalations posted to the triage channel", () => {
  let h: Harness;
  beforeEach(async () => {
    h = await createTriageHarness();
  });
  afterEach(() => h.close());

  const titles = async (destination: string): Promise<string[]> => {
    await h.drain();
    return h.senders.slack.sent
      .filter((s) => s.target.destination === destination && !s.replaceRef)
      .map((s) => s.message.title ?? "");
  };
  const change = async (id: string, edit: (r: Report) => Report): Promise<Report> =>
    (await updateReport(h.store.reports, id, (current) => edit(current)))!;

  it("'Mark urgent' posts one short message under the card's channel, however often the card refreshes", async () => {
    const { report } = await h.file("scanner slow on 4 West", { system: "bcma", severity: "medium" });
    const urgent = await change(report.id, (r) => ({
      ...r,
      urgent: true,
      classification: { ...r.classification!, severity: "high" },
    }));
    await h.triage.onClassified(urgent);
    await h.triage.onClassified(urgent);
    const posted = (await titles("C0TRIAGE")).filter((t) => t.includes("urgent"));
    expect(posted).toEqual([`🔺 Marked urgent by the reporter: ${report.id}`]);
  });

  it("a cluster reaching 5 reports is announced once (and again at 10)", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 11; i += 1) {
      const { report } = await h.file(`printer on 4 West jams every time ${i % 2 ? "again" : ""}`, {
        system: "printer",
        location: "4 West",
      });
      ids.push(report.id);
      h.clock.advance(60_000); // the outbox sends in time order
    }
    const head = ids[0]!;
    expect(new Set(await Promise.all(ids.map(async (id) => (await h.store.reports.get(id))?.clusterId)))).toEqual(
      new Set([head]),
    );
    const growth = (await titles("C0TRIAGE")).filter((t) => t.startsWith("📈"));
    expect(growth).toEqual([`📈 ${head} now has 5 reports`, `📈 ${head} now has 10 reports`]);
  });

  it("a report that becomes patient safety after routing is announced in the triage channel and alerted once", async () => {
    const { report } = await h.file("labels print on the wrong printer", { system: "printer", severity: "low" });
    expect(await titles("C0ONCALL")).toEqual([]);
    const flagged = await change(report.id, (r) => ({
      ...r,
      classification: { ...r.classification!, patientSafety: true },
    }));
    await h.triage.onClassified(flagged);
    await h.triage.onClassified(flagged);
    expect((await titles("C0TRIAGE")).filter((t) => t.includes("now flagged"))).toEqual([
      `${report.id} is 🚨 now flagged patient safety`,
    ]);
    expect(await titles("C0ONCALL")).toHaveLength(1);
  });
});
