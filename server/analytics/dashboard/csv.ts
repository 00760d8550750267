/**
 * CSV text of a report (RFC 4180): comma separated, CRLF line ends, a field quoted when it holds a comma, a quote,
 * a line break or leading/trailing spaces (quotes doubled inside), prefixed with a UTF-8 byte-order mark so Excel
 * reads Chinese text as UTF-8. A text starting with = + - @ gets a leading apostrophe so a spreadsheet does not run
 * it as a formula (numbers are written as they are). null / undefined → empty field. Pure.
 */
export type CsvValue = string | number | boolean | null | undefined;

export const BOM = '\uFEFF';

export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  let text = value;
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(header: readonly string[], rows: ReadonlyArray<readonly CsvValue[]>): string {
  const lines = [header, ...rows].map((r) => r.map(csvField).join(','));
  return `${BOM}${lines.join('\r\n')}\r\n`;
}
