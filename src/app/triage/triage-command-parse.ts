/**
 * Triager text commands, parsed strictly so ordinary messages ("list of patients is wrong") are never
 * mistaken for commands. Pure.
 *   ack R-1 · assign R-1 me|@name · progress R-1 · resolve R-1 <note> · wontfix R-1 <reason>
 *   dup R-2 of R-1 · reopen R-1 [note] · split R-2 · reclassify R-1 kind=x system=y severity=z unit="4 West" safety=yes
 *   list [open|all] [system:X] [unit:"Y"] [kind:Z] [severity:W] [status:S] [mine] [unacked] [page N] · show R-1
 *   escalate R-1 (to a safety report: the Common Formats export, audited)
 */
import { formatReportId } from "../../domain/report";
import type { TriageVerb } from "../../domain/triage-rules";
import { parseQueueQuery, type QueueQuery } from "./queue-query-parse";

export type TriageCommand =
  | {
      type: "action";
      verb: TriageVerb;
      reportId: string;
      note: string | null;
      assignee?: string;
      duplicateOf?: string;
      pairs?: Record<string, string>;
    }
  | { type: "list"; query: QueueQuery }
  | { type: "show"; reportId: string }
  | { type: "escalate"; reportId: string };

const ID = String.raw`R-?(\d{1,9})`;
const PAIR = /(\w+)\s*=\s*("[^"]*"|'[^']*'|\S+)/g;

export function normaliseReportId(text: string): string | null {
  const match = new RegExp(`^${ID}$`, "i").exec(text.trim());
  return match?.[1] ? formatReportId(Number(match[1])) : null;
}

/**
 * key=value pairs, or null when anything else is in the text. An unquoted value runs on to the next
 * key (`unit=4 West severity=high` → unit "4 West"); words before the first key make it not a command.
 */
export function parsePairs(text: string): Record<string, string> | null {
  const pairs: Record<string, string> = {};
  let last: string | null = null;
  let at = 0;
  for (const match of text.matchAll(PAIR)) {
    const before = text.slice(at, match.index).trim();
    if (before !== "") {
      if (last === null) return null;
      pairs[last] = `${pairs[last]} ${before}`;
    }
    const key = (match[1] ?? "").toLowerCase();
    const value = match[2] ?? "";
    pairs[key] = value.replace(/^["']|["']$/g, "");
    last = /^["']/.test(value) ? null : key;
    at = match.index + match[0].length;
  }
  const after = text.slice(at).trim();
  if (after !== "") {
    if (last === null) return null;
    pairs[last] = `${pairs[last]} ${after}`;
  }
  return Object.keys(pairs).length > 0 || text.trim() === "" ? pairs : null;
}

const id = (digits: string | undefined): string => formatReportId(Number(digits));
const note = (text: string | undefined): string | null => {
  const trimmed = (text ?? "").replace(/^\s*[:—–-]\s*/, "").trim();
  return trimmed === "" ? null : trimmed;
};

const ACTIONS: { pattern: RegExp; build: (m: RegExpExecArray) => TriageCommand | null }[] = [
  { pattern: new RegExp(`^(?:ack|acknowledge)\\s+${ID}$`, "i"), build: (m) => action("ack", m[1]) },
  {
    pattern: new RegExp(`^assign\\s+${ID}(?:\\s+to)?\\s+@?(.+)$`, "i"),
    build: (m) => ({ ...action("assign", m[1]), assignee: (m[2] ?? "").trim() }),
  },
  { pattern: new RegExp(`^(?:progress|in[ -]progress|start)\\s+${ID}$`, "i"), build: (m) => action("progress", m[1]) },
  {
    pattern: new RegExp(`^(?:resolve|resolved|fixed)\\s+${ID}(?:\\s*[:—–-]?\\s+([\\s\\S]*))?$`, "i"),
    build: (m) => action("resolve", m[1], m[2]),
  },
  {
    pattern: new RegExp(`^(?:wontfix|won'?t[ -]fix)\\s+${ID}(?:\\s*[:—–-]?\\s+([\\s\\S]*))?$`, "i"),
    build: (m) => action("wontfix", m[1], m[2]),
  },
  {
    pattern: new RegExp(`^(?:dup|duplicate)\\s+${ID}\\s+(?:of\\s+)?${ID}$`, "i"),
    build: (m) => ({ ...action("duplicate", m[1]), duplicateOf: id(m[2]) }),
  },
  {
    pattern: new RegExp(`^reopen\\s+${ID}(?:\\s*[:—–-]?\\s+([\\s\\S]*))?$`, "i"),
    build: (m) => action("reopen", m[1], m[2]),
  },
  { pattern: new RegExp(`^split\\s+${ID}(?:\\s+out)?$`, "i"), build: (m) => action("split", m[1]) },
  {
    pattern: new RegExp(`^reclassify\\s+${ID}\\s+(.+)$`, "i"),
    build: (m) => {
      const pairs = parsePairs(m[2] ?? "");
      return pairs ? { ...action("reclassify", m[1]), pairs } : null;
    },
  },
  { pattern: new RegExp(`^show\\s+${ID}$`, "i"), build: (m) => ({ type: "show", reportId: id(m[1]) }) },
  {
    pattern: new RegExp(`^escalate\\s+${ID}(?:\\s+to\\s+(?:a\\s+)?safety(?:\\s+report)?)?$`, "i"),
    build: (m) => ({ type: "escalate", reportId: id(m[1]) }),
  },
  {
    pattern: /^list(?:\s+([\s\S]*))?$/i,
    build: (m) => {
      const query = parseQueueQuery(m[1] ?? "");
      return query ? { type: "list", query } : null;
    },
  },
];

function action(verb: TriageVerb, digits: string | undefined, text?: string): TriageCommand {
  return { type: "action", verb, reportId: id(digits), note: note(text) };
}

export function parseTriageCommand(text: string): TriageCommand | null {
  const trimmed = text.trim().replace(/\s+$/, "");
  for (const { pattern, build } of ACTIONS) {
    const match = pattern.exec(trimmed);
    if (match) return build(match);
  }
  return null;
}
