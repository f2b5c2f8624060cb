/**
 * Values a label says are not PHI: serials, asset tags, ticket numbers, error codes, versions,
 * extensions and pager numbers of equipment and staff. A bare number that only looks like an MRN
 * or a phone (see `unlabelled` rules) is kept there. A patient's implant serial is caught by its own
 * labelled rule (record-patterns.ts), which this does not block. A value may be typed in groups
 * ("ticket 1 85 05 78 006 084 92").
 */
export interface Range {
  start: number;
  end: number;
}

const LABELLED =
  /\b(?:serial(?:\s*(?:no\.?|number|#))?|SN|S\/N|asset(?:\s*tag)?(?:\s*#)?|tag|ticket(?:\s*#)?|INC|REQ|RITM|CHG|incident|error(?:\s*code)?|err|code|Fehler(?:code)?|erreur|c[oó]digo(?: de error)?|b[lł][aą]d|version|ver|build|release|ext\.?|extension|pager|beeper|printer|device(?:\s*id)?|model|firmware|lot|IP|host(?:name)?|Seriennummer|Inventarnummer|n[uú]mero de serie|num[ée]ro de s[ée]rie|n[º°o]\.?\s?(?:de\s)?s[ée]rie|scanner|pump|monitor|workstation|WOW|COW|PC|laptop|Ger[äa]t|bomba|pompe|pompa|KB|CVE|order(?:\s*(?:#|no\.?|number))?|Auftrag|pedido|commande|zlecenie)(?:[-\s]?(?:nr|no|n[º°])\.?)?\s*[:#]?\s*(\d{1,3}(?: \d{2,4}){2,}(?!\d|[.,/-]\d)|[A-Z0-9][\w./-]*\d[\w./-]*)/giu;
const SHAPED = /\b(?:(?:INC|REQ|RITM|CHG|TASK|PRB|SR|CS)[-\s]?\d{4,}|v\d+(?:\.\d+)+|x\d{3,5})\b/gi;

export function findProtected(text: string): Range[] {
  if (!/\d/.test(text)) return [];
  const ranges: Range[] = [];
  for (const m of text.matchAll(LABELLED)) {
    const start = m.index + m[0].lastIndexOf(m[1]!);
    ranges.push({ start, end: start + m[1]!.length });
  }
  for (const m of text.matchAll(SHAPED)) ranges.push({ start: m.index, end: m.index + m[0].length });
  return ranges;
}
