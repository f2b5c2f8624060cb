/**
 * Classifier backed by an OpenAI-compatible chat model with strict structured output.
 * Normal case: one call. Invalid reply (not JSON, or outside the schema/catalogue): one repair
 * call that sends the validation issues back. Still invalid, or the API unavailable after the
 * SDK's own retries (429, 5xx, timeout): the injected fallback classifies and the result is
 * flagged. A report is never dropped.
 */
import type OpenAI from "openai";
import { APIConnectionTimeoutError, APIError } from "openai";
import type { Catalogue } from "../../domain/catalogue";
import type { ClassificationResult } from "../../domain/classification";
import type { RedactedText } from "../../domain/redacted-text";
import type { Classifier, ClassifierOutput } from "../../ports/classifier";
import type { Logger } from "../../ports/logger";
import { buildClassifyMessages, type ChatMessage } from "./classify-prompt";
import {
  buildClassifyReplySchema,
  buildResponseFormat,
  describeIssues,
  MAX_TAGS,
  type ClassifyReply,
} from "./classify-schema";

export interface LlmClassifierOptions {
  client: OpenAI;
  model: string;
  promptTemplate: string;
  promptVersion: string;
  catalogue: Catalogue;
  fallback: Classifier;
  logger: Logger;
  /** Per-request timeout; default: the client's own. */
  timeoutMs?: number;
  /** Sampling temperature; null leaves the server default (some reasoning models accept no other). */
  temperature?: number | null;
}

/** Longest invalid reply echoed back in the repair call. */
const MAX_ECHOED_REPLY_CHARS = 2000;

type Validation = { ok: true; reply: ClassifyReply } | { ok: false; issues: string[] };

export function createLlmClassifier(options: LlmClassifierOptions): Classifier {
  const { client, model, promptTemplate, promptVersion, catalogue, fallback, logger } = options;
  const replySchema = buildClassifyReplySchema(catalogue);
  const responseFormat = buildResponseFormat(catalogue);
  const temperature = options.temperature === undefined ? 0 : options.temperature;

  async function complete(messages: ChatMessage[]): Promise<string> {
    const completion = await client.chat.completions.create(
      {
        model,
        messages,
        response_format: responseFormat,
        ...(temperature === null ? {} : { temperature }),
      },
      options.timeoutMs === undefined ? undefined : { timeout: options.timeoutMs },
    );
    const message = completion.choices[0]?.message;
    if (message?.refusal) return "";
    return message?.content ?? "";
  }

  function validate(content: string): Validation {
    let json: unknown;
    try {
      json = JSON.parse(content);
    } catch {
      return { ok: false, issues: [content.trim() === "" ? "the reply was empty" : "the reply was not valid JSON"] };
    }
    const parsed = replySchema.safeParse(json);
    return parsed.success ? { ok: true, reply: parsed.data } : { ok: false, issues: describeIssues(parsed.error) };
  }

  function llmOutput(reply: ClassifyReply): ClassifierOutput {
    return { result: toResult(reply), source: "llm", promptVersion, model, flaggedReason: null };
  }

  async function fallBack(text: RedactedText, reason: string): Promise<ClassifierOutput> {
    logger.warn({ model, promptVersion, reason, fallback: fallback.name }, "LLM classification fell back");
    const output = await fallback.classify(text);
    const flaggedReason = output.flaggedReason ? `${reason}; ${output.flaggedReason}` : reason;
    return { ...output, flaggedReason };
  }

  return {
    name: `llm:${model}`,
    async classify(text: RedactedText): Promise<ClassifierOutput> {
      const messages = buildClassifyMessages(text, catalogue, promptTemplate);
      const started = Date.now();
      let issues: string[];
      try {
        const first = await complete(messages);
        const firstCheck = validate(first);
        if (firstCheck.ok) return llmOutput(firstCheck.reply);
        logger.info({ model, promptVersion, issues: firstCheck.issues }, "LLM reply invalid; asking for a repair");
        const second = await complete([...messages, ...repairTurn(first, firstCheck.issues)]);
        const secondCheck = validate(second);
        if (secondCheck.ok) return llmOutput(secondCheck.reply);
        issues = secondCheck.issues;
      } catch (err) {
        const timedOut = Date.now() - started >= (options.timeoutMs ?? client.timeout);
        return fallBack(text, `llm_unavailable: ${describeError(err, timedOut)}`);
      }
      return fallBack(text, `llm_invalid_output: ${issues.slice(0, 3).join("; ")}`);
    },
  };
}

function repairTurn(invalidReply: string, issues: string[]): ChatMessage[] {
  return [
    { role: "assistant", content: invalidReply.slice(0, MAX_ECHOED_REPLY_CHARS) },
    {
      role: "user",
      content: [
        "Your reply did not match the required JSON schema:",
        ...issues.map((issue) => `- ${issue}`),
        "Reply again with only the corrected JSON object for the same report.",
      ].join("\n"),
    },
  ];
}

function toResult(reply: ClassifyReply): ClassificationResult {
  const location = reply.location?.trim() ? reply.location.trim() : null;
  const tags = [...new Set(reply.tags.map((t) => t.trim().toLowerCase()).filter((t) => t !== ""))].slice(0, MAX_TAGS);
  return {
    isReport: reply.isReport,
    kind: reply.kind,
    system: reply.system,
    severity: reply.severity,
    patientSafety: reply.patientSafety,
    location,
    summary: reply.summary.trim(),
    tags,
    missing: [...new Set(reply.missing)],
  };
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
