/**
 * Patient names by kind of input, written for these tests (not taken from any evaluation file):
 * each case names the identifier that must go, word by word, and the words that must stay.
 */
import { phiProblems, redact } from "../support/phi-redactor";

type Case = [text: string, phi: string[], notPhi?: string[]];

describe("PHI detector: names", () => {
  const byKind: Record<string, Case[]> = {
    "lower case after a cue": [
      ["pt okonjo-harris keeps pulling her line", ["okonjo-harris"]],
      ["can't find mr. delgadillo in the census", ["delgadillo"]],
      ["bed 12 fitzgerald still has no band", ["fitzgerald"]],
      ["mrs. wong says her portal shows the wrong doctor", ["wong"]],
    ],
    "lower case without a cue": [
      ["scanned meds for linda kowalczyk twice, MAR shows once", ["linda kowalczyk"]],
      ["is there a way to merge the charts for james obi", ["james obi"]],
    ],
    "Last, First and all caps": [
      ["label printed for Mendoza, Rosa instead of the baby", ["Mendoza, Rosa"]],
      ["ADT shows ABERNATHY, THOMAS twice", ["ABERNATHY, THOMAS"]],
      ["wristband reads NAKAMURA KENJI but the chart has Kenji Nakamura", ["NAKAMURA KENJI", "Kenji Nakamura"]],
    ],
    "name and initial, first name alone": [
      ["Lucia M. in 4 got the wrong diet tray", ["Lucia M."]],
      ["pt Dmitri keeps getting the Spanish interpreter", ["Dmitri"]],
    ],
    "common-word names after honorifics and cues": [
      ["Mrs. Fields fell on the way to the bathroom", ["Fields"]],
      ["Mr. Hunter's pump keeps alarming", ["Hunter"]],
      ["mr young in room 5 has no allergy list", ["young"]],
      ["pt Faith Summers got a duplicate MRN", ["Faith Summers"]],
    ],
    "particles and hyphens": [
      ["pt Joost van den Berg got two wristbands", ["Joost van den Berg"]],
      ["Sra. María de la Fuente no tiene pulsera", ["María de la Fuente"]],
      ["chart for Ahmed bin Khalid is locked", ["Ahmed bin Khalid"]],
      ["room 7 Oyelaran-Whitfield portal access denied", ["Oyelaran-Whitfield"]],
      ["ANNA MARIA DE SOUZA SANTOS has two MRNs", ["ANNA MARIA DE SOUZA SANTOS"]],
    ],
    "other languages": [
      ["Herrn Baumgartner fehlt das Armband seit heute früh", ["Baumgartner"]],
      ["el señor Quiroga no aparece en la lista de diálisis", ["Quiroga"]],
      ["Mme Lefebvre n'a pas de bracelet depuis ce matin", ["Lefebvre"]],
      ["pani Wiśniewska nie ma opaski", ["Wiśniewska"]],
      ["Patientin Anneliese Krüger, Zimmer 4, Pumpe alarmiert", ["Anneliese Krüger"]],
    ],
    "other scripts and a name before a place": [
      ["patient Li Wei 李伟 has no band", ["Li Wei", "李伟"]],
      ["Abernathy in 12 got the wrong tray", ["Abernathy"]],
      ["Mr Lim Ah Seng in bed 5 has two bands", ["Lim Ah Seng"]],
      ["pt 'Sonny' Castellano refused the scan", ["Sonny", "Castellano"]],
    ],
    relatives: [
      ["her son Tobias keeps calling for updates", ["Tobias"]],
      ["la hija Camila llamó dos veces", ["Camila"]],
    ],
  };
  for (const [kind, cases] of Object.entries(byKind))
    it.each(cases)(`${kind}: %s`, (text, phi, notPhi = []) => {
      expect(phiProblems(text, phi, notPhi)).toEqual([]);
    });

  it("keeps the cue and the rest of the sentence", () => {
    expect(redact("pt Jones has no wristband")).toBe("pt [NAME] has no wristband");
    expect(redact("Frau Schröder zeigt die Pumpe einen Fehler")).toBe("[NAME] zeigt die Pumpe einen Fehler");
  });
});
