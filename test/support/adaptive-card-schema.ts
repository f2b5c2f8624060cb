/** A validator for the published Adaptive Card 1.5 schema (data/schemas), for tests. */
import fs from "node:fs";
import path from "node:path";
import Ajv, { type ValidateFunction } from "ajv";
import draft06 from "ajv/dist/refs/json-schema-draft-06.json";

const schemaPath = path.resolve(__dirname, "../fixtures/schemas/adaptive-card-1.5.json");

export function adaptiveCardValidator(): ValidateFunction {
  // URLs are not what these tests are about: the schema's uri formats are accepted as given.
  const ajv = new Ajv({ strict: false, allErrors: true, formats: { uri: true, "uri-reference": true } });
  ajv.addMetaSchema(draft06);
  // The published schema names its id with draft-04 style `id`; Ajv 8 wants `$id`.
  const { id, ...schema } = JSON.parse(fs.readFileSync(schemaPath, "utf8"));
  return ajv.compile({ $id: id, ...schema });
}
