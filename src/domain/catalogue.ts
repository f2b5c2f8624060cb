/** The catalogue of systems (with local aliases) and units. Data, not code: see config/catalogue.ts. */
import { z } from "zod";

export const CatalogueSystemSchema = z.object({
  id: z.string().regex(/^[a-z][a-z0-9_]*$/, "system ids are lower_snake_case"),
  label: z.string().min(1),
  aliases: z.array(z.string().min(1)).default([]),
  /**
   * Names of commercial products that mean this system ("Sectra IDS7", "Imprivata OneSign"): they
   * name the system in a report or an answer like aliases do, but are not local words the redactor
   * spares (a product name can be a patient's surname) and are too many for the LLM prompt.
   */
  products: z.array(z.string().min(1)).default([]),
});
export type CatalogueSystem = z.infer<typeof CatalogueSystemSchema>;

export const CatalogueUnitSchema = z.object({
  name: z.string().min(1),
  aliases: z.array(z.string().min(1)).default([]),
});
export type CatalogueUnit = z.infer<typeof CatalogueUnitSchema>;

export const CatalogueSchema = z.object({
  systems: z.array(CatalogueSystemSchema).min(1),
  units: z.array(CatalogueUnitSchema).default([]),
});
export type Catalogue = z.infer<typeof CatalogueSchema>;

export function systemLabel(catalogue: Catalogue, id: string): string {
  return catalogue.systems.find((s) => s.id === id)?.label ?? id;
}

export function systemIds(catalogue: Catalogue): string[] {
  return catalogue.systems.map((s) => s.id);
}
