import { renderDigestCard } from "../../src/adapters/digest/adaptive-card";
import { renderDigestBlocks } from "../../src/adapters/digest/block-kit";
import { renderDigestText } from "../../src/adapters/digest/text";
import { computeDigest, type CountEntry, type Digest } from "../../src/domain/digest";
import { digestWindowForWeek } from "../../src/domain/iso-week";
import type { Report } from "../../src/domain/report";
import { adaptiveCardValidator } from "../support/adaptive-card-schema";
import { buildClassifiedReport } from "../fixtures/build-report";
import { sampleCatalogue } from "../fixtures/sample-digest";

const window = digestWindowForWeek("2026-W13", "Europe/Berlin");
const HOUR = 3_600_000;

function reportsOf(
  n: number,
  base: Date,
  c: { system: string; location: string; kind?: "disruption" | "training_need" },
): Report[] {
  return Array.from({ length: n }, (_, i) =>
    buildClassifiedReport(
      { createdAt: new Date(base.getTime() + (i + 1) * HOUR) },
      { kind: c.kind ?? "disruption", system: c.system, location: c.location, summary: `${c.system} problem ${i}` },
    ),
  );
}

/**
 * This week: BCMA 12 on 4 West (4 of them training needs, 3 quoted), printers 2 and EHR 3 on ED.
 * The week before: BCMA 7 on 4 West, printers 4 and EHR 3 on ED.
 */
function changeDigest(): Digest {
  const lastWeek = new Date(window.from.getTime() - 100 * HOUR);
  const reports = [
    ...reportsOf(8, window.from, { system: "bcma", location: "4 West" }),
    ...reportsOf(4, new Date(window.from.getTime() + 10 * HOUR), {
      system: "bcma",
      location: "4 West",
      kind: "training_need",
    }),
    ...reportsOf(2, window.from, { system: "printer", location: "ED" }),
    ...reportsOf(3, window.from, { system: "ehr", location: "ED" }),
  ];
  const previousReports = [
    ...reportsOf(7, lastWeek, { system: "bcma", location: "4 West" }),
    ...reportsOf(4, lastWeek, { system: "printer", location: "ED" }),
    ...reportsOf(3, lastWeek, { system: "ehr", location: "ED" }),
  ];
  return computeDigest({
    window,
    reports,
    previousCount: previousReports.length,
    previousReports,
    openHighCritical: [],
    resolvedInWindow: [],
    trend: [],
    catalogue: sampleCatalogue(),
    generatedAt: window.to,
  });
}

let digest: Digest;
let entry: (list: CountEntry[], key: string) => CountEntry;
beforeAll(() => {
  digest = changeDigest();
  entry = (list, key) => {
    const e = list.find((x) => x.key === key);
    if (!e) throw new Error(`no entry ${key}`);
    return e;
  };
});

describe("the fixture week", () => {
  it("has the intended counts, changes and risers", () => {
    expect(entry(digest.bySystem, "bcma")).toMatchObject({ count: 12, previous: 7 });
    expect(entry(digest.bySystem, "printer")).toMatchObject({ count: 2, previous: 4 });
    expect(entry(digest.bySystem, "ehr")).toMatchObject({ count: 3, previous: 3 });
    expect(digest.risers.map((r) => [r.dimension, r.key])).toEqual([
      ["system", "bcma"],
      ["unit", "4 West"],
    ]);
    expect(digest.sections.find((s) => s.id === "training")).toMatchObject({ count: 4 });
    expect(digest.sections.find((s) => s.id === "training")?.examples).toHaveLength(3);
  });
});

describe("week-over-week change in the renderings", () => {
  it("text: ▲/▼ after each count that changed, nothing after one that did not, and the biggest rise in the top block", () => {
    const text = renderDigestText(digest);
    const bcma = entry(digest.bySystem, "bcma").label;
    const printer = entry(digest.bySystem, "printer").label;
    const ehr = entry(digest.bySystem, "ehr").label;
    expect(text).toContain(`${bcma} 12 (▲5)`);
    expect(text).toContain(`${printer} 2 (▼2)`);
    expect(text).toMatch(new RegExp(`${ehr} 3(,|\\n)`));
    expect(text).toContain("4 West 12 (▲5)");
    expect(text).toContain("ED 5 (▼2)");
    // The biggest riser leads the top block, with where most of it is.
    expect(text).toContain(`- **Biggest rise:** ${bcma} up 71% (7 → 12), most on 4 West (12)`);
  });

  it("text: each CMIO section in one line with its count and an example", () => {
    const text = renderDigestText(digest);
    expect(text).toMatch(/^- \*\*Training needs \(4\)\*\*, e\.g\. bcma problem \d \(4 West\)$/m);
  });

  it("Adaptive Card: valid, with the changes, the risers and '…and 1 more' under training needs", () => {
    const card = renderDigestCard(digest, { chartUrl: null });
    const validate = adaptiveCardValidator();
    expect(validate(card) ? [] : validate.errors).toEqual([]);
    const json = JSON.stringify(card);
    const bcma = entry(digest.bySystem, "bcma").label;
    expect(json).toContain(`${bcma} 12 (▲5)`);
    expect(json).toContain(`${entry(digest.bySystem, "printer").label} 2 (▼2)`);
    expect(json).toContain(`Rising since last week:** ${bcma} 12 (▲5 from 7)`);
    const body = JSON.stringify(card.body);
    const training = body.slice(body.indexOf("Training needs"));
    expect(training).toContain("…and 1 more");
  });

  it("Block Kit: the changes, the risers and '…and 1 more' under training needs", () => {
    const { blocks } = renderDigestBlocks(digest, { chartUrl: null });
    const json = JSON.stringify(blocks);
    const bcma = entry(digest.bySystem, "bcma").label;
    expect(json).toContain(`${bcma} 12 (▲5)`);
    expect(json).toContain(`${entry(digest.bySystem, "printer").label} 2 (▼2)`);
    expect(json).toContain(`*Rising since last week:* ${bcma} 12 (▲5 from 7)`);
    expect(json).toMatch(/Training needs \(4\)\*[^"]*…and 1 more/);
  });

  it("without a previous week, no arrows and no 'Rising' line", () => {
    const plain: Digest = {
      ...digest,
      bySystem: digest.bySystem.map(({ previous: _previous, ...e }) => e),
      byUnit: digest.byUnit.map(({ previous: _previous, ...e }) => e),
      byKind: digest.byKind.map(({ previous: _previous, ...e }) => e),
      risers: [],
      attention: digest.attention.filter((a) => a.type !== "riser"),
    };
    const text = renderDigestText(plain);
    expect(text).not.toMatch(/[▲▼]\d/);
    expect(text).not.toContain("Biggest rise");
    expect(JSON.stringify(renderDigestBlocks(plain, { chartUrl: null }).blocks)).not.toContain("Rising since");
  });
});
