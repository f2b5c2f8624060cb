/**
 * What the conversation log keeps of a message a person sent: the same activity with its text and
 * every string in a card submit's `value` redacted. The log is what Web Chat polls and what a
 * reload (or everyone else in a shared room) is shown, so the words a reporter or triager typed are
 * kept only in the redacted form the server stores; the raw activity goes to the bot and is dropped.
 */
import { redactFreeText } from "../../../app/pipeline/redact-free-text";
import type { Redactor } from "../../../ports/redactor";
import type { ChatActivity } from "./conversation-log";

/** What a card's buttons put in `value` themselves (the verb, the form, the report), never typed text: kept as is. */
const MACHINE_VALUES: Record<string, RegExp> = {
  action: /^[a-z]+(?:\.[a-z-]+)+$/,
  form: /^triage$/,
  reportId: /^R-\d{1,12}$/,
};

function redactStrings(redactor: Redactor, value: unknown, depth: number, key?: string): unknown {
  if (typeof value === "string")
    return key !== undefined && MACHINE_VALUES[key]?.test(value) ? value : redactFreeText(redactor, value).text;
  if (depth > 8 || typeof value !== "object" || value === null) return value;
  if (Array.isArray(value)) return value.map((item) => redactStrings(redactor, item, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactStrings(redactor, v, depth + 1, k)]));
}

export function redactedEcho(redactor: Redactor, activity: ChatActivity): ChatActivity {
  const copy: ChatActivity = { ...activity };
  if (typeof activity.text === "string") copy.text = redactFreeText(redactor, activity.text).text;
  if (activity.value !== undefined) copy.value = redactStrings(redactor, activity.value, 0);
  return copy;
}
