/**
 * What belongs to a name already found, though no list or cue says so by itself: a suffix ("Leroy
 * Washington jr", "Delacroix III"), a nickname in quotes or brackets ("Tomasz 'Tommy' Lewandowski",
 * "Marcus 'Junior' Delacroix"), surname particles in front of a name in capitals ("VAN DEN BERG,
 * Anke", "DE LA CRUZ MARIA") and Gaelic particles ("Pádraig Ó Súilleabháin", "Gethin ap Rhys",
 * "Aoife Ní Bhriain").
 */
import type { PhiSpan } from "./identifier-patterns";
import type { WordFactsApi } from "./name-evidence";
import type { Token } from "./name-tokens";
import { foldWord } from "./fold";

/** An initial after a found name: "Joy B.", "[Tomas] R.". */
const INITIAL_AFTER = /^\s\p{Lu}\.(?![\p{L}\d])/u;
/** Particles and a surname after a name: "Wilhelmina 'Willy' de Groot", "[Anke] van den Berg". */
const PARTICLE_SURNAME =
  /^['’”")]?\s(?:(?:van|von|de|der|den|du|da|di|del|della|dos|das|le|la|ter|ten|zu|bin|ibn|al|el)\s){1,3}(?!(?:Frau|Herrn?|Mme|Madame|Monsieur|Mlle|Sra?|Srta|Dra?|Pani?|Mrs?|Ms)\b)\p{Lu}[\p{L}'’-]+/u;
const SUFFIX = /^,?\s(?:jr|sr|jnr|snr|junior|senior|II|III|IV)\b\.?/iu;
const NICKNAME_THEN_NAME = /^\s(["'‘“(]\p{Lu}[\p{L}-]+["'’”)])(?:\s(\p{Lu}[\p{L}'’-]+))?/u;
const CAPS_PARTICLES =
  /(?:^|[^\p{L}])((?:(?:VAN|VON|DE|DEN|DER|DEL|DELLA|DA|DOS|DAS|DI|DU|LA|LE|EL|AL|BIN|TER|TEN)\s){1,3})$/u;
const TITLE_PARTICLES = /(?:^|[^\p{L}])((?:(?:Van|Von|De|Den|Der|Del|Della|Da|Dos|Di|Du|La|Le|Ter|Ten)\s){1,3})$/u;
const GAELIC_AFTER = /^\s(?:Ó|O|Ní|Nic|Mac|Mhic|Uí|Ua|ap|ab|verch)\s\p{Lu}[\p{L}'’-]+/u;
/** "Marcus 'Junior' Delacroix": a listed first name, a quoted nickname, a name-shaped word. */
const FIRST_NICK_LAST = /(?<![\p{L}])(\p{Lu}[\p{L}-]+)\s(["'‘“(]\p{Lu}[\p{L}-]+["'’”)])\s(\p{Lu}[\p{L}'’-]+)/gu;
const GAELIC_CUE = /\s(?:Ó|Ní|Nic|Mhic|Uí|ap|verch)\s/u;
const GAELIC_NAME = /(?<![\p{L}])(\p{Lu}[\p{L}-]+)\s(?:Ó|Ní|Nic|Mhic|Uí|ap|verch)\s(\p{Lu}[\p{L}'’-]+)/gu;

const tokenOf = (core: string): Token => {
  const caps = core === core.toUpperCase();
  return { start: 0, end: 0, core, fold: foldWord(core), shape: caps ? "caps" : "title", possessive: false };
};

export function extendNames(text: string, spans: PhiSpan[], words: WordFactsApi): PhiSpan[] {
  const isNameWord = (w: string): boolean => {
    const t = tokenOf(w);
    const f = words.facts(t);
    return !words.blocked(t) && (f.evidence === "name" || f.evidence === "unknown");
  };
  const extra: PhiSpan[] = [];
  if (/\s["'‘“(]\p{Lu}[\p{L}-]+["'’”)]\s\p{Lu}/u.test(text))
    for (const m of text.matchAll(FIRST_NICK_LAST)) {
      const first = words.facts(tokenOf(m[1]!));
      if (first.firstRank !== undefined && first.evidence === "name" && isNameWord(m[3]!))
        extra.push({ start: m.index, end: m.index + m[0].length, type: "NAME" });
    }
  if (GAELIC_CUE.test(text))
    for (const m of text.matchAll(GAELIC_NAME))
      if (isNameWord(m[1]!) || isNameWord(m[2]!))
        extra.push({ start: m.index, end: m.index + m[0].length, type: "NAME" });
  const out = [...spans, ...extra].map((s) => ({ ...s }));
  for (const span of out) {
    if (span.type !== "NAME") continue;
    const after = text.slice(span.end, span.end + 48);
    const gaelic = GAELIC_AFTER.exec(after);
    if (gaelic) span.end += gaelic[0].length;
    const nick = NICKNAME_THEN_NAME.exec(text.slice(span.end, span.end + 48));
    if (nick) {
      const last = nick[2];
      span.end += 1 + nick[1]!.length + (last !== undefined && isNameWord(last) ? 1 + last.length : 0);
    }
    const initial = INITIAL_AFTER.exec(text.slice(span.end, span.end + 6));
    if (initial) span.end += initial[0].length;
    const particle = PARTICLE_SURNAME.exec(text.slice(span.end, span.end + 40));
    if (particle) span.end += particle[0].length;
    const suffix = SUFFIX.exec(text.slice(span.end, span.end + 12));
    if (suffix) span.end += suffix[0].length;
    const before = text.slice(Math.max(0, span.start - 24), span.start);
    const first = text.slice(span.start, span.end);
    const particles = (/^\p{Lu}{2}/u.test(first) ? CAPS_PARTICLES : TITLE_PARTICLES).exec(before);
    if (particles) span.start -= particles[1]!.length;
  }
  return out;
}
