/**
 * Whether the environment names an LLM at all, without loading the OpenAI SDK (compose-from-env.ts
 * loads it only then: offline, its modules would only take memory).
 */
import type { Env } from "../../config/env";

export function llmConfigured(env: Pick<Env, "OPENAI_API_KEY" | "OPENAI_BASE_URL" | "AZURE_OPENAI_ENDPOINT">): boolean {
  return Boolean(env.AZURE_OPENAI_ENDPOINT || env.OPENAI_API_KEY || env.OPENAI_BASE_URL);
}
