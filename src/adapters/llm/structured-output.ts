/**
 * How the classifier asks an OpenAI-compatible server for JSON. Servers differ: OpenAI and vLLM take
 * a JSON schema; OpenAI and Azure strict mode reject `maxLength`; llama-cpp-python's server answers
 * `json_schema` with HTTP 500 but takes `json_object`; some servers take neither. The modes, most
 * constrained first, form the fallback chain the classifier discovers once (llm-probe.ts).
 */
import { APIConnectionTimeoutError, APIError } from "openai";
import type { Catalogue } from "../../domain/catalogue";
import { buildResponseFormat, describeReplyShape } from "./classify-schema";
import type { ChatMessage } from "./classify-prompt";

export const OUTPUT_MODES = ["json_schema", "json_schema_no_lengths", "json_object", "prompt"] as const;
export type OutputMode = (typeof OUTPUT_MODES)[number];

/** What the operator may set in LLM_RESPONSE_FORMAT (`auto` probes the chain at start-up). */
export const RESPONSE_FORMAT_SETTINGS = ["auto", "json_schema", "json_object", "prompt"] as const;
export type ResponseFormatSetting = (typeof RESPONSE_FORMAT_SETTINGS)[number];

export function nextMode(mode: OutputMode): OutputMode | null {
  return OUTPUT_MODES[OUTPUT_MODES.indexOf(mode) + 1] ?? null;
}

export interface ModeRequest {
  /** `response_format` to send, or undefined for none. */
  responseFormat: Record<string, unknown> | undefined;
  /** The messages, with the reply's shape spelt out in the system turn where no schema is sent. */
  messages(base: ChatMessage[]): ChatMessage[];
}

export function requestFor(mode: OutputMode, catalogue: Catalogue): ModeRequest {
  const withShape = (base: ChatMessage[]): ChatMessage[] =>
    base.map((m, i) =>
      i === 0 && m.role === "system" ? { ...m, content: `${m.content}\n\n${describeReplyShape()}` } : m,
    );
  switch (mode) {
    case "json_schema":
      return { responseFormat: buildResponseFormat(catalogue), messages: (base) => base };
    case "json_schema_no_lengths":
      return { responseFormat: buildResponseFormat(catalogue, { lengths: false }), messages: (base) => base };
    case "json_object":
      return { responseFormat: { type: "json_object" }, messages: withShape };
    case "prompt":
      return { responseFormat: undefined, messages: withShape };
  }
}

const NAMES_FORMAT = /response_format|json_schema|json_object|structured output|grammar|maxLength|maxItems|schema/i;
const MISMATCH_STATUSES = new Set([400, 404, 415, 422, 500, 501]);

/**
 * A server that refuses the requested output format (a 4xx/500 naming `response_format`, the schema
 * or a grammar) has a settings mismatch, not an outage. Returns a one-line description, or null.
 */
export function formatMismatch(err: unknown): string | null {
  if (!(err instanceof APIError)) return null;
  const status: number | undefined = err.status as number | undefined;
  if (status === undefined || !MISMATCH_STATUSES.has(status)) return null;
  const message = err.message.replace(/\s+/g, " ").trim();
  if (!NAMES_FORMAT.test(message)) return null;
  return `HTTP ${status}: ${message.slice(0, 160)}`;
}

/** The JSON object in a reply: as is, or the outermost {...} of a reply wrapped in prose or a code fence. */
export function extractJson(content: string): string {
  const trimmed = content.trim();
  if (trimmed.startsWith("{")) return trimmed;
  const start = trimmed.indexOf("{");
  const end = trimmed.lastIndexOf("}");
  return start >= 0 && end > start ? trimmed.slice(start, end + 1) : trimmed;
}

/**
 * Short, content-free description of why the API call failed (no keys, no report text).
 * `timedOut` covers fetch implementations whose abort error the SDK cannot recognise (e.g. one
 * from another realm), where a timeout surfaces as a plain connection error.
 */
export function describeError(err: unknown, timedOut = false): string {
  if (err instanceof APIConnectionTimeoutError) return "timeout";
  if (err instanceof APIError && err.status === undefined) return timedOut ? "timeout" : "connection error";
  if (err instanceof APIError) return `HTTP ${err.status}`;
  if (err instanceof Error) return err.name;
  return "unknown error";
}
