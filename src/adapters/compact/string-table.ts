/**
 * A read-only set of strings, each with a number id,
 * kept in a few flat arrays instead of a Map: the keys are joined into one string and found by an
 * open-addressing hash table of Int32Array slots. The word lists, the tagger's weights and the
 * classifier's features hold hundreds of thousands of keys in every thread; as Map entries (and the
 * objects beside them) they took about 4 times the memory. A look-up hashes the word once and
 * compares it in place (String.prototype.startsWith at an offset), so it allocates nothing.
 */
export interface StringTable {
  /** Number of keys. */
  readonly size: number;
  /** The key's id (0 … size − 1), or −1 when it is not in the table. */
  id(key: string): number;
  /** The key of an id. */
  key(id: number): string;
}

/** FNV-1a over UTF-16 code units, 32-bit. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Builds the table; a key listed twice keeps its first id (later copies get the same id back). */
export function createStringTable(keys: readonly string[]): StringTable {
  let slots = 1;
  while (slots < keys.length * 2) slots *= 2;
  const mask = slots - 1;
  const table = new Int32Array(slots).fill(-1);
  const starts = new Int32Array(keys.length + 1);
  let offset = 0;
  const parts: string[] = [];
  const find = (key: string, h: number): number => {
    for (let slot = h & mask; ; slot = (slot + 1) & mask) {
      const id = table[slot]!;
      if (id === -1) return -(slot + 1);
      if (starts[id + 1]! - starts[id]! === key.length && parts[id] === key) return id;
    }
  };
  for (const key of keys) {
    const found = find(key, hash(key));
    if (found >= 0) continue;
    const id = parts.length;
    table[-found - 1] = id;
    parts.push(key);
    starts[id] = offset;
    offset += key.length;
    starts[id + 1] = offset;
  }
  // One flat string: the many small key strings are garbage from here on.
  const joined = parts.join("");
  const size = parts.length;
  parts.length = 0;
  const ends = starts.slice(0, size + 1);
  return {
    size,
    id(key: string): number {
      for (let slot = hash(key) & mask; ; slot = (slot + 1) & mask) {
        const id = table[slot]!;
        if (id === -1) return -1;
        const start = ends[id]!;
        if (ends[id + 1]! - start === key.length && joined.startsWith(key, start)) return id;
      }
    },
    key(id: number): string {
      return joined.slice(ends[id], ends[id + 1]);
    },
  };
}
