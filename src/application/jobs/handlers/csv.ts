/**
 * CSV as RFC 4180 has it (CRLF line ends, fields quoted when they hold a comma, a quote or a line
 * break, quotes doubled), with one addition for files that will be opened in a spreadsheet: a cell
 * that starts like a formula (`=`, `+`, `-`, `@`, tab, CR) gets a leading `'`, so a user named
 * `=HYPERLINK(...)` stays text (OWASP, "CSV Injection").
 */
export function csvLine(fields: readonly string[]): string {
  return `${fields.map(csvField).join(',')}\r\n`;
}

function csvField(raw: string): string {
  const value = /^[=+\-@\t\r]/.test(raw) ? `'${raw}` : raw;
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}
