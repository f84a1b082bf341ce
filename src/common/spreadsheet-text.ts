// Text that goes into a spreadsheet (xlsx or CSV) from people's input: a cell
// starting with = + - @ (or a tab or carriage return, which some programs skip
// before looking) would be run as a formula when the file is opened (CSV/formula
// injection). A leading apostrophe makes it plain text again.

const FORMULA_TRIGGERS = new Set(['=', '+', '-', '@', '\t', '\r']);

/** The text as a spreadsheet program will show it, never as a formula. */
export function neutraliseFormula(text: string): string {
  return text.length > 0 && FORMULA_TRIGGERS.has(text[0]) ? `'${text}` : text;
}
