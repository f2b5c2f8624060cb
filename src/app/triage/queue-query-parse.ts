/**
 * The words after "list": `list [open|all] [unit:"4 West"] [system=bcma] [kind:access] [severity:high]
 * [status:new] [mine] [unacked] [page 2]`. Pure. Strict enough that an ordinary sentence starting
 * with "list" ("list of patients is wrong") is not a command, forgiving enough to say what to fix
 * when a triager clearly meant one. Unquoted values run on to the next key: `unit=4 West severity=high`.
 */

export const QUEUE_FILTER_KEYS = ["system", "unit", "kind", "severity", "status"] as const;
export type QueueFilterKey = (typeof QUEUE_FILTER_KEYS)[number];

export interface QueueQuery {
  scope: "open" | "all";
  filters: Partial<Record<QueueFilterKey, string>>;
  /** Only reports assigned to the person asking. */
  mine: boolean;
  /** Only reports nobody has acknowledged yet (status New). */
  unacked: boolean;
  /** 1-based page of the sorted queue. */
  page: number;
  /** Set when the words are clearly meant as a list command but cannot be read; nothing is listed. */
  problem: string | null;
}

const TOKEN = /\s*(?:(\w+)\s*[=:]\s*("[^"]*"|'[^']*'|“[^”]*”|[^\s"'“]+)|(\S+))/gy;

const unquote = (value: string): string => value.replace(/^["'“]|["'”]$/g, "");

/** The query, or null when the words are not a list command at all. */
export function parseQueueQuery(words: string): QueueQuery | null {
  const query: QueueQuery = { scope: "open", filters: {}, mine: false, unacked: false, page: 1, problem: null };
  let lastKey: string | null = null;
  // The filter whose unquoted value the next plain words continue: `unit=4 West severity=high`.
  let continuing: QueueFilterKey | null = null;
  let expectPage = false;
  for (const [index, token] of [...words.trim().matchAll(TOKEN)].entries()) {
    const [, key, value, bare = ""] = token;
    if (key !== undefined && value !== undefined) {
      lastKey = key.toLowerCase();
      continuing = null;
      if (lastKey === "page") setPage(query, value);
      else if (isFilterKey(lastKey)) {
        query.filters[lastKey] = unquote(value);
        if (!/^["'“]/.test(value)) continuing = lastKey;
      } else query.problem ??= unknownKey(lastKey);
      continue;
    }
    const word = bare.toLowerCase();
    if (expectPage) setPage(query, word);
    else if (index === 0 && (word === "open" || word === "all")) query.scope = word;
    else if (word === "mine" || word === "my") query.mine = true;
    else if (word === "unacked" || word === "unacknowledged") query.unacked = true;
    else if (word === "new" && continuing === null) query.unacked = true;
    else if (word !== "page" && continuing !== null) query.filters[continuing] += ` ${bare}`;
    else if (word !== "page" && lastKey === null)
      return null; // an ordinary sentence: "list of patients is wrong"
    else if (word !== "page")
      query.problem ??= `I couldn't read the words after ${lastKey}: write filters as key:value, e.g. list unit:"4 West" severity:high. Nothing listed.`;
    if (word === "page" || word === "mine" || word === "my" || word === "unacked" || word === "unacknowledged")
      continuing = null;
    expectPage = word === "page" && !expectPage;
  }
  if (expectPage) query.problem ??= 'Say which page: "list open page 2".';
  return query;
}

const isFilterKey = (key: string): key is QueueFilterKey => (QUEUE_FILTER_KEYS as readonly string[]).includes(key);

function setPage(query: QueueQuery, value: string): void {
  const page = Number(unquote(value));
  if (Number.isInteger(page) && page >= 1 && page <= 10_000) query.page = page;
  else query.problem ??= `"${value}" is not a page number. Say "list open page 2".`;
}

function unknownKey(key: string): string {
  return `I can filter by ${QUEUE_FILTER_KEYS.join(", ")} (e.g. unit:"4 West" system:bcma), and by the words mine and unacked, not "${key}".`;
}
