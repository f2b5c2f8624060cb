/**
 * Wording the severity and patient-safety rules look for, on the folded text (see text-prep.ts).
 * Kept apart from the rules (severity-rules.ts) so the vocabulary can grow without touching logic.
 */
const re = (source: string): RegExp => new RegExp(`(?<![a-z0-9])(?:${source})(?![a-z0-9])`);

/** Harm happening or imminent. */
export const HARM = re(
  "on the table|during a code|(?:can't|cannot) get (?:any )?meds for (?:anyone|anybody)|(?:down|dead) and so is the backup|(?:pt|patient) (?:is )?crashing|(?:dnr|full code) .{0,40}(?:dnr|full code)|blood (?:bank|type|group) .{0,40}(?:says|shows) (?:type )?(?:a|b|ab|o)(?![a-z])|nobody (?:is )?(?:watching|monitoring)|not being monitored|unmonitored|trauma (?:coming|incoming|arriving|on the way)|ambulances? (?:incoming|coming|arriving|on the way)|(?:coming|arriving) in \\d+ min|stroke alert|code stroke|code blue|rapid response|(?:pt|patient|she|he) (?:is |was )?coding|arrest(?:ed|ing)?|cardiac arrest|declining|deteriorating|crashing (?:pt|patient)|tpa clock|clock is running|septic|came back in|readmitted|died|harmed|bleeding|hemorrhag\\w*|bp dropped|dropped to the|desat(?:ting|urating)?|before we caught it|overdose[d]?|(?:second|double|extra|duplicate) dose|dosed twice|given twice|free-?flow\\w*|backup (?:won't|doesn't|is down|failed)|(?:just |has |had )?coded|never alarmed|(?:didn't|did not|doesn't|does not) alarm|no alarms?(?! fatigue)|alarms? (?:are |were )?(?:off|disabled|not configured|silenced)|(?:got|received|was given|given) (?:\\w+ ){0,3}twice|(?:hr|heart rate|sats?|spo2|bp|pressure) (?:is |are )?(?:now|down to|dropped to) (?:in the )?\\d+|emergent|emergency (?:intubation|airway|c-section|surgery)|massive transfusion|(?:possible|suspected|acute|active) stroke|stroke (?:alert|code|pt|patient|workup)|(?:every|all|all the) drips? (?:is |are )?(?:stopped|off|paused)|can't (?:call|reach|page) (?:a |the )?(?:trauma|code|rapid|stroke) team",
);

/** A clinical system down for a whole unit or more. */
export const WHOLE_UNIT_DOWN = re(
  "(?:frozen|down|dead|not working) on (?:every|all|each) (?:workstation|computer|pc|terminal)s?|(?:whole|entire) (?:hospital|unit|floor|ed|icu|department|ward)(?: is)? down|(?:whole|entire|all of(?: the)?) (?:\\w+ ){0,2}(?:hospital|unit|floor|ed|icu|department|ward|house)|down (?:on|in|across|for) (?:the |all of (?:the )?)?(?:whole|entire|all)|down across|all (?:monitors|pumps|computers|workstations|scanners|phones) (?:are )?(?:down|dead|frozen)|(?:every|each) (?:workstation|computer|pc|monitor|pump|scanner|phone|terminal)s?(?: \\w+){0,3} (?:down|dead|frozen|says|shows|won't|can't)|(?:on|from) any (?:computer|pc|workstation|terminal)|nothing (?:loads|works|opens|comes up)|all (?:the |our )?(?:\\w+ )?(?:monitors|pumps|computers|workstations|scanners|phones|pcs|thin clients) (?:\\w+ ){0,4}(?:down|dead|frozen|show|shows|error|rebooted|crashed|failed|won't|can't)|(?:are|is) both down|both (?:are )?down",
);
/** No way around it ... */
export const NO_WORKAROUND = re(
  "no downtime|downtime \\w+ (?:are |is )?(?:dead|down|locked|not)|no (?:backup|workaround|way around)",
);
/** ... or a workaround (risky or not) is in use. */
export const WORKAROUND = re(
  "workaround|rounding|round(?:ing)? every|for now|until (?:it's |it is )?fixed|switched to|using (?:the |a )?(?:one|another|other|backup|paper|downtime|spare)|borrowing|by hand|on paper",
);

/** Care delayed, a risky workaround, many users affected. */
export const HIGH = re(
  "mid-?(?:case|procedure|surgery)|waiting on (?:images|results|labs|reads)|leaving without|can't (?:chart|give|document|hang|order|scan|prescribe|dispense|pull)|no way to (?:chart|give|document)|everyone(?! (?:can|could) (?:see|read))|nobody can|no one can|a nadie|keiner|personne ne|nikt|whole (?:unit|floor|team|department)|entire (?:unit|floor|team|department|hospital)|all (?:the )?(?:nurses|users|staff|techs|units|floors|patients)|all of us|(?:share|shared|sharing) (?:passwords?|logins?)|log(?:s|ged)? (?:in|into) .{0,40} as|typed my password|clicked (?:the|a) link|compromised|controlled substance|narcotics?|narc drawer|won't lock|almost (?:got|gave|repleted|gave|hung|charted)|almost\\b.{0,20}twice|near miss|nearly gave|could have given|delay(?:ed|s)? (?:care|meds|treatment|discharge)|held when they shouldn't|borrow\\w*|(?:have to|had to|having to|we|we're|we are|so) overrid\\w*|overrid\\w* (?:every|each|all)|(?:writing|typing|entering|escribiendo|schreiben) .{0,40}(?:by hand|a mano|a la main|von hand|recznie)|handwritten (?:wristbands?|labels?|bands?)|redraw\\w*|reject(?:ed|ing)|names of (?:other )?(?:pts|patients)|(?:went|sent|mailed|faxed) to (?:the wrong|a different|another|someone else)|not even (?:our|the|my) (?:pt|patient)|meds? (?:are |is )?(?:due|overdue|late)|meds due|\\d+ pts|\\d+ (?:docs|doctors|nurses|providers|users|staff|people|rns|techs|residents|physicians)|waiting to (?:log ?in|get in|chart|be seen)|(?:went|go|going|gone) \\d+ (?:hours|hrs) without|without (?:\\w+ ){0,2}(?:antibiotics|meds|medications|insulin|doses?)|can't hear (?:the )?(?:alarms?|pumps?|monitors?)|on ne les entend pas|meds? (?:sit|sitting|wait\\w*)|unverified|all shift|handwrit\\w* (?:ids?|bands?|wristbands?|labels?)|(?:couldn't|can't) reach|missed (?:\\w+ )?(?:consults?|pages?|calls?)|(?:didn't|did not|never) (?:see|get) (?:my |the )?(?:page|message|call)|can't (?:sign|get (?:\\w+ )?calls)|server (?:is )?(?:unavailable|down)",
);

export const LOW = re(
  "ugly|cosmetic|sticky|is a pain|cafeteria|break ?room|parking|gift shop|annoying|annoyance|minor|small thing|not urgent|no rush|whenever|suggestion|idea|would be nice|nice to have|lol|annoyed|who's responsible|fyi|didn't click|did not click|keeps asking|asks (?:me )?for (?:my )?(?:password|pw|pin)|(?:\\(lol\\)|\\(meh\\))$",
);
export const MEDIUM = re(
  "alert fatigue|easy to miss|click(?:ing)? (?:through|past) (?:them|it|all|the (?:alerts?|warnings?|pop-?ups?|bpas?))|nobody reads|(?:re-?enter|retyp)\\w*|can't tell|hard to tell|no se distingue|only works if|slow(?:s|ed|er)? (?:us|me|everything|down)|takes forever|keep hitting|re-?verify|in our heads|(?:every|each) (?:hour|shift|day)|\\d+ ?(?:x|times) (?:a|per|an?|each) (?:shift|day|hour)|every (?:single )?(?:case|study|order|admission|discharge)",
);

/** Treatment could be delayed or changed. */
export const SAFETY = re(
  "wrong (?:patient|pt|dose|rate|med|medication|drug|bottle|blood|chart|side|site|house)|previous (?:pt|patient)'?s?|another (?:pt|patient)'s|mixed in with|\\d+x the|ordered rate|overdose|missed (?:a |the )?(?:positive |critical )?(?:result|culture|lab|dose|med|alert|alarm|dressing|visit)|med(?:s|ication)? (?:get |got |is |are )?(?:held|stopped|delayed|missed)|med is stopped|alarm(?:s|es|ing)?|alarme?s?|rhythms?|asystole|false codes?|two charts|duplicate charts?|wrong chart|scanned as|as (?:her|his) twin|wrong (?:baby|twin)|can't hear|call light|nurse call|stroke|tpa|code status|dnr|full code|declining|on the table|mid-?(?:case|procedure)|waiting on (?:images|reads|results)|septic|bp dropped|almost (?:got|gave|repleted)|near miss|nearly gave|scripts|e-?prescri\\w*|results? (?:are )?(?:landing|going|filed)|filed under|under the (?:pt's |patient's )?old|reference (?:range|ranges|values)|referenzwerte|kalium|potassium|k\\+|replet\\w*|fluid|allerg(?:y|ies)|supposed to go on|wristband mismatch|antibiotics?|(?:scan|give|pull|get|hang) (?:\\w+ ){0,2}(?:meds?|medications?|insulin|antibiotics?|narcotics|drips?)|meds? (?:sit|sitting|wait\\w*)|unverified|dropped (?:all )?(?:the )?(?:active )?orders|handwrit\\w* (?:ids?|bands?|wristbands?|labels?)|meds get held|meds? (?:are |is )?(?:due|overdue|late)|meds due|chemo|borrow\\w* meds|(?:can't|won't|wouldn't) (?:pull|release|give|hang)|(?:specimens?|samples?|tubes?) .{0,30}reject\\w*|reject\\w* (?:the |our |all )?(?:tubes?|specimens?|samples?)|redraw\\w*|wristbands?|armbands?|pulseras?|bracelets?|opask\\w*|weight|dosing|doses?|same name|readings|blood (?:type|group)|grupa krwi|grupe krwi|blutgruppe|groupe sanguin|grupo sanguineo|as discharged",
);
export const NOT_CLINICAL = re(
  "email|e-mail|portal|phone number|address|contacts|directory|intranet|payroll|timecards?|schedul\\w*|expenses?|pto",
);
/** Exceptions to NOT_CLINICAL: the admin detail still reached care. */
export const CLINICAL_AFTER_ALL = /result|dose|rate|missed|home health|treatment/;
/** A terminology mix-up that was actually acted on. */
export const MISREAD = re("think|thinks|thought|assum\\w*|mistak\\w*|(?:gave|given|got) the wrong|held|stopped");

export const MANY_USERS = re(
  "everyone|everybody|nobody|no one|anyone|a nadie|todos|keiner|niemand|personne|nikt|all (?:of us|the nurses|nurses|staff|users)",
);

/** A safe way around the problem is already in use (a spare device, a retry). */
export const SAFE_WORKAROUND = re(
  "(?:had to )?swap(?:ped)? (?:it|them)(?: out)? (?:twice|again|\\d+ times)|swapped (?:it )?(?:for|with|to) (?:another|a (?:new|spare|different))|borrowed the (?:one|scanner|pump|monitor|computer|cow|wow)|using (?:the |a )?(?:other|another|spare|backup) (?:one|scanner|pump|computer|printer|pc)|(?:\\d+|two|three|several) tries|takes forever|re-?prim\\w*|false alarms?|alarms? (?:won't|doesn't|will not) stop|keeps? alarming .{0,40}(?:with no|nothing)|restart\\w* (?:it|the)",
);
