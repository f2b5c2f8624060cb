/**
 * Wording of the kinds about people and process: access, training_need, terminology,
 * privacy_security, workflow_gap and other, in English, Spanish, German, French and Polish
 * (folded text, see kind-cue.ts).
 */
import { cue, type Cue } from "./kind-cue";

export const ACCESS_CUES: Cue[] = [
  cue(
    "access",
    4,
    "locked-out",
    "locked out|lock(?:ed|s)? (?:me|us|them|her|him) out|account (?:is )?(?:locked|disabled|expired|deactivated)|password (?:expired|reset)|(?:won't|can't|unable to) (?:let (?:me |us )?)?(?:log|sign) ?in|can't (?:log ?in|sign ?in|get in|get into|get onto|get on|login|access|open my)|unable to (?:log ?in|sign ?in|access)|won't let (?:me|us|her|him|them) (?:(?:\\w+ ){0,3}access|log|sign ?in|sign on|in)|asks? (?:me )?for (?:my )?(?:password|pw|credentials) (?:every|again|constantly)|keeps asking for (?:my )?(?:password|pw|login)|cert(?:ificate)? (?:expired|invalid|error)",
  ),
  cue(
    "access",
    4,
    "no-access",
    "no (?:[\\w-]+ (?:or |and )?){0,3}access|read-?only|(?:no|without) (?:write|edit) (?:access|rights)|licen[cs]es? (?:is |are )?(?:not )?(?:assigned|expired|missing)|no licen[cs]e|proxy access|no access|(?:don't|doesn't) have access|needs? (?:\\w+ )?access|request(?:ing)? access|(?:add|give|grant) (?:me|him|her|them|us) access|needs? (?:a |an )?(?:login|account)|access denied|without access|no (?:\\w+ )?(?:login|log-in|account|credentials|access)|badge\\w*(?: (?:tap|reader|in))? .{0,30}(?:stopped|isn't|won't|doesn't|not|no longer) (?:work|read|recogni)\\w*|not (?:provisioned|authorized|authorised)|permission(?:s)?|privileges?|ad group|security (?:class|group|role)|new hire|rejects? (?:all )?(?:our |my |the )?(?:logins?|passwords?|badges?)|(?:login|log-in|sign-?in) (?:fails|failed|doesn't work|not working|error)|badge (?:tap )?(?:won't|doesn't|isn't|not|fails)|can't approve|can't see my",
  ),
  cue(
    "access",
    4,
    "no-access",
    "kein zugang|(?:n'ai|n'avons|n'a) (?:plus|pas) (?:d')?acces|plus acces|mot de passe (?:refuse|expire|bloque|incorrect)|keine berechtigung|gesperrt|kann mich nicht anmelden|(?:komm\\w*|kann) .{0,30}nicht (?:mehr )?(?:ins?|rein|anmelden|einloggen)|nicht (?:mehr )?(?:einloggen|anmelden)|zertifikat|anmeldung|pas d'acces|acces refuse|compte bloque|mot de passe expire|impossible de (?:me |se )?connecter|n'arrive (?:pas|plus) a (?:me )?connecter|sin acceso|no (?:puedo|podemos) (?:entrar|acceder|conectarme|iniciar sesion)|no reconoce|bloquead[oa]|brak dostepu|nie (?:moge|mozemy|da sie) (?:sie )?(?:zalogowac|wejsc|polaczyc)|zablokowan\\w*|konto",
  ),
];

export const TRAINING_CUES: Cue[] = [
  cue(
    "training_need",
    5,
    "how-to",
    "how (?:do|can|should|would) (?:i|we|you|one)|how to|anyone know how|(?:alguien )?sabe(?:s|n)? como|alguien sabe|quelqu'un sait|weiss jemand|wie \\w+ (?:man|ich)|does anyone know|where do i|where can i find|what's the (?:best )?way to|is there a (?:tip sheet|guide|way to|video)|tip sheet|cheat sheet|walk me through|show me how|not sure how|(?:don't|doesn't) know how",
  ),
  cue(
    "training_need",
    4,
    "training",
    "(?:nobody|no one) (?:ever )?(?:showed|trained|taught|told)|never (?:been )?(?:trained|shown|taught)|need (?:training|a refresher|an inservice)|training|inservice|in-service|refresher|tutorial|comment (?:est-ce que|faire|on|je)|formations?|existe-t-il|y a-t-il une|wie (?:kann|mache|geht|funktioniert)|schulung|anleitung|weiss nicht wie|como (?:se|puedo|hago|podemos)|capacitacion|formacion|no se como|jak (?:moge|zrobic|sie|to)|nie wiem jak|szkoleni\\w*",
  ),
];

export const TERMINOLOGY_CUES: Cue[] = [
  cue(
    "terminology",
    5,
    "which-term",
    "which is which|which one is (?:the )?(?:right|correct|for)|which (?:one|term|order|order set|protocol) (?:do|should|is|to)|what's the difference|different names|same (?:thing|order|drug|med) (?:called|named|with)|calls? the same|same (?:\\w+ ){1,2}(?:called|named|shows up as|appears as|listed as)|in different places|(?:two|three|four|five|\\d) (?:different|separate) (?:names|terms|orders|order names|diet orders|entries)|separate (?:\\w+ )?orders|called something different|means something different|terminology|naming|nomenclature|abbreviation",
  ),
  cue(
    "terminology",
    5,
    "same-meaning",
    "mean(?:s)? the same(?: thing)?|same meaning|bedeuten das gleiche|veut dire la meme|significan lo mismo",
  ),
  cue(
    "terminology",
    3,
    "terms",
    "order names?|'[^']+'.{0,50} but .{0,30}'[^']+'|'[^']+', '[^']+',? (?:and|or) '[^']+'|(?:says|shows|wants|calls it|labelled|labeled) '[^']+'.{0,60}(?:says|shows|wants|calls it|labelled|labeled) '[^']+'|quelle difference|welcher begriff|que significa|co oznacza",
  ),
];

export const PRIVACY_CUES: Cue[] = [
  cue(
    "privacy_security",
    5,
    "shared-login",
    "share(?:d)? (?:passwords?|logins?|log-ins?|accounts?|credentials)|(?:uses?|using|log(?:s|ged)? in with) (?:the |a |one |someone's |her |his |my )(?:[\\w'-]+ ){0,3}(?:login|log-in|password|account|badge)|same (?:login|log-in|password|account)|log(?:s|ged)? (?:in|into) .{0,40} as|(?:everyone|everybody|we all|they all) uses?|generic (?:login|account)|under (?:the |a |someone's |somebody's |another |her |his |my |their )?(?:[\\w'-]+ ){0,3}(?:login|log-in|account|credentials|password)",
  ),
  cue(
    "privacy_security",
    5,
    "phishing",
    "phishing|claiming to be|pretending to be|asking for (?:my|your|our) (?:password|pin|credentials|login)|scam|spoof\\w*|suspicious (?:email|e-mail|link|call|text)|looks (?:fake|suspicious|like (?:a )?(?:scam|phishing|spam))|fake (?:email|e-mail|link|login|site)|click here|clicked (?:the|a|on the) link|typed (?:in )?my password|gave (?:out )?my password|malware|ransomware|virus|hacked|compromised",
  ),
  cue(
    "privacy_security",
    4,
    "phi-exposed",
    "recycling|trash|left (?:unlocked|logged in|open|on the printer)|left .{0,30}(?:logged in|logged on|unlocked)|chart open|(?:don't|doesn't|didn't|won't|not|never) auto-?lock|no auto-?lock|unlocked (?:screen|workstation|computer|pc)|taking (?:photos|pictures)|stolen|unencrypted|not encrypted|personal (?:gmail|email|e-mail|account|phone|device|laptop)|gmail|(?:sent|forwarded|emailed|faxed|mailed|posted|shared)\\b.{0,60}(?:by accident|by mistake|accidentally)|accidentally (?:sent|forwarded|emailed|faxed|shared)|(?:should|shouldn't) (?:that|this|it) be restricted|(?:chart|record)s? of (?:any|every) (?:patient|pt)|anyone could|could see|can see (?:the|all|everyone|patient)|(?:where|so) (?:anyone|everyone|anybody|everybody) can see|for (?:anyone|everyone|anybody) to (?:see|read)|names of (?:other )?(?:pts|patients)|(?:went|sent|mailed|faxed|delivered|forwarded) to (?:the wrong|a different|another|someone else)|not even (?:our|the|my|their) (?:pt|patient)|exposed|privacy|hipaa|breach|phi|confidential|datenschutz|confidentialite|privacidad|rodo|poufn\\w*",
  ),
];

export const WORKFLOW_CUES: Cue[] = [
  cue(
    "workflow_gap",
    3,
    "wish",
    "wish|would be (?:nice|great|helpful|good)|it would help|we need a way|there's no way to|no way to|(?:can|could) (?:we|i) (?:get|have)|(?:getting|get) (?:a |an )?(?:second|another|extra|additional|dual|more)|please (?:add|give us|get us)|ojala|necesitamos|ich wunschte|wir brauchen|j'aimerais|il nous faudrait|chcialabym|chcialbym|potrzebujemy",
  ),
  cue(
    "workflow_gap",
    4,
    "paper",
    "paper(?! jam)|on paper|still fax|fax(?:ing|es|ed)?|whiteboard|spreadsheet|write (?:it |them |the answers )?down|papier|papel",
  ),
  // Manual work is often the workaround for another problem, so it counts for less.
  cue(
    "workflow_gap",
    2,
    "manual",
    "by hand|manually|handwrit\\w*|hand-?writ\\w*|hand[- ]typ\\w*|a mano|a la main|von hand|per hand|reczni\\w*",
  ),
  cue(
    "workflow_gap",
    4,
    "double-entry",
    "double (?:entry|document|documentation|charting|check(?:ing)? on paper)|re-?enter|re-?type|(?:type|enter|document|chart|write) .{0,30} twice|(?:and )?then again (?:in|on|into)|no (?:electronic|interface|integration|link)|not integrated|doesn't (?:talk|connect) to|don't talk to|call report|doppelt (?:erfassen|dokumentieren)|deux fois|dos veces|dwa razy",
  ),
];

export const OTHER_CUES: Cue[] = [
  cue(
    "other",
    3,
    "it-service",
    "never (?:brought|came|got|sent) (?:it |them )?back|(?:nobody|no one) (?:from it )?(?:ever )?came|(?:nobody|no one|it) (?:has |have |ever )?(?:never )?(?:installed|set up|hooked up|configured)|never (?:installed|set up|hooked up)|(?:hasn't|haven't|wasn't|weren't) (?:been )?(?:installed|set up)|ticket .{0,40}closed|closed (?:my|the|our) ticket|sitting in (?:boxes|a box)|set (?:them|it) up|who's responsible|who is responsible|whose job|cleaned|wiping|cleaning|took our|still waiting (?:for|on) it|who do (?:i|we) (?:call|contact|ask)|any update|(?:can|could) (?:it|someone|somebody|you)(?: from it)?(?: come)? (?:move|relocate|install|mount|swap|replace)",
  ),
];
