import type { Digest, DigestInput } from "./digest";

export function computeDigest(_input: DigestInput): Digest {
  throw new Error("not implemented yet");
}
