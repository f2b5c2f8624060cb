/**
 * Clinical vocabulary the name detector must not take for names, so that recall does not cost a
 * report its meaning: drug names (generic and brand), scales and scores (many are eponyms: Braden,
 * Morse, Glasgow), clinical terms, and the head nouns that make a Title-Case run the name of a
 * thing rather than a person ("Massive Transfusion Protocol", "Cancer Center", "Rapid Response Team").
 * Kept as data: adding a word never changes code. Lower-case, folded entries (see fold.ts).
 */
const DRUGS = `heparin insulin vancomycin vanc vanco zosyn piperacillin tazobactam cefazolin ancef ceftriaxone rocephin
cefepime meropenem ampicillin unasyn gentamicin tobramycin amoxicillin augmentin azithromycin zithromax doxycycline
levofloxacin levaquin ciprofloxacin cipro metronidazole flagyl clindamycin linezolid daptomycin acyclovir fluconazole
morphine hydromorphone dilaudid fentanyl oxycodone percocet norco hydrocodone tramadol ketorolac toradol acetaminophen
tylenol paracetamol ibuprofen motrin advil aspirin naloxone narcan lorazepam ativan midazolam versed diazepam valium
haloperidol haldol quetiapine seroquel olanzapine zyprexa propofol diprivan dexmedetomidine precedex ketamine rocuronium
succinylcholine norepinephrine levophed noradrenalin noradrenaline epinephrine adrenaline adrenalin vasopressin dopamine
dobutamine phenylephrine neosynephrine nicardipine cardene labetalol metoprolol lopressor carvedilol amlodipine
lisinopril losartan hydralazine furosemide lasix bumetanide bumex spironolactone digoxin amiodarone diltiazem cardizem
adenosine atropine warfarin coumadin enoxaparin lovenox apixaban eliquis rivaroxaban xarelto dabigatran pradaxa
clopidogrel plavix ticagrelor brilinta alteplase activase tpa tnk tenecteplase atorvastatin lipitor simvastatin
metformin glipizide lantus glargine humalog humulin novolin admelog basaglar tresiba degludec toujeo apidra fiasp
lispro novolog aspart levemir detemir dextrose glucagon potassium kcl
magnesium calcium sodium bicarbonate bicarb saline albumin prednisone methylprednisolone solumedrol dexamethasone
decadron hydrocortisone ondansetron zofran metoclopramide reglan famotidine pepcid pantoprazole protonix omeprazole
levetiracetam keppra phenytoin dilantin fosphenytoin gabapentin neurontin sertraline zoloft fluoxetine trazodone
melatonin docusate senna sennosides miralax levothyroxine synthroid caffeine surfactant oxytocin pitocin penicillin pcn
penicilline kalium noradrenalin tpn lipids intralipid mannitol nitroglycerin nitro ntg esmolol nitroprusside milrinone
vasostrict cisatracurium vecuronium sugammadex bridion ceftazidime aztreonam cefuroxime cephalexin keflex bactrim
nitrofurantoin macrobid oseltamivir tamiflu remdesivir paxlovid ozempic semaglutide jardiance empagliflozin
entresto furosemid metamizol novalgin ibuprofeno paracetamol enoxaparina heparina insulina morfina noradrenalina
héparine insuline morphine heparyna insulina morfina
benadryl diphenhydramine phenergan promethazine xanax alprazolam cogentin benztropine imodium loperamide tegaderm
coban mepilex aquacel duoderm allevyn heplock dulcolax bisacodyl colace maalox mylanta tums zyrtec claritin flonase
sudafed robitussin mucinex tessalon ambien zolpidem restoril temazepam klonopin clonazepam buspar wellbutrin bupropion
lexapro escitalopram celexa citalopram prozac paxil paroxetine effexor venlafaxine cymbalta duloxetine abilify
aripiprazole risperdal risperidone geodon ziprasidone depakote valproate lamictal lamotrigine tegretol carbamazepine
topamax topiramate vimpat lacosamide robaxin methocarbamol flexeril cyclobenzaprine lyrica pregabalin ultram vicodin
oxycontin suboxone buprenorphine subutex methadone chantix nicoderm prilosec nexium esomeprazole zantac carafate
sucralfate januvia sitagliptin trulicity dulaglutide victoza liraglutide mounjaro tirzepatide norvasc zestril cozaar
toprol tenormin atenolol catapres clonidine aldactone hctz plaquenil medrol solu-medrol solu-cortef kcentra praxbind
andexxa cleviprex clevidipine nimotop nimodipine effient prasugrel aggrastat integrilin eptifibatide cathflo tnkase
humira adalimumab keytruda remicade infliximab rituxan rituximab neulasta epogen procrit retacrit zarxio venofer
feraheme cellcept prograf tacrolimus rapamune bactroban mupirocin silvadene nystatin diflucan valtrex tamsulosin flomax
proscar finasteride ditropan detrol oxybutynin pyridium zofran compazine prochlorperazine scopolamine transderm
glycopyrrolate robinul neostigmine flumazenil romazicon dantrolene dantrium cyklokapron tranexamic txa amicar
desmopressin ddavp octreotide sandostatin pitressin levophed giapreza angiotensin primacor corlanor digibind
protamine vitamin thiamine folate multivitamin ensure glucerna nepro jevity osmolite peptamen vivonex pedialyte
lactated plasmalyte plasma-lyte pip-tazo piptazo tazocin co-amoxiclav coamoxiclav`;

/** Scales, scores, eponymous signs and devices: capitalised in reports, never a patient. */
const SCALES = `braden morse norton glasgow gcs apgar rass ciwa cows nihss caprini curb qsofa sofa mews pews waterlow
barthel ranson meld apache timi chads vasc hasbled has-bled aldrete bromage ramsay flacc wong-baker epworth mallampati
babinski trendelenburg valsalva foley swan-ganz doppler holter hickman picc broviac jackson-pratt yankauer ambu
bair hugger medtronic baxter carefusion hillrom hill-rom stryker zoll masimo dexcom tandem omnipod impella ecmo bipap
cpap hfnc vapotherm optiflow covid sars influenza rsv mrsa vre c-diff cdiff clostridium`;

/** Clinical and hospital words that are not common English but are capitalised in order sets and menus. */
const TERMS = `sepsis septic pulmonary angio angiogram cta mri ct pet cardiology oncology neurology nephrology urology
gastroenterology hematology pulmonology dermatology ortho orthopedic orthopaedic neuro tele telemetry dialysis
endoscopy pediatric paediatric peds neonatal nicu picu micu sicu cvicu ccu pacu obstetric obstetrics gyn ob-gyn
maternal perinatal postpartum antepartum intrapartum surgical perioperative preoperative postoperative trauma stroke
cardiac renal hepatic glycemic hypoglycemia hyperglycemia hyperkalemia hypokalemia anticoagulation anticoagulant
thrombolytic thrombolysis dvt vte pe nomogram bolus titration titrate weight-based adult adults pediatrics geriatric
oncologic chemo chemotherapy infusion transfusion massive blood bank rehab hospice palliative ambulatory outpatient
inpatient telehealth discharge admission admit triage ed er icu step-down stepdown med-surg medsurg tele-sitter
defib defibrillator pacemaker icd lvad vad cgm insulin-pump ventilator vent bcma mar emar ehr emr cpoe pacs lis
hl7 fhir npo prn stat bid tid qid qhs q2h q4h q6h iv im po sq subq sc pca epidural pe ppe hipaa ekg ecg eeg echo
tte tee abg vbg cbc bmp cmp inr ptt troponin lactate procalcitonin glucose a1c hba1c spo2 etco2 bp hr rr sbp dbp map
allergy allergies vitals`;

/**
 * Head nouns: a Title-Case run that ends in one of them (or holds one after its first word) names a
 * scale, protocol, order set, team or place, not a person.
 */
const HEAD_NOUNS = `scale score scores protocol protocols bundle bundles nomogram pathway pathways panel panels set sets team
teams center centre centers institute clinic clinics unit units service services program programme department dept
lab labs laboratory assessment assessments tool tools index criteria checklist policy policies form forms flowsheet
flowsheets order orders sheet report reports note notes screen screening module pavilion hospital building tower wing
foundation association campus station ward floor suite library portal alert alerts code drip infusion guideline
guidelines algorithm sign test maneuver syndrome disease catheter line drain tube mask monitor pump hall house
society college university school road street avenue room rooms bay system group committee council office desk
clinic hub network health care medicine surgery therapy precautions precaution plan plans template templates queue
list worklist dashboard board navigator activity tab menu button field fields folder`;

/**
 * Products and vendors of hospital IT and devices that a catalogue may not name: kept when they stand
 * alone ("looked it up in Lexicomp"), but not blocked after a patient cue (some are surnames: Lawson).
 */
const PRODUCTS = `lexicomp uptodate micromedex lippincott krames elsevier mosby clinicalkey dynamed medscape epocrates
visualdx healthstream relias kronos ukg workday lawson peoplesoft infor tigertext halo ascom spectralink cisco avaya
polycom zebra honeywell datamax rauland welch allyn carescape mindray nihon kohden draeger drager maquet fresenius
braun sapphire kangaroo accu-chek accuchek statstrip glucommander meditech allscripts athena athenahealth nextgen
eclinicalworks veradigm sunrise paragon soarian cpsi medhost netsmart pointclickcare wellsky muse capsule bernoulli
philips intellivue nuance dragon fluency mmodal solventum qgenda amion teletracking epiccare carelink cardiolink
medtronic abbott bd becton dickinson icu siemens ge healthcare agfa fuji fujifilm canon toshiba hologic olympus
karl storz stryker getinge steris cerner oracle dell lenovo hp microsoft windows apple iphone ipad android samsung
google chrome edge firefox citrix vmware okta duo imprivata rover haiku canto limerick
walgreens walmart costco kroger publix safeway amazon fedex usps labcorp quest
kaiser sutter hopkins mayo geisinger intermountain baylor emory stanford vanderbilt cedars sinai montefiore northwell
ascension providence dignity adventhealth ochsner allina essentia sanford beaumont
hartmann hartmanns ringer ringers`;

function words(list: string): Set<string> {
  return new Set(list.split(/\s+/).filter((w) => w.length > 0));
}

/** Never names, even after a patient cue: drug names, scale eponyms, clinical terms. */
export const CLINICAL_WORDS: ReadonlySet<string> = new Set([...words(DRUGS), ...words(SCALES), ...words(TERMS)]);
/** Products and vendors: not taken for a lone name (lone-name.ts). */
export const PRODUCT_WORDS: ReadonlySet<string> = words(PRODUCTS);
/** Words that make a capitalised run the name of a thing. */
export const HEAD_NOUNS_SET: ReadonlySet<string> = words(HEAD_NOUNS);
