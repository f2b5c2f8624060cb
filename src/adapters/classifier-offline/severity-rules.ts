/**
 * Severity and patient-safety rules, on the folded text (see text-prep.ts; wording in
 * severity-cues.ts).
 * critical: harm happening or imminent (a code, a stroke alert, a double dose, bleeding, "declining
 *   right now"), or a clinical system down for a whole unit with no workaround.
 * high: care delayed, a risky workaround, many users, or a patient-safety problem (a whole unit
 *   down but working around it is high, not critical).
 * medium: work slowed, a safe workaround exists. low: cosmetic, a question, a suggestion.
 * A terminology mix-up that can change treatment is medium until someone acted on it.
 */
import type { Kind, Severity } from "../../domain/taxonomy";
import {
  CLINICAL_AFTER_ALL,
  HARM,
  HIGH,
  LOW,
  MANY_USERS,
  MEDIUM,
  MISREAD,
  NO_WORKAROUND,
  NOT_CLINICAL,
  SAFE_WORKAROUND,
  SAFETY,
  WHOLE_UNIT_DOWN,
  WORKAROUND,
} from "./severity-cues";

/** Systems whose failure plausibly delays treatment. */
const CLINICAL_DEVICES = new Set([
  "bcma",
  "infusion_pump",
  "patient_monitoring",
  "dispensing_cabinet",
  "imaging_pacs",
  "lab_system",
]);
/** Systems whose wrong or missing data plausibly changes treatment. */
const CLINICAL_DATA = new Set([...CLINICAL_DEVICES, "pharmacy_system"]);
/** Systems a whole-unit outage of which is a clinical emergency. */
const CLINICAL_SYSTEMS = new Set([...CLINICAL_DATA, "ehr", "communication", "network", "workstation"]);

/** Systems whose trouble does not touch care unless the wording says so. */
const OFFICE_SYSTEMS = new Set(["office_apps"]);

export interface SeverityInput {
  folded: string;
  kind: Kind;
  system: string;
  emojiTerse: boolean;
  /** Tags of the kind wording that won (kind-lexicon.ts), e.g. "shared-login", "wish". */
  tags?: readonly string[];
}

export interface SeverityOutcome {
  severity: Severity;
  patientSafety: boolean;
  /** False when no wording said anything about impact: the bot should ask. */
  impactStated: boolean;
  /** True when harm or a whole-unit outage was named: a cue strong enough to overrule a model. */
  strong?: boolean;
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

/** Tests patterns on one text, each at most once (the rules ask some several times). */
function memoTest(folded: string): (pattern: RegExp) => boolean {
  const seen = new Map<RegExp, boolean>();
  return (pattern) => {
    let found = seen.get(pattern);
    if (found === undefined) {
      found = pattern.test(folded);
      seen.set(pattern, found);
    }
    return found;
  };
}

export function patientSafetyOf(input: SeverityInput, test = memoTest(input.folded)): boolean {
  const { folded, kind, system } = input;
  if (kind === "privacy_security" || kind === "training_need" || kind === "other") return false;
  const adminData = test(NOT_CLINICAL) && !test(CLINICAL_AFTER_ALL);
  if (test(SAFETY)) return !(kind === "data_quality" && adminData);
  if (kind === "terminology") return /order|med|dose|protocol|diet|fluid|drug/.test(folded);
  if (kind === "data_quality") return CLINICAL_DATA.has(system) && !adminData;
  // A broken drawer, lock or clip is not a treatment delay unless medication is named too.
  if (kind === "disruption")
    return (
      CLINICAL_DEVICES.has(system) && (!/drawer|lock|clip/.test(folded) || /\b(?:iv|bags?|meds?|doses?)\b/.test(folded))
    );
  if (kind === "access") return CLINICAL_DEVICES.has(system) && MANY_USERS.test(folded);
  return false;
}

export function severityOf(input: SeverityInput): SeverityOutcome {
  const { folded, kind, system } = input;
  const tags = input.tags ?? [];
  const test = memoTest(folded);
  const patientSafety = patientSafetyOf(input, test);
  if (test(HARM)) return { severity: "critical", patientSafety: true, impactStated: true, strong: true };
  // A unit-wide outage with no downtime fallback is critical whichever system was named.
  if (test(WHOLE_UNIT_DOWN) && kind === "disruption" && test(NO_WORKAROUND))
    return { severity: "critical", patientSafety: true, impactStated: true, strong: true };
  if (test(WHOLE_UNIT_DOWN) && (kind === "disruption" || kind === "access") && CLINICAL_SYSTEMS.has(system)) {
    const critical = test(NO_WORKAROUND) || !test(WORKAROUND);
    return { severity: critical ? "critical" : "high", patientSafety: true, impactStated: true, strong: true };
  }
  // An emoji-only message states no impact: low, and patient safety only when its words say so.
  if (input.emojiTerse) return { severity: "low", patientSafety: test(SAFETY), impactStated: false };
  const high = test(HIGH) || (kind === "privacy_security" && tags.includes("shared-login"));
  // A design or naming problem that could affect a patient is medium until it was acted on;
  // a design flaw of a bedside device (inaudible or ignored alarms) is in the care loop itself.
  const designOnly =
    (kind === "usability" && !CLINICAL_DEVICES.has(system)) || (kind === "terminology" && !test(MISREAD));
  if (designOnly && patientSafety && !high) return { severity: "medium", patientSafety, impactStated: true };
  // A safe workaround already in use (a spare device, a retry) or mere slowness keeps it medium
  // when no wording named a delay in care.
  const slowedOnly = !test(HIGH) && !test(SAFETY) && test(MEDIUM);
  if (test(SAFE_WORKAROUND) || (patientSafety && slowedOnly))
    return { severity: "medium", patientSafety, impactStated: true };
  if (high || patientSafety) return { severity: "high", patientSafety, impactStated: true };
  const officeOnly =
    OFFICE_SYSTEMS.has(system) && (kind === "disruption" || kind === "access" || kind === "workflow_gap");
  const adminOnly = officeOnly || ((kind === "data_quality" || kind === "access") && test(NOT_CLINICAL));
  const wishOnly = kind === "workflow_gap" && tags.length > 0 && tags.every((t) => t === "wish");
  if (test(LOW) || adminOnly || wishOnly) return { severity: "low", patientSafety, impactStated: true };
  if (test(MEDIUM))
    return { severity: BASE[kind] === "low" ? "medium" : BASE[kind], patientSafety, impactStated: true };
  return {
    severity: BASE[kind],
    patientSafety,
    impactStated: kind === "training_need" || kind === "other" || folded.length > 60,
  };
}
