/**
 * Context cues of the five languages the bot handles (English, German, Spanish, French, Polish).
 * Folded, lower-case entries (see fold.ts). Kept as data: adding a word never changes code.
 */
function words(list: string): ReadonlySet<string> {
  return new Set(list.split(/\s+/).filter((w) => w.length > 0));
}

/** Honorifics: whatever follows is a name, even a common word in lower case ("mrs. price", "Mr. Baker"). */
export const HONORIFICS = words(`mr mrs ms miss mx mister missus herr herrn frau mme mlle madame monsieur sr sra srta
senor senora senorita don dona pan pani pana panu pania panem hr hrn fr p`);

/** Titles and roles of staff: the name after them is kept (staff names are not PHI). */
export const STAFF_CUES =
  words(`dr dra doctor doktor dottore doc prof professor rn lpn lvn np aprn crna pa cna md ma rt nurse nurses
charge pharmacist pharmacists registrar tech techs sup supervisor attending hospitalist surgeon therapist intern fellow
resident residents provider midwife doula chaplain clerk secretary coordinator manager director educator
schwester pfleger pflegerin arzt arztin oberarzt oberarztin stationsarzt assistenzarzt dienstarzt
enfermera enfermero medico medica doctora infirmiere infirmier medecin docteur pielegniarka pielegniarz lekarz lek mgr
sister matron supervisora supervisor med`);

/** Patient words: a name usually follows ("pt Jones", "Patientin Müller", "pacjentka Nowak"). */
export const PATIENT_CUES = words(`pt pts patient patients paciente pacientes patientin patienten patiente patientes
pacjent pacjentka pacjenta pacjentki pacjentowi pacjentce`);

/** Relatives: their names are PHI too ("his wife Carol", "su nieto Mateo", "Tochter Anna"). */
export const RELATIVE_CUES = words(`wife husband son daughter mother mom mum father dad brother sister grandson
granddaughter grandmother grandfather grandma grandpa niece nephew partner spouse fiance fiancee guardian caregiver
ehefrau ehemann sohn tochter mutter vater bruder enkel enkelin esposa esposo marido hijo hija madre padre hermano
hermana nieto nieta femme mari fils fille mere pere frere soeur zona maz syn corka matka ojciec brat siostra wnuk
wnuczka aunt uncle cousin boyfriend girlfriend fiance stepdaughter stepson stepmother stepfather godmother godfather
granny nana grandad mother-in-law father-in-law son-in-law daughter-in-law sister-in-law brother-in-law
tante onkel cousine schwiegertochter schwiegersohn schwiegermutter schwiegervater lebensgefahrte lebensgefahrtin
nichte neffe oma opa tia tio prima primo abuela abuelo nuera yerno suegra suegro novio novia sobrino sobrina
oncle grand-mere grand-pere petite-fille petit-fils belle-fille gendre belle-mere beau-pere conjoint conjointe epouse
epoux niece neveu ciocia ciotka wujek kuzyn kuzynka babcia dziadek synowa ziec tesciowa narzeczony narzeczona
siostrzenica bratanek bratanica ex-wife ex-husband ex-partner ex-girlfriend ex-boyfriend exfrau exmann ex-frau ex-mann
corki corka corce corke syna synowi zony zonie zone meza mezowi matki ojca brata siostry wnuka wnuczki babci dziadka
mama papa mami papi mamie tata taty familie familia famille rodzina rodziny mann mannes ehemannes
sohnes vaters bruders enkels`);

/** Words after which a number names a place: "bed 4 smith", "Zimmer 12", "cama 8". */
export const PLACE_WORDS = words(
  `bed beds room rm rms bay box cama habitacion chambre lit zimmer zi bett lozko sala pokoj cubicle resus`,
);

/** Surname particles ("van der Meer", "da Silva", "bin Rashid"): part of a name between name words. */
export const PARTICLES = words(`van von vom zu der den ter ten de del della dei di da das dos do du la le les el al bin
ibn binti bint abu st mac mc y los las ap`);

/** Function words of the five languages: never a name, whatever precedes them. */
export const FUNCTION_WORDS =
  words(`a an the and or but nor of to in on at by for from with without into onto over under
is are was were be been being am has have had do does did not no yes it its he she him her his hers they them their
we us our you your i me my mine this that these those there here who whom whose which what when where why how if then
than so as also just still again too very all any some each every both either neither one two three per via vs re
can could will would shall should may might must let lets gets got get go goes went came come
min mins minute minutes sec secs hr hrs hour hours wk wks week weeks mo mos month months yr yrs ml mg mcg kg
der die das den dem des ein eine einer eines und oder aber nicht kein keine mit bei beim auf aus seit zum zur vom im
am ist sind war hat haben wird werden fur von zu nach sein seine seinen seiner ihr ihre ihren ihrer mein meine
el la los las un una unos unas de del en con por para sin que y o pero no si es esta esta estan son fue ha su sus
mi mis tu tus lo le les se me te nos todo toda todos todas muy ya hay
le la les un une des du de et ou mais pas avec pour dans sur en au aux est sont a ete ce cette qui son sa ses
mon ma mes leur leurs
i w na z ze do od po przy jest nie tak ale lub oraz ma sa byl byla jego jej ich moj moja bez dla przez pod nad
miedzy juz tez ani czy gdy sie`);

/** Particles that begin a surname on their own ("not van der Meer", "de la Fuente"): then a name follows. */
export const LEADING_PARTICLES =
  /^(?:van(?: der| den| de)?|von(?: der| dem)?|de la|de los|de las|da|dos|das|di|della|bin|ibn|binti|al|el|ter|ten)$/u;

/** Phrases after which a name follows ("his name is Hope", "goes by Hiro"), matched on folded text. */
export const NAME_INTRO =
  /\b(?:name is|names are|named|goes by|go by|nombre es|se llama|heisst|heißt|s'appelle|nazywa sie|nazywa się|aka|a\.k\.a\.|known as|nicknamed|nickname|prefers to be called|likes to be called|genannt|Spitzname|Rufname|llamad[oa]|apodad[oa]|apodo|alias|surnomm[ée]e?|zwan[ya]|pseudonim)[\s:]+["'‘“(]?/giu;
