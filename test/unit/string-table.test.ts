/**
 * The compact string table (src/adapters/compact/string-table.ts) that holds the word lists, the
 * tagger's weights' features and nothing else: every key found with its id, nothing else found,
 * repeats keep their first id, and keys that share prefixes or hash slots stay apart.
 */
import { createStringTable } from "../../src/adapters/compact/string-table";
import { nameLexicon } from "../../src/adapters/redaction/name-lexicon";

describe("compact string table", () => {
  it("finds every key with its id and nothing else, also among 50,000 keys", () => {
    const keys = Array.from({ length: 50_000 }, (_, i) => `k${i.toString(36)}`);
    const table = createStringTable(keys);
    expect(table.size).toBe(keys.length);
    keys.forEach((k, i) => {
      expect(table.id(k)).toBe(i);
      expect(table.key(i)).toBe(k);
    });
    for (const missing of ["", "k", "K0", "k0 ", " k0", "kzzzzzz", "k-1"]) expect(table.id(missing)).toBe(-1);
  });

  it("keeps the first id of a repeated key, and tells apart prefixes, empty and non-Latin keys", () => {
    const table = createStringTable(["ab", "a", "", "abc", "ab", "łódź", "Łódź", "naïve", "😀x"]);
    expect(table.size).toBe(8);
    expect(table.id("ab")).toBe(0);
    expect(table.id("a")).toBe(1);
    expect(table.id("")).toBe(2);
    expect(table.id("abc")).toBe(3);
    expect(table.id("łódź")).toBe(4);
    expect(table.id("Łódź")).toBe(5);
    expect(table.id("naïve")).toBe(6);
    expect(table.id("😀x")).toBe(7);
    expect(table.id("abcd")).toBe(-1);
    expect(table.id("lodz")).toBe(-1);
  });

  it("is empty when built from nothing", () => {
    const table = createStringTable([]);
    expect(table.size).toBe(0);
    expect(table.id("anything")).toBe(-1);
  });
});

describe("name lexicon in the compact table", () => {
  it("answers what the vendored lists say: ranks and levels, absent words absent", () => {
    const lexicon = nameLexicon();
    const smith = lexicon.entry("smith");
    expect(smith?.surnameRank).toBe(1);
    expect(smith?.commonLevel).toBeGreaterThan(0);
    expect(lexicon.entry("mary")?.firstRank).toBe(1);
    expect(lexicon.entry("printer")).toEqual({ commonLevel: expect.any(Number) });
    expect(lexicon.entry("qzxv")).toBeUndefined();
    expect(lexicon.entry("")).toBeUndefined();
  });
});
