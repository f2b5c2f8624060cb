/**
 * A user's clone has nothing beside it: no file under src, test, bench or scripts may name the
 * developers' ../shared folder (its schemas and sample live under test/fixtures, the taxonomy in docs).
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

const root = path.resolve(__dirname, "../..");
const SHARED = new RegExp(
  ["\\.\\.", '(?:/|\\\\|", *")', '(?:\\.\\.(?:/|\\\\|", *"))*', "shared", '(?:/|\\\\|")'].join(""),
);

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) out.push(...filesUnder(full));
    else if (/\.(?:ts|js|mjs|cjs|sh|json|ya?ml)$/.test(name)) out.push(full);
  }
  return out;
}

describe("self-contained repository", () => {
  it("recognises both spellings of a path to ../shared", () => {
    expect(SHARED.test('path.resolve(__dirname, "../../' + 'shared/data/x.jsonl")')).toBe(true);
    expect(SHARED.test('path.join(__dirname, "..", "..", "shared", "data")')).toBe(true);
    expect(SHARED.test('import { x } from "../support/shared-store"')).toBe(false);
  });

  it("no source, test, bench or script file reads ../shared", () => {
    const offenders = ["src", "test", "bench", "scripts"]
      .flatMap((dir) => filesUnder(path.join(root, dir)))
      .filter((file) => file !== __filename && SHARED.test(readFileSync(file, "utf8")))
      .map((file) => path.relative(root, file));
    expect(offenders).toEqual([]);
  });
});
