/**
 * Wording of the "something is wrong with the system or its data" kinds: disruption, usability
 * and data_quality, in English, Spanish, German, French and Polish (folded text, see kind-cue.ts).
 */
import { cue, NEG, type Cue } from "./kind-cue";

const ACTIONS =
  "(?:load|open|boot|start|power|print|scan|read|connect|work|sync|launch|respond|turn on|come up|save|send|dial|ring|charge|hold (?:a |the |its )?charge|pair|display|lock|close|release|refresh|accept|unlock|dispense|transmit|upload|update|go through|wake up|stay connected|play)";

export const DISRUPTION_CUES: Cue[] = [
  cue(
    "disruption",
    3,
    "down",
    "(?:is|are|went|goes|was|been|be|all|still|it's|its|system|epic|network|both) down|down (?:again|since|for (?:\\d+|hours|the|over)|all (?:day|night|shift)|today|this morning)|down\\?+|down (?:on|in|across) (?:the |all of )",
  ),
  cue(
    "disruption",
    3,
    "not-working",
    `${NEG} (?:even )?${ACTIONS}(?:s|ing)?|${ACTIONS}s? (?:at all|anymore)|not (?:working|loading|printing|scanning|connecting|booting|responding|syncing|charging)|stopped (?:working|responding|printing|scanning|loading|connecting|syncing|showing|displaying|charging|booting|ringing)`,
  ),
  cue("disruption", 3, "frozen", "froze|frozen|freez(?:e|es|ing)|hang(?:s|ing)|hung|stuck|spinning wheel|spinning"),
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
    "lost (?:signal|connection|power|network|wifi)|keeps (?:expiring|failing|timing out|logging (?:me |us )?out|kicking (?:me |us )?out|going offline|beeping|alarming|losing \\w+)|false (?:alarms?|codes?|alerts?|readings?)|druckt (?:nicht|keine)|n'imprime (?:pas|plus)|error(?:s)?|throws|fails? to|failed|failing|failure|fault|malfunction\\w*|outage|offline|no signal|disconnect(?:s|ed|ing)?",
  ),
  cue(
    "disruption",
    2,
    "broken",
    "broke|broken|dead|dies|dying|cracked|jammed|jam|smashed|won't turn|spitting out|spiting out|spits out|printing blank|garbled|faint|blurry|smudged|illegible|unreadable|cut(?:s)? off|(?:black|blank|white) screen|no (?:sound|audio|picture|video|dial tone)|dead (?:zone|spot)|free-?flow\\w*|out of (?:paper|ribbon|toner|labels|ink)|glitch\\w*|buggy|acting (?:up|weird)|randomly|ecran (?:blanc|noir)|pantalla (?:negra|en blanco)|schwarzer bildschirm|(?:czarny|bialy) ekran",
  ),
  cue(
    "disruption",
    4,
    "broken",
    "missing (?:the |a |an |its |their )?(?:\\w+ )?(?:key|keys|cable|cord|charger|battery|cover|wheel|wheels|mouse|stylus|plug|mount|part|parts)",
  ),
  cue(
    "disruption",
    2,
    "slow",
    "slow(?:er|ness)?|lag(?:s|gy|ging)?|takes? (?:\\d+|a few|several) (?:min|minutes|sec|seconds)|forever to (?:load|open|start|boot|come (?:up|back)|log ?in|connect)|timing out|times out|drop(?:s|ped|ping)?|dropped calls|lent[oae]?|lenta|langsam|wolno|wolny|wolne",
  ),
  cue(
    "disruption",
    3,
    "not-working",
    "impossible d'(?:ouvrir|imprimer|utiliser|afficher)|impossible de (?:lancer|scanner|charger|ouvrir|imprimer)|funktioniert nicht|geht nicht|ausgefallen|absturz|abgesturzt|sturzt ab|hangt|fehlermeldung|fehler|bricht(?: \\w+){0,4} ab|verbindung (?:verlier|verloren|bricht|weg)\\w*|verlier\\w*(?: \\w+){0,3} (?:die )?verbindung|keine verbindung|startet nicht|reagiert nicht|defekt|kaputt|ne (?:marche|fonctionne|demarre|s'allume|imprime|lit|scanne|repond|charge|s'ouvre|affiche) (?:pas|plus)|en panne|hors service|plante|erreur|no funciona|no (?:imprime|enciende|carga|conecta|lee|escanea|abre|responde|muestra)|corta(?:n)?|cortad[oa]s?|se corta|caido|se cae|se colgo|congelad[oa]|sin conexion|averiad[oa]|nie (?:dziala|czyta|skanuje|drukuje|laczy|laduje|odpowiada|wlacza|otwiera|pokazuje)|zawiesza|zawiesil\\w*|awaria|blad|padl|zepsut\\w*|brak polaczenia",
  ),
];

export const USABILITY_CUES: Cue[] = [
  cue(
    "usability",
    3,
    "clicks",
    "too many clicks|(?:\\d+|so many|extra) clicks|click(?:ing)? through|(?:\\d+|so many|too many|extra) (?:screens|steps|tabs|pages) to|zu viele klicks|\\w*mal klicken|klicken|trop de clics|demasiados clics|za duzo klikniec|zbyt wiel\\w* klikni\\w*|klikniec",
  ),
  cue(
    "usability",
    3,
    "confusing",
    "confus(?:ing|ed)|can never find|never find|not intuitive|unintuitive|clunky|cluttered|hard to (?:read|see|find|use|tell)|can't find|hidden|buried|umstandlich|unubersichtlich|pas pratique|confuso|nieczytelny|niewygodn",
  ),
  cue(
    "usability",
    3,
    "alert-fatigue",
    "alert fatigue|alarm fatigue|fires (?:on|for) (?:every|all|each)|(?:nobody|no one) (?:reads|looks at|pays attention to) (?:it|them|the)|pop-?ups?|too many (?:alerts|alarms|warnings|bpas)|nuisance|nobody (?:reacts|responds|listens)|(?:ignore|tune out) (?:the )?(?:alarms|alerts)|without reading|alarmmudigkeit|fatigue (?:d'alarme|des alarmes)|fatiga de alarmas",
  ),
  cue(
    "usability",
    3,
    "repetitive",
    "again for every|makes (?:you|me|us)|have to (?:scroll|click|re-?verify|sign|log in again)|re-?verify|on top of|\\d+ ?(?:x|times) (?:a|per|an?|each) (?:shift|day|hour)|re-?tap\\w*|drag (?:them|it) around|in a different order",
  ),
  cue("usability", 2, "repetitive", "for every"),
  cue(
    "usability",
    3,
    "layout",
    "(?:right )?next to each other|too close together|easy to (?:miss|overlook|mix up|confuse|hit|click)|(?:tiny|small|grey|gray|faint|light) (?:grey |gray )?(?:text|print|letters|font)|resets? (?:\\w+ ){0,2}(?:to (?:the )?default|every time)|have to rebuild",
  ),
  cue(
    "usability",
    2,
    "every-time",
    "every (?:single )?time|each time|jedes mal|a chaque fois|cada vez|za kazdym razem",
  ),
  cue(
    "usability",
    3,
    "design",
    "swapped|keep hitting|mirrored|ugly|too (?:quiet|small|faint|soft|loud|tiny|bright|dim)|(?:so|really|very|super|is|are) (?:tiny|loud|quiet|small|dim)|tiny font|small font|font (?:is|size)|beep (?:less|quieter)|(?:on|at) the first (?:try|attempt)|(?:way )?too (?:short|long)|took (?:me|us) (?:\\d+ \\w+|forever|ages) to (?:find|figure out|locate)|moved the \\w+ (?:\\w+ )?(?:button|tab|icon|link|menu)|voice recognition|can't hear|(?:don't|can't) hear|no running total|in our heads|by memory|lumps?|lumped|mixed together|layout|design|trop faibles?|on ne les entend pas|ne s'entend|muy bajo|no se oye|zu leise|za cicho|works but|as designed|by design|takes forever to chart|takes forever(?! to (?:load|open|boot|start|come|log|connect|print|respond))|dauert ewig|prend une eternite|tarda mucho|trwa wieki",
  ),
];

export const DATA_QUALITY_CUES: Cue[] = [
  cue(
    "data_quality",
    3,
    "wrong-data",
    "wrong (?:weight|height|pcp|provider|attending|doctor|physician|contact|contact info|visit|summary|side|marker|location|bed|room|barcode|label|phone|dose|rate|value|values|allergy|allergies|date|time|unit|units|number|name|email|address|dob|sex|gender|patient|pt|encounter|info|information|data|result|results|code status|concentration|house|family|person)|\\d+x the|ordered rate|incorrect|inaccurate|falsch\\w*|erronee?s?|incorrect[oa]s?|equivocad[oa]s?|bledn\\w*|zl[aeyo]|zlym|count (?:is|was) (?:off|wrong)|(?:is|are) off by|discrepanc\\w*|doesn't add up|(?:lb|lbs|pounds) (?:for|instead)|in (?:pounds|lbs) instead|w funtach|en libras|in pfund|otr[oa] (?:fecha|nombre|direccion|paciente|numero)",
  ),
  cue(
    "data_quality",
    3,
    "missing-data",
    `missing|didn't carry over|did not carry|not carrying over|didn't (?:cross|flow|transfer|come over|populate)|${NEG} (?:flow|cross|carry over|populate|transfer|come over)|never (?:crossed|came|flowed|showed|made it|populated|transferred)(?: over| up| through)?|stopped (?:sending|crossing|flowing|populating|importing|coming (?:in|into|through|over|across))|(?:aren't|isn't|not|never) (?:coming|getting) (?:in|into|through|over|across)|(?:never|doesn't|don't|won't) imports?|(?:isn't|aren't|not) in (?:the )?(?:pacs|chart|epic|system|record|mar|emr|ehr)|revert(?:s|ed|ing)? (?:back )?to|split (?:across|between|over)|dropped (?:all )?(?:the |his |her |their )?(?:\\w+ )?(?:orders|meds|medications|allergies|results|notes|history|data|problem list)|n'apparai\\w* (?:pas|plus)|no aparece\\w*|erschein\\w* nicht|nie (?:pojawia|widac)|${NEG} (?:show|showing|display|displaying)(?: up)? (?:the |any |a |an )?(?:\\d+ )?(?:\\w+ )?(?:doses?|results?|orders?|allerg(?:y|ies)|meds?|admin|notes?|labs?|vitals)|(?:is|are|went) gone|went missing|vanished|not crossing|not flowing|not populating|blank (?:field|value)|disappeared|no (?:longer )?shows?|keine? \\w+ mehr|fehlt|fehlen|manquant|falta|faltan|brak`,
  ),
  cue(
    "data_quality",
    3,
    "duplicate",
    "(?:two|2|zwei|deux|dos|dwa|dwie) (?:different|verschiedene|differentes?|distint[oa]s|rozne) (?:allerg\\w*|weights?|gewichte?|poids|pesos?|doses?|dosen|values?|werte|results?|ergebnisse|codes?)|depending (?:on )?which (?:view|screen|tab|report)|je nachdem welche|scanned as|came up as|as (?:her|his|their|the other|another) (?:twin|sibling|pt|patient|baby)|wrong (?:baby|twin)|duplicate[sd]?|duplicated|two charts|both charts|two (?:open )?(?:encounters|cases|records|mrns|accounts|falle)|double (?:chart|record|order)s?|doppelt|doublon|duplicado|zduplikowan",
  ),
  cue(
    "data_quality",
    3,
    "stale",
    "stale|outdated|out of date|old (?:number|phone|address|email|encounter|info|information|allergy|weight|list|contacts?|name|last name|chart|record|mrn)|still (?:shows|lists|has|says|displays|showing|listed)|people who left|who left in|previous (?:pt|patient|patient's|pt's)|changed it|veraltet|perime|desactualizad|nieaktualn",
  ),
  cue(
    "data_quality",
    3,
    "misfiled",
    "instead of|en vez de|en lugar de|au lieu de|statt|anstatt|zamiast|landing under|under the (?:wrong|old)|mixed (?:in|up) with|mixed in|mixed up|filed (?:to|under)|wrong chart|wrong encounter|doesn't match|don't match|mismatch|conflict(?:s|ing)?|but (?:the |my |our )?[\\w ]{0,30} (?:says|shows|lists)|says .{0,40} but .{0,40} says|interface (?:sent|dropped)|auto-?programmed|as (?:discharged|deceased|expired|inactive)|meant for (?:another|a different|the other)|(?:another|other|a different) (?:pt|patient)'s (?:results?|chart|labs|data|info|meds|orders|notes|name|barcode|label|wristband|band|weight|allerg\\w*)|went to (?:her|his|their|the) (?:\\w+ )?(?:daughter|son|wife|husband|mother|father|sister|brother|family)'?s?|(?:someone|somebody) else's (?:results?|chart|labs|data)|for (?:another|a different) (?:family|patient|pt|person)",
  ),
  cue(
    "data_quality",
    3,
    "late-results",
    "(?:results?|resultados|befunde|resultats|wyniki|labs?|readings?) .{0,60}(?:retraso|delayed|late|verspatet|verzogert|en retard|opozni\\w*)",
  ),
  cue("data_quality", 2, "reference-ranges", "reference (?:range|ranges|values)|referenzwerte|normal ranges?"),
];
