/**
 * The digest's top block ("Needs your attention") and its safety list, checked against the fixture
 * reports directly (test/fixtures/sample-digest.ts), not against the code's own tallies.
 */
import { renderDigestText } from "../../src/adapters/digest/text";
import { renderDigestCard } from "../../src/adapters/digest/adaptive-card";
import { computeDigest, type AttentionItem, type Digest } from "../../src/domain/digest";
import { isHowToConfusion } from "../../src/domain/digest-compute";
import { unitOf } from "../../src/domain/digest-stats";
import { digestWindowForWeek } from "../../src/domain/iso-week";
import type { Report } from "../../src/domain/report";
import { isOpen } from "../../src/domain/status";
import { SEVERITY_RANK } from "../../src/domain/taxonomy";
import { buildClassifiedReport } from "../fixtures/build-report";
import { sampleCatalogue, sampleDigest, sampleReports } from "../fixtures/sample-digest";

const DAY = 86_400_000;

function ofType<T extends AttentionItem["type"]>(d: Digest, type: T): Extract<AttentionItem, { type: T }> {
  const item = d.attention.find((a) => a.type === type);
  if (!item) throw new Error(`no ${type} line in the top block`);
  return item as Extract<AttentionItem, { type: T }>;
}

describe("top block on the fixture week", () => {
  let digest: Digest;
  let reports: Report[];
  let inWeek: Report[];
  let window: ReturnType<typeof sampleReports>["window"];
  const catalogue = sampleCatalogue();

  beforeAll(async () => {
    ({ reports, window } = sampleReports());
    inWeek = reports.filter((r) => r.createdAt >= window.from && r.createdAt < window.to);
    digest = await sampleDigest();
  });

  it("has at most five lines, in order: safety, riser, oldest open, training, data protection", () => {
    expect(digest.attention.length).toBeGreaterThanOrEqual(4);
    expect(digest.attention.length).toBeLessThanOrEqual(5);
    const order = ["safety", "riser", "oldest_open", "training", "data_protection"];
    const types = digest.attention.map((a) => a.type);
    expect(types).toEqual([...types].sort((a, b) => order.indexOf(a) - order.indexOf(b)));
  });

  it("safety: the unresolved patient-safety reports (this week's and older open critical/high), most harm then oldest first", () => {
    const olderOpen = reports.filter(
      (r) =>
        r.createdAt < window.from &&
        isOpen(r.status) &&
        (r.classification?.severity === "high" || r.classification?.severity === "critical"),
    );
    const unresolved = [...inWeek.filter((r) => isOpen(r.status)), ...olderOpen].filter(
      (r) => r.classification?.patientSafety,
    );
    expect(unresolved.length).toBeGreaterThan(0);
    const line = ofType(digest, "safety");
    expect(line.unresolved).toBe(unresolved.length);
    expect(digest.totals.patientSafetyUnresolved).toBe(unresolved.length);
    const worst = Math.max(...unresolved.map((r) => SEVERITY_RANK[r.classification?.severity ?? "low"]));
    const first = unresolved
      .filter((r) => SEVERITY_RANK[r.classification?.severity ?? "low"] === worst)
      .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())[0];
    expect(line.first.id).toBe(first?.id);
  });

  it("biggest riser: the system or unit that rose most since last week, and where most of it is", () => {
    const line = ofType(digest, "riser");
    const prevFrom = new Date(window.from.getTime() - 7 * DAY);
    const inPrev = reports.filter((r) => r.createdAt >= prevFrom && r.createdAt < window.from);
    const keyOf = (r: Report) =>
      line.riser.dimension === "system" ? r.classification?.system : (unitOf(catalogue, r) ?? undefined);
    const now = inWeek.filter((r) => keyOf(r) === line.riser.key);
    const before = inPrev.filter((r) => keyOf(r) === line.riser.key);
    expect([line.riser.count, line.riser.previous]).toEqual([now.length, before.length]);
    expect(line.changePct).toBe(
      before.length ? Math.round(((now.length - before.length) / before.length) * 100) : null,
    );
    // No other system rose more.
    const systems = new Set(inWeek.map((r) => r.classification?.system));
    for (const s of systems) {
      const rise =
        inWeek.filter((r) => r.classification?.system === s).length -
        inPrev.filter((r) => r.classification?.system === s).length;
      expect(rise).toBeLessThanOrEqual(now.length - before.length);
    }
    const where = new Map<string, number>();
    for (const r of now) {
      const other = line.riser.dimension === "system" ? unitOf(catalogue, r) : (r.classification?.system ?? null);
      if (other) where.set(other, (where.get(other) ?? 0) + 1);
    }
    expect(line.mostOn?.count).toBe(Math.max(...where.values()));
  });

  it("oldest open high-severity: the oldest open critical/high report and how many are open", () => {
    const open = reports.filter(
      (r) =>
        r.createdAt < window.to &&
        isOpen(r.status) &&
        (r.classification?.severity === "high" || r.classification?.severity === "critical"),
    );
    const oldest = [...open].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())[0];
    const line = ofType(digest, "oldest_open");
    expect(line.open).toBe(open.length);
    expect(line.item.id).toBe(oldest?.id);
    expect(line.item.ageDays).toBe(Math.floor((window.to.getTime() - (oldest?.createdAt.getTime() ?? 0)) / DAY));
  });

  it("training need: training reports and how-to confusion, with the number of units", () => {
    const training = inWeek.filter((r) => r.classification?.kind === "training_need" || isHowToConfusion(r));
    const line = ofType(digest, "training");
    expect(line.count).toBe(training.length);
    expect(line.units).toBe(new Set(training.map((r) => unitOf(catalogue, r)).filter(Boolean)).size);
  });

  it("is the first section of the text and of the card, with the numbers", () => {
    const text = renderDigestText(digest);
    const block = text.slice(text.indexOf("## Needs your attention"), text.indexOf("## Patient safety"));
    expect(block.trim().split("\n")).toHaveLength(1 + digest.attention.length);
    const safety = ofType(digest, "safety");
    expect(block).toContain(`**Patient safety:** ${safety.unresolved} reports unresolved`);
    const riser = ofType(digest, "riser");
    expect(block).toContain(`**Biggest rise:** ${riser.riser.label}`);
    expect(block).toContain(`${riser.riser.previous} → ${riser.riser.count}`);
    const card = JSON.stringify(renderDigestCard(digest, { chartUrl: null }).body);
    expect(card.indexOf("Needs your attention")).toBeLessThan(card.indexOf("Patient safety:"));
    expect(card).toContain(`**Oldest open high-severity:**`);
  });
});

describe("safety list order", () => {
  const window = digestWindowForWeek("2026-W13", "UTC");
  const at = (days: number) => new Date(window.from.getTime() + days * DAY);
  const r = (seq: number, days: number, status: Report["status"], severity: "critical" | "high" | "medium") =>
    buildClassifiedReport({ seq, createdAt: at(days), status }, { patientSafety: true, severity });

  it("unresolved first, then by harm, then oldest first; resolved last; older open ones carried over", () => {
    const reports = [
      r(1, 1, "resolved", "critical"),
      r(2, 2, "new", "medium"),
      r(3, 3, "acknowledged", "critical"),
      r(4, 0.5, "in_progress", "medium"),
      r(5, 4, "new", "critical"),
    ];
    const older = r(6, -20, "acknowledged", "high");
    const d = computeDigest({
      window,
      reports,
      previousCount: 0,
      openHighCritical: [older, reports[2] as Report, reports[4] as Report],
      resolvedInWindow: [],
      trend: [],
      catalogue: sampleCatalogue(),
      generatedAt: window.to,
    });
    expect(d.patientSafety.map((i) => i.id)).toEqual(["R-0003", "R-0005", "R-0006", "R-0004", "R-0002", "R-0001"]);
    expect(d.patientSafety.map((i) => i.unresolved)).toEqual([true, true, true, true, true, false]);
    expect(d.patientSafety.find((i) => i.id === "R-0006")).toMatchObject({ carriedOver: true, ageDays: 27 });
    expect(d.totals.patientSafety).toBe(5);
    expect(d.totals.patientSafetyUnresolved).toBe(5);
    expect(d.attention[0]).toMatchObject({ type: "safety", unresolved: 5, critical: 2, first: { id: "R-0003" } });
  });
});
