/**
 * Plain-words messages for the zod issues a hand-written configuration file typically has
 * (a missing section, a string where a list belongs, an unknown key). Passed per parse, so there is
 * no global zod configuration; anything not covered keeps the schema's own message.
 */
import type { z } from "zod";

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "an object";
  if (typeof value === "string") return `the text "${value.length > 40 ? `${value.slice(0, 40)}…` : value}"`;
  return typeof value === "number" || typeof value === "boolean" ? `${typeof value} ${value}` : typeof value;
}

const EXPECTED: Record<string, string> = {
  object: "an object { … }",
  array: "a list [ … ]",
  string: "text in quotes",
  number: "a number",
  boolean: "true or false",
};

export const plainZodError: z.core.$ZodErrorMap = (issue) => {
  if (issue.code === "invalid_type") {
    const expected = EXPECTED[issue.expected] ?? issue.expected;
    if (issue.input === undefined) return `is missing (it must be ${expected})`;
    return `must be ${expected}, not ${describe(issue.input)}`;
  }
  if (issue.code === "unrecognized_keys")
    return `has ${issue.keys.length === 1 ? "a key" : "keys"} this version does not know: ${issue.keys.join(", ")} (a typo?)`;
  return undefined;
};
