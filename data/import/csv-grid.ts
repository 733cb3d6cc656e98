import type { Grid, GridRow } from './grid.ts';

export type Delimiter = ',' | ';' | '\t';

/**
 * RFC 4180 CSV (as Excel and WPS write it, and as people hand-edit it) to a Grid. Quoted fields
 * may hold the delimiter, doubled quotes and line breaks; records end in CRLF, LF or CR. Each
 * record keeps its 1-based number, which is the row the official sees when opening it in Excel.
 */
export function csvGrid(text: string, delimiter: Delimiter = sniffDelimiter(text)): Grid {
  const rows: GridRow[] = [];
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let cells: string[] = [];
  let field = '';
  let quoted = false;
  let fieldStarted = false;
  let recordNumber = 1;
  const endField = (): void => {
    cells.push(field);
    field = '';
    fieldStarted = false;
  };
  const endRecord = (): void => {
    endField();
    rows.push({ row: recordNumber, cells });
    recordNumber++;
    cells = [];
  };
  for (let i = 0; i < body.length; i++) {
    const c = body[i] as string;
    if (quoted) {
      if (c === '"') {
        if (body[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += c;
      continue;
    }
    if (c === '"' && !fieldStarted) {
      quoted = true;
      fieldStarted = true;
    } else if (c === delimiter) endField();
    else if (c === '\r' || c === '\n') {
      if (c === '\r' && body[i + 1] === '\n') i++;
      endRecord();
    } else {
      // A stray quote inside an unquoted field is kept as text, as Excel does.
      field += c;
      fieldStarted = true;
    }
  }
  if (field !== '' || cells.length > 0 || quoted) endRecord();
  return { sheet: null, rows };
}

/**
 * At most how many records and cells the text parses into, counted without parsing: every line
 * break may end a record and every delimiter character may end a cell (quoted ones too, so this
 * only ever overestimates).
 */
export function csvExtent(text: string): { records: number; cells: number } {
  let records = 1;
  let delimiters = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a || (c === 0x0d && text.charCodeAt(i + 1) !== 0x0a)) records++;
    else if (c === 0x2c || c === 0x3b || c === 0x09) delimiters++;
  }
  return { records, cells: records + delimiters };
}

/** The delimiter used most, outside quotes, in the first records; comma when in doubt. */
export function sniffDelimiter(text: string): Delimiter {
  const counts: Record<Delimiter, number> = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  let lines = 0;
  for (let i = 0; i < text.length && lines < 30; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === ',' || c === ';' || c === '\t')) counts[c]++;
    else if (!quoted && c === '\n') lines++;
  }
  if (counts['\t'] > counts[','] && counts['\t'] >= counts[';']) return '\t';
  if (counts[';'] > counts[',']) return ';';
  return ',';
}
