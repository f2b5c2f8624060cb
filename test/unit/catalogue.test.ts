import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { defaultCatalogue, loadCatalogue } from "../../src/config/catalogue";
import { DEFAULT_SYSTEM_IDS } from "../../src/domain/taxonomy";
import { ConfigError } from "../../src/domain/errors";

const dir = mkdtempSync(path.join(tmpdir(), "catalogue-"));
const write = (name: string, content: string): string => {
  const file = path.join(dir, name);
  writeFileSync(file, content);
  return file;
};

function problemsOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as ConfigError).problems;
  }
  throw new Error("expected a ConfigError");
}

describe("catalogue", () => {
  it("ships every taxonomy system, with multilingual aliases, and common units", () => {
    const catalogue = defaultCatalogue();
    expect(catalogue.systems.map((s) => s.id)).toEqual([...DEFAULT_SYSTEM_IDS]);
    const printer = catalogue.systems.find((s) => s.id === "printer")!;
    expect(printer.aliases).toEqual(expect.arrayContaining(["imprimante", "Drucker", "drukarka", "impresora"]));
    const units = catalogue.units.flatMap((u) => [u.name, ...u.aliases]);
    expect(units).toEqual(
      expect.arrayContaining(["ED", "SICU", "CVICU", "Neuro ICU", "L&D", "Mother-Baby", "Cath lab"]),
    );
    expect(loadCatalogue()).toEqual(catalogue);
  });

  it("merges a hospital file: aliases added, labels replaced, new systems and units added", () => {
    const file = write(
      "hospital.json",
      JSON.stringify({
        systems: [
          { id: "ehr", label: "Epic (Hyperspace)", aliases: ["Hyperdrive"] },
          { id: "pyxis", aliases: ["Pyxis ES"], replaceAliases: true },
          { id: "wound_app", label: "Wound photo app", aliases: ["WoundSnap"] },
        ],
        units: [
          { name: "ED", aliases: ["Pit"] },
          { name: "Bone Marrow Transplant", aliases: ["BMT"] },
        ],
      }),
    );
    const catalogue = loadCatalogue(file);
    const ehr = catalogue.systems.find((s) => s.id === "ehr")!;
    expect(ehr.label).toBe("Epic (Hyperspace)");
    expect(ehr.aliases).toEqual(expect.arrayContaining(["Epic", "Hyperdrive"]));
    expect(catalogue.systems.find((s) => s.id === "wound_app")).toEqual({
      id: "wound_app",
      label: "Wound photo app",
      aliases: ["WoundSnap"],
      products: [],
    });
    expect(catalogue.systems.at(-1)!.id).toBe("other");
    expect(catalogue.units.find((u) => u.name === "ED")!.aliases).toContain("Pit");
    expect(catalogue.units.find((u) => u.name === "Bone Marrow Transplant")!.aliases).toEqual(["BMT"]);
  });

  it("says plainly when the file is missing", () => {
    expect(problemsOf(() => loadCatalogue(path.join(dir, "nope.json")))[0]).toMatch(/does not exist/);
  });

  it("gives the position of invalid JSON", () => {
    const file = write("broken.json", '{\n  "systems": [\n    { "id": "ehr", }\n  ]\n}');
    expect(problemsOf(() => loadCatalogue(file))[0]).toMatch(/not valid JSON: line 3, column \d+/);
  });

  it("lists every schema problem with its path", () => {
    const file = write("bad.json", JSON.stringify({ systems: [{ id: "Bad Id", aliases: [""] }], units: [{}] }));
    const problems = problemsOf(() => loadCatalogue(file));
    expect(problems.some((p) => p.includes("systems.0.id") && p.includes("lower_snake_case"))).toBe(true);
    expect(problems.some((p) => p.includes("systems.0.aliases.0"))).toBe(true);
    expect(problems.some((p) => p.includes("units.0.name"))).toBe(true);
  });
});
