/**
 * The three places that name the configuration cannot drift apart: the zod schema
 * (src/config/env.ts), `.env.example`, and the README's configuration table. Names must match
 * exactly, and every default the schema applies must appear in the other two.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { EnvSchema, parseEnv } from "../../src/config/env";

const root = path.resolve(__dirname, "../..");

/**
 * README rows proposed to the lead in the same change (this branch may not edit README.md). A row
 * here replaces the README row with the same first cell, or is added. Once README.md has them,
 * this list can be emptied; the test then reads README.md alone.
 */
const PENDING_README_ROWS: string[] = [];

interface TableRow {
  readonly key: string;
  readonly names: string[];
  readonly defaults: string;
}

/** `NAME_A`, `_SUFFIX` means NAME_ + SUFFIX (the first name up to its last underscore). */
export function parseConfigRow(line: string): TableRow | null {
  const cells = line.split("|").map((c) => c.trim());
  if (cells.length < 4) return null;
  const [, first = "", defaults = ""] = cells;
  const tokens = [...first.matchAll(/`([A-Z_][A-Z0-9_]*)`/g)].map((m) => m[1] ?? "");
  const head = tokens[0];
  if (!head || head.startsWith("_")) return null;
  const prefix = head.slice(0, head.lastIndexOf("_"));
  const names = tokens.map((t) => (t.startsWith("_") ? `${prefix}${t}` : t));
  return { key: first, names, defaults };
}

/** The table under "## Configuration" (up to the next heading), with the pending rows applied. */
function readmeConfigRows(readme: string, pending: readonly string[]): TableRow[] {
  const start = readme.indexOf("\n## Configuration");
  if (start < 0) throw new Error("README.md has no Configuration section");
  const end = readme.indexOf("\n## ", start + 1);
  const section = readme.slice(start, end < 0 ? undefined : end);
  const rows = new Map<string, TableRow>();
  for (const line of [...section.split("\n"), ...pending]) {
    if (!line.startsWith("| `")) continue;
    const row = parseConfigRow(line);
    if (row) rows.set(row.key.replace(/\s+/g, " "), row);
  }
  return [...rows.values()];
}

function envExample(): Map<string, string> {
  const text = readFileSync(path.join(root, ".env.example"), "utf8");
  return new Map([...text.matchAll(/^([A-Z][A-Z0-9_]*)=(.*)$/gm)].map((m) => [m[1] ?? "", (m[2] ?? "").trim()]));
}

const schemaNames = Object.keys(EnvSchema.shape).sort();
/** What the service uses when a variable is not set (undefined: no default), as text. */
const defaults: Record<string, string | undefined> = Object.fromEntries(
  Object.entries(parseEnv({})).map(([name, value]) => [name, value === undefined ? undefined : String(value)]),
);

describe("configuration documentation", () => {
  const rows = readmeConfigRows(readFileSync(path.join(root, "README.md"), "utf8"), PENDING_README_ROWS);

  it("reads the README's shorthand rows", () => {
    const row = parseConfigRow("| `MICROSOFT_APP_ID`, `_PASSWORD`, `_TENANT_ID` | – | Teams |");
    expect(row?.names).toEqual(["MICROSOFT_APP_ID", "MICROSOFT_APP_PASSWORD", "MICROSOFT_APP_TENANT_ID"]);
    expect(parseConfigRow("| `PORT` / `HOST` | `3978` / `127.0.0.1` | x |")?.names).toEqual(["PORT", "HOST"]);
    expect(parseConfigRow("| ------ | --- | --- |")).toBeNull();
  });

  it(".env.example names exactly the schema's variables", () => {
    expect([...envExample().keys()].sort()).toEqual(schemaNames);
  });

  it("the README table names exactly the schema's variables, each once", () => {
    const named = rows.flatMap((r) => r.names);
    expect(named.filter((n, i) => named.indexOf(n) !== i)).toEqual([]);
    expect([...named].sort()).toEqual(schemaNames);
  });

  it(".env.example shows each default the schema applies (or leaves it blank when there is none)", () => {
    const example = envExample();
    const wrong = schemaNames.flatMap((name) => {
      const value = example.get(name) ?? "";
      const fallback = defaults[name];
      if (fallback === undefined || fallback === "false") return value === "" ? [] : [`${name}=${value} (no default)`];
      return value === fallback ? [] : [`${name}=${value} (default ${fallback})`];
    });
    expect(wrong).toEqual([]);
  });

  it("the README's default column shows each default the schema applies", () => {
    const wrong = rows.flatMap((row) =>
      row.names.filter((name) => {
        const fallback = defaults[name];
        return fallback !== undefined && !row.defaults.includes(`\`${fallback}\``);
      }),
    );
    expect(wrong).toEqual([]);
  });
});
