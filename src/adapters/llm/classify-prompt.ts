/**
 * The classification prompt: a versioned text file (prompts/classify.md) with a `[system]` and a
 * `[user]` section. The system section lists the catalogue's systems; the user section wraps the
 * redacted report between <report> markers, so the model sees it as data, never as instructions.
 */
import { readFileSync } from "node:fs";
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import type { Catalogue } from "../../domain/catalogue";
import { ConfigError } from "../../domain/errors";
import type { RedactedText } from "../../domain/redacted-text";

export interface ChatMessage {
  role: "system" | "user" | "assistant";
  content: string;
}

export interface PromptTemplate {
  /** The prompt body after the front-matter: `[system]` … `[user]` … */
  template: string;
  /** From the front-matter; stored with each classification as `promptVersion`. */
  version: string;
}

const FrontMatterSchema = z.object({ version: z.string().min(1) });
const SYSTEMS_SLOT = "{{systems}}";
const TEXT_SLOT = "{{text}}";
/** Aliases named per system in the prompt, besides its label (the rest serve the offline matcher). */
const MAX_ALIASES_IN_PROMPT = 3;

export function loadPrompt(path: string): PromptTemplate {
  let raw: string;
  try {
    raw = readFileSync(path, "utf8");
  } catch (err) {
    throw new ConfigError([`prompt file ${path} cannot be read (${(err as Error).message})`]);
  }
  return parsePrompt(raw, path);
}

export function parsePrompt(raw: string, origin = "prompt"): PromptTemplate {
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n([\s\S]*)$/.exec(raw);
  if (!match) throw new ConfigError([`${origin} must start with a front-matter block (--- version: … ---)`]);
  const front = FrontMatterSchema.safeParse(parseYaml(match[1] ?? ""));
  if (!front.success) throw new ConfigError([`${origin} front-matter needs a "version" string`]);
  const template = match[2] ?? "";
  const sections = splitSections(template);
  const problems: string[] = [];
  if (!sections) problems.push(`${origin} needs a [system] section followed by a [user] section`);
  else {
    if (!sections.system.includes(SYSTEMS_SLOT)) problems.push(`${origin} [system] section lacks ${SYSTEMS_SLOT}`);
    if (!sections.user.includes(TEXT_SLOT)) problems.push(`${origin} [user] section lacks ${TEXT_SLOT}`);
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return { template, version: front.data.version };
}

function splitSections(template: string): { system: string; user: string } | null {
  const match = /^\[system\]\r?\n([\s\S]*?)^\[user\]\r?\n([\s\S]*)$/m.exec(template);
  if (!match) return null;
  return { system: (match[1] ?? "").trim(), user: (match[2] ?? "").trim() };
}

/**
 * One line per catalogue system: `id: label, alias, alias`. To keep the prompt short it names the
 * label only when it says more than the id, and a few aliases that are not variants of each
 * other (spellings, plurals, misspellings are for the offline matcher). `other` is in the prompt.
 */
export function renderSystemList(catalogue: Catalogue): string {
  return catalogue.systems
    .filter((s) => s.id !== "other")
    .map((s) => {
      const chosen: string[] = [];
      const seen = [normalise(s.id)];
      for (const name of [s.label, ...s.aliases]) {
        if (chosen.length > MAX_ALIASES_IN_PROMPT) break;
        const key = normalise(name);
        if (key === "" || seen.some((other) => isVariant(key, other))) continue;
        seen.push(key);
        chosen.push(name);
      }
      return chosen.length > 0 ? `${s.id}: ${chosen.join(", ")}` : s.id;
    })
    .join("\n");
}

function normalise(name: string): string {
  return name.toLowerCase().replace(/[^\p{L}\p{N}]/gu, "");
}

function isVariant(a: string, b: string): boolean {
  if (a.includes(b) || b.includes(a)) return true;
  return Math.min(a.length, b.length) >= 4 && editDistance(a, b) <= 2;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/** Neutralises anything in the report that could close or reopen the data markers. */
export function fenceReportText(text: RedactedText): string {
  return text.replace(/<\s*\/?\s*report\b[^>]*>/gi, "[marker removed]");
}

export function buildClassifyMessages(text: RedactedText, catalogue: Catalogue, template: string): ChatMessage[] {
  const sections = splitSections(template);
  if (!sections) throw new ConfigError(["classification prompt needs [system] and [user] sections"]);
  const system = sections.system.split(SYSTEMS_SLOT).join(renderSystemList(catalogue));
  const user = sections.user.split(TEXT_SLOT).join(fenceReportText(text));
  return [
    { role: "system", content: system },
    { role: "user", content: user },
  ];
}
