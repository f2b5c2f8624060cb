import { narrate, narrativeProblem } from "../../src/app/digest/build-digest";
import { computeDigest, type Digest } from "../../src/domain/digest";
import { allowedNumbers, factsFromDigest, type DigestFacts, type DigestNarrator } from "../../src/domain/digest-facts";
import { templateBullets } from "../../src/domain/digest-template";
import { digestWindowForWeek } from "../../src/domain/iso-week";
import type { Report } from "../../src/domain/report";
import type { Logger } from "../../src/ports/logger";
import { buildClassifiedReport } from "../fixtures/build-report";
import { sampleCatalogue, sampleDigest } from "../fixtures/sample-digest";

const window = digestWindowForWeek("2026-W13", "Europe/Berlin");
const HOUR = 3_600_000;

function recordingLogger(): Logger & { warnings: unknown[] } {
  const warnings: unknown[] = [];
  return { warnings, debug() {}, info() {}, error() {}, warn: (obj) => void warnings.push(obj) };
}

const scripted = (bullets: string[]): DigestNarrator => ({ name: "scripted", write: () => Promise.resolve(bullets) });

function reports(n: number, base: Date, system: string): Report[] {
  return Array.from({ length: n }, (_, i) =>
    buildClassifiedReport(
      { createdAt: new Date(base.getTime() + (i + 1) * HOUR) },
      { system, location: "ICU", severity: "medium" },
    ),
  );
}

/** EHR: 16 this week, 9 the week before; 19 reports against 11 in all. */
function ehrDigest(): Digest {
  const lastWeek = new Date(window.from.getTime() - 120 * HOUR);
  const previousReports = [...reports(9, lastWeek, "ehr"), ...reports(2, lastWeek, "printer")];
  return computeDigest({
    window,
    reports: [...reports(16, window.from, "ehr"), ...reports(3, window.from, "bcma")],
    previousCount: previousReports.length,
    previousReports,
    openHighCritical: [],
    resolvedInWindow: [],
    trend: [],
    catalogue: sampleCatalogue(),
    generatedAt: window.to,
  });
}

describe("the narrative check knows last week's figures", () => {
  let digest: Digest;
  let facts: DigestFacts;
  let ehr: string;
  beforeAll(() => {
    digest = ehrDigest();
    facts = factsFromDigest(digest);
    ehr = facts.topSystems[0]?.name ?? "";
  });

  it("facts carry each top entry's previous count and change, and the risers", () => {
    expect(facts.topSystems[0]).toEqual({ name: ehr, count: 16, previous: 9, change: 7 });
    expect(facts.risers.map((r) => [r.name, r.count, r.previous, r.change])).toEqual([
      ["ICU", 19, 11, 8],
      [ehr, 16, 9, 7],
      [expect.any(String), 3, 0, 3],
    ]);
    const allowed = allowedNumbers(facts);
    expect([9, 16, 7].every((n) => allowed.has(n))).toBe(true);
    // 9 is allowed only as last week's EHR count.
    const withoutPrevious: DigestFacts = {
      ...facts,
      topSystems: facts.topSystems.map(({ name, count }) => ({ name, count })),
      risers: [],
    };
    expect(allowedNumbers(withoutPrevious).has(9)).toBe(false);
  });

  it("a correct sentence about the rise passes: the LLM narrative is used", async () => {
    const bullets = [
      `${ehr} reports rose from 9 to 16.`,
      "19 reports this week, up 8 from 11 the week before.",
      "ICU reported the most.",
    ];
    expect(narrativeProblem(bullets, facts)).toBeNull();
    const logger = recordingLogger();
    const out = await narrate({ narrator: scripted(bullets), logger }, digest);
    expect(out.narrativeSource).toBe("llm");
    expect(out.narrative).toEqual(bullets);
    expect(logger.warnings).toEqual([]);
  });

  it("a wrong previous count fails: the template is used and the reason logged", async () => {
    expect(allowedNumbers(facts).has(10)).toBe(false);
    const bullets = [`${ehr} reports rose from 10 to 16.`, "19 reports this week.", "ICU reported the most."];
    const logger = recordingLogger();
    const out = await narrate({ narrator: scripted(bullets), logger }, digest);
    expect(out.narrativeSource).toBe("template");
    expect(out.narrative).toEqual(templateBullets(facts));
    expect(logger.warnings).toEqual([expect.objectContaining({ reason: "numbers not in the figures: 10" })]);
  });
});

describe("template narrator", () => {
  it("adds the top riser to the hotspot bullet, with figures that pass the check", () => {
    const facts = factsFromDigest(ehrDigest());
    const bullets = templateBullets(facts);
    const top = facts.risers[0];
    expect(bullets.find((b) => b.startsWith("Hotspot:"))).toContain(
      `rising since last week: ${top?.name} (from ${top?.previous} to ${top?.count})`,
    );
    expect(narrativeProblem(bullets, facts)).toBeNull();
  });

  it("says nothing about rising when nothing rose", async () => {
    const facts = { ...factsFromDigest(await sampleDigest()), risers: [] };
    expect(templateBullets(facts).join(" ")).not.toContain("rising");
  });

  it("singular when 1, plural otherwise, for every count in the CMIO bullet", async () => {
    const base = factsFromDigest(await sampleDigest());
    const one: DigestFacts = {
      ...base,
      training: 4,
      workflow: 1,
      dataQuality: 3,
      terminology: 0,
      dataProtection: 0,
      recurringThemes: 1,
      largestThemeSize: 2,
    };
    expect(templateBullets(one)).toContain(
      "For the CMIO: 4 training needs, 1 workflow gap, 3 data-quality issues; 1 recurring problem (the largest reported 2 times).",
    );
    const others: DigestFacts = { ...one, training: 1, workflow: 0, dataQuality: 0, terminology: 1, dataProtection: 1 };
    expect(templateBullets(others).join(" ")).toContain(
      "For the CMIO: 1 training need, 1 terminology issue, 1 data-protection concern;",
    );
    const many: DigestFacts = { ...others, terminology: 2, dataProtection: 2 };
    expect(templateBullets(many).join(" ")).toContain("2 terminology issues, 2 data-protection concerns");
  });
});
