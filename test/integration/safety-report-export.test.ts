/**
 * "Escalate to safety report": the export a safety team imports (fields named after the AHRQ Common
 * Formats HIT event), as JSON and CSV, recorded in the audit log; on the real embedded store.
 */
import { createEmbeddedStore } from "../../src/adapters/store/embedded/embedded-store";
import { parseCsv } from "../../src/app/digest/export-reports";
import {
  COMMON_FORMATS,
  escalateToSafetyReport,
  SAFETY_REPORT_FIELDS,
} from "../../src/app/digest/safety-report-export";
import { defaultCatalogue } from "../../src/config/catalogue";
import { asRedacted } from "../../src/domain/redacted-text";
import { safetyEventFrom } from "../../src/domain/safety-event";
import { silentLogger } from "../../src/ports/logger";
import type { Store } from "../../src/ports/store";
import { buildClassifiedReport } from "../fixtures/build-report";
import { classifyNext, intakeWithTriage, message, sender } from "../support/intake-harness";

const NOW = new Date("2026-11-25T10:00:00Z");
let store: Store;
const deps = () => ({ store, catalogue: defaultCatalogue(), clock: { now: () => new Date(NOW) } });

beforeEach(async () => {
  store = createEmbeddedStore({ dataDir: ":memory:", logger: silentLogger });
  await store.init();
});
afterEach(async () => store.close());

describe("escalate to safety report", () => {
  it("a medication near miss: JSON and CSV carry the Common Formats fields, and the audit log records it", async () => {
    const classification = {
      kind: "disruption" as const,
      system: "infusion_pump",
      severity: "critical" as const,
      patientSafety: true,
      location: "ICU",
      summary: "Infusion pump accepted a heparin rate 10x the order",
    };
    const base = buildClassifiedReport(
      { seq: 7, createdAt: new Date("2026-11-24T03:10:00Z"), text: asRedacted("Pump took heparin 10x for [NAME]") },
      classification,
    );
    const report = {
      ...base,
      safetyEvent: safetyEventFrom(
        "near_miss",
        { ...classification, tags: [] },
        base.reporter.ref,
        new Date("2026-11-24T03:12:00Z"),
      ),
    };
    await store.reports.insert(report);

    const out = await escalateToSafetyReport(deps(), report.id, "teams:safety-officer");
    const json = JSON.parse(out.json) as Record<string, string>;
    expect(Object.keys(json)).toEqual([...SAFETY_REPORT_FIELDS]);
    expect(json).toMatchObject({
      localReportId: report.id,
      commonFormatsVersion: COMMON_FORMATS,
      eventType: "Near miss",
      eventCategory: expect.stringContaining("Medication or other substance"),
      reachedPatient: "No",
      harm: "No harm",
      nccMerpCategory: "B",
      hitDeviceType: expect.stringMatching(/infusion/i),
      eventLocation: "ICU",
      briefDescription: classification.summary,
      eventNarrative: "Pump took heparin 10x for [NAME]",
      itSeverity: "critical",
      escalatedBy: "teams:safety-officer",
      escalatedAt: NOW.toISOString(),
    });
    // The reporter's identity never leaves.
    expect(out.json).not.toContain(report.reporter.ref);

    const rows = parseCsv(out.csv);
    expect(rows[0]).toEqual([...SAFETY_REPORT_FIELDS]);
    expect(rows[1]).toEqual(SAFETY_REPORT_FIELDS.map((f) => json[f]));

    const audit = await store.audit.listForReport(report.id);
    expect(audit).toEqual([
      expect.objectContaining({
        actor: "teams:safety-officer",
        action: "escalated_safety_report",
        after: { eventType: "Near miss", nccMerpCategory: "B", harm: "No harm" },
      }),
    ]);
  });

  it("without an answer the event type says so; a formula in the text stays inert in the CSV; unknown ids fail", async () => {
    const report = buildClassifiedReport(
      { seq: 8, text: asRedacted('=HYPERLINK("http://x") printer on fire') },
      { system: "printer", kind: "disruption", summary: "Printer overheating", patientSafety: true },
    );
    await store.reports.insert(report);
    const out = await escalateToSafetyReport(deps(), report.id, "cli:cmio");
    expect(out.record).toMatchObject({
      eventType: "Unknown (not answered)",
      reachedPatient: "Unknown",
      nccMerpCategory: "",
    });
    const narrative = parseCsv(out.csv)[1]?.[SAFETY_REPORT_FIELDS.indexOf("eventNarrative")];
    expect(narrative?.startsWith("'=")).toBe(true);
    await expect(escalateToSafetyReport(deps(), "R-9999", "cli:cmio")).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await store.audit.listForReport("R-9999")).toEqual([]);
  });
});

describe("escalate by triage command", () => {
  const itRoom = sender("it-1", { channel: "webchat", conversationKey: "webchat:triage", direct: true });

  it("a triager types 'escalate R-…' in the room: the export comes back and the audit log records who", async () => {
    const h = await intakeWithTriage();
    h.classifier.when("Pump", {
      kind: "disruption",
      system: "infusion_pump",
      severity: "high",
      patientSafety: true,
      summary: "Pump accepted a 10x heparin rate",
    });
    const id = (await h.core.onMessage(message("Pump accepted a 10x heparin rate on ICU"))).replies[0]!.trackForReport!;
    await classifyNext(h);
    await h.core.onAction({
      sender: sender(),
      action: "answer",
      data: { reportId: id, field: "safety", value: "near_miss" },
      messageRef: null,
    });
    const [reply] = (await h.core.onMessage({ ...message(`escalate ${id} to safety report`), sender: itRoom })).replies;
    expect(reply?.message.title).toBe(`${id} escalated to a safety report`);
    expect(reply?.message.text).toContain('"eventType": "Near miss"');
    expect(reply?.message.text).toContain('"nccMerpCategory": "B"');
    const audit = await h.store.audit.listForReport(id);
    expect(audit.filter((a) => a.action === "escalated_safety_report")).toEqual([
      expect.objectContaining({ actor: "webchat:Nurse it-1" }),
    ]);
    // The reporter (not a triager, in a direct chat) cannot: it is not a command there.
    const nurse = await h.core.onMessage(message(`escalate ${id}`));
    expect(nurse.replies[0]?.message.title ?? "").not.toContain("escalated");
    expect((await h.store.audit.listForReport(id)).filter((a) => a.action === "escalated_safety_report")).toHaveLength(
      1,
    );
  });
});
