/**
 * Record numbers beyond the MRN: insurance member and policy ids (labelled), the Medicare MBI
 * (by its published format), SSNs typed with spaces, serial numbers of a patient's implant, record
 * and case numbers under the many labels of five languages ("Fall 40012345", "case 2024-118833",
 * "Aufnahmenr.", "nº de historia", "numer księgi", "hospital no.", "expediente", "dossier") and,
 * with no label, the shapes registration systems print: a letter and six or more digits
 * ("V00338210", "K4471920"), six or more digits and a check letter ("0047731A"), a year and a
 * sequence ("2024-118833", "2025/00412"). A label that says serial, asset tag, ticket or error code
 * keeps a number of those shapes (protected-spans.ts).
 */
import type { Rule } from "./identifier-patterns";

const MEMBER_LABEL =
  "(?:member|subscriber|policy|insurance|insurer|medicaid|medicare|beneficiary|plan|group|HICN|MBI|Versicherten|Versicherungs|Mitglieds|afiliad[oa]|afiliaci[oó]n|p[oó]liza|assur[ée]|mutuelle|ubezpieczeni[ae]|NFZ)";
/** MBI characters: letters without S, L, O, I, B, Z. */
const MBI_ALPHA = "[AC-HJKMNP-RT-Y]";
const MBI_ALNUM = "[AC-HJKMNP-RT-Y\\d]";

/** Labels of a patient's record, case, admission or file number in the five languages. */
const CASE_LABEL =
  "(?:case|Fall(?:nummer|-?Nr\\.?)?|Aufnahme(?:nummer|-?Nr\\.?)|Aufnahmenr\\.?|Akte|Aktenzeichen|Patientennummer|Pat\\.-?Nr\\.?|hosp(?:ital)?\\.?(?: no\\.?| number| #| nr\\.?)|folder(?: no\\.?| number| #)|medical aid(?: no\\.?| number)?|Pat\\.?-?ID|unit(?: no\\.?| number)|UR(?: no\\.?| number)|registration(?: no\\.?| number| #)|chart(?: no\\.?| number| #)|file(?: no\\.?| number| #)|acc(?:oun)?t\\s?#|expediente|historia(?: cl[ií]nica)?|n[ºo°]\\.?\\s?(?:de\\s)?historia|dossier|IPP|NDA|num[ée]ro (?:de |du )?(?:dossier|patient|s[ée]jour)|n[ºo°] (?:de )?(?:dossier|s[ée]jour)|numer[yu]?|numerami|numerem|numer (?:ksi[ęe]gi(?: g[łl][óo]wnej)?|karty|historii(?: choroby)?|pacjenta|hospitalizacji)|nr (?:ksi[ęe]gi(?: g[łl][óo]wnej)?|karty|historii(?: choroby)?|pacjenta)|ksi[ęe]ga(?: g[łl][óo]wna)?)";
/** A record value: letters, digits, dashes and slashes with at least five digits in all. */
const CASE_VALUE = "[A-Z]{0,3}[-\\s]?\\d[\\dA-Z/-]{3,}[\\dA-Z]";

export const RECORD_RULES: Rule[] = [
  {
    type: "MRN",
    pattern: new RegExp(
      `(?<!-)\\b${CASE_LABEL}\\s*(?:[:#=]|n[ºo°]\\.?|no\\.?|nr\\.?|number|nummer|n[uú]mero)?\\s*[:#]?\\s*(${CASE_VALUE}(?:\\s*(?:,|&|/|and|or|und|et|y|i|oraz)\\s*${CASE_VALUE})*)(?![\\p{L}\\d])`,
      "giu",
    ),
    group: 1,
    // Letters before the digits are capitals ("DH 330192887"), not the end of a word ("numer|y 556712").
    accept: (v) => (v.match(/\d/g)?.length ?? 0) >= 5 && !/^\p{Ll}/u.test(v),
    minDigits: 5,
  },
  // Any "… no." / "nr" / "number" / "#" / "ID" with five digits or more ("card no 91-2233-4455-66",
  // "no. GS-004518"); a serial, ticket or error label keeps the value (protected-spans.ts).
  {
    type: "MRN",
    pattern:
      /\b(?:no|nr|n[º°o]|number|nummer|n[uú]mero|num[ée]ro|numer|ID)\.?\s?[:#]?\s?([A-Z]{0,3}[-\s]?\d[\d/-]{3,}[\dA-Z])(?![\p{L}\d])/giu,
    group: 1,
    // Letters before the digits are capitals ("DH 330192887"), not the end of a word ("numer|y 556712").
    accept: (v) => (v.match(/\d/g)?.length ?? 0) >= 5 && !/^\p{Ll}/u.test(v),
    minDigits: 5,
    unlabelled: true,
  },
  // No label: "V00338210", "K4471920", "0047731A", "2024-118833", "2025/00412", "00-7788-12".
  {
    type: "MRN",
    pattern:
      /(?<![\w/.-])(?:[A-Z]{1,2}\d{6,}|\d{6,}[A-Z]|(?:19|20)\d{2}[/-]\d{5,6}|\d{2,4}-\d{3,5}-\d{2,4})(?![\w/-]|\.\d)/g,
    group: 0,
    minDigits: 6,
    unlabelled: true,
  },
  {
    type: "MRN",
    pattern: new RegExp(
      `\\b${MEMBER_LABEL}\\s*(?:id|#|no\\.?|number|nummer|n[uú]mero|nr\\.?|num\\.?)?\\s*(?:id|#|no\\.?)?\\s*[:#]?\\s*((?:[A-Z]{2,4}\\s)?(?:\\d{2,6}(?:\\s\\d{1,6}){1,4}(?!\\d)|[A-Z0-9][A-Z0-9-]{4,}[A-Z0-9]\\b))`,
      "giu",
    ),
    group: 1,
    // Typed in groups ("2953 17481 1", "WQH 882 117 340") a value needs six digits, else three.
    accept: (v) => (v.match(/\d/g)?.length ?? 0) >= (/\d\s\d/.test(v) ? 6 : 3),
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
