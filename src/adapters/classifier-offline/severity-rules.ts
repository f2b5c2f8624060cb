/**
 * Severity and patient-safety rules, on the folded text (see text-prep.ts).
 * critical: harm happening or imminent (a code, a stroke alert, "declining right now", a patient
 *   on the table with no backup), or a whole unit down with no workaround.
 * high: care delayed, a risky workaround, many users, or a patient-safety problem.
 * medium: work slowed, a safe workaround exists. low: cosmetic, a question, a suggestion.
 */
import type { Kind, Severity } from "../../domain/taxonomy";

const re = (source: string): RegExp => new RegExp(`(?<![a-z0-9])(?:${source})(?![a-z0-9])`);

const CRITICAL = re(
  "on the table|nobody (?:is )?(?:watching|monitoring)|not being monitored|unmonitored|trauma (?:coming|incoming|arriving|on the way)|(?:coming|arriving) in \\d+ min|stroke alert|code stroke|code blue|rapid response|(?:pt|patient|she|he) (?:is |was )?coding|arrest(?:ed|ing)?|cardiac arrest|declining|deteriorating|crashing (?:pt|patient)|tpa clock|clock is running|septic|came back in|readmitted|died|harmed|bp dropped|dropped to the|desat(?:ting|urating)?|before we caught it|overdose[d]?|whole (?:hospital|unit|floor|ed) (?:is )?down|entire (?:hospital|unit|floor) (?:is )?down|all (?:monitors|pumps|computers) (?:are )?down|backup (?:won't|doesn't|is down|failed)",
);
const HIGH = re(
  "mid-?(?:case|procedure|surgery)|waiting on (?:images|results|labs)|leaving without|can't (?:chart|give|document|hang|order|scan|prescribe|dispense)|no way to (?:chart|give|document)|everyone|nobody can|no one can|a nadie|keiner|personne ne|nikt|whole (?:unit|floor|team|department)|entire (?:unit|floor|team|department|hospital)|all (?:the )?(?:nurses|users|staff|techs|units|floors|patients)|all of us|(?:share|shared|sharing) (?:passwords?|logins?)|log(?:s|ged)? (?:in|into) .{0,40} as|typed my password|clicked (?:the|a) link|compromised|controlled substance|narcotics?|narc drawer|won't lock|almost got|near miss|nearly gave|could have given|delay(?:ed|s)? (?:care|meds|treatment|discharge)|held when they shouldn't",
);
const LOW = re(
  "ugly|cosmetic|annoying|annoyance|minor|small thing|not urgent|no rush|whenever|suggestion|idea|would be nice|nice to have|every single time|who's responsible|(?:\\(lol\\)|\\(meh\\))$",
);
const MEDIUM = re(
  "alert fatigue|slow(?:s|ed|er)? (?:us|me|everything|down)|takes forever|keep hitting|re-?verify|in our heads|(?:every|each) (?:hour|shift|day)",
);

const SAFETY = re(
  "wrong (?:patient|pt|dose|rate|med|medication|drug|bottle|blood|chart|side|site)|previous (?:pt|patient)'?s?|another (?:pt|patient)'s|mixed in with|\\d+x the|ordered rate|overdose|missed (?:a |the )?(?:positive |critical )?(?:result|culture|lab|dose|med|alert|alarm)|med(?:s|ication)? (?:get |got |is |are )?(?:held|stopped|delayed|missed)|med is stopped|alarm(?:s|es|ing)?|alarme?s?|rhythms?|two charts|duplicate charts?|wrong chart|scanned as|as (?:her|his) twin|wrong (?:baby|twin)|can't hear|call light|nurse call|stroke|tpa|code status|dnr|full code|declining|on the table|mid-?(?:case|procedure)|waiting on images|septic|bp dropped|almost got|near miss|nearly gave|scripts|e-?prescri\\w*|results? (?:are )?(?:landing|going|filed)|under the (?:pt's |patient's )?old|reference (?:range|ranges|values)|referenzwerte|kalium|potassium|fluid|allerg(?:y|ies)|supposed to go on|wristband mismatch|meds get held",
);
const NOT_CLINICAL = re(
  "email|e-mail|portal|phone number|address|contacts|directory|intranet|payroll|timecards?|schedul\\w*|expenses?|pto",
);

const MANY_USERS = re(
  "everyone|everybody|nobody|no one|anyone|a nadie|todos|keiner|niemand|personne|nikt|all (?:of us|the nurses|nurses|staff|users)",
);

/** Systems whose failure plausibly delays treatment. */
const CLINICAL_DEVICES = new Set([
  "bcma",
  "infusion_pump",
  "patient_monitoring",
  "dispensing_cabinet",
  "imaging_pacs",
  "lab_system",
]);

export interface SeverityInput {
  folded: string;
  kind: Kind;
  system: string;
  emojiTerse: boolean;
}

export interface SeverityOutcome {
  severity: Severity;
  patientSafety: boolean;
  /** False when no wording said anything about impact: the bot should ask. */
  impactStated: boolean;
}

const BASE: Record<Kind, Severity> = {
  disruption: "medium",
  usability: "low",
  data_quality: "medium",
  access: "medium",
  training_need: "low",
  terminology: "medium",
  privacy_security: "medium",
  workflow_gap: "medium",
  other: "low",
};

export function patientSafetyOf({ folded, kind, system }: SeverityInput): boolean {
  if (kind === "privacy_security" || kind === "training_need" || kind === "other") return false;
  if (SAFETY.test(folded))
    return !(kind === "data_quality" && NOT_CLINICAL.test(folded) && !/result|dose|rate/.test(folded));
  if (kind === "terminology") return /order|med|dose|protocol|diet|fluid|drug/.test(folded);
  if (kind === "disruption") return CLINICAL_DEVICES.has(system) && !/drawer|lock|clip/.test(folded);
  if (kind === "access") return CLINICAL_DEVICES.has(system) && MANY_USERS.test(folded);
  return false;
}

export function severityOf(input: SeverityInput): SeverityOutcome {
  const { folded, kind } = input;
  const patientSafety = patientSafetyOf(input);
  if (CRITICAL.test(folded)) return { severity: "critical", patientSafety: true, impactStated: true };
  const high = HIGH.test(folded);
  if (high || patientSafety) return { severity: "high", patientSafety, impactStated: true };
  if (input.emojiTerse) return { severity: "low", patientSafety, impactStated: false };
  const adminOnly = (kind === "data_quality" || kind === "access") && NOT_CLINICAL.test(folded);
  if (LOW.test(folded) || adminOnly) return { severity: "low", patientSafety, impactStated: true };
  if (MEDIUM.test(folded))
    return { severity: BASE[kind] === "low" ? "medium" : BASE[kind], patientSafety, impactStated: true };
  return {
    severity: BASE[kind],
    patientSafety,
    impactStated: kind === "training_need" || kind === "other" || folded.length > 60,
  };
}
