/**
 * Builds the Teams app package (the zip uploaded in Teams admin center / Developer Portal) from
 * manifests/teams and the configuration: MICROSOFT_APP_ID becomes the app and bot id, the host of
 * PUBLIC_BASE_URL the valid domain.
 *
 *   MICROSOFT_APP_ID=… PUBLIC_BASE_URL=https://feedback.example.org npm run teams:package [-- --out teams-app.zip]
 *   npm run teams:package -- --icons     (re-renders color.png and outline.png from the SVGs below)
 */
import fs from "node:fs";
import path from "node:path";
import { Resvg } from "@resvg/resvg-js";
import { zipSync } from "fflate";

const MANIFEST_DIR = path.resolve(__dirname, "../manifests/teams");
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface TeamsPackageConfig {
  appId: string;
  publicBaseUrl: string;
}

/** The manifest with its placeholders filled; throws on a missing or malformed setting. */
export function fillManifest(template: string, config: TeamsPackageConfig): Record<string, unknown> {
  const problems: string[] = [];
  if (!GUID.test(config.appId)) problems.push("MICROSOFT_APP_ID must be the bot's Microsoft App ID (a GUID)");
  let url: URL | null = null;
  try {
    url = new URL(config.publicBaseUrl);
    if (url.protocol !== "https:") problems.push("PUBLIC_BASE_URL must be https:// (Teams only calls HTTPS endpoints)");
  } catch {
    problems.push("PUBLIC_BASE_URL must be a URL, e.g. https://feedback.example-hospital.org");
  }
  if (problems.length > 0 || !url) throw new Error(problems.join("; "));
  const base = url.origin + url.pathname.replace(/\/$/, "");
  const values: Record<string, string> = {
    MICROSOFT_APP_ID: config.appId.toLowerCase(),
    PUBLIC_BASE_URL: base,
    PUBLIC_DOMAIN: url.host,
  };
  const filled = template.replace(/\{\{([A-Z_]+)\}\}/g, (whole, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`manifest placeholder ${whole} has no value`);
    // Values land inside JSON strings.
    return JSON.stringify(value).slice(1, -1);
  });
  return JSON.parse(filled) as Record<string, unknown>;
}

export function buildTeamsPackage(config: TeamsPackageConfig, dir = MANIFEST_DIR): Uint8Array {
  const manifest = fillManifest(fs.readFileSync(path.join(dir, "manifest.json"), "utf8"), config);
  return zipSync({
    "manifest.json": new TextEncoder().encode(JSON.stringify(manifest, null, 2)),
    "color.png": fs.readFileSync(path.join(dir, "color.png")),
    "outline.png": fs.readFileSync(path.join(dir, "outline.png")),
  });
}

/** Full-colour icon (192×192): a speech bubble with a cross on the accent colour. */
export const COLOR_ICON_SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="192" height="192" viewBox="0 0 192 192">
  <rect width="192" height="192" rx="36" fill="#0F6CBD"/>
  <path d="M46 52h100a14 14 0 0 1 14 14v52a14 14 0 0 1-14 14H92l-26 22v-22H46a14 14 0 0 1-14-14V66a14 14 0 0 1 14-14z" fill="#fff"/>
  <path d="M88 70h16v16h16v16h-16v16H88v-16H72V86h16z" fill="#0F6CBD"/>
</svg>`;

/** Outline icon (32×32): white on transparent, as Teams requires. */
export const OUTLINE_ICON_SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="32" height="32" viewBox="0 0 32 32">
  <path d="M7 7h18a3 3 0 0 1 3 3v9a3 3 0 0 1-3 3h-8l-5 4v-4H7a3 3 0 0 1-3-3v-9a3 3 0 0 1 3-3z" fill="none" stroke="#fff" stroke-width="2" stroke-linejoin="round"/>
  <path d="M15 10h2v3h3v2h-3v3h-2v-3h-3v-2h3z" fill="#fff"/>
</svg>`;

export function renderIcons(dir = MANIFEST_DIR): void {
  const png = (svg: string) => new Resvg(svg, { background: "rgba(0,0,0,0)" }).render().asPng();
  fs.writeFileSync(path.join(dir, "color.png"), png(COLOR_ICON_SVG));
  fs.writeFileSync(path.join(dir, "outline.png"), png(OUTLINE_ICON_SVG));
}

function main(argv: string[]): void {
  if (argv.includes("--icons")) {
    renderIcons();
    console.log(`icons written to ${MANIFEST_DIR}`);
    return;
  }
  const outAt = argv.indexOf("--out");
  const out = path.resolve(outAt >= 0 && argv[outAt + 1] ? argv[outAt + 1]! : "teams-app.zip");
  const zip = buildTeamsPackage({
    appId: process.env.MICROSOFT_APP_ID ?? "",
    publicBaseUrl: process.env.PUBLIC_BASE_URL ?? "",
  });
  fs.writeFileSync(out, zip);
  console.log(
    `Teams app package written to ${out} (${zip.length} bytes). Upload it in Teams: Apps > Manage your apps > Upload an app.`,
  );
}

if (require.main === module) {
  try {
    main(process.argv.slice(2));
  } catch (err) {
    console.error(`teams:package failed: ${(err as Error).message}`);
    process.exitCode = 1;
  }
}
