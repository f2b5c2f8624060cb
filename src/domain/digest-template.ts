/**
 * The deterministic narrator: 3–5 plain bullets built only from the figures in DigestFacts.
 * The default without an LLM, and the fallback when the LLM fails or gets a number wrong.
 */
import type { DigestFacts, DigestNarrator, NamedCount } from "./digest-facts";
import { countText } from "./count-text";

function duration(hours: number, days: number | null): string {
  return hours >= 48 && days !== null ? `${days} days` : `${hours} hours`;
}

function volumeBullet(f: DigestFacts): string {
  if (f.reports === 0) return "No reports came in this week.";
  const head = `${countText(f.reports, "report")} this week`;
  if (f.previousWeek === 0) return `${head}, none the week before.`;
  if (f.change === 0) return `${head}, the same as the week before.`;
  const dir = f.change > 0 ? "up" : "down";
  const pct = f.changePct === null ? "" : ` (${Math.abs(f.changePct)}%)`;
  return `${head}, ${dir} ${Math.abs(f.change)}${pct} from ${f.previousWeek} the week before.`;
}

function safetyBullet(f: DigestFacts): string | null {
  if (f.patientSafety === 0 && f.openHighCritical === 0) return null;
  const parts: string[] = [];
  if (f.patientSafety > 0) parts.push(`${countText(f.patientSafety, "report")} could affect patient safety`);
  if (f.openHighCritical > 0) {
    const oldest =
      f.oldestOpenDays !== null && f.oldestOpenDays > 0 ? `, the oldest ${countText(f.oldestOpenDays, "day")} old` : "";
    parts.push(
      `${f.openHighCritical} critical or high ${f.openHighCritical === 1 ? "item is" : "items are"} still open${oldest}`,
    );
  }
  const s = parts.join("; ");
  return `${s.charAt(0).toUpperCase()}${s.slice(1)}.`;
}

function where(list: NamedCount[], what: string): string | null {
  const top = list[0];
  if (!top || top.count === 0) return null;
  return `${top.name} (${top.count})`.concat(what);
}

/** "; rising since last week: ICU (from 3 to 8)", or "" when nothing rose. */
function riserClause(f: DigestFacts): string {
  const r = f.risers[0];
  if (!r || r.previous === undefined) return "";
  return `; rising since last week: ${r.name} (from ${r.previous} to ${r.count})`;
}

function hotspotBullet(f: DigestFacts): string | null {
  const rising = riserClause(f);
  const hotspot = f.topHotspots[0];
  if (hotspot && hotspot.count >= 2) {
    const system = where(f.topSystems, "");
    return `Hotspot: ${hotspot.name} with ${countText(hotspot.count, "report")}${system ? `; most reported system overall: ${system}` : ""}${rising}.`;
  }
  const system = where(f.topSystems, "");
  const kind = where(f.topKinds, "");
  if (!system || !kind) return rising ? `${rising.slice(2).replace(/^./, (c) => c.toUpperCase())}.` : null;
  return `Most reports concern ${system}; the most common kind is ${kind}${rising}.`;
}

function themesBullet(f: DigestFacts): string | null {
  const areas = [
    { one: "training need", count: f.training },
    { one: "workflow gap", count: f.workflow },
    { one: "data-quality issue", count: f.dataQuality },
    { one: "terminology issue", count: f.terminology },
    { one: "data-protection concern", count: f.dataProtection },
  ].filter((a) => a.count > 0);
  const parts = areas.slice(0, 3).map((a) => countText(a.count, a.one));
  const recurring =
    f.recurringThemes > 0 && f.largestThemeSize !== null
      ? `${countText(f.recurringThemes, "recurring problem")} (the largest reported ${countText(f.largestThemeSize, "time")})`
      : null;
  if (!parts.length && !recurring) return null;
  if (!parts.length) return `${recurring ?? ""}.`.replace(/^./, (c) => c.toUpperCase());
  return `For the CMIO: ${parts.join(", ")}${recurring ? `; ${recurring}` : ""}.`;
}

function responseBullet(f: DigestFacts): string | null {
  const parts: string[] = [];
  if (f.resolved > 0) parts.push(`IT resolved ${countText(f.resolved, "report")}`);
  if (f.medianAckHours !== null)
    parts.push(`median time to acknowledge ${duration(f.medianAckHours, f.medianAckDays)}`);
  if (f.medianResolveHours !== null)
    parts.push(`median time to resolve ${duration(f.medianResolveHours, f.medianResolveDays)}`);
  if (!parts.length) return null;
  const s = parts.join("; ");
  return `${s.charAt(0).toUpperCase()}${s.slice(1)}.`;
}

/** The bullets, in order of importance; always 3–5. */
export function templateBullets(f: DigestFacts): string[] {
  const bullets = [volumeBullet(f), safetyBullet(f), hotspotBullet(f), themesBullet(f), responseBullet(f)].filter(
    (b): b is string => b !== null,
  );
  const fillers = [
    "No patient-safety reports and no open critical or high items.",
    "No recurring problems stood out.",
    "Nothing was resolved this week.",
  ];
  for (const filler of fillers) if (bullets.length < 3) bullets.push(filler);
  return bullets.slice(0, 5);
}

export const templateNarrator: DigestNarrator = {
  name: "template",
  write: (facts) => Promise.resolve(templateBullets(facts)),
};
