import type { Digest } from "../../domain/digest";

export interface DigestCardOptions {
  /** Absolute URL of the chart PNG (PUBLIC_BASE_URL + chart route), or null to leave the chart out. */
  chartUrl: string | null;
}

/** Adaptive Card 1.5 for Teams. Pure. */
export function renderDigestCard(_digest: Digest, _options: DigestCardOptions): Record<string, unknown> {
  throw new Error("not implemented yet");
}
