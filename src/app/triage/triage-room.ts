/**
 * Text typed inside a triage room (a web chat room, Teams or Slack channel the triage configuration
 * sends cards to) that is not a triage command. It must never be filed as a report or taken as the
 * typist's answer to a follow-up question: the room gets a hint instead, with the command they
 * probably meant ("reslove R-1" → "resolve R-1"). Teams and web chat rooms are recognised by their
 * conversation key; Slack conversation keys name the user, not the channel, so a Slack triage
 * channel is recognised by the channel the adapter says it was typed in (`sender.room`). Pure.
 */
import type { BotMessage } from "../../domain/message";
import { destinationKey, type TriageConfig } from "../../config/triage-config";
import type { Sender } from "../intake/core-types";

const VERBS = [
  "ack",
  "assign",
  "progress",
  "resolve",
  "wontfix",
  "dup",
  "reopen",
  "split",
  "reclassify",
  "show",
  "list",
];
const HELP = /^\s*(help|\?|commands?|what can you do\??)\s*[.!?]*\s*$/i;

export const TRIAGE_COMMANDS: { label: string; value: string }[] = [
  { label: "list open", value: "open reports (filters: system= unit= kind= severity= status=)" },
  { label: "show R-0001", value: "one report with its history" },
  { label: "ack R-0001", value: "acknowledge" },
  { label: "assign R-0001 me", value: "take it (or: assign R-0001 Priya)" },
  { label: "progress R-0001", value: "in progress" },
  { label: "resolve R-0001 ‹note›", value: "close it; the reporter is told, with the note" },
  { label: "wontfix R-0001 ‹reason›", value: "close without a fix; the reporter is told why" },
  { label: "dup R-0002 of R-0001", value: "merge into another report's cluster" },
  { label: "reopen R-0001 · split R-0002", value: "undo a close · take a report out of its cluster" },
  { label: "reclassify R-0001 severity=high", value: "also kind=, system=, unit=, safety=yes|no" },
];

/** The sender typed in a web chat room, Teams channel or Slack channel that triage cards, alerts or the digest go to. */
export function isTriageRoom(config: TriageConfig, sender: Sender): boolean {
  const rooms = [
    config.defaultDestination,
    ...config.routes.map((r) => r.destination),
    ...config.alerts,
    ...config.digest,
  ].filter((d) => d.channel === sender.channel);
  if (sender.channel === "slack") {
    const room = sender.room?.trim();
    return !!room && rooms.some((d) => d.destination === room);
  }
  // By conversation key: web chat rooms arrive as "direct" (no mention needed to type commands).
  const key = sender.conversationKey.replace(/;messageid=.*$/, "");
  return rooms.some((d) => destinationKey(d).replace(/;messageid=.*$/, "") === key);
}

export function triageRoomReply(text: string): BotMessage {
  if (HELP.test(text))
    return {
      title: "Triage commands",
      text: "Type one of these here, or use the buttons on a card:",
      facts: TRIAGE_COMMANDS,
    };
  const [first = "", ...rest] = text.trim().split(/\s+/);
  const guess = closestVerb(first.toLowerCase());
  const meant = guess ? ` Did you mean “${[guess, ...rest].join(" ")}”?` : "";
  return {
    text: `I didn't recognise “${text.trim().slice(0, 80)}” as a triage command.${meant}`,
    note: 'Nothing was filed: this room is for triage. Say "help" to me for the commands (in a Slack or Teams channel, @mention me first); to report a problem yourself, use your own chat with the bot.',
  };
}

function closestVerb(word: string): string | null {
  if (word.length < 2 || VERBS.includes(word)) return null;
  let best: { verb: string; distance: number } | null = null;
  for (const verb of VERBS) {
    const distance = editDistance(word, verb);
    if (distance <= (verb.length > 4 ? 2 : 1) && (!best || distance < best.distance)) best = { verb, distance };
  }
  return best?.verb ?? null;
}

/** Damerau–Levenshtein (optimal string alignment): a swapped pair of letters counts as one edit. */
function editDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => i || j));
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const row = d[i]!;
      row[j] = Math.min(d[i - 1]![j]! + 1, row[j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        row[j] = Math.min(row[j]!, d[i - 2]![j - 2]! + 1);
    }
  return d[a.length]![b.length]!;
}
