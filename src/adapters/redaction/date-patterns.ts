/**
 * Dates tied to a patient, in the five languages: written dates ("5 juin 1939", "2 de abril de
 * 1944", "14. März 1938", "5 czerwca 1939", "09-Jan-1950", "March 4th, 1952"), as dates of birth when
 * their year is long past, and any date (also without a year: "discharge 03/15") right after an
 * admission, discharge, death or birth word. Today's date or a go-live date with no such word stays.
 */
import type { Rule } from "./identifier-patterns";

const MONTH_WORDS = [
  // English
  "jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?",
  // German
  "januar|jänner|februar|märz|maerz|mai|juni|juli|oktober|okt|dezember|dez",
  // Spanish
  "enero|ene|febrero|marzo|abril|abr|mayo|junio|julio|agosto|ago|septiembre|setiembre|octubre|noviembre|diciembre|dic",
  // French
  "janvier|janv|février|fevrier|févr|mars|avril|avr|juin|juillet|juil|août|aout|septembre|octobre|novembre|décembre|decembre|déc",
  // Dutch, Italian and Portuguese (staff of those hospitals write dates in their own language)
  "januari|februari|maart|mei|augustus|gennaio|febbraio|aprile|maggio|giugno|luglio|settembre|ottobre|dicembre|janeiro|fevereiro|março|marco|maio|junho|julho|setembro|outubro|novembro|dezembro",
  // Polish (genitive, as in dates, and nominative)
  "stycznia|lutego|marca|kwietnia|maja|czerwca|lipca|sierpnia|września|wrzesnia|października|pazdziernika|listopada|grudnia|styczeń|luty|marzec|kwiecień|maj|czerwiec|lipiec|sierpień|wrzesień|październik|listopad|grudzień",
].join("|");
const MONTH = `(?:${MONTH_WORDS})\\.?`;
const DAY = "\\d{1,2}(?:st|nd|rd|th|er|º|\\.)?";
const YEAR = "(?:19|20)\\d{2}";

/** Written dates with a year, in any of the five languages' word orders. */
export const WRITTEN_DATE = [
  `${DAY}\\s*(?:de\\s+|of\\s+)?${MONTH},?\\s*(?:de\\s+|del\\s+)?${YEAR}`,
  `${MONTH}\\s+${DAY},?\\s+(?:${YEAR}|['’]\\d{2}(?!\\d))`,
  `\\d{1,2}[-/ ](?:${MONTH_WORDS})[-/ ](?:${YEAR}|\\d{2})`,
].join("|");
const NUMERIC_DATE = "\\d{1,2}[./-]\\d{1,2}[./-](?:\\d{4}|\\d{2})|\\d{4}-\\d{2}-\\d{2}";
const PARTIAL_DATE = `\\d{1,2}[./-]\\d{1,2}(?![./-]?\\d)|${MONTH}\\s+${DAY}(?!\\s*,?\\s*\\d)|${DAY}\\s+(?:de\\s+)?${MONTH}(?!\\s*,?\\s*(?:de\\s+)?\\d)`;

/** Words that tie a following date to the patient. */
const PATIENT_DATE_WORDS =
  "(?:admit(?:ted)?|adm\\.?|admission|discharg(?:e|ed)|d\\/c(?:'d)?|died|expired|deceased|death|passed away|born|dob|surgery|aufgenommen|aufnahme|entlassen|entlassung|verstorben|ingres[oó]|ingresad[oa]|alta|falleci[oó]|hospitalis[ée]e?|sorti[e]?|admise?|d[ée]c[ée]d[ée]e?|przyj[eę]t[ya]|wypisan[ya]|zmar[łl]a?)";

const ORDINAL_WORDS =
  "(?:(?:twenty|thirty)[\\s-])?(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|thirtieth";
const UNITS_WORDS = "one|two|three|four|five|six|seven|eight|nine";
const TENS_WORDS =
  "ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety";
/** A year spoken as dictation writes it: "nineteen forty one", "nineteen hundred and five", "two thousand and three". */
const YEAR_WORDS = `(?:nineteen\\s(?:hundred(?:\\sand)?\\s(?:${UNITS_WORDS})|oh\\s(?:${UNITS_WORDS})|(?:${TENS_WORDS})(?:[\\s-](?:${UNITS_WORDS}))?)|two\\sthousand(?:\\sand)?(?:\\s(?:${UNITS_WORDS}|${TENS_WORDS}))?)`;
/** Years spoken in French, German, Spanish and Polish: "mil neuf cent quarante-quatre", "neunzehnhundertachtzig". */
const NUMBER_WORD =
  "(?:et|y|i|dix|onze|douze|treize|quatorze|quinze|seize|vingt|trente|quarante|cinquante|soixante|quatre|un|deux|trois|cinq|six|sept|huit|neuf|diez|once|doce|trece|catorce|quince|dieci\\p{L}+|veinte|veinti\\p{L}+|treinta|cuarenta|cincuenta|sesenta|setenta|ochenta|noventa|uno|dos|tres|cuatro|cinco|seis|siete|ocho|nueve|dziesi\\p{L}*|jedena\\p{L}*|dwana\\p{L}*|trzyna\\p{L}*|czterna\\p{L}*|pi[ęe]tna\\p{L}*|szesna\\p{L}*|siedemna\\p{L}*|osiemna\\p{L}*|dziewi[ęe]tna\\p{L}*|dwadzie\\p{L}*|trzydzie\\p{L}*|czterdzie\\p{L}*|pi[ęe][ćc]dziesi\\p{L}*|sze[śs][ćc]dziesi\\p{L}*|siedemdziesi\\p{L}*|osiemdziesi\\p{L}*|dziewi[ęe][ćc]dziesi\\p{L}*|jeden|dwa|trzy|cztery|pi[ęe][ćc]|sze[śs][ćc]|siedem|osiem|dziewi[ęe][ćc])";
const YEAR_WORDS_OTHER = `(?:mil(?:le)?\\sneuf\\scents?|mil\\snovecientos|tysi[ąa]c\\sdziewi[ęe][ćc]set)(?:[\\s-]${NUMBER_WORD}){0,4}|neunzehnhundert\\p{L}*`;
/** A spoken day (any word: "douze", "fünften", "doce"), a month and a spoken year, in four languages. */
const SPOKEN_DATE_OTHER = `\\p{L}+\\.?\\s(?:de\\s)?(?:${MONTH_WORDS})\\s(?:de\\s)?(?:${YEAR_WORDS_OTHER})`;
/** Dates of birth dictated in words: "fourth of March nineteen forty one", "March the fourth, nineteen forty-one". */
const SPOKEN_DATE = `(?:(?:the\\s)?(?:${ORDINAL_WORDS})\\s(?:of\\s)?(?:${MONTH_WORDS})|(?:${MONTH_WORDS})\\s(?:the\\s)?(?:${ORDINAL_WORDS})),?\\s${YEAR_WORDS}`;

function birthLikeYear(value: string): boolean {
  const year = /((?:19|20)\d{2})\D*$/.exec(value)?.[1] ?? /(\d{2})$/.exec(value)?.[1];
  if (year === undefined) return false;
  const y = year.length === 2 ? 1900 + Number(year) : Number(year);
  return y >= 1900 && y <= 2012;
}

export const DATE_RULES: Rule[] = [
  // A year of birth alone after a birth word: "ur. 1929", "geb. 1931", "born 1938", "née en 1940".
  {
    type: "DOB",
    pattern:
      /\b(?:DOB|born(?: in)?|b\.|geb\.|geboren(?: im Jahr| \d{4})?|Jahrgang|Jg\.|n[ée]e?(?: en)?|nacid[oa](?: en| el año)?|ur\.|urodzon[ya](?: w)?|rocznik)\s?:?\s?((?:19|20)\d{2})(?![\p{L}\d/.-]|[./-]\d)/giu,
    group: 1,
    accept: (v) => Number(v) <= 2012,
    minDigits: 4,
  },
  // Spoken dates with a spoken year are dates of birth ("fourth of March nineteen forty one").
  {
    type: "DOB",
    pattern: new RegExp(`(?<![\\p{L}])(?:${SPOKEN_DATE}|${SPOKEN_DATE_OTHER})(?![\\p{L}])`, "giu"),
    group: 0,
    minDigits: 0,
    needs: /(?:nineteen|two thousand|mil(?:le)? neuf|mil novecientos|neunzehnhundert|tysi[ąa]c dziewi)/iu,
  },
  // A birth word and a written date of any year (a newborn's): "nacida el 2 de diciembre de 2026".
  {
    type: "DOB",
    pattern: new RegExp(
      `\\b(?:DOB|born(?: on)?|geb\\.|geboren(?: am)?|n[ée]e?(?: le)?|nacid[oa](?: el)?|fecha de nacimiento|ur\\.|urodzon[ya](?: dnia)?|data urodzenia)\\s?:?\\s?(${WRITTEN_DATE})(?![\\p{L}\\d])`,
      "giu",
    ),
    group: 1,
    minDigits: 4,
  },
  // Written dates with a birth-like year are dates of birth, labelled or not.
  {
    type: "DOB",
    pattern: new RegExp(`(?<![\\p{L}\\d])(?:${WRITTEN_DATE})(?![\\p{L}\\d])`, "giu"),
    group: 0,
    accept: birthLikeYear,
    minDigits: 4,
  },
  // Any date right after an admission/discharge/death word ("admitted 03/02/2025", "discharge 03/15").
  {
    type: "DATE",
    pattern: new RegExp(
      `\\b${PATIENT_DATE_WORDS}\\s*(?:(?:yesterday|today|last night|this morning|gestern|heute|ayer|hoy|hier|aujourd'hui|wczoraj|dzisiaj|dzi[śs])\\s*,?\\s*)?(?:on|am|el|le|dnia|du|del)?\\s*:?\\s*(${WRITTEN_DATE}|${NUMERIC_DATE}|${PARTIAL_DATE})`,
      "giu",
    ),
    group: 1,
    minDigits: 1,
  },
];

/**
 * Full dates within 60 characters after an admission/discharge word are that patient's dates too
 * ("admitted 03/02/2025 but Epic shows 03/02/2024").
 */
export const PATIENT_DATE_CONTEXT = new RegExp(`\\b${PATIENT_DATE_WORDS}\\b`, "iu");
export const FULL_DATE = new RegExp(`(?<![\\p{L}\\d])(?:${WRITTEN_DATE}|${NUMERIC_DATE})(?![\\p{L}\\d])`, "giu");
