import type { Digest } from "../../domain/digest";

/** Plain text / Markdown for the CLI and e-mail. Pure. */
export function renderDigestText(_digest: Digest): string {
  throw new Error("not implemented yet");
}
