import type { Digest } from "../../domain/digest";

/** PNG: 12-week trend stacked by kind, and top systems this week. Offline, in process. */
export async function renderDigestChart(_digest: Digest): Promise<Buffer> {
  return Promise.reject(new Error("not implemented yet"));
}
