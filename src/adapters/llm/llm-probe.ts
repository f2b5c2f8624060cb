/**
 * Finds, once, the structured-output mode an OpenAI-compatible server takes: one tiny
 * classification per mode down the chain (structured-output.ts), no SDK retries. A mode the
 * server refuses with a 4xx/500 naming `response_format` is a settings mismatch (said in one
 * line); the first mode it answers is kept. If the server cannot be reached, the first mode is
 * kept and the classifier adapts later if the server refuses it.
 */
import type { Logger } from "../../ports/logger";
import { describeError, formatMismatch, nextMode, OUTPUT_MODES, type OutputMode } from "./structured-output";

export interface ProbeOptions {
  logger: Logger;
  model: string;
  /** One probe request in a mode; resolves when the server answered (HTTP 200). */
  try(mode: OutputMode): Promise<unknown>;
}

export interface ProbeResult {
  mode: OutputMode;
  /** One line for the start-up log. */
  line: string;
}

export async function probeOutputMode(options: ProbeOptions): Promise<ProbeResult> {
  const refused: string[] = [];
  let mode: OutputMode | null = OUTPUT_MODES[0];
  while (mode) {
    try {
      await options.try(mode);
      const line =
        refused.length === 0
          ? `LLM structured output: ${mode} (probe answered)`
          : `LLM configuration mismatch: the server refused ${refused.join("; ")}; using ${mode}`;
      if (refused.length === 0) options.logger.info({ model: options.model, mode }, line);
      else options.logger.warn({ model: options.model, mode }, line);
      return { mode, line };
    } catch (err) {
      const mismatch = formatMismatch(err);
      if (!mismatch) {
        const line = `LLM structured output: ${OUTPUT_MODES[0]} assumed; the probe could not reach the model (${describeError(err)})`;
        options.logger.warn({ model: options.model }, line);
        return { mode: OUTPUT_MODES[0], line };
      }
      refused.push(`response_format ${mode} (${mismatch})`);
      mode = nextMode(mode);
    }
  }
  const line = `LLM configuration mismatch: the server refused every output mode (${refused.join("; ")}); the offline classifier will answer`;
  options.logger.error({ model: options.model }, line);
  return { mode: "prompt", line };
}
