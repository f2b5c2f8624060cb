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
      kind: 0.5,
      system: 0.75,
      severity: 0.75,
      patientSafety: 1,
      location: 0.75,
      phiRecall: null,
      phiLeaks: 0,
      nonPhiRedacted: 0,
      promptTokens: 123,
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
      "kind",
      "system",
      "severity",
      "patientSafety",
      "location",
      "phiRecall",
      "phiLeaks",
      "nonPhiRedacted",
      "promptTokens",
    ]);
  });
});
