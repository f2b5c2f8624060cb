import {
  MAX_TOKEN_LENGTH,
  MAX_TOKENS,
  bestClusterMatch,
  contentTokens,
  dice,
  featureKey,
  featureSets,
  ignoreSet,
  normaliseText,
  stem,
  textFeatures,
  textSimilarity,
} from "../../src/domain/clustering";
import { seededRandom } from "../../src/domain/seeded-random";

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

/** Features of texts, as clustering compares them (the system's name left out). */
const of = (texts: readonly string[]) => texts.map((t) => featureSets(textFeatures(t, BCMA_NAME)));
const report = (texts: readonly string[], unit: string | null) => ({ features: of(texts), unit });
const candidate = (id: string, texts: readonly string[], unit: string | null) => ({ id, features: of(texts), unit });

/** The stemmer as it was, with regular expressions: the reference for the string-test version. */
function regexStem(word: string): string {
  if (word.length <= 3) return word;
  const rules: [RegExp, string][] = [
    [/ies$/, "y"],
    [/(ss)es$/, "$1"],
    [/([^s])s$/, "$1"],
    [/(\w{3,})ing$/, "$1"],
    [/(\w{3,})ers?$/, "$1"],
    [/(\w{3,})ed$/, "$1"],
    [/(\w{3,})ly$/, "$1"],
  ];
  let out = word;
  for (const [pattern, replacement] of rules) {
    if (pattern.test(out)) {
      out = out.replace(pattern, replacement);
      break;
    }
  }
  return out.replace(/([b-df-hj-np-tv-z])\1$/, "$1");
}

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
  const options = { threshold: 0.3, sameUnitBonus: 0.05 };

  it("picks the most similar candidate above the threshold", () => {
    const match = bestClusterMatch(
      report([SCANNER_OUTAGE[1]!], "4 West"),
      [
        candidate("R-0001", [OTHER_BCMA[0]!], "4 West"),
        candidate("R-0002", [SCANNER_OUTAGE[4]!], "4 West"),
        candidate("R-0003", [SCANNER_OUTAGE[2]!], "5 East"),
      ],
      options,
    );
    expect(match?.id).toBe("R-0002");
  });

  it("returns null when nothing is similar enough", () => {
    const match = bestClusterMatch(
      report([OTHER_BCMA[1]!], "Mother-Baby"),
      [candidate("R-0001", SCANNER_OUTAGE, "4 West")],
      options,
    );
    expect(match).toBeNull();
  });

  it("the same unit lowers the bar by the bonus", () => {
    const mine = report([SCANNER_OUTAGE[3]!], "5 East");
    const other = candidate("R-0009", [SCANNER_OUTAGE[2]!], "5 East");
    const score = textSimilarity(SCANNER_OUTAGE[3]!, SCANNER_OUTAGE[2]!, BCMA_NAME);
    const strict = { ...options, threshold: score + 0.01, sameUnitBonus: 0.05 };
    expect(bestClusterMatch(mine, [other], strict)?.id).toBe("R-0009");
    expect(bestClusterMatch({ ...mine, unit: "4 West" }, [other], strict)).toBeNull();
  });

  it("compares every text of the report with every text of a candidate (summary vs message)", () => {
    const match = bestClusterMatch(
      report(["scanners down", "Barcode scanners not reading wristbands"], null),
      [candidate("R-0004", ["zzz", "Scanners not reading wristbands on 4 West"], "4 West")],
      options,
    );
    expect(match?.id).toBe("R-0004");
  });
});

describe("bounded features (hostile text)", () => {
  it("the stemmer gives the old regular expressions' answers on random words", () => {
    const random = seededRandom(11);
    const letters = "abcdefghijklmnopqrstuvwxyzéß0123456789";
    const endings = ["", "s", "ss", "es", "sses", "ies", "ing", "er", "ers", "ed", "ly", "nn", "tt", "ss", "yy"];
    for (let i = 0; i < 5_000; i++) {
      const length = 1 + Math.floor(random() * 9);
      let word = "";
      for (let j = 0; j < length; j++) word += letters[Math.floor(random() * letters.length)];
      word += endings[Math.floor(random() * endings.length)];
      expect([word, stem(word)]).toEqual([word, regexStem(word)]);
    }
  });

  it("cuts tokens to MAX_TOKEN_LENGTH and keeps at most MAX_TOKENS distinct ones", () => {
    const long = textFeatures(`Epic EHR is down on 4 West ${"a".repeat(4_000)}`);
    expect(long.tokens).toContain("epic");
    expect(Math.max(...long.tokens.map((t) => t.length))).toBeLessThanOrEqual(MAX_TOKEN_LENGTH);
    const many = textFeatures(Array.from({ length: 1_000 }, (_, i) => `word${i}x`).join(" "));
    expect(many.tokens).toHaveLength(MAX_TOKENS);
    expect(many.grams.length).toBeLessThanOrEqual(MAX_TOKENS * (MAX_TOKEN_LENGTH + 2));
  });

  it("features are the distinct tokens and their trigrams", () => {
    const f = textFeatures("scanner scanning scanned down", BCMA_NAME);
    expect(f.tokens).toEqual(["scan"]);
    expect(new Set(f.grams)).toEqual(new Set([" sc", "sca", "can", "an "]));
  });

  it("the feature key changes with the texts and the ignored words", () => {
    const key = featureKey(["printer jammed"], BCMA_NAME);
    expect(featureKey(["printer jammed"], BCMA_NAME)).toBe(key);
    expect(featureKey(["printer jammed", "summary"], BCMA_NAME)).not.toBe(key);
    expect(featureKey(["printer jammeD"], BCMA_NAME)).not.toBe(key);
    expect(featureKey(["printer jammed"], new Set())).not.toBe(key);
  });
});
