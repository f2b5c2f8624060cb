import { createHash } from "node:crypto";
import type { Reporter } from "../../domain/report";

/** `anon:` + salted SHA-256 of the channel user: the same person maps to the same ref, nobody can reverse it. */
export function anonymousRef(salt: string, channel: string, userId: string): string {
  return `anon:${createHash("sha256").update(`${salt}\u0000${channel}\u0000${userId}`).digest("hex").slice(0, 32)}`;
}

export function identifiedRef(channel: string, userId: string): string {
  return `${channel}:${userId}`;
}

export function makeReporter(
  salt: string,
  channel: string,
  userId: string,
  name: string | null,
  anonymous: boolean,
): Reporter {
  return anonymous
    ? { ref: anonymousRef(salt, channel, userId), anonymous: true, displayName: null }
    : { ref: identifiedRef(channel, userId), anonymous: false, displayName: name };
}
