/**
 * Whole numbers with thousands separators, "1234567" -> "1,234,567", as toLocaleString('en')
 * writes them — without it: its first call loads ICU's number formatting, about 60 ms, which
 * every build paid for its messages before a command-line run could start.
 */
export function groupDigits(n: number): string {
  if (!Number.isSafeInteger(n)) return n.toLocaleString('en');
  const digits = String(Math.abs(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return n < 0 ? `-${digits}` : digits;
}
