/**
 * `npm ci` stays quiet: no peer-dependency conflict (the ERESOLVE react warnings came from
 * botframework-webchat's react-redux 7, which wants react ≤ 18; `overrides` pins react 18, the
 * browser bundle carries its own copy anyway) and every package with an install script is
 * reviewed in `allowScripts` (true: it runs; false: skipped without a warning).
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";

const root = path.resolve(__dirname, "../..");
const pkg = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as {
  allowScripts: Record<string, boolean>;
  overrides?: Record<string, string>;
};
const lock = JSON.parse(readFileSync(path.join(root, "package-lock.json"), "utf8")) as {
  packages: Record<string, { version?: string; hasInstallScript?: boolean }>;
};

function nameOf(lockPath: string): string {
  return lockPath.slice(lockPath.lastIndexOf("node_modules/") + "node_modules/".length);
}

describe("quiet install", () => {
  it("every package with an install script has a decision in allowScripts", () => {
    const withScripts = Object.entries(lock.packages)
      .filter(([p, meta]) => p !== "" && meta.hasInstallScript)
      .map(([p]) => nameOf(p));
    expect(withScripts.length).toBeGreaterThan(0);
    expect([...new Set(withScripts)].filter((name) => !(name in pkg.allowScripts))).toEqual([]);
  });

  it("the locked react satisfies the web chat's react-redux peer range", () => {
    expect(pkg.overrides?.react).toBeDefined();
    const reacts = Object.entries(lock.packages).filter(([p]) => /(^|\/)node_modules\/react$/.test(p));
    expect(reacts.map(([, meta]) => meta.version?.split(".")[0])).toEqual(["18"]);
  });

  it("npm finds no invalid (conflicting) dependency in the installed tree", () => {
    const ls = spawnSync("npm", ["ls", "--all"], { cwd: root, encoding: "utf8", timeout: 120_000 });
    expect(ls.stdout).not.toMatch(/\binvalid\b/);
    expect(ls.status).toBe(0);
  });
});
