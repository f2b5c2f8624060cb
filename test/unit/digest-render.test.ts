import path from "node:path";
import { readFileSync } from "node:fs";
import Ajv from "ajv";
import draft06 from "ajv/dist/refs/json-schema-draft-06.json";
import addFormats from "ajv-formats";
import { renderDigestCard } from "../../src/adapters/digest/adaptive-card";
import { renderDigestBlocks, SLACK_LIMITS } from "../../src/adapters/digest/block-kit";
import { cardText, markdownText, slackText } from "../../src/adapters/digest/escape";
import { renderDigestText, TEXT_MAX_LINES } from "../../src/adapters/digest/text";
import { computeDigest, type Digest } from "../../src/domain/digest";
import { digestWindowForWeek } from "../../src/domain/iso-week";
import { buildClassifiedReport } from "../fixtures/build-report";
import { sampleCatalogue, sampleDigest } from "../fixtures/sample-digest";

const HOSTILE =
  "<!channel> <!here> <@U123ABC> <http://evil.example|click me> [link](http://evil.example) ![img](http://evil.example/x.png) <at>All</at> **bold** _it_ `code` @everyone www.evil.example & more\n# heading";

function validator() {
  const ajv = new Ajv({ strict: false, allErrors: true });
  ajv.addMetaSchema(draft06);
  addFormats(ajv);
  // The published schema names itself with draft-04 style `id`; Ajv 8 wants `$id`.
  const { id, ...schema } = JSON.parse(
    readFileSync(path.resolve(__dirname, "../fixtures/schemas/adaptive-card-1.5.json"), "utf8"),
  );
  return ajv.compile({ ...schema, $id: id });
}

/** A week with 200 recurring problems (400 reports), every summary long and hostile. */
function bigDigest(): Digest {
  const window = digestWindowForWeek("2026-W47", "UTC");
  const reports = Array.from({ length: 200 }).flatMap((_, i) => {
    const summary = `${HOSTILE} ${"x".repeat(300)} #${i}`;
    const head = buildClassifiedReport(
      { createdAt: new Date(window.from.getTime() + i * 60_000) },
      {
        summary,
        location: `Unit ${i % 40} ${HOSTILE}`,
        patientSafety: i % 3 === 0,
        kind: i % 2 ? "training_need" : "workflow_gap",
      },
    );
    return [
      head,
      buildClassifiedReport({ clusterId: head.id, createdAt: head.createdAt }, { summary, location: `Unit ${i % 40}` }),
    ];
  });
  const digest = computeDigest({
    window,
    reports,
    previousCount: 10,
    openHighCritical: reports,
    resolvedInWindow: [],
    trend: [],
    catalogue: sampleCatalogue(),
    generatedAt: window.to,
  });
  return { ...digest, narrative: [HOSTILE, HOSTILE, HOSTILE], narrativeSource: "llm" };
}

let sample: Digest;
let empty: Digest;
let big: Digest;
beforeAll(async () => {
  sample = await sampleDigest();
  empty = await sampleDigest({ perWeek: 0 });
  big = bigDigest();
});

describe("escaping reporter text", () => {
  it("Slack: &, <, > escaped; broadcasts, user mentions and links inert; no formatting", () => {
    const s = slackText(HOSTILE);
    expect(s).not.toMatch(/[<>]/);
    expect(s).toContain("&lt;!channel&gt;");
    expect(s).toContain("&lt;@\u200bU123ABC&gt;");
    expect(s).toContain("&amp; more");
    expect(s).not.toMatch(/[*`~_]/);
    expect(s).not.toContain("http://");
    expect(s).not.toContain("@everyone");
    expect(s).not.toContain("\n");
  });

  it("Adaptive Card: markdown links, images, emphasis and <at> mentions neutralised", () => {
    const s = cardText(HOSTILE);
    expect(s).not.toMatch(/\[|\]|<|>|\*|`|#/);
    expect(s).not.toContain("](");
    expect(s).not.toContain("http://");
    expect(s).toContain("link");
  });

  it("Markdown: markup characters backslash-escaped, one line", () => {
    const s = markdownText(HOSTILE);
    expect(s).toContain("\\[link\\](");
    expect(s).toContain("\\*\\*bold\\*\\*");
    expect(s).toContain("\\<at\\>");
    expect(s).not.toContain("\n");
    expect(s).not.toContain("http://");
  });
});

describe("Adaptive Card 1.5", () => {
  const validate = validator();

  it.each([
    ["sample week", () => sample],
    ["empty week", () => empty],
    ["200 clusters", () => big],
  ])("is valid against the 1.5 schema (%s)", (_name, get) => {
    const card = renderDigestCard(get(), { chartUrl: "https://feedback.example.org/digest/2026-W47/chart.png" });
    expect(validate(card) ? [] : validate.errors).toEqual([]);
    expect(card.version).toBe("1.5");
    expect(JSON.stringify(card).length).toBeLessThan(28_000);
  });

  it("the schema check is real: an invalid card fails", () => {
    expect(
      validate({ type: "AdaptiveCard", version: "1.5", body: [{ type: "TextBlock", size: "Huge", text: "x" }] }),
    ).toBe(false);
  });

  it("leaves the chart out without a URL and quotes no hostile markup", () => {
    const json = JSON.stringify(renderDigestCard(big, { chartUrl: null }));
    expect(json).not.toContain('"Image"');
    expect(json).not.toContain("](");
    expect(json).not.toContain("<at>");
    expect(json).not.toContain("http://evil");
  });
});

describe("Block Kit", () => {
  // Block Kit JSON is loosely typed: the test walks it as data.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  function checkLimits(blocks: Record<string, any>[]) {
    expect(blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocks);
    for (const b of blocks) {
      if (b.type === "header") expect(b.text.text.length).toBeLessThanOrEqual(SLACK_LIMITS.headerText);
      if (b.type === "section") {
        if (b.text) expect(b.text.text.length).toBeLessThanOrEqual(SLACK_LIMITS.sectionText);
        expect(b.text || b.fields).toBeTruthy();
        if (b.fields) {
          expect(b.fields.length).toBeLessThanOrEqual(SLACK_LIMITS.fields);
          for (const f of b.fields) expect(f.text.length).toBeLessThanOrEqual(SLACK_LIMITS.fieldText);
        }
      }
      if (b.type === "context") expect(b.elements.length).toBeLessThanOrEqual(SLACK_LIMITS.contextElements);
      for (const t of [b.text, ...(b.fields ?? []), ...(b.elements ?? [])])
        if (t?.type === "mrkdwn") {
          expect(t.verbatim).toBe(true);
          expect(t.text).not.toMatch(/<[!@#]|<http/);
        }
    }
  }

  it("stays within Slack's limits with 200 clusters and long hostile summaries", () => {
    const { text, blocks } = renderDigestBlocks(big, { chartUrl: "https://feedback.example.org/c.png" });
    checkLimits(blocks);
    expect(text).toContain("400 reports");
    expect(JSON.stringify(blocks)).toContain("Recurring problems (200)");
    expect(JSON.stringify(blocks)).toContain("…and 195 more");
  });

  it.each([
    ["sample week", () => sample],
    ["empty week", () => empty],
  ])("is within limits and carries the key figures (%s)", (_name, get) => {
    const d = get();
    const { blocks } = renderDigestBlocks(d, { chartUrl: null });
    checkLimits(blocks);
    expect(blocks[0]).toMatchObject({ type: "header" });
    expect(JSON.stringify(blocks)).toContain(`*Reports*\\n${d.totals.reports}`);
    expect(blocks.some((b) => b.type === "image")).toBe(false);
  });
});

describe("text / Markdown", () => {
  const lines = (text: string) => text.trimEnd().split("\n");

  it("has the totals, the top block, the safety list and the trend of the sample week", () => {
    const text = renderDigestText(sample);
    expect(text).toContain(`**${sample.totals.reports} reports**`);
    expect(text).toContain("## Needs your attention");
    expect(text).toContain(`## Patient safety: ${sample.totals.patientSafety} this week (`);
    // The heading counts what the list holds: this week's items and the older ones still open.
    const carried = sample.patientSafety.filter((i) => i.carriedOver).length;
    if (carried > 0) expect(text).toContain(`, ${carried} open from earlier weeks`);
    expect(text).toContain(`## You said, we did: ${sample.timings.resolvedCount} resolved`);
    expect(text).toContain(sample.trend.map((w) => w.total).join(" · "));
    expect(text).toContain(`patient safety ${sample.trend.map((w) => w.patientSafety).join(" · ")}`);
  });

  it("the safety heading adds up with its list: this week's (still open) and older ones still open", () => {
    const first = sample.patientSafety[0]!;
    const items = [
      { ...first, id: "R-0101", unresolved: true, carriedOver: false },
      { ...first, id: "R-0102", unresolved: false, carriedOver: false },
      { ...first, id: "R-0050", unresolved: true, carriedOver: true },
      { ...first, id: "R-0051", unresolved: true, carriedOver: true },
      { ...first, id: "R-0052", unresolved: true, carriedOver: true },
    ];
    const d: Digest = { ...sample, patientSafety: items, totals: { ...sample.totals, patientSafety: 2 } };
    const heading = "Patient safety: 2 this week (1 still open), 3 open from earlier weeks";
    expect(renderDigestText(d)).toContain(`## ${heading}`);
    expect(JSON.stringify(renderDigestBlocks(d, { chartUrl: null }))).toContain(heading);
    expect(JSON.stringify(renderDigestCard(d, { chartUrl: null }))).toContain(heading);
  });

  it.each([
    ["sample week", () => sample],
    ["empty week", () => empty],
    ["200 clusters, long hostile summaries", () => big],
  ])("stays within %s's 40 lines", (_name, get) => {
    expect(lines(renderDigestText(get())).length).toBeLessThanOrEqual(TEXT_MAX_LINES);
  });

  it("lists systems and units separately, also in recurring problems", () => {
    const text = renderDigestText(sample);
    const systemsLine = lines(text).find((l) => l.startsWith("**Systems:**")) ?? "";
    const unitsLine = lines(text).find((l) => l.startsWith("**Units:**")) ?? "";
    expect(systemsLine).toContain(sample.bySystem[0]?.label);
    expect(unitsLine).toContain(sample.byUnit[0]?.label);
    for (const u of sample.byUnit.slice(0, 3)) expect(systemsLine).not.toContain(u.label);
    const theme = sample.themes[0];
    if (!theme) throw new Error("sample has no recurring problem");
    expect(text).toContain(`system: ${theme.systemLabel} · units: ${theme.units.join(", ")}`);
  });

  it("reporter text cannot add headings, links or mentions", () => {
    const text = renderDigestText(big);
    expect(
      text
        .split("\n")
        .filter((l) => l.startsWith("#"))
        .every((l) => !l.includes("heading")),
    ).toBe(true);
    expect(text).not.toMatch(/(^|[^\\])\[link(^|[^\\])\]\(/);
    expect(text).not.toContain("http://");
  });

  it("an empty week still reads sensibly", () => {
    const text = renderDigestText(empty);
    expect(text).toContain("**0 reports** (none either week)");
    expect(text).toContain("- Nothing needs a decision this week.");
  });
});
