/** "1 report", "3 reports", "2 clustered reports": a count with its noun in the right number. */
export function countText(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
