/**
 * Pattern rules for identifiers that have a recognisable shape: e-mail, record numbers, dates of
 * birth, phone numbers, national ids and street addresses. Each rule yields the span to replace
 * (the value, not its label: "DOB 02/14/1987" becomes "DOB [DOB]").
 */
import type { PhiType } from "../../domain/redacted-text";
import { ADDRESS_RULES, extendAddresses } from "./address-patterns";
import { CONTACT_RULES, tollFreeRanges } from "./contact-patterns";
import { DATE_RULES, FULL_DATE, PATIENT_DATE_CONTEXT } from "./date-patterns";
import { dniValid, NATIONAL_ID_RULES, nhsValid, nirValid } from "./national-id-patterns";
import { findProtected } from "./protected-spans";
import { RECORD_RULES } from "./record-patterns";

export interface PhiSpan {
  start: number;
  end: number;
  type: PhiType;
}

const MONTHS =
  "(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?";
const DATE = `(?:\\d{1,2}[./-]\\d{1,2}[./-]\\d{2,4}|\\d{4}-\\d{2}-\\d{2}|${MONTHS}\\s+\\d{1,2}(?:st|nd|rd|th)?,?\\s+\\d{4}|\\d{1,2}(?:st|nd|rd|th)?\\s+${MONTHS}\\s+\\d{4})`;
const DOB_LABEL =
  "(?:DOB|D\\.O\\.B\\.?|date of birth|birth ?date|born(?: on)?|b\\.|geb\\.|geboren(?: am)?|Geburtsdatum|née? le|date de naissance|fecha de nacimiento|f\\. ?nac\\.|nacid[oa] el|ur\\.|urodzon[ya]|data urodzenia)";
const MRN_LABEL =
  "(?:MRNs?|MR ?#|MR no\\.?|med(?:ical)? rec(?:ord)?s?(?: ?#| no\\.?| number)?|record (?:#|no\\.?|number)|acct\\.?|account(?: #| no\\.?| number)?|encounter(?: #| no\\.?| number| id)?|CSN|FIN|HAR|visit (?:#|no\\.?|number)|case (?:#|no\\.?|number)|patient id|pt id|Fallnummer|Fall-Nr\\.?|Patienten-?ID|num[ée]ro de dossier|IPP|NHC|n[ºo°]? ?de historia|historia cl[ií]nica|numer (?:historii|karty))";
/**
 * A record number, also typed in groups ("88 120 455", "2209 3314") or dictated digit by digit ("6 6 2 1 9 0 4"),
 * a group never being the start of a date that follows it ("MRN 5521234 06/14/2015").
 */
const RECORD_VALUE =
  "(?:[A-Z]{0,3}-?\\d(?:[\\d-]|\\/(?=\\d)|\\s(?!\\d{1,2}[./-]\\d{1,2}[./-]\\d{2,4})(?=\\d{2}))+\\d|\\d(?: \\d){4,11}(?!\\d))";
const NATIONAL_LABEL =
  "(?:SSN|social security(?: number| no\\.?)?|NHS(?: number| no\\.?)?|PESEL|NIR|INSEE|num[ée]ro de s[ée]curit[ée] sociale|s[ée]cu|Sozialversicherungsnummer|SV-Nummer|SVNR|VSNR|SV-Nr\\.?|Versichertennummer|DNI|NIE|NIF|NUSS|dow[oó]d osobisty|rijksregisternummer|num[ée]ro national|NISS|INSZ|BSN|burgerservicenummer|AHV(?:-Nr\\.?)?|CURP|RFC|personnummer|CPR)";

export interface Rule {
  type: PhiType;
  pattern: RegExp;
  /** Which capture group is the value; 0 = whole match. */
  group: number;
  /** Optional check on the value (e.g. a checksum); false skips the match. */
  accept?: (value: string) => boolean;
  /**
   * Fewest digits (0-9) any accepted value holds: a text with fewer cannot match, so the rule is
   * skipped (most messages hold a few digits at most). Default 1.
   */
  minDigits?: number;
  /**
   * No label says what the value is (a bare 7-digit number, a phone shape): the match is dropped
   * where a label says it is something else (a serial, asset tag, ticket, error code, extension).
   */
  unlabelled?: boolean;
  /** The rule needs an "@" in the text (a plain e-mail address). */
  needsAt?: boolean;
  /** A cheap test the text must pass before the (costlier) pattern runs at all. */
  needs?: RegExp;
}

export const digits = (s: string): string => s.replace(/\D/g, "");

function peselValid(value: string): boolean {
  const d = digits(value);
  if (d.length !== 11) return false;
  const weights = [1, 3, 7, 9, 1, 3, 7, 9, 1, 3];
  const sum = weights.reduce((acc, w, i) => acc + w * Number(d[i]), 0);
  return (10 - (sum % 10)) % 10 === Number(d[10]);
}

/** Unlabelled full dates with a year long past are treated as dates of birth. */
function birthLikeYear(value: string): boolean {
  const year = /(\d{4})\D*$/.exec(value)?.[1] ?? /^(\d{4})-/.exec(value)?.[1];
  return year !== undefined && Number(year) >= 1900 && Number(year) <= 2012;
}

const STREET_EN =
  "(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Court|Ct|Way|Place|Pl|Terrace|Parkway|Pkwy|Circle|Cir|Highway|Hwy|Close|Crescent|Cres|Wynd|Grove|Gardens|Gdns|Mews|Row|Rise|Square|Sq|Parade|Pde|Esplanade|Brae|Vale|Crt|Walk|Hill|Green|View|Wharf|Quay|Heights)";

export const IDENTIFIER_RULES: Rule[] = [
  {
    type: "EMAIL",
    pattern: /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g,
    group: 0,
    needsAt: true,
  },
  { type: "DOB", pattern: new RegExp(`\\b${DOB_LABEL}\\s*[:#-]?\\s*(${DATE})`, "giu"), group: 1, minDigits: 4 },
  {
    type: "NATIONAL_ID",
    pattern: new RegExp(
      `\\b${NATIONAL_LABEL}\\s*[:#]?\\s*(?:no\\.?|number|nr\\.?)?\\s*[:#]?\\s*([A-Z]?-?\\d[\\d .-]{5,}-?[\\dA-Z])(?![\\p{L}\\d])`,
      "giu",
    ),
    group: 1,
  },
  { type: "NATIONAL_ID", pattern: /\b\d{3}-\d{2}-\d{4}\b/g, group: 0, minDigits: 9 },
  {
    type: "NATIONAL_ID",
    pattern: /\b[12][ .]?\d{2}[ .]?(?:0[1-9]|1[0-2]|[2-9]\d)[ .]?(?:\d{2}|2[AB])[ .]?\d{3}[ .]?\d{3}(?:[ .]?\d{2})?\b/g,
    group: 0,
    accept: (v) => digits(v).length >= 13 && nirValid(v),
    minDigits: 13,
  },
  { type: "NATIONAL_ID", pattern: /\b\d{11}\b/g, group: 0, accept: peselValid, minDigits: 11 },
  { type: "NATIONAL_ID", pattern: /\b\d{3} \d{3} \d{4}\b/g, group: 0, accept: nhsValid, minDigits: 10 },
  {
    type: "NATIONAL_ID",
    pattern: /\b(?:\d{8}|[XYZ]-?\d{7})-?[A-HJ-NP-TV-Z]\b/g,
    group: 0,
    accept: dniValid,
    minDigits: 7,
  },
  {
    type: "MRN",
    pattern: new RegExp(
      `\\b${MRN_LABEL}\\s*[:#=-]?\\s*(?:no\\.?|number|nr\\.?)?\\s*[:#]?\\s*(${RECORD_VALUE}(?:\\s*(?:,|&|/|and|or|und|et|y|i)\\s*${RECORD_VALUE})*)`,
      "giu",
    ),
    group: 1,
  },
  // International ("+1 646 …", "0044 …"), grouped with an area code ("(646) 555-0102", "646-555-0102",
  // also after the North American trunk prefix "1-"/"1."; "1 " alone may be a ward) or French pairs.
  {
    type: "PHONE",
    pattern:
      /(?:(?:\+|\b00)\d{1,3}(?:[\s.-]?\(?\d{1,12}(?!\d)\)?){1,6}|(?:\b1[.-])?(?:\(\d{2,4}\)\s?|\b\d{2,4}[\s.-])\d{3,4}[\s.-]\d{3,4}\b|\b0[1-9](?:[\s.]\d{2}){4}\b)/g,
    group: 0,
    accept: (v) => digits(v).length >= 9 && digits(v).length <= 15,
    unlabelled: true,
    minDigits: 9,
  },
  {
    type: "PHONE",
    pattern:
      /\b(?:tel|phone|ph|cell|mobile|telefon|t[ée]l[ée]phone|tel[ée]fono|m[oó]vil|kom[oó]rka)\.?\s*[:#]?\s*(\+?\d[\d\s.()-]{5,}\d)/giu,
    group: 1,
  },
  // National numbers with a trunk 0 in groups ("07700 900123", "030 1234 5678", "0612 345 678").
  {
    type: "PHONE",
    pattern: /(?<![\d-])0\d{2,4}[\s.-]?\d{3,4}[\s.-]?\d{3,4}(?![\d-])/g,
    group: 0,
    accept: (v) => digits(v).length >= 10 && digits(v).length <= 11 && /[\s.-]/.test(v),
    minDigits: 10,
    unlabelled: true,
  },
  // Seven-digit local numbers (555-3391): a patient's or family's phone as often as a pager.
  { type: "PHONE", pattern: /(?<![\d-])\d{3}-\d{4}(?![\d-])/g, group: 0, minDigits: 7, unlabelled: true },
  { type: "DOB", pattern: new RegExp(`\\b${DATE}\\b`, "giu"), group: 0, accept: birthLikeYear, minDigits: 4 },
  { type: "MRN", pattern: /\b\d{7,}\b/g, group: 0, minDigits: 7, unlabelled: true },
  {
    type: "ADDRESS",
    pattern: new RegExp(
      `\\b\\d{1,5}\\s+(?:[NSEW]\\.?\\s+)?(?:[A-Z][a-z]+\\.?\\s+){1,3}${STREET_EN}\\b\\.?(?:,?\\s*(?:Apt|Apartment|Unit|Suite|Ste|#)\\.?\\s*\\w+)?`,
      "g",
    ),
    group: 0,
  },
  {
    type: "ADDRESS",
    pattern:
      /\b\p{Lu}[\p{Ll}-]+(?:straße|strasse|str\.|weg|gasse|allee|platz|ring|damm|straat|laan|plein|gracht|steenweg|dreef)\s+\d+\s?[a-z]?\b/gu,
    group: 0,
  },
  {
    type: "ADDRESS",
    pattern:
      /\b\d{1,4}(?:\s?(?:bis|ter))?,?\s+(?:rue|avenue|av\.|boulevard|bd|all[ée]e|chemin|place|impasse|quai|route)\s+(?:(?:de la|de l'|du|des|de|d')\s*)?\p{Lu}[\p{L}'-]+(?:\s+\p{Lu}[\p{L}'-]+){0,2}/gu,
    group: 0,
  },
  {
    type: "ADDRESS",
    pattern:
      /\b(?:calle|c\/|avenida|avda\.?|paseo|plaza)\s+(?:(?:de la|de los|del|de)\s+)?\p{Lu}[\p{L}-]+(?:\s+\p{Lu}[\p{L}-]+){0,2},?\s*(?:n[ºo°]\.?\s*)?\d+/giu,
    group: 0,
  },
  {
    type: "ADDRESS",
    pattern: /\b(?:ul\.|ulica|al\.|aleja|os\.)\s*\p{Lu}[\p{L}-]+(?:\s+\p{Lu}[\p{L}-]+){0,2}\s+\d+[a-z]?(?:\/\d+)?/gu,
    group: 0,
  },
];

function countDigits(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) count += 1;
  }
  return count;
}

const ALL_RULES: Rule[] = [
  ...IDENTIFIER_RULES,
  ...NATIONAL_ID_RULES,
  ...DATE_RULES,
  ...RECORD_RULES,
  ...CONTACT_RULES,
  ...ADDRESS_RULES,
];

const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }): boolean =>
  a.start < b.end && b.start < a.end;

export function findIdentifiers(text: string): PhiSpan[] {
  const spans: PhiSpan[] = [];
  // Most rules need digits: most messages have none, or only a few.
  const digitCount = countDigits(text);
  const hasAt = text.includes("@");
  const protectedRanges = findProtected(text);
  for (const rule of ALL_RULES) {
    if (rule.needsAt ? !hasAt : digitCount < (rule.minDigits ?? 1)) continue;
    if (rule.needs && !rule.needs.test(text)) continue;
    rule.pattern.lastIndex = 0;
    for (const match of text.matchAll(rule.pattern)) {
      const value = match[rule.group];
      if (value === undefined || match.index === undefined) continue;
      if (rule.accept && !rule.accept(value)) continue;
      const offset = rule.group === 0 ? 0 : match[0].lastIndexOf(value);
      const span: PhiSpan = { start: match.index + offset, end: match.index + offset + value.length, type: rule.type };
      if (rule.unlabelled && protectedRanges.some((r) => overlaps(r, span))) continue;
      spans.push(span);
    }
  }
  // Full dates after an admission/discharge/death word belong to the patient too.
  const context = digitCount >= 4 ? PATIENT_DATE_CONTEXT.exec(text) : null;
  if (context)
    for (const m of text.slice(context.index).matchAll(FULL_DATE)) {
      const start = context.index + m.index;
      if (start - context.index <= 60) spans.push({ start, end: start + m[0].length, type: "DATE" });
    }
  extendAddresses(text, spans);
  const service = digitCount >= 10 ? tollFreeRanges(text) : [];
  return service.length === 0 ? spans : spans.filter((s) => s.type !== "PHONE" || !service.some((r) => overlaps(r, s)));
}
