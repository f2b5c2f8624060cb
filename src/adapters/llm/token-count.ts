/** Token counts for the o200k encoding (gpt-4o family), as the API bills them for chat messages. */
import { getEncoding, type Tiktoken } from "js-tiktoken";
import type { ChatMessage } from "./classify-prompt";

/** Per-message framing the chat format adds (role and separators), and the reply primer. */
const TOKENS_PER_MESSAGE = 3;
const REPLY_PRIMER_TOKENS = 3;

let encoder: Tiktoken | undefined;
function o200k(): Tiktoken {
  encoder ??= getEncoding("o200k_base");
  return encoder;
}

export function countTextTokens(text: string): number {
  return o200k().encode(text).length;
}

export function countChatTokens(messages: readonly ChatMessage[]): number {
  return (
    messages.reduce((sum, m) => sum + TOKENS_PER_MESSAGE + countTextTokens(m.role) + countTextTokens(m.content), 0) +
    REPLY_PRIMER_TOKENS
  );
}
