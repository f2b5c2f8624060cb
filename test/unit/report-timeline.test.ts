/** "show R-…" timeline: a reporter's answers read as the buttons they pressed, never as internal codes. */
import { reportTimeline } from "../../src/app/triage/report-timeline";
import { defaultCatalogue } from "../../src/config/catalogue";
import type { HistoryEntry } from "../../src/domain/report";
import { buildReport } from "../fixtures/build-report";

const at = new Date("2026-03-02T10:00:00Z");
const answered = (field: string, to: string, minute: number): HistoryEntry => ({
  at: new Date(at.getTime() + minute * 60_000),
  actor: "teams:user-1",
  action: `answered ${field}`,
  from: null,
  to,
  note: null,
});

describe("report timeline", () => {
  it("shows answers in words: safety, impact, system label, unit, and Skip as skipped", () => {
    const report = buildReport({
      history: [
        answered("safety", "near_miss", 1),
        answered("impact", "patients_now", 2),
        answered("system", "dispensing_cabinet", 3),
        answered("location", "4 West", 4),
        answered("safety", "__skip__", 5),
      ],
    });
    const lines = reportTimeline(report, [], "UTC", defaultCatalogue()).join("\n");
    expect(lines).toContain("answered safety: Caught before it reached the patient");
    expect(lines).toContain("answered impact: Yes, patients affected");
    expect(lines).toMatch(/answered system: (?!dispensing_cabinet)\S/);
    expect(lines).toContain("answered location: 4 West");
    expect(lines).toContain("answered safety: skipped");
    expect(lines).not.toMatch(/__skip__|near_miss|patients_now|→ dispensing_cabinet/);
  });

  it("status moves still read as labels", () => {
    const report = buildReport({
      history: [{ at, actor: "slack:U1", action: "acknowledged", from: "new", to: "acknowledged", note: null }],
    });
    expect(reportTimeline(report, [], "UTC")[0]).toMatch(/acknowledged New → Acknowledged by /);
  });
});
