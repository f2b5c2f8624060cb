import type { Digest } from "../../domain/digest";

export interface DigestBlocks {
  /** Notification / fallback text. */
  text: string;
  blocks: Record<string, unknown>[];
}

/** Slack Block Kit within Slack's limits. Pure. */
export function renderDigestBlocks(_digest: Digest, _options: { chartUrl: string | null }): DigestBlocks {
  throw new Error("not implemented yet");
}
