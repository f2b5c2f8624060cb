/**
 * Loads the catalogue of systems and units: the default one shipped with the product, extended or
 * overridden by a hospital's JSON file (CATALOGUE_FILE).
 *
 * Merge rules for a hospital file:
 * - a system whose id already exists keeps its place; the file's aliases are added to it, and the
 *   file's label (when given) replaces the default label. `"replaceAliases": true` drops the
 *   default aliases instead of adding to them;
 * - a system with a new id is added (before `other`, which stays last);
 * - units whose name already exists gain the file's aliases; new units are added.
 * Every problem is reported in plain words as a ConfigError.
 */
import { readFileSync } from "node:fs";
import { z } from "zod";
import {
  CatalogueSchema,
  CatalogueSystemSchema,
  CatalogueUnitSchema,
  type Catalogue,
  type CatalogueSystem,
  type CatalogueUnit,
} from "../domain/catalogue";
import { ConfigError } from "../domain/errors";
import defaultCatalogueJson from "./default-catalogue.json";
import productAliasesJson from "./product-aliases.json";
import { plainZodError } from "./plain-zod-errors";

/** The shape of a hospital's override file: everything optional, systems may omit the label. */
export const CatalogueOverrideSchema = z
  .object({
    systems: z
      .array(
        CatalogueSystemSchema.extend({
          label: z.string().min(1).optional(),
          replaceAliases: z.boolean().optional(),
        }),
      )
      .default([]),
    units: z.array(CatalogueUnitSchema).default([]),
  })
  .strict();
export type CatalogueOverride = z.infer<typeof CatalogueOverrideSchema>;

/**
 * The product's default catalogue, validated (a broken default is a programming error), with the
 * product names of product-aliases.json added to its systems: about 1,200 names of real hospital
 * products worldwide (EHR/KIS/PAS products and modules, LIS, PACS, pumps, monitors, cabinets, nurse
 * call, SSO, VDI, telehealth …), listed from general knowledge by a colleague who never saw the
 * labelled messages. Left out: names that are also ordinary words or belong to two systems, and
 * one-word names that are on the personal-name lists (a patient could be called that).
 */
export function defaultCatalogue(): Catalogue {
  const catalogue = CatalogueSchema.parse(defaultCatalogueJson);
  const products = ProductNamesSchema.parse(productAliasesJson);
  for (const system of catalogue.systems) {
    const known = new Set(system.aliases.map((a) => a.toLowerCase()));
    system.products = uniqueCaseless((products[system.id] ?? []).filter((p) => !known.has(p.toLowerCase())));
  }
  return catalogue;
}

/** product-aliases.json: system id → product names. */
const ProductNamesSchema = z.record(z.string(), z.array(z.string().min(1)));

export function loadCatalogue(file?: string): Catalogue {
  const base = defaultCatalogue();
  if (file === undefined || file.trim() === "") return base;
  return mergeCatalogue(base, readOverride(file));
}

function readOverride(file: string): CatalogueOverride {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === "ENOENT" ? "the file does not exist" : `it cannot be read (${code ?? "unknown error"})`;
    throw new ConfigError([`CATALOGUE_FILE ${file}: ${why}`]);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new ConfigError([`CATALOGUE_FILE ${file} is not valid JSON: ${jsonProblem(text, err)}`]);
  }
  const parsed = CatalogueOverrideSchema.safeParse(json, { error: plainZodError });
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const where = issue.path.length > 0 ? issue.path.join(".") : "(top level)";
        return `CATALOGUE_FILE ${file}: ${where} ${issue.message}`;
      }),
    );
  }
  return parsed.data;
}

/** Turns JSON.parse's message into "line L, column C: ..." when it names a position. */
function jsonProblem(text: string, err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  const match = /position (\d+)/.exec(message);
  if (!match?.[1]) return message;
  const position = Number(match[1]);
  const before = text.slice(0, position);
  const line = before.split("\n").length;
  const column = position - before.lastIndexOf("\n");
  return `line ${line}, column ${column}: ${message}`;
}

export function mergeCatalogue(base: Catalogue, override: CatalogueOverride): Catalogue {
  const systems: CatalogueSystem[] = base.systems.map((s) => ({
    ...s,
    aliases: [...s.aliases],
    products: [...s.products],
  }));
  for (const incoming of override.systems) {
    const existing = systems.find((s) => s.id === incoming.id);
    if (existing) {
      if (incoming.label) existing.label = incoming.label;
      existing.aliases = uniqueCaseless([...(incoming.replaceAliases ? [] : existing.aliases), ...incoming.aliases]);
      existing.products = uniqueCaseless([...(incoming.replaceAliases ? [] : existing.products), ...incoming.products]);
    } else {
      const added = {
        id: incoming.id,
        label: incoming.label ?? incoming.id,
        aliases: uniqueCaseless(incoming.aliases),
        products: uniqueCaseless(incoming.products),
      };
      const otherIndex = systems.findIndex((s) => s.id === "other");
      systems.splice(otherIndex === -1 ? systems.length : otherIndex, 0, added);
    }
  }
  const units: CatalogueUnit[] = base.units.map((u) => ({ ...u, aliases: [...u.aliases] }));
  for (const incoming of override.units) {
    const existing = units.find((u) => u.name.toLowerCase() === incoming.name.toLowerCase());
    if (existing) existing.aliases = uniqueCaseless([...existing.aliases, ...incoming.aliases]);
    else units.push({ name: incoming.name, aliases: uniqueCaseless(incoming.aliases) });
  }
  return CatalogueSchema.parse({ systems, units });
}

function uniqueCaseless(values: string[]): string[] {
  const seen = new Set<string>();
  return values.filter((v) => {
    const key = v.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
