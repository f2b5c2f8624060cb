import type { ClassificationResult } from "../../src/domain/classification";
import type { LabelledSample } from "../../src/cli/eval-data";
import {
  fieldMisses,
  locationsMatch,
  medianLengthIndex,
  scoreEval,
  scoresLine,
  type EvalItem,
} from "../../src/cli/eval-score";

type SampleOverrides = Omit<Partial<LabelledSample>, "gold"> & { gold?: Partial<LabelledSample["gold"]> };

function sample(overrides: SampleOverrides = {}): LabelledSample {
  const { gold, ...rest } = overrides;
  return {
    id: "x1",
    text: "4 West: Epic is down",
    phi: [],
    notPhi: [],
    ...rest,
    gold: {
      isReport: true,
      kind: "disruption",
      severity: "high",
      patientSafety: true,
      system: "ehr",
      location: "4 West",
      ...gold,
    },
  };
}

function result(overrides: Partial<ClassificationResult> = {}): ClassificationResult {
  return {
    isReport: true,
    kind: "disruption",
    system: "ehr",
    severity: "high",
    patientSafety: true,
    location: "4 West",
    summary: "",
    tags: [],
    missing: [],
    ...overrides,
  };
}

function item(s: LabelledSample, r: ClassificationResult | null, redacted = s.text): EvalItem {
  return { sample: s, result: r, redacted, source: r ? "offline" : null, flaggedReason: null };
}

describe("locationsMatch", () => {
  it("folds case and white space, and needs null for a gold null", () => {
    expect(locationsMatch("4 West", "4  west ")).toBe(true);
    expect(locationsMatch("Step-down 3C", "step-down 3c")).toBe(true);
    expect(locationsMatch("4 West", "4 East")).toBe(false);
    expect(locationsMatch(null, null)).toBe(true);
    expect(locationsMatch(null, "ICU")).toBe(false);
    expect(locationsMatch("ICU", null)).toBe(false);
  });
});

describe("medianLengthIndex", () => {
  it("picks the lower middle by length, keeping input order for ties", () => {
    expect(medianLengthIndex(["ccc", "a", "bb"])).toBe(2);
    expect(medianLengthIndex(["dddd", "a", "ccc", "bb"])).toBe(3);
    expect(medianLengthIndex(["aa", "bb", "cc"])).toBe(1);
    expect(medianLengthIndex([])).toBe(-1);
  });
});

describe("fieldMisses", () => {
  it("scores only isReport for a gold non-report", () => {
    const chat = sample({
      gold: { isReport: false, kind: null, severity: null, patientSafety: null, system: null, location: null },
    });
    expect(fieldMisses(chat, result({ isReport: false, kind: "other", location: "ICU" }))).toEqual([]);
    expect(fieldMisses(chat, result())).toEqual([{ field: "isReport", gold: "false", predicted: "true" }]);
  });

  it("counts every field as missed when the classifier failed", () => {
    expect(fieldMisses(sample(), null).map((m) => m.field)).toEqual([
      "isReport",
      "kind",
      "system",
      "severity",
      "patientSafety",
      "location",
    ]);
  });
});

describe("scoreEval", () => {
  it("computes accuracies over all items (isReport) and gold reports (other fields)", () => {
    const chat = sample({
      id: "c1",
      text: "hello bot",
      gold: { isReport: false, kind: null, severity: null, patientSafety: null, system: null, location: null },
    });
    const items = [
      item(sample({ id: "r1" }), result()),
      item(sample({ id: "r2" }), result({ kind: "usability", severity: "low", location: "4 west" })),
      item(sample({ id: "r3" }), result({ kind: "usability", location: null })),
      item(sample({ id: "r4" }), result({ isReport: false, system: "other" })),
      item(chat, result({ isReport: false })),
    ];
    const { scores, failures, confusions } = scoreEval(items, 123);
    expect(scores).toEqual({
      n: 5,
      isReport: 0.8,
      isReportNonReports: 1,
      kind: 0.5,
      system: 0.75,
      severity: 0.75,
      patientSafety: 1,
      location: 0.75,
      phiRecall: null,
      phiLeaks: 0,
      nonPhiRedacted: 0,
      lookalikesRedacted: null,
      promptTokens: 123,
      llmAnswered: null,
      safetyFlagRate: 1,
    });
    expect(failures.map((f) => f.id)).toEqual(["r2", "r3", "r4"]);
    expect(confusions[0]).toEqual({ field: "kind", gold: "disruption", predicted: "usability", count: 2 });
  });

  it("measures PHI recall, leaks (any case) and wrongly redacted locations", () => {
    const s1 = sample({
      id: "p1",
      text: "Burn unit: Ann Lee's MRN 1234567 shows on the wrong chart",
      phi: ["Ann Lee", "1234567"],
      gold: { location: "Burn unit" },
    });
    const s2 = sample({
      id: "p2",
      text: "ICU pump alarm for John Smith",
      phi: ["John Smith"],
      gold: { location: "ICU" },
    });
    const s3 = sample({ id: "p3", text: "printer jam", gold: { location: "4 West" } });
    const items = [
      item(s1, result({ location: "Burn unit" }), "[NAME]: [NAME]'s MRN 1234567 shows on the wrong chart"),
      item(s2, result({ location: "ICU" }), "ICU pump alarm for JOHN SMITH"),
      item(s3, result({ location: "4 West" }), "printer jam"),
    ];
    const { scores, failures } = scoreEval(items);
    expect(scores.phiLeaks).toBe(2);
    expect(scores.phiRecall).toBeCloseTo(1 / 3, 4);
    expect(scores.nonPhiRedacted).toBe(1); // "Burn unit" was in the text and got removed; "4 West" never was
    expect(failures.find((f) => f.id === "p1")).toMatchObject({ leakedPhi: ["1234567"], overRedacted: ["Burn unit"] });
    expect(failures.find((f) => f.id === "p2")).toMatchObject({ leakedPhi: ["John Smith"] });
    expect(scores.promptTokens).toBeNull();
  });

  it("prints the summary line with exactly the agreed keys, in order", () => {
    const line = scoresLine(scoreEval([item(sample(), result())], 500).scores);
    expect(Object.keys(JSON.parse(line))).toEqual([
      "n",
      "isReport",
      "isReportNonReports",
      "kind",
      "system",
      "severity",
      "patientSafety",
      "location",
      "phiRecall",
      "phiLeaks",
      "nonPhiRedacted",
      "lookalikesRedacted",
      "promptTokens",
      "llmAnswered",
      "safetyFlagRate",
    ]);
  });

  it("counts an identifier as leaked when any of its words survives, but not words that were elsewhere in the text", () => {
    const s1 = sample({
      id: "w1",
      text: "Mr. Grace Okafor in bed 20, MRN 1234567, bed 20 alarms",
      phi: ["Mr. Grace Okafor", "1234567"],
    });
    const s2 = sample({ id: "w2", text: "pt okafor, grace in 12", phi: ["okafor, grace"] });
    const s3 = sample({ id: "w3", text: "Frau Ilse Brandt fell", phi: ["Frau Ilse Brandt"] });
    const items = [
      item(s1, result(), "Mr. [NAME] Okafor in bed 20, MRN [MRN], bed 20 alarms"),
      item(s2, result(), "pt [NAME], grace in 12"),
      item(s3, result(), "Frau [NAME] fell"),
    ];
    const { scores, failures } = scoreEval(items);
    expect(failures.find((f) => f.id === "w1")?.leakedPhi).toEqual(["Mr. Grace Okafor"]);
    expect(failures.find((f) => f.id === "w2")?.leakedPhi).toEqual(["okafor, grace"]);
    expect(failures.find((f) => f.id === "w3")).toBeUndefined(); // "Frau" alone identifies nobody
    expect(scores.phiLeaks).toBe(2);
    expect(scores.phiRecall).toBe(0.5);
  });

  it("reports the fraction of look-alikes in the text that were removed (null when there are none)", () => {
    const s1 = sample({
      id: "l1",
      text: "Glasgow Coma Scale field is gone, asked Dr. Ferrante, ticket INC0012345",
      notPhi: ["Glasgow Coma Scale", "Dr. Ferrante", "INC0012345", "Braden Scale"],
    });
    const kept = item(s1, result(), "[NAME] Coma Scale field is gone, asked Dr. Ferrante, ticket INC0012345");
    const { scores, failures } = scoreEval([kept]);
    // "Braden Scale" is not in the text: it cannot be removed, so it does not count.
    expect(scores.lookalikesRedacted).toBeCloseTo(1 / 3, 4);
    expect(failures[0]?.lookalikesRemoved).toEqual(["Glasgow Coma Scale"]);
    expect(scoreEval([item(sample(), result())]).scores.lookalikesRedacted).toBeNull();
  });

  it("scores non-reports on their own and, for an LLM, the share it answered without fallback", () => {
    const nonReport = (id: string) =>
      sample({
        id,
        text: "thanks!",
        gold: { isReport: false, kind: null, severity: null, patientSafety: null, system: null, location: null },
      });
    const items = [
      { ...item(nonReport("n1"), result({ isReport: false })), source: "llm" },
      { ...item(nonReport("n2"), result({ isReport: true })), source: "llm" },
      { ...item(nonReport("n3"), result({ isReport: false })), source: "offline", flaggedReason: "llm_unavailable" },
      { ...item(sample({ id: "r1" }), result()), source: "offline", flaggedReason: "llm_unavailable" },
    ];
    const llm = scoreEval(items, null, { llm: true }).scores;
    expect(llm.isReportNonReports).toBeCloseTo(2 / 3, 4);
    expect(llm.isReport).toBe(0.75);
    expect(llm.llmAnswered).toBe(0.5);
    expect(scoreEval(items).scores.llmAnswered).toBeNull();
    expect(scoreEval([item(sample({ id: "r2" }), result())]).scores.isReportNonReports).toBeNull();
  });

  it("safetyFlagRate: the share of gold reports flagged patient safety, beside the labels' own rate", () => {
    const items = [
      item(sample({ id: "s1", gold: { patientSafety: true } }), result({ patientSafety: true })),
      item(sample({ id: "s2", gold: { patientSafety: false } }), result({ patientSafety: true })),
      item(sample({ id: "s3", gold: { patientSafety: false } }), result({ patientSafety: false })),
      item(sample({ id: "s4", gold: { patientSafety: false } }), null),
      // Not a report: neither rate counts it, whatever the classifier says.
      item(
        sample({
          id: "c1",
          gold: { isReport: false, kind: null, severity: null, patientSafety: null, system: null, location: null },
        }),
        result({ isReport: false, patientSafety: true }),
      ),
    ];
    const summary = scoreEval(items);
    expect(summary.scores.safetyFlagRate).toBe(0.5);
    expect(summary.goldSafetyRate).toBe(0.25);
    expect(scoreEval([]).scores.safetyFlagRate).toBeNull();
  });
});
