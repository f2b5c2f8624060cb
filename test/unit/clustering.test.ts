import {
  bestClusterMatch,
  contentTokens,
  dice,
  ignoreSet,
  normaliseText,
  stem,
  textSimilarity,
} from "../../src/domain/clustering";

const SCANNER_OUTAGE = [
  "BCMA scanner on 4 West stopped scanning wristbands, can't give meds",
  "barcode scanner not reading patient wristbands on 4 West",
  "5 East: scanners won't read wristbands since 7am",
  "the scanner keeps failing to scan armbands, 5 East",
  "BCMA scanning down on 4 West, wristbands not scanning",
];
// Same system (BCMA), different problems: must not cluster with the outage.
const OTHER_BCMA = [
  "BCMA makes you scan the pt, then the bag, then the pt AGAIN for every IV piggyback",
  "wish BCMA could scan breast milk bottles on Mother-Baby, we still double-check on paper",
  "IT took our only spare scanner on Step-down 3C for repair 3 weeks ago and never brought it back",
];
const BCMA_NAME = ignoreSet(["bcma", "Barcode medication administration"]);

describe("text normalisation", () => {
  it("folds case, accents and punctuation", () => {
    expect(normaliseText("Épic   CAN'T open—the MAR!")).toBe("epic cant open the mar");
  });

  it("stems the forms of a word to one token", () => {
    expect(new Set(["scan", "scans", "scanning", "scanner", "scanned"].map(stem))).toEqual(new Set(["scan"]));
    expect(stem("wristbands")).toBe("wristband");
  });

  it("drops stop-words, chat filler and bare numbers", () => {
    expect(contentTokens("Hi, the printer on 4 is not working again pls")).toEqual(["print", "work"]);
  });

  it("dice is 0 for empty sets and 1 for equal sets", () => {
    expect(dice(new Set(), new Set(["a"]))).toBe(0);
    expect(dice(new Set(["a", "b"]), new Set(["b", "a"]))).toBe(1);
  });
});

describe("textSimilarity", () => {
  it("is 1 for the same text and symmetric", () => {
    const a = SCANNER_OUTAGE[0]!;
    const b = SCANNER_OUTAGE[1]!;
    expect(textSimilarity(a, a)).toBe(1);
    expect(textSimilarity(a, b)).toBeCloseTo(textSimilarity(b, a), 10);
  });

  it("scores paraphrases of one outage above unrelated reports on the same system", () => {
    const sameScores: number[] = [];
    for (let i = 0; i < SCANNER_OUTAGE.length; i++)
      for (let j = i + 1; j < SCANNER_OUTAGE.length; j++)
        sameScores.push(textSimilarity(SCANNER_OUTAGE[i]!, SCANNER_OUTAGE[j]!, BCMA_NAME));
    const otherScores = OTHER_BCMA.flatMap((o) => SCANNER_OUTAGE.map((s) => textSimilarity(o, s, BCMA_NAME)));
    // Every outage report has at least one paraphrase above the default threshold (0.3)...
    for (const text of SCANNER_OUTAGE) {
      const best = Math.max(...SCANNER_OUTAGE.filter((t) => t !== text).map((t) => textSimilarity(text, t, BCMA_NAME)));
      expect(best).toBeGreaterThanOrEqual(0.3);
    }
    // ...and no unrelated BCMA report reaches it.
    expect(Math.max(...otherScores)).toBeLessThan(0.3);
    expect(Math.min(...sameScores)).toBeGreaterThan(0);
  });

  it("leaving the shared system name out removes the false overlap it causes", () => {
    const a = OTHER_BCMA[0]!;
    const b = SCANNER_OUTAGE[4]!;
    expect(textSimilarity(a, b, BCMA_NAME)).toBeLessThan(textSimilarity(a, b));
  });
});

describe("bestClusterMatch", () => {
  const options = { threshold: 0.3, sameUnitBonus: 0.05, ignore: BCMA_NAME };

  it("picks the most similar candidate above the threshold", () => {
    const match = bestClusterMatch(
      { texts: [SCANNER_OUTAGE[1]!], unit: "4 West" },
      [
        { id: "R-0001", texts: [OTHER_BCMA[0]!], unit: "4 West" },
        { id: "R-0002", texts: [SCANNER_OUTAGE[4]!], unit: "4 West" },
        { id: "R-0003", texts: [SCANNER_OUTAGE[2]!], unit: "5 East" },
      ],
      options,
    );
    expect(match?.id).toBe("R-0002");
  });

  it("returns null when nothing is similar enough", () => {
    const match = bestClusterMatch(
      { texts: [OTHER_BCMA[1]!], unit: "Mother-Baby" },
      [{ id: "R-0001", texts: SCANNER_OUTAGE, unit: "4 West" }],
      options,
    );
    expect(match).toBeNull();
  });

  it("the same unit lowers the bar by the bonus", () => {
    const report = { texts: [SCANNER_OUTAGE[3]!], unit: "5 East" };
    const candidate = { id: "R-0009", texts: [SCANNER_OUTAGE[2]!], unit: "5 East" };
    const score = textSimilarity(SCANNER_OUTAGE[3]!, SCANNER_OUTAGE[2]!, BCMA_NAME);
    const strict = { ...options, threshold: score + 0.01, sameUnitBonus: 0.05 };
    expect(bestClusterMatch(report, [candidate], strict)?.id).toBe("R-0009");
    expect(bestClusterMatch({ ...report, unit: "4 West" }, [candidate], strict)).toBeNull();
  });

  it("compares every text of the report with every text of a candidate (summary vs message)", () => {
    const match = bestClusterMatch(
      { texts: ["scanners down", "Barcode scanners not reading wristbands"], unit: null },
      [{ id: "R-0004", texts: ["zzz", "Scanners not reading wristbands on 4 West"], unit: "4 West" }],
      options,
    );
    expect(match?.id).toBe("R-0004");
  });
});
