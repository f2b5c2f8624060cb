/**
 * The safety floor: deterministic cues that set a minimum severity and the patient-safety flag,
 * whatever a classifier (LLM or offline) answers. Harm, wrong patient, wrong dose or a 10× error,
 * a high-alert drug (opioid, heparin, insulin…) running wrong, a code or rapid response, an alarm
 * that does not reach staff, a clinical system down for a whole unit. Text that tries to instruct
 * the classifier ("ignore previous instructions", "respond with severity low") is a signal too: it
 * is flagged for review, and can never lower anything. Pure; reads redacted text only.
 */
import { foldText } from "./fold-text";
import type { ClassificationResult } from "./classification";
import { SEVERITY_RANK, type Severity } from "./taxonomy";

export interface SafetyFloor {
  /** Lowest severity allowed, or null when no cue was found. */
  severity: Severity | null;
  /** The patient-safety flag must be set. */
  patientSafety: boolean;
  /** Which cues fired, for people reading the review reason ("code/rapid response", …). */
  cues: string[];
  /** The text tries to instruct the classifier. */
  injection: boolean;
}

interface Cue {
  label: string;
  severity: Severity;
  pattern: RegExp;
  /** A critical cue that was caught in time ("pharmacy caught it") is only high. */
  nearMiss?: boolean;
}

const re = (source: string): RegExp => new RegExp(`(?<![a-z0-9])(?:${source})(?![a-z0-9])`);

const HIGH_ALERT_DRUG =
  "opioids?|opiates?|morphine|hydromorphone|dilaudid|fentanyl|oxycodone|methadone|pca|heparin|insulin|potassium(?: chloride)?|kcl|magnesium|oxytocin|pitocin|propofol|vasopressors?|pressors?|norepinephrine|levophed|epinephrine|chemo(?:therapy)?|tpa|alteplase|warfarin|enoxaparin";
const INFUSION_WRONG =
  "(?:wrong|incorrect) (?:rate|dose|dosage|concentration|pump|channel|bag|syringe|strength|units)|programmed wrong|free[- ]?flow\\w*|ran (?:in|dry|wide open|too fast|over)|running (?:wrong|too fast|wide open|at the wrong)|wide open|bolus(?:ed)? (?:the )?(?:whole|entire|all)|empt\\w* (?:[\\w'-]+ ){0,4}into|(?:entire|whole) (?:bag|syringe|vial) (?:\\w+ ){0,3}(?:in|into|went|ran)|over-?infus\\w*|too (?:fast|much|high)|doubled?(?: the)? (?:dose|rate|bolus|concentration)|(?:given|gave|got|ran|infused|dosed|bolused) twice|(?:\\d+|ten|hundred)(?: ?x|-?fold| times)|overdos\\w*";

/** Ordered by severity, critical first; each fires at most once. */
const CUES: readonly Cue[] = [
  {
    label: "patient coding",
    severity: "critical",
    pattern: re(
      "cardiac arrest|(?:pt|patient|he|she|baby|child|someone) (?:is |was |just |has |had )*(?:coding|coded|arrested|crashing)|(?:during|in the middle of|mid-?) ?(?:a |the )?code(?! status)|herzstillstand|paro cardiaco|arret cardiaque|zatrzymanie krazenia",
    ),
  },
  {
    label: "code or rapid response",
    severity: "high",
    pattern: re(
      "code (?:blue|stroke|sepsis|pink|white|red)|rapid response|(?:rrt|met) call|crash cart|stroke alert|codigo azul|code bleu|kod niebieski|reanimationsalarm|" +
        // "code on 8E", "code in room 12", "called a code": the event, not an error, bar or billing code.
        "(?<!(?:error|err|fault|alarm|bar|zip|qr|access|door|lock|pin|billing|charge|icd|cpt|dx|diagnosis|status|source|promo|discount|program|dress|ward|unit|the|this|that|a|an|same|new|wrong|no|my|your|shows|showed|showing|displays|displayed|gives|gave|threw|throws|pump|device|machine|scanner) )code (?:on|in) (?:bed |room |rm )?\\d{1,2}[a-z]{0,2}|(?:call(?:ed|ing)?|runn?(?:ing)?|ran|had|have) (?:a |another )?code(?! (?:status|word|set|change)(?![a-z]))|there(?:s|'s| is| was) (?:a |another )?code(?! (?:status|word|set|change|for|to|number|that|you|i|we)(?![a-z]))",
    ),
  },
  {
    label: "patient harm",
    severity: "critical",
    pattern: re(
      "(?:pt|patient|baby|child|he|she) (?:was |got |has been |is |had )?(?:harmed|injured|hurt|overdosed)|overdos(?:e|ed|ing)|died|death of|massive (?:bleed|hemorrhage)|(?:pt|patient|he|she) (?:is )?(?:declining|deteriorating|desatting|bleeding)|(?:declining|deteriorating|crashing|desatting) (?:right )?now",
    ),
  },
  {
    label: "10× or concentration error",
    severity: "critical",
    nearMiss: true,
    pattern: re(
      `(?:10|ten|100|hundred|1000)(?: ?x| ?×|-?fold| times) (?:\\w+ ){0,4}(?:dose|doses|concentration|strength|rate|the (?:dose|concentration|rate)|${HIGH_ALERT_DRUG})|(?:dose|concentration|strength|rate) (?:\\w+ ){0,4}(?:10|ten|100|1000)(?: ?x| ?×|-?fold| times)|wrong concentration|concentration (?:is |was |are |were )?(?:wrong|off|incorrect)|(?:${HIGH_ALERT_DRUG}) (?:\\w+ ){0,3}(?:10|ten|100)(?: ?x| ?×|-?fold| times)`,
    ),
  },
  {
    label: "high-alert drug running wrong",
    severity: "critical",
    nearMiss: true,
    pattern: re(
      `(?:${HIGH_ALERT_DRUG}) (?:[\\w'-]+ ){0,8}(?:${INFUSION_WRONG})|(?:${INFUSION_WRONG}) (?:[\\w'-]+ ){0,8}(?:${HIGH_ALERT_DRUG})|empt\\w* (?:[\\w'-]+ ){0,4}(?:${HIGH_ALERT_DRUG})(?: [\\w'-]+){0,3} into`,
    ),
  },
  {
    label: "alarm not reaching staff",
    severity: "critical",
    pattern: re(
      "(?:alarms?|alerts?|monitors?|telemetry|tele|central(?: station)?) (?:[\\w'-]+ ){0,4}(?:not|never|didn't|did not|don't|doesn't|aren't|weren't|isn't|wasn't|no longer|stopped) (?:\\w+ )?(?:reach\\w*|go(?:ing)? through|com(?:e|ing) through|sound\\w*|ring\\w*|fir(?:e|ing)|show(?:ing)? up|get(?:ting)? through|alarm\\w*|transmit\\w*|forward\\w*|deliver\\w*|received)|no alarms? (?:reach\\w*|at the central|going|coming|sounding)|(?:never|didn't|did not) (?:get|hear|receive|see) (?:the |any )?(?:alarms?|alerts?)|never alarmed|alarms? (?:are |were |is |was )?(?:silenced|disabled|off|not configured)|nobody (?:is )?(?:watching|monitoring)|not being monitored|unmonitored",
    ),
  },
  {
    label: "wrong patient",
    severity: "high",
    pattern: re(
      "wrong (?:patient|pt|chart|baby|twin|person|wristband|armband|band|record|mrn)|wrong (?:specimen |patient |pt |lab |id )?(?:labels?|stickers?|barcodes?)(?! (?:size|format|template|paper|stock|roll|printer|tray|width|layout))|(?:labels?|stickers?|barcodes?) (?:[\\w'-]+ ){0,4}(?:for|of|with) (?:the )?(?:wrong|another|other|different|someone else's) (?:patient|pt|person|name)|mislabell?ed|(?:etiquetas?|pegatinas?) (?:[\\w'-]+ ){0,3}(?:equivocad\\w*|de otro paciente)|falsche[ns]? (?:etikett\\w*|patientenetikett\\w*|aufkleber)|(?:mauvaises?|fausses?) etiquettes?|etiquettes? (?:[\\w'-]+ ){0,3}(?:d'un autre patient|du mauvais patient)|(?:zle|bledne|zla|bledna) (?:etykiet\\w*|naklejk\\w*)|(?:another|other|different|previous|someone else's) (?:patient|pt)'?s?'? (?:\\w+ )?(?:chart|results?|labs?|orders?|meds?|medications?|wristband|data|record|notes?|name|images?)|(?:patients?|pts|charts|wristbands?) (?:got |were |are )?(?:mixed up|swapped|merged)|paciente (?:equivocado|incorrecto)|falsche[nrm]? patient\\w*|mauvais patient|(?:zly|zlego|niewlasciwy|niewlasciwego) pacjent\\w*",
    ),
  },
  {
    label: "wrong dose",
    severity: "high",
    pattern: re(
      "wrong (?:dose|dosage|doses|rate|strength|drug|med|meds|medication|route|infusion|units?)|(?:dose|dosage|rate) (?:is |was |are |were )?(?:wrong|incorrect)|(?:double|second|extra|duplicate) dose|dosed twice|(?:got|given|gave|received|bekam|recibio|a recu|dostal\\w*) (?:[\\w'-]+ ){0,4}(?:twice|doppelt|dos veces|deux fois|dwa razy)|dosis (?:incorrecta|equivocada|erronea)|falsche dosis|mauvaise (?:dose|posologie)|(?:zla|bledna|zle) dawk\\w*",
    ),
  },
  {
    label: "patient harm possible",
    severity: "high",
    pattern: re("(?:could|might|may|will|can) (?:\\w+ ){0,2}(?:harm|hurt|kill)|near miss|almost (?:gave|given|hung)"),
  },
  {
    label: "clinical system down for a unit",
    severity: "high",
    pattern: re(
      "(?:whole|entire|all of the|all of) (?:\\w+ ){0,2}(?:hospital|unit|floor|ed|er|icu|department|ward|house) (?:\\w+ ){0,3}(?:down|dead|offline|frozen|out)|(?:down|offline|dead|out) (?:on|in|across|for) (?:the )?(?:whole|entire|all)|all (?:the |our )?(?:monitors|pumps|computers|workstations|scanners|phones|pcs) (?:\\w+ ){0,3}(?:down|dead|offline|frozen|black|grey|gray)",
    ),
  },
];

/** Phrases that deny harm ("no harm done") are removed before the cues are read. */
const DENIED = re(
  "no (?:patient )?harm(?: done| came| happened| was done)?|without harm|nobody (?:was )?(?:harmed|hurt)|no one (?:was )?(?:harmed|hurt)|not harmed",
);

const INJECTION = new RegExp(
  [
    "(?:ignore|disregard|forget|override) (?:all |any |the |your |my )?(?:previous |prior |above |earlier |preceding |former |system )?(?:instructions?|rules|prompts?|guidelines|directions|context)",
    "(?:ignore|disregard) (?:everything|all) (?:above|before)",
    "(?:respond|reply|answer|return|output) (?:only )?(?:with|using|as)\\b",
    "you are now|from now on,? you|act as (?:a|an|the)|pretend (?:to be|you are)",
    "new instructions|system prompt|developer mode|admin mode|jailbreak|\\bdan mode",
    "\\b(?:severity|patient ?safety|patientsafety|isreport|kind)\\b\\s*[:=]",
    "(?:set|mark|classify|rate|label|grade|record|store|file) (?:this|it|the report|the severity|severity|me)(?: \\w+)? (?:as |to )?(?:low|medium|not (?:a )?(?:safety|patient)|non-?urgent|false|trivial)",
    "(?:severity|priority) (?:should be|must be|is) low",
    '"(?:severity|patientsafety|isreport)"',
    "note to (?:the )?(?:classifier|bot|ai|model|llm|assistant|triage)",
    "\\bas an ai\\b|language model",
    "ignora (?:las |todas las )?instrucciones|ignoriere (?:alle )?(?:vorherigen )?anweisungen|ignore[sz]? (?:les |toutes les )?instructions|zignoruj (?:wszystkie )?(?:poprzednie )?instrukcje",
  ].join("|"),
);

/** The error was caught before it reached the patient. */
const CAUGHT = re(
  "caught (?:it|the error|this|that|in time|before)|(?:pharmacy|pharmacist|we|i|nurse|someone) caught|near miss|before it (?:was given|reached|got to)|(?:didn't|did not|never) reach the (?:patient|pt)",
);

const NO_FLOOR: SafetyFloor = { severity: null, patientSafety: false, cues: [], injection: false };

export function safetyFloorOf(text: string): SafetyFloor {
  const folded = foldText(text);
  const injection = INJECTION.test(folded);
  const read = folded.replace(DENIED, " ");
  let severity: Severity | null = null;
  const cues: string[] = [];
  const caught = CAUGHT.test(read);
  for (const cue of CUES) {
    if (!cue.pattern.test(read)) continue;
    cues.push(cue.label);
    const level: Severity = cue.nearMiss && caught ? "high" : cue.severity;
    if (severity === null || SEVERITY_RANK[level] > SEVERITY_RANK[severity]) severity = level;
  }
  if (!injection && severity === null) return NO_FLOOR;
  return { severity, patientSafety: severity !== null, cues, injection };
}

/** The floor's alert: a critical floor or a patient-safety cue alerts at once, before any LLM. */
export function floorAlerts(floor: SafetyFloor): boolean {
  return floor.severity === "critical" || floor.patientSafety;
}

export interface FlooredResult {
  result: ClassificationResult;
  /** The classifier's own severity and flag when the floor raised them; null when nothing changed. */
  raisedFrom: { severity: Severity; patientSafety: boolean } | null;
}

/** Raises a result to the floor (never lowers anything). */
export function applySafetyFloor(result: ClassificationResult, floor: SafetyFloor): FlooredResult {
  if (floor.severity === null) return { result, raisedFrom: null };
  const severityLow = SEVERITY_RANK[result.severity] < SEVERITY_RANK[floor.severity];
  const safetyMissing = floor.patientSafety && !result.patientSafety;
  if (!severityLow && !safetyMissing) return { result, raisedFrom: null };
  const tags =
    floor.patientSafety && !result.tags.includes("patient-safety") ? [...result.tags, "patient-safety"] : result.tags;
  return {
    result: {
      ...result,
      severity: severityLow ? floor.severity : result.severity,
      patientSafety: result.patientSafety || floor.patientSafety,
      tags,
    },
    raisedFrom: { severity: result.severity, patientSafety: result.patientSafety },
  };
}
