/**
 * Weighted wording for each kind of problem, in English, Spanish, German, French and Polish.
 * Patterns run on the folded text (lower case, no accents, contractions spelled out as in
 * text-prep.ts). The kind with the highest total wins; ties go to the earlier kind in KIND_ORDER.
 * Each entry names a tag, so the classifier can say which wording it saw.
 */
import type { Kind } from "../../domain/taxonomy";

export interface Cue {
  kind: Kind;
  weight: number;
  pattern: RegExp;
  tag: string;
}

const cue = (kind: Kind, weight: number, tag: string, source: string): Cue => ({
  kind,
  weight,
  tag,
  // The folded text has no accents, so ASCII word edges are enough (and much faster than \p{L}).
  pattern: new RegExp(`(?<![a-z0-9])(?:${source})(?![a-z0-9])`),
});

const NEG = "(?:won't|doesn't|isn't|aren't|can't|didn't|not|never|no longer|is not|are not|does not)";
const ACTIONS =
  "(?:load|open|boot|start|power|print|scan|connect|work|sync|launch|respond|turn on|come up|save|send|dial|ring|charge|pair|display|lock|close)";

/** Ties are broken by this order: the more specific kinds first. */
export const KIND_ORDER: Kind[] = [
  "privacy_security",
  "access",
  "terminology",
  "training_need",
  "data_quality",
  "workflow_gap",
  "usability",
  "disruption",
  "other",
];

export const KIND_CUES: Cue[] = [
  // disruption: down, frozen, erroring, broken
  cue(
    "disruption",
    3,
    "down",
    "(?:is|are|went|goes|was|been|be|all|still|it's|its|system|epic|network) down|down again|down\\?+",
  ),
  cue(
    "disruption",
    3,
    "not-working",
    `${NEG} (?:even )?${ACTIONS}(?:s|ing)?|${ACTIONS}s? (?:at all|anymore)|not (?:working|loading|printing|scanning|connecting|booting|responding|syncing|charging)`,
  ),
  cue("disruption", 3, "frozen", "froze|frozen|freez(?:e|es|ing)|hang(?:s|ing)|hung|stuck on|spinning wheel|spinning"),
  cue(
    "disruption",
    3,
    "crash",
    "crash(?:ed|es|ing)?|keeps (?:crashing|rebooting|restarting|closing|dropping|disconnecting)|blue screen|reboot(?:s|ing)",
  ),
  cue(
    "disruption",
    3,
    "error",
    "lost (?:signal|connection|power|network|wifi)|keeps (?:expiring|failing|timing out|logging (?:me |us )?out|kicking (?:me |us )?out|going offline|beeping|alarming|losing \\w+)|false alarms?|druckt (?:nicht|keine)|n'imprime (?:pas|plus)|error(?:s)?|throws|fails? to|failed|failing|outage|offline|no signal|disconnect(?:s|ed|ing)?",
  ),
  cue(
    "disruption",
    2,
    "broken",
    "broke|broken|dead|cracked|jammed|jam|smashed|won't turn|spitting out|spiting out|spits out|printing blank|garbled",
  ),
  cue(
    "disruption",
    2,
    "slow",
    "slow(?:er|ness)?|lag(?:s|gy|ging)?|takes? (?:\\d+|a few|several) (?:min|minutes|sec|seconds)|timing out|times out|drops|dropping|dropped calls",
  ),
  cue(
    "disruption",
    3,
    "not-working",
    "funktioniert nicht|geht nicht|ausgefallen|absturz|abgesturzt|hangt|fehlermeldung|fehler|ne (?:marche|fonctionne|demarre|s'allume|imprime) (?:pas|plus)|en panne|plante|erreur|no funciona|no (?:imprime|enciende|carga|conecta)|caido|se cae|se colgo|nie dziala|zawiesza|awaria|blad|padl|nie drukuje",
  ),
  // usability: works as built, but the design fights the workflow
  cue(
    "usability",
    3,
    "clicks",
    "too many clicks|(?:\\d+|so many|extra) clicks|click(?:ing)? through|zu viele klicks|trop de clics|demasiados clics|za duzo klikniec",
  ),
  cue(
    "usability",
    3,
    "confusing",
    "confus(?:ing|ed)|can never find|never find|not intuitive|unintuitive|clunky|cluttered|hard to (?:read|see|find|use|tell)|can't find|hidden|buried|umstandlich|unubersichtlich|pas pratique|confuso|nieczytelny|niewygodn",
  ),
  cue("usability", 3, "alert-fatigue", "alert fatigue|pop-?ups?|too many (?:alerts|alarms|warnings)|nuisance"),
  cue(
    "usability",
    3,
    "repetitive",
    "every (?:single )?time|again for every|for every|makes (?:you|me|us)|have to (?:scroll|click|re-?verify|sign|log in again)|re-?verify|on top of|each time|jedes mal|a chaque fois|cada vez|za kazdym razem",
  ),
  cue(
    "usability",
    3,
    "design",
    "swapped|keep hitting|mirrored|ugly|too (?:quiet|small|faint|soft|loud|tiny|bright|dim)|tiny font|can't hear|(?:don't|can't) hear|no running total|in our heads|by memory|lumps?|lumped|mixed together|layout|design|trop faibles?|on ne les entend pas|ne s'entend|muy bajo|no se oye|zu leise|za cicho|works but|as designed|by design|takes forever to chart|takes forever",
  ),
  // data_quality: wrong, missing, duplicated, stale, did not flow
  cue(
    "data_quality",
    3,
    "wrong-data",
    "wrong (?:weight|height|dose|rate|value|values|allergy|allergies|date|time|unit|units|number|name|email|address|dob|sex|gender|patient|pt|encounter|info|information|data|result|results|code status)|\\d+x the|ordered rate|incorrect|inaccurate|falsch|falsche|erronee?s?|incorrect[oa]s?|bledn\\w*",
  ),
  cue(
    "data_quality",
    3,
    "missing-data",
    "missing|didn't carry over|did not carry|not carrying over|didn't (?:cross|flow|transfer|come over|populate)|not crossing|not flowing|not populating|blank (?:field|value)|disappeared|no (?:longer )?shows?|keine? \\w+ mehr|fehlt|fehlen|manquant|falta|faltan|brak",
  ),
  cue(
    "data_quality",
    3,
    "duplicate",
    "scanned as|came up as|as (?:her|his|their|the other|another) (?:twin|sibling|pt|patient|baby)|wrong (?:baby|twin)|duplicate[sd]?|duplicated|two charts|double (?:chart|record|order)s?|doppelt|doublon|duplicado|zduplikowan",
  ),
  cue(
    "data_quality",
    3,
    "stale",
    "stale|outdated|out of date|old (?:number|phone|address|email|encounter|info|information|allergy|weight|list|contacts?)|still (?:shows|lists|has|says|displays|showing|listed)|people who left|who left in|previous (?:pt|patient|patient's|pt's)|changed it|veraltet|perime|desactualizad|nieaktualn",
  ),
  cue(
    "data_quality",
    3,
    "misfiled",
    "instead of|landing under|under the (?:wrong|old)|mixed (?:in|up) with|mixed in|mixed up|filed (?:to|under)|wrong chart|wrong encounter|doesn't match|don't match|mismatch|conflict(?:s|ing)?|but (?:the |my |our )?[\\w ]{0,30} (?:says|shows|lists)|says .{0,40} but .{0,40} says|interface (?:sent|dropped)|auto-?programmed",
  ),
  cue("data_quality", 2, "reference-ranges", "reference (?:range|ranges|values)|referenzwerte|normal ranges?"),
  // access: log-in, password, badge, permission, account
  cue(
    "access",
    4,
    "locked-out",
    "locked out|lock(?:ed|s)? (?:me|us|them|her|him) out|account (?:is )?(?:locked|disabled|expired|deactivated)|password (?:expired|reset)|(?:won't|can't|unable to) (?:let (?:me |us )?)?(?:log|sign) ?in|can't (?:log ?in|sign ?in|get in|get into|login|access|open my)|unable to (?:log ?in|sign ?in|access)|won't let (?:me|us|her|him) (?:log|sign|in)",
  ),
  cue(
    "access",
    4,
    "no-access",
    "no access|(?:don't|doesn't) have access|access denied|without access|no (?:\\w+ )?(?:login|log-in|account|credentials|access)|badge (?:tap |reader )?.{0,30}(?:isn't|won't|doesn't|not) work\\w*|not (?:provisioned|authorized|authorised)|permission(?:s)?|privileges?|ad group|security (?:class|group|role)|new hire|rejects? (?:all )?(?:our |my |the )?(?:logins?|passwords?|badges?)|(?:login|log-in|sign-?in) (?:fails|failed|doesn't work|not working|error)|badge (?:tap )?(?:won't|doesn't|isn't|not|fails)|can't approve|can't see my",
  ),
  cue(
    "access",
    4,
    "no-access",
    "kein zugang|(?:n'ai|n'avons|n'a) (?:plus|pas) (?:d')?acces|plus acces|mot de passe (?:refuse|expire|bloque|incorrect)|keine berechtigung|gesperrt|kann mich nicht anmelden|anmeldung|pas d'acces|acces refuse|compte bloque|mot de passe expire|sin acceso|no (?:puedo|podemos) (?:entrar|acceder)|no reconoce|bloquead[oa]|brak dostepu|nie moge sie zalogowac|zablokowan\\w*|konto",
  ),
  // training_need: does not know how
  cue(
    "training_need",
    5,
    "how-to",
    "how (?:do|can|should|would) (?:i|we|you|one)|how to|anyone know how|does anyone know|where do i|where can i find|what's the (?:best )?way to|is there a (?:tip sheet|guide|way to|video)|tip sheet|cheat sheet",
  ),
  cue(
    "training_need",
    4,
    "training",
    "nobody (?:showed|trained|taught|told)|never (?:trained|shown|taught)|need (?:training|a refresher|an inservice)|training|inservice|in-service|refresher|comment (?:est-ce que|faire|on|je)|wie (?:kann|mache|geht|funktioniert)|schulung|como (?:se|puedo|hago|podemos)|capacitacion|formacion|jak (?:moge|zrobic|sie|to)|szkoleni\\w*",
  ),
  // terminology: inconsistent or confusing terms
  cue(
    "terminology",
    5,
    "which-term",
    "which is which|which one is (?:the )?(?:right|correct)|which (?:one|term|order|protocol) (?:do|should)|what's the difference|different names|same (?:thing|order|drug|med) (?:called|named|with)|(?:two|three|four|five|\\d) (?:different|separate) (?:names|terms|orders|order names|diet orders|entries)|separate (?:\\w+ )?orders|called something different|means something different|terminology|naming|nomenclature|abbreviation",
  ),
  cue(
    "terminology",
    3,
    "terms",
    "order names?|'[^']+'.{0,50} but .{0,30}'[^']+'|(?:says|shows|wants|calls it|labelled|labeled) '[^']+'.{0,60}(?:says|shows|wants|calls it|labelled|labeled) '[^']+'|quelle difference|welcher begriff|que significa|co oznacza",
  ),
  // privacy_security: shared log-ins, exposed PHI, phishing, unlocked screens
  cue(
    "privacy_security",
    5,
    "shared-login",
    "share(?:d)? (?:passwords?|logins?|log-ins?|accounts?|credentials)|(?:uses?|using|log(?:s|ged)? in with) (?:the |a |one |someone's |her |his |my )(?:[\\w-]+ ){0,3}(?:login|log-in|password|account|badge)|same (?:login|log-in|password|account)|log(?:s|ged)? (?:in|into) .{0,40} as|everyone uses|generic (?:login|account)",
  ),
  cue(
    "privacy_security",
    5,
    "phishing",
    "phishing|claiming to be|pretending to be|asking for (?:my|your|our) (?:password|pin|credentials|login)|scam|spoof\\w*|suspicious (?:email|e-mail|link|call|text)|clicked (?:the|a|on the) link|typed (?:in )?my password|gave (?:out )?my password|malware|ransomware|virus|hacked|compromised",
  ),
  cue(
    "privacy_security",
    4,
    "phi-exposed",
    "recycling|trash|left (?:unlocked|logged in|open|on the printer)|unlocked (?:screen|workstation|computer|pc)|taking (?:photos|pictures)|photos of|anyone could|could see|can see (?:the|all|everyone|patient)|exposed|privacy|hipaa|breach|phi|confidential|datenschutz|confidentialite|privacidad|rodo|poufn\\w*",
  ),
  // workflow_gap: paper, fax, double entry, a wish for a tool
  cue(
    "workflow_gap",
    3,
    "wish",
    "wish|would be (?:nice|great|helpful|good)|it would help|we need a way|there's no way to|ojala|ich wunschte|j'aimerais|chcialabym|chcialbym",
  ),
  cue(
    "workflow_gap",
    4,
    "paper",
    "paper|on paper|still fax|fax(?:ing|es|ed)?|whiteboard|spreadsheet|by hand|manually|handwrit\\w*|write (?:it |them |the answers )?down|papier|papel|reczni\\w*",
  ),
  cue(
    "workflow_gap",
    4,
    "double-entry",
    "double (?:entry|document|documentation|charting|check(?:ing)? on paper)|re-?enter|re-?type|(?:type|enter|document|chart|write) .{0,30} twice|no (?:electronic|interface|integration|link)|not integrated|doesn't (?:talk|connect) to|don't talk to|call report|doppelt (?:erfassen|dokumentieren)|deux fois|dos veces|dwa razy",
  ),
  // other: IT service logistics, questions that are not how-to
  cue(
    "other",
    3,
    "it-service",
    "never (?:brought|came|got|sent) (?:it |them )?back|nobody (?:from it )?came|sitting in (?:boxes|a box)|set (?:them|it) up|who's responsible|who is responsible|whose job|cleaned|wiping|cleaning|took our|still waiting (?:for|on) it",
  ),
];
