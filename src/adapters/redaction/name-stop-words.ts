/**
 * Capitalised words that are not names. The name heuristic only redacts runs of capitalised words
 * none of which is listed here (or is a word of a catalogue system or unit). Kept as data: adding a
 * word never changes code. Lower-case entries; matching folds case.
 */
const ENGLISH = `a about above after again all also always am an and any anyone anything are as ask at away back bad be
because been before being below best better between big both but by call called can cannot come could day did do does
doing done down during each early easy else even ever every everyone everything few find first for from get gets give go
going good got great had has have having he hello help her here hey hi high his how however i if in into is it its just
keep know last late less let like little long look low made make many may maybe me might more morning most much must my
need never new next night no none nor not note nothing now of off ok okay old on once one only or other our out over
please pls plus quick real really right same say says see seems she should since so some someone something soon still
such sure take team thank thanks that the their them then there these they thing things this those though through thx
to today tomorrow too try two under until up urgent us use used very was way we well were what when where which while
who why will with without won would yes yesterday yet you your happy friday monday tuesday wednesday thursday saturday
sunday tues thurs weds weekend january february march april may june july august september october november december jan feb mar apr
jun jul aug sep sept oct nov dec christmas easter thanksgiving holiday holidays shift day evening afternoon weekday
question issue issues problem problems update updates error errors alert alerts warning urgent fyi asap re fw fwd subject
hospital health center centre clinic unit units floor ward wing building tower campus north south east west main station
bed beds room rooms bay bays desk lobby hall level basement annex pavilion
nurse nurses doctor doctors physician physicians charge rn rns lpn cna md np pa rt rts tech techs manager director
pharmacist pharmacy therapist resident residents fellow attending hospitalist intern interns staff admin clerk secretary
provider providers surgeon anesthesia anesthesiologist radiology cardiology neurology oncology surgery medicine pediatrics
emergency intensive critical care patient patients pt pts family visitor visitors
full code blue red yellow green rapid response stroke sepsis trauma alert stat standard protocol policy order orders
heparin insulin vancomycin morphine fentanyl nicardipine potassium sodium saline
baby boy girl mother newborn infant twin twins
new old upgrade version release downtime go-live golive support service desk helpdesk help-desk ticket tickets
device devices app apps system systems software hardware screen login log password account badge portal
cardiac rehab infusion wound urgent obs observation burn step-down stepdown neuro cath labor delivery dialysis endoscopy
pre-op preop post-op postop recovery holding procedural procedure
medical medication medications meds drug drugs lab labs result results report reports chart charts record records
english spanish french german polish italian portuguese chinese mandarin cantonese vietnamese arabic russian korean
japanese tagalog filipino haitian creole somali hindi urdu punjabi bengali farsi persian turkish ukrainian greek hebrew
swahili amharic nepali burmese hmong khmer thai lao dari pashto tigrinya oromo yoruba igbo hausa romanian hungarian
czech slovak dutch swedish norwegian danish finnish american canadian mexican african european asian hispanic latino
latina catholic muslim jewish christian orthodox interpreter interpreters language languages`;

/** Function words of the other supported languages, capitalised at sentence start. */
const OTHER_LANGUAGES = `el la los las un una unos unas de del en con por para sin que y o pero no si hola gracias buenos
buenas dias días tardes noches paciente paciencia sala planta hospital servicio unidad urgencias
der die das den dem des ein eine einer eines und oder aber nicht kein keine mit bei beim auf aus seit zum zur vom im am
ist sind war hallo danke guten morgen tag abend station patient patientin herr frau zimmer bett stationen
le la les un une des du de et ou mais pas avec pour dans sur en au aux est bonjour merci salut bonsoir patient patiente
service chambre lit madame monsieur
i w na z do od po przy jest nie tak dzień dobry cześć dziękuję dzięki pan pani pacjent pacjentka oddział sala łóżko
norte sur este oeste nord sud est ouest ost süd nordost südost nordwest südwest wschód zachód północ południe`;

export function baseStopWords(): Set<string> {
  return new Set(`${ENGLISH} ${OTHER_LANGUAGES}`.split(/\s+/).filter((w) => w.length > 0));
}
