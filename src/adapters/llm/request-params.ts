/**
 * The request parameters that differ between OpenAI-compatible servers and model families, beyond
 * the structured-output mode: which name bounds the reply (`max_tokens`, which Ollama, vLLM and
 * llama.cpp take, or `max_completion_tokens`, which OpenAI's o-series and newer models require)
 * and whether a temperature may be sent (those models take only their default).
 *
 * `auto` starts with `max_tokens` (a server that ignored an unknown `max_completion_tokens` would
 * leave the reply unbounded) and switches, once and for the life of the process, when the server
 * answers 400 naming the parameter; the call is then repeated at once. Each switch is said in one
 * line. Forced settings never switch.
 */
import { APIError } from "openai";
import type { Logger } from "../../ports/logger";

export const TOKEN_LIMIT_SETTINGS = ["auto", "max_tokens", "max_completion_tokens"] as const;
export type TokenLimitSetting = (typeof TOKEN_LIMIT_SETTINGS)[number];
export type TokenLimitParam = Exclude<TokenLimitSetting, "auto">;

export interface RequestParamsOptions {
  setting: TokenLimitSetting;
  maxTokens: number;
  /** null: send none (the server's default). */
  temperature: number | null;
  logger: Logger;
  model: string;
}

export interface RequestParams {
  /** The bound and the temperature for the next request. */
  body(): { max_tokens?: number; max_completion_tokens?: number; temperature?: number };
  /** The parameter in use now. */
  tokenLimit(): TokenLimitParam;
  /** After a failed request: true when the server refused a parameter and the request should be repeated. */
  adapt(err: unknown): boolean;
}

const REFUSAL_STATUSES = new Set([400, 422]);
const REFUSED = /unsupported|not supported|unrecognized|unknown|not allowed|invalid|extra (?:inputs|fields)|use '?max/i;

/** Which parameter a 400/422 refuses, judged by the error's `param` or its message; null when none of ours. */
export function refusedParam(err: unknown): "max_tokens" | "max_completion_tokens" | "temperature" | null {
  if (!(err instanceof APIError) || err.status === undefined || !REFUSAL_STATUSES.has(err.status as number))
    return null;
  if (err.param === "max_tokens" || err.param === "max_completion_tokens" || err.param === "temperature")
    return err.param;
  const message = err.message.replace(/\s+/g, " ");
  if (!REFUSED.test(message)) return null;
  // "'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.": the first named is refused.
  const named = /\b(max_completion_tokens|max_tokens|temperature)\b/.exec(message);
  return (named?.[1] as "max_tokens" | "max_completion_tokens" | "temperature" | undefined) ?? null;
}

export function createRequestParams(options: RequestParamsOptions): RequestParams {
  let tokenLimit: TokenLimitParam = options.setting === "auto" ? "max_tokens" : options.setting;
  let temperature = options.temperature;
  let switched = false; // one switch at most: a server refusing both names must not loop
  return {
    body() {
      return {
        [tokenLimit]: options.maxTokens,
        ...(temperature === null ? {} : { temperature }),
      };
    },
    tokenLimit: () => tokenLimit,
    adapt(err) {
      const refused = refusedParam(err);
      if (refused === "temperature" && temperature !== null) {
        options.logger.warn(
          { model: options.model, temperature },
          "LLM configuration mismatch: the model refused the temperature; using its default",
        );
        temperature = null;
        return true;
      }
      if (options.setting !== "auto" || switched || refused !== tokenLimit) return false;
      const next: TokenLimitParam = tokenLimit === "max_tokens" ? "max_completion_tokens" : "max_tokens";
      options.logger.warn(
        { model: options.model, from: tokenLimit, to: next },
        `LLM configuration mismatch: the model refused ${tokenLimit}; using ${next} (LLM_TOKEN_LIMIT_PARAM)`,
      );
      tokenLimit = next;
      switched = true;
      return true;
    },
  };
}
