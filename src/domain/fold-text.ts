/** Lower case, accents removed, ł/ß spelled out, typographic apostrophes straightened, spaces collapsed: what cue lists read. Pure. */
export function foldText(text: string): string {
  return text
    .toLowerCase()
    .normalize("NFD")
    .replace(/\p{M}+/gu, "")
    .replace(/ł/g, "l")
    .replace(/ß/g, "ss")
    .replace(/[’‘`´]/g, "'")
    .replace(/\s+/g, " ");
}
