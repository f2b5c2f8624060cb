/**
 * The kind scorer tries a kind's cues together first (kind-scorer.ts); that shortcut must find
 * exactly the cues that trying each cue on its own finds, for every fixture message.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { cue } from "../../src/adapters/classifier-offline/kind-cue";
import { KIND_CUES } from "../../src/adapters/classifier-offline/kind-lexicon";
import { createKindScorer } from "../../src/adapters/classifier-offline/kind-scorer";
import { prepareText } from "../../src/adapters/classifier-offline/text-prep";

const FIXTURES = path.resolve(__dirname, "../fixtures");
const SAMPLES = path.resolve(__dirname, "../fixtures/sample-reports.jsonl");

function folded(): string[] {
  const files = [
    SAMPLES,
    ...readdirSync(FIXTURES)
      .filter((f) => f.endsWith(".jsonl"))
      .map((f) => path.join(FIXTURES, f)),
  ];
  return files.flatMap((file) =>
    readFileSync(file, "utf8")
      .split("\n")
      .filter((line) => line.trim() !== "")
      .map((line) => prepareText((JSON.parse(line) as { text: string }).text).folded),
  );
}

describe("kind scorer", () => {
  it("finds, per kind, the same cues and tags as testing every cue on its own", () => {
    const score = createKindScorer();
    const texts = folded();
    expect(texts.length).toBeGreaterThan(400);
    let found = 0;
    for (const text of texts) {
      const expected = new Map<string, string[]>();
      for (const c of KIND_CUES)
        if (c.pattern.test(text)) expected.set(c.kind, [...(expected.get(c.kind) ?? []), c.tag]);
      const scored = score(text);
      expect(Object.fromEntries(scored.tagsOf)).toEqual(Object.fromEntries(expected));
      found += scored.tagsOf.size;
    }
    expect(found).toBeGreaterThan(texts.length / 2);
  });

  it("keeps each cue's own word edges when a kind's cues are joined", () => {
    const score = createKindScorer([cue("access", 2, "a", "log ?in"), cue("access", 3, "b", "x|locked")]);
    expect(score("blocked login").tagsOf.get("access")).toEqual(["a"]);
    expect(score("locked out").tagsOf.get("access")).toEqual(["b"]);
    expect(score("unlocked").tagsOf.size).toBe(0);
  });
});
