/** zod field builders for environment variables: blank counts as unset, plain-word messages. */
import { z } from "zod";

export const blankToUndefined = (v: unknown): unknown => (typeof v === "string" && v.trim() === "" ? undefined : v);
export const optionalString = z.preprocess(blankToUndefined, z.string().optional());
export const optionalUrl = (what: string) =>
  z.preprocess(blankToUndefined, z.url({ message: `must be a URL (${what})` }).optional());
export const int = (fallback: number, min: number, max: number) =>
  z.preprocess(
    blankToUndefined,
    z.coerce
      .number({ message: "must be a whole number" })
      .int({ message: "must be a whole number" })
      .min(min, { message: `must be at least ${min}` })
      .max(max, { message: `must be at most ${max}` })
      .default(fallback),
  );
export const bool = (fallback: boolean) =>
  z
    .preprocess(blankToUndefined, z.enum(["true", "false", "1", "0", "yes", "no"]).optional())
    .transform((v) => (v === undefined ? fallback : ["true", "1", "yes"].includes(v)));
