/**
 * A capitalised word on its own, with no honorific or patient word before it ("gave Okonkwo his
 * meds", "wristband for Szymanski", "Medikation für Oberhuber", "l'étiquette pour Fourcade"). The
 * word must be a name by what the lists know (a listed name that is no common word of any language
 * the lists hold, or a word in no list at all that is shaped like a name), stand mid-sentence (a
 * capital at the start of a sentence says nothing), and sit where a person sits: after a word that
 * takes a patient ("for", "with", "gave", "für", "bei", "para", "pour", "dla"), or before a verb or
 * with a possessive ("Mbeki waited", "Nwachukwu's labs"). Words of things are never taken: clinical
 * words, products and catalogue systems, words before a thing's noun ("Philips monitor"), and words
 * after an article ("the Pyxis", "la Omnicell").
 */
import { HEAD_NOUNS_SET, PRODUCT_WORDS } from "./clinical-vocabulary";
import { RELATIVE_CUES } from "./name-cues";
import type { WordFactsApi } from "./name-evidence";
import type { Token } from "./name-tokens";

function words(list: string): ReadonlySet<string> {
  return new Set(list.split(/\s+/).filter((w) => w.length > 0));
}

/** Words after which a person is named: prepositions that take a patient, in the five languages. */
const BEFORE_PERSON = words(`for with to from about
fur bei mit
para con de
pour chez avec de
dla u od przy
per
voor bij met`);

/**
 * Verbs that take a patient: a name right after one needs a second object or a place after it
 * ("gave Okonkwo his meds", "sent Hollingsworth home"), since a drug can stand there too ("gave Benadryl").
 */
const VERB_BEFORE_PERSON = words(`gave give giving given told tell visit visited see saw seen discharge discharged
discharging admit admitted admitting transfer transferred transferring scan scanned scanning turn turned bathe bathed
medicate medicated treat treated treating move moved triage triaged assess assessed assessing room roomed bring brought
sedate sedated intubate intubated sent send sending found wheeled walked helped fed weighed woke`);
/** What follows the name after such a verb: a second object, a place, a time. */
const AFTER_VERB_OBJECT = words(`his her their the a an some its my our your home back to in on at into out up down
today tonight yesterday again twice`);
/** "checked on Delacroix", "report on Baptiste": "on" takes a person only after these. */
const BEFORE_ON = words(`checked check checking report reported reporting called calling charting charted documenting
documented working worked`);

/** Words that follow a person as the subject of a sentence ("Mbeki waited", "Oberhuber hat"). */
const AFTER_PERSON = words(`is was has had got gets keeps kept needs needed says said wants wanted refused refuses
need want have are were both each
fell falls went goes came comes left waits presses pulls pulled takes took can cant cannot couldn could couldnt wont
will would did didnt does doesnt isnt wasnt hasnt hasn just still also never already
hat hatte ist war wurde bekommt bekam braucht brauchte fehlt sagt kann konnte
tiene tenia esta estaba fue recibio necesita
a avait est etait n ne
ma mial miala jest byl byla nie`);

/** Articles and determiners: what follows them is a thing ("the Pyxis", "die Kurve", "la Omnicell"). */
const ARTICLES = words(`the a an this that these those our my your his her their its any each every
der die das den dem des ein eine einen einem einer im am
el la los las un una lo al del
le les une du au aux ce cette
ten ta te
il lo gli uno
het een`);

/** Nouns of devices and software: a capitalised word before one names a product ("Alaris pumps", "Zebra printer"). */
const THING_NOUNS =
  words(`pump pumps printer printers scanner scanners monitor monitors badge badges app apps phone phones
cart carts label labels tablet tablets device devices machine machines server servers software interface account
accounts login logins cabinet cabinets drawer bed-alarm pager pagers headset headsets laptop laptops computer computers
workstation workstations glucometer glucometers meter meters thermometer thermometers cuff cuffs box boxes
link links site website page pages version update upgrade license licence`);

/** What a patient has: "Adeyemi's labs", "Oyelowo's wristband". */
const PATIENT_THINGS =
  words(`labs lab results meds medications chart record band wristband armband bracelet pump bed room
family orders order allergies allergy insulin iv line drip mar portal account vitals scan images discharge admission
tray diet dose doses heparin labels label`);

/** Endings of nouns (English, German, French, Spanish, Polish): a word in no list ending so is a word. */
const NOUN_ENDING =
  /(?:tion|sion|ment|ness|ity|ing|ings|ism|ist|ology|ung|ungen|heit|keit|schaft|ismus|logie|ique|ción|cion|dad|ość|osc|anie|enie|ówka|owka|ator|ware|bank|book|chart|desk|link|net|soft|tech|logia|logía)$/u;
/**
 * Endings that mark a surname in many traditions and almost never a German, English, French,
 * Spanish or Polish common noun: Alpine (-huber, -egger, -hofer, -leitner), Slavic (-ski, -cka,
 * -wicz, -czyk, -ović, -enko, -chuk), Basque (-etxea, -rria), Greek (-opoulos, -akis), Georgian
 * (-shvili, -dze), Armenian (-yan), Turkish (-oğlu), Nordic (-sson, -qvist, -gren, -ström).
 */
const SURNAME_ENDING =
  /(?:huber|egger|hofer|leitner|lechner|reiter|meier|meyer|mayer|maier|ski|ska|skiego|skiej|cki|cka|ckiego|ckiej|dzki|dzka|wicz|czyk|czak|owicz|ewicz|ovic|evic|enko|chuk|etxea|etxe|txea|rria|rreta|opoulos|akis|idis|shvili|dze|yan|oglu|sson|qvist|kvist|gren|strom)$/u;

/** Inner capitals ("PowerChart", "UpToDate") mark product names; "McAllister", "MacLeod", "DeLuca" are names. */
const INNER_CAPITAL = /^\p{Lu}\p{Ll}+\p{Lu}/u;
const NAME_PREFIX = /^(?:Mc|Mac|De|Di|Da|Du|La|Le|Van|Von|Fitz|O|D)\p{Lu}/u;

export interface LoneNameContext {
  text: string;
  tokens: readonly Token[];
  stopWords: ReadonlySet<string>;
  words: WordFactsApi;
  german: () => boolean;
}

/** Is the capitalised token i, alone (no capitalised word beside it), a person's name? */
export function isLoneName(ctx: LoneNameContext, i: number): boolean {
  const { text, tokens, words } = ctx;
  const t = tokens[i]!;
  // All capitals of four letters or fewer are acronyms here, listed as a name or not ("PHI", "ED").
  if (t.shape !== "title" && (t.shape !== "caps" || t.core.length < 5)) return false;
  if (t.core.length < 3 || words.blocked(t) || ctx.stopWords.has(t.fold) || PRODUCT_WORDS.has(t.fold)) return false;
  if (INNER_CAPITAL.test(t.core) && !NAME_PREFIX.test(t.core)) return false;
  const f = words.facts(t);
  if (words.acronym(t, f)) return false;
  if (f.evidence === "unknown") {
    if (t.shape === "caps" || NOUN_ENDING.test(t.fold)) return false;
  } else if (f.evidence !== "name") return false;

  // A capital after a full stop, a colon, a line break or a bullet proves nothing by itself.
  const before = text.slice(Math.max(0, t.start - 4), t.start);
  const sentenceStart = t.start === 0 || /(?:^|[.!?:;\n•*>-])\s*["'‘“(]?$/u.test(before);

  const prev = tokens[i - 1];
  const next = tokens[i + 1];
  const gapBefore = prev ? text.slice(prev.end + (prev.possessive ? 2 : 0), t.start) : "";
  const gapAfter = next ? text.slice(t.end + (t.possessive ? 2 : 0), next.start) : "";
  if (prev && ARTICLES.has(prev.fold) && /^\s+$/.test(gapBefore)) return false;
  const prevPrev = tokens[i - 2];
  const spaced = /^\s+$/.test(gapBefore) && prev !== undefined && prev.shape === "lower";
  const afterSlot =
    spaced &&
    (BEFORE_PERSON.has(prev.fold) ||
      (prev.fold === "on" && prevPrev !== undefined && BEFORE_ON.has(prevPrev.fold)) ||
      (VERB_BEFORE_PERSON.has(prev.fold) && next !== undefined && AFTER_VERB_OBJECT.has(next.fold)));
  const beforeVerb =
    next !== undefined &&
    next.shape === "lower" &&
    /^,?\s+$/.test(gapAfter) &&
    (AFTER_PERSON.has(next.fold.replace(/n['’]t$/u, "nt")) || (/ed$/u.test(next.fold) && next.fold.length > 4));
  // "Philips monitor", "Alaris pumps": the word names the thing after it.
  const thingAfter = next !== undefined && (HEAD_NOUNS_SET.has(next.fold) || THING_NOUNS.has(next.fold));
  if (!beforeVerb && !t.possessive && thingAfter && /^\s+$/.test(gapAfter)) return false;
  // German capitalises every noun ("für Vitalzeichen", "mit Stift"): there a word in no list counts
  // only with a surname's ending.
  // A surname's ending ("Oberhuber", "Schwarzenegger", "Wróblewski") still counts.
  if (f.evidence === "unknown" && ctx.german() && !SURNAME_ENDING.test(t.fold)) return false;
  // A possessive is evidence for a listed name ("Nakashima's labels"), or for any name-shaped word
  // when what it owns is a relative or a patient's thing ("Oyelowo's daughter"; not "Debian's chromium").
  const owned = next !== undefined && (RELATIVE_CUES.has(next.fold) || PATIENT_THINGS.has(next.fold));
  const possessed = t.possessive && (f.evidence === "name" || owned);
  // At the start of a sentence the capital says nothing: a listed name before a verb
  // ("Nwachukwu keeps pulling her line") or a possessive still counts.
  if (sentenceStart) return possessed || (beforeVerb && f.evidence === "name");
  return afterSlot || beforeVerb || possessed;
}
