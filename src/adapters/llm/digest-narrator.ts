/**
 * The digest narrative from an OpenAI-compatible model (prompts/digest.md). The model sees only
 * DigestFacts: aggregated figures, never report text. Its reply is checked with zod here; build-digest
 * then checks every number against the figures and falls back to the template on any problem.
 * Every call is bounded like the classifier's (request-params.ts): `max_tokens` or
 * `max_completion_tokens` as LLM_TOKEN_LIMIT_PARAM says (`auto` switches once when the server
 * refuses one), no temperature for a model configured as taking `max_completion_tokens` (OpenAI's
 * o-series and newer take only their default) or once a model refuses it, and a reply cut off at
 * the bound (finish_reason "length") is a model error, so the digest falls back to the template.
 */
import type OpenAI from "openai";
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import type { DigestFacts, DigestNarrator } from "../../domain/digest-facts";
import { ConfigError } from "../../domain/errors";
import type { Logger } from "../../ports/logger";
import { createRequestParams, type TokenLimitSetting } from "./request-params";

export interface DigestPrompt {
  version: string;
  system: string;
  /** Holds `{{facts}}`. */
  user: string;
}

export interface LlmDigestNarratorOptions {
  client: OpenAI;
  model: string;
  prompt: DigestPrompt;
  /** Per-request timeout; default: the client's own. */
  timeoutMs?: number;
  /** `max_tokens` or `max_completion_tokens` (LLM_TOKEN_LIMIT_PARAM); `auto` (default) switches when refused. */
  tokenLimitParam?: TokenLimitSetting;
  /** Bound of the reply (default 600: five bullets of at most 400 characters need about 500 tokens). */
  maxTokens?: number;
  /** For the one line said when the model refuses a parameter; default: silent. */
  logger?: Logger;
}

export const DIGEST_MAX_TOKENS = 600;
/** Low, for steady wording; left out for models that take only their default. */
const DIGEST_TEMPERATURE = 0.2;
const CUT_OFF = "llm_model_error: digest reply cut off at the token bound (finish_reason length)";
const SILENT: Logger = { debug() {}, info() {}, warn() {}, error() {} };

const FACTS_SLOT = "{{facts}}";
const ReplySchema = z.object({ bullets: z.array(z.string().min(1).max(400)).min(3).max(5) });

/** Parses prompts/digest.md: front-matter with `version`, then `[system]` and `[user]` sections. */
export function parseDigestPrompt(raw: string, origin = "prompts/digest.md"): DigestPrompt {
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n([\s\S]*)$/.exec(raw);
  const front = z.object({ version: z.string().min(1) }).safeParse(match ? parseYaml(match[1] ?? "") : null);
  const sections = /^\[system\]\r?\n([\s\S]*?)^\[user\]\r?\n([\s\S]*)$/m.exec(match?.[2] ?? "");
  const problems: string[] = [];
  if (!front.success) problems.push(`${origin} must start with front-matter holding a "version"`);
  if (!sections) problems.push(`${origin} needs a [system] section followed by a [user] section`);
  else if (!(sections[2] ?? "").includes(FACTS_SLOT)) problems.push(`${origin} [user] section lacks ${FACTS_SLOT}`);
  if (problems.length || !front.success || !sections) throw new ConfigError(problems);
  return { version: front.data.version, system: (sections[1] ?? "").trim(), user: (sections[2] ?? "").trim() };
}

export function buildDigestMessages(prompt: DigestPrompt, facts: DigestFacts) {
  return [
    { role: "system" as const, content: prompt.system },
    { role: "user" as const, content: prompt.user.split(FACTS_SLOT).join(JSON.stringify(facts, null, 1)) },
  ];
}

/** Strips list markers a model may add despite the prompt ("- ", "• ", "1. "). */
function cleanBullet(text: string): string {
  return text.replace(/^\s*(?:[-*•]|\d+[.)])\s+/, "").trim();
}

export function createLlmDigestNarrator(options: LlmDigestNarratorOptions): DigestNarrator {
  const setting = options.tokenLimitParam ?? "auto";
  const params = createRequestParams({
    setting,
    maxTokens: options.maxTokens ?? DIGEST_MAX_TOKENS,
    temperature: setting === "max_completion_tokens" ? null : DIGEST_TEMPERATURE,
    logger: options.logger ?? SILENT,
    model: options.model,
  });

  /** One request; a parameter the model refuses (the token bound's name, the temperature) is changed and the request repeated. */
  async function create(facts: Parameters<DigestNarrator["write"]>[0]) {
    for (;;) {
      try {
        return await options.client.chat.completions.create(
          {
            model: options.model,
            messages: buildDigestMessages(options.prompt, facts),
            response_format: { type: "json_object" },
            ...params.body(),
          },
          options.timeoutMs === undefined ? undefined : { timeout: options.timeoutMs },
        );
      } catch (err) {
        if (!params.adapt(err)) throw err;
      }
    }
  }

  return {
    name: `llm:${options.model}`,
    async write(facts) {
      const completion = await create(facts);
      const choice = completion.choices[0];
      if (choice?.finish_reason === "length") throw new Error(CUT_OFF);
      const content = choice?.message?.content ?? "";
      let json: unknown;
      try {
        json = JSON.parse(content);
      } catch {
        throw new Error("the model's reply is not JSON");
      }
      const parsed = ReplySchema.safeParse(json);
      if (!parsed.success)
        throw new Error(`the model's reply does not match the schema: ${parsed.error.issues[0]?.message ?? ""}`);
      return parsed.data.bullets.map(cleanBullet);
    },
  };
}
