import type OpenAI from "openai";
import type { DigestNarrator } from "../../domain/digest-facts";
import type { Logger } from "../../ports/logger";

export interface LlmDigestNarratorOptions {
  client: OpenAI;
  model: string;
  /** Text of prompts/digest.md (loaded at start by main). */
  prompt: string;
  logger: Logger;
  timeoutMs?: number;
}

/** Narrative bullets from an OpenAI-compatible model; build-digest validates and falls back. */
export function createLlmDigestNarrator(_options: LlmDigestNarratorOptions): DigestNarrator {
  throw new Error("not implemented yet");
}
