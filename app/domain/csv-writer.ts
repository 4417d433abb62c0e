/**
 * The one CSV writer for every file the portal lets people download: each cell quoted
 * (RFC 4180, CRLF lines), and any cell a spreadsheet could run as a formula defused.
 */

/** One CSV line, safe to open in a spreadsheet whatever its list separator. */
export function csvLine(values: readonly string[]): string {
  return values.map((v) => `"${neutraliseFormula(v).replace(/"/g, '""')}"`).join(",") + "\r\n";
}

// = + - @ at the start of a cell, or right after a `;`, tab or `|` (list separators some
// spreadsheets split on even inside quotes, e.g. `x;=cmd|' /C calc'!A0`), would run as a
// formula: a `'` in front makes it text. Phone numbers and signed numbers ("+1 415 555 0100",
// "-3") are data and stay as they are.
function neutraliseFormula(value: string): string {
  if (/^[+-]?[\d\s().-]+$/.test(value)) return value;
  return value.replace(/(^|[;\t|])( *)([=+\-@])/g, "$1$2'$3").replace(/^[\t\r]/, "'$&");
}
