/**
 * Classifier backed by an OpenAI-compatible chat model with bounded structured output.
 * Normal case: one call. Every call sends `max_tokens`, and the schema bounds tags and string
 * lengths (checked again after parsing). Invalid reply (not JSON, or outside the schema/catalogue):
 * one repair call that sends the validation issues back. A reply cut off at `max_tokens`
 * (finish_reason `length`) is a model error: no repair (it would be cut off again), no retry.
 * The server's structured-output mode is discovered once (`prepare`, a probe at start-up); a server
 * that later refuses the mode in use (a 4xx/500 naming `response_format`) is a settings mismatch:
 * said in one line, and the call is repeated once in the next mode. A model that refuses `max_tokens`
 * or the temperature (OpenAI's o-series) gets `max_completion_tokens` / its default temperature
 * instead (request-params.ts). Still invalid, or the API
 * unavailable after the SDK's own retries (429, 5xx, timeout): the injected fallback classifies and
 * the result is flagged. A report is never dropped.
 */
import type OpenAI from "openai";
import type { Catalogue } from "../../domain/catalogue";
import type { ClassificationResult } from "../../domain/classification";
import type { RedactedText } from "../../domain/redacted-text";
import type { Classifier, ClassifierOutput } from "../../ports/classifier";
import type { Logger } from "../../ports/logger";
import { buildClassifyMessages, type ChatMessage } from "./classify-prompt";
import { buildClassifyReplySchema, describeIssues, MAX_TAGS, type ClassifyReply } from "./classify-schema";
import { probeOutputMode } from "./llm-probe";
import { createRequestParams, type TokenLimitSetting } from "./request-params";
import {
  describeError,
  extractJson,
  formatMismatch,
  nextMode,
  requestFor,
  type OutputMode,
  type ResponseFormatSetting,
} from "./structured-output";

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
  /** `max_tokens` of every call (default 512: a valid reply needs about 150). */
  maxTokens?: number;
  /** Structured-output mode: `auto` (default) starts with a JSON schema and lets `prepare` probe. */
  responseFormat?: ResponseFormatSetting;
  /** `max_tokens` or `max_completion_tokens` (o-series); `auto` (default) switches when refused. */
  tokenLimitParam?: TokenLimitSetting;
}

export const DEFAULT_MAX_TOKENS = 512;

/** Longest invalid reply echoed back in the repair call. */
const MAX_ECHOED_REPLY_CHARS = 2000;
const CUT_OFF = "llm_model_error: reply cut off at max_tokens (finish_reason length)";

type Validation = { ok: true; reply: ClassifyReply } | { ok: false; issues: string[] };
interface Completion {
  content: string;
  cutOff: boolean;
}

export interface LlmClassifier extends Classifier {
  /** Probes the server once for the structured-output mode it takes; resolves to one line for the log. */
  prepare(): Promise<string>;
  /** The mode in use now. */
  mode(): OutputMode;
}

export function createLlmClassifier(options: LlmClassifierOptions): LlmClassifier {
  const { client, model, promptTemplate, promptVersion, catalogue, fallback, logger } = options;
  const replySchema = buildClassifyReplySchema(catalogue);
  const temperature = options.temperature === undefined ? 0 : options.temperature;
  const maxTokens = options.maxTokens ?? DEFAULT_MAX_TOKENS;
  const setting = options.responseFormat ?? "auto";
  let mode: OutputMode = setting === "auto" ? "json_schema" : setting;
  let prepared: Promise<string> | null = null;
  const params = createRequestParams({
    setting: options.tokenLimitParam ?? "auto",
    maxTokens,
    temperature,
    logger,
    model,
  });

  /** One request; a parameter the model refuses (max_tokens, temperature) is changed and the request repeated. */
  async function create(messages: ChatMessage[], using: OutputMode, retries?: number) {
    const request = requestFor(using, catalogue);
    for (;;) {
      try {
        return await client.chat.completions.create(
          {
            model,
            messages: request.messages(messages),
            ...params.body(),
            ...(request.responseFormat ? { response_format: request.responseFormat as { type: "json_object" } } : {}),
          },
          {
            ...(options.timeoutMs === undefined ? {} : { timeout: options.timeoutMs }),
            ...(retries === undefined ? {} : { maxRetries: retries }),
          },
        );
      } catch (err) {
        if (!params.adapt(err)) throw err;
      }
    }
  }

  async function complete(messages: ChatMessage[], using: OutputMode, retries?: number): Promise<Completion> {
    const completion = await create(messages, using, retries);
    const choice = completion.choices[0];
    const content = choice?.message?.refusal ? "" : (choice?.message?.content ?? "");
    return { content, cutOff: choice?.finish_reason === "length" };
  }

  /** One call in the current mode; a format mismatch moves down the chain (said once) and tries again. */
  async function completeAdapting(messages: ChatMessage[]): Promise<Completion> {
    for (;;) {
      const using = mode;
      try {
        return await complete(messages, using);
      } catch (err) {
        const mismatch = formatMismatch(err);
        const next = nextMode(using);
        if (!mismatch || !next || setting !== "auto") throw err;
        if (mode === using) {
          mode = next;
          logger.error(
            { model, from: using, to: next },
            `LLM configuration mismatch: the server refused response_format ${using} (${mismatch}); using ${next}`,
          );
        }
      }
    }
  }

  function validate(content: string): Validation {
    let json: unknown;
    try {
      json = JSON.parse(mode === "prompt" ? extractJson(content) : content);
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
    mode: () => mode,
    prepare(): Promise<string> {
      if (setting !== "auto") return Promise.resolve(`LLM structured output: ${mode} (LLM_RESPONSE_FORMAT)`);
      prepared ??= probeOutputMode({
        logger,
        model,
        try: (using) => complete(buildClassifyMessages(PROBE_TEXT, catalogue, promptTemplate), using, 0),
      }).then((found) => {
        mode = found.mode;
        return found.line;
      });
      return prepared;
    },
    async classify(text: RedactedText): Promise<ClassifierOutput> {
      const messages = buildClassifyMessages(text, catalogue, promptTemplate);
      const started = Date.now();
      let issues: string[];
      try {
        const first = await completeAdapting(messages);
        if (first.cutOff) return await fallBack(text, CUT_OFF);
        const firstCheck = validate(first.content);
        if (firstCheck.ok) return llmOutput(firstCheck.reply);
        logger.info({ model, promptVersion, issues: firstCheck.issues }, "LLM reply invalid; asking for a repair");
        const second = await completeAdapting([...messages, ...repairTurn(first.content, firstCheck.issues)]);
        if (second.cutOff) return await fallBack(text, CUT_OFF);
        const secondCheck = validate(second.content);
        if (secondCheck.ok) return llmOutput(secondCheck.reply);
        issues = secondCheck.issues;
      } catch (err) {
        const mismatch = formatMismatch(err);
        if (mismatch) return fallBack(text, `llm_config_mismatch: ${mismatch}`);
        const timedOut = Date.now() - started >= (options.timeoutMs ?? client.timeout);
        return fallBack(text, `llm_unavailable: ${describeError(err, timedOut)}`);
      }
      return fallBack(text, `llm_invalid_output: ${issues.slice(0, 3).join("; ")}`);
    },
  };
}

/** The probe's report: harmless, no patient data. */
const PROBE_TEXT = "The label printer on 4 West is jammed." as RedactedText;

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
