/**
 * Record numbers beyond the MRN: insurance member and policy ids (labelled), the Medicare MBI
 * (by its published format), SSNs typed with spaces, and serial numbers of a patient's implant.
 */
import type { Rule } from "./identifier-patterns";

const MEMBER_LABEL =
  "(?:member|subscriber|policy|insurance|insurer|medicaid|medicare|beneficiary|plan|group|HICN|MBI|Versicherten|Versicherungs|Mitglieds|afiliad[oa]|afiliaci[oó]n|p[oó]liza|assur[ée]|mutuelle|ubezpieczeni[ae]|NFZ)";
/** MBI characters: letters without S, L, O, I, B, Z. */
const MBI_ALPHA = "[AC-HJKMNP-RT-Y]";
const MBI_ALNUM = "[AC-HJKMNP-RT-Y\\d]";

export const RECORD_RULES: Rule[] = [
  {
    type: "MRN",
    pattern: new RegExp(
      `\\b${MEMBER_LABEL}\\s*(?:id|#|no\\.?|number|nummer|n[uú]mero|nr\\.?|num\\.?)?\\s*(?:id|#|no\\.?)?\\s*[:#]?\\s*([A-Z0-9][A-Z0-9-]{4,}[A-Z0-9])\\b`,
      "giu",
    ),
    group: 1,
    accept: (v) => (v.match(/\d/g)?.length ?? 0) >= 3,
    minDigits: 3,
  },
  {
    type: "MRN",
    pattern: new RegExp(
      `\\b[1-9]${MBI_ALPHA}${MBI_ALNUM}\\d-?${MBI_ALPHA}${MBI_ALNUM}\\d-?${MBI_ALPHA}{2}\\d{2}\\b`,
      "g",
    ),
    group: 0,
    minDigits: 4,
  },
  { type: "NATIONAL_ID", pattern: /\b\d{3} \d{2} \d{4}\b/g, group: 0, minDigits: 9 },
  {
    type: "MRN",
    pattern:
      /\b(?:ICD|AICD|pacemaker|PPM|LVAD|VAD|implant(?:ed)?|neurostimulator|stimulator|cochlear|CGM|insulin pump|defibrillator|Herzschrittmacher|marcapasos|stimulateur)\b[^.\n]{0,40}?\b(?:serial|SN|S\/N|serial no\.?|serial number|device id|Seriennummer|n[uú]mero de serie|num[ée]ro de s[ée]rie)\s*[:#]?\s*([A-Z0-9][A-Z0-9-]{4,})/giu,
    group: 1,
    minDigits: 3,
  },
];
