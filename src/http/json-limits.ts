/**
 * Size and depth limits for parsed JSON, checked before anything uses a body or an activity field:
 * a 10 KB array nested 5,000 deep is valid JSON that breaks recursive code later (JSON.stringify,
 * renderers, the web chat log). The walk is iterative, so checking cannot overflow the stack itself.
 */
import type restify from "restify";

export interface JsonLimits {
  /** Deepest nesting of arrays and objects (the top-level value is depth 1). */
  maxDepth: number;
  /** Most values in total (objects, arrays, strings, numbers …). */
  maxNodes: number;
  /** Longest string, keys included. */
  maxStringLength: number;
}

export const DEFAULT_JSON_LIMITS: JsonLimits = { maxDepth: 64, maxNodes: 20_000, maxStringLength: 64 * 1024 };

/** What is wrong with the value's shape, in a few words, or null when it is within the limits. */
export function jsonShapeProblem(value: unknown, limits: JsonLimits = DEFAULT_JSON_LIMITS): string | null {
  const stack: { value: unknown; depth: number }[] = [{ value, depth: 1 }];
  let nodes = 0;
  while (stack.length > 0) {
    const { value: current, depth } = stack.pop()!;
    nodes += 1;
    if (nodes > limits.maxNodes) return `more than ${limits.maxNodes} values`;
    if (typeof current === "string") {
      if (current.length > limits.maxStringLength) return `a string longer than ${limits.maxStringLength}`;
      continue;
    }
    if (typeof current !== "object" || current === null) continue;
    if (depth > limits.maxDepth) return `nested deeper than ${limits.maxDepth}`;
    if (Array.isArray(current)) {
      for (const item of current as unknown[]) stack.push({ value: item, depth: depth + 1 });
      continue;
    }
    for (const [key, item] of Object.entries(current)) {
      if (key.length > limits.maxStringLength) return `a key longer than ${limits.maxStringLength}`;
      stack.push({ value: item, depth: depth + 1 });
    }
  }
  return null;
}

/** A restify handler (after a body parser) that answers 400 to a body outside the limits. */
export function jsonShapeGuard(limits: JsonLimits = DEFAULT_JSON_LIMITS): restify.RequestHandler {
  return (req, res, next) => {
    const problem = jsonShapeProblem(req.body, limits);
    if (problem === null) return next();
    res.send(400, { error: { code: "BadArgument", message: `body refused: ${problem}` } });
    return next(false);
  };
}
