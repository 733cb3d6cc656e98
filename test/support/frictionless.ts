import { readFileSync } from 'node:fs';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';

/**
 * Checks a Data Package as a Frictionless validator would, for the tests of the bulk data: the
 * descriptor against the official v1 JSON Schemas (vendored in test/fixtures/frictionless, with
 * their source), and each CSV's rows against its Table Schema — the header row is the fields'
 * names in order, and every cell casts to its field's type.
 */

const fixture = (name: string) => JSON.parse(readFileSync(new URL(`../fixtures/frictionless/${name}`, import.meta.url), 'utf8')) as Record<string, unknown>;

// The profiles carry editor hints (propertyOrder, options, format textarea) that are not JSON Schema.
const ajv = new Ajv({ strict: false, allErrors: true });
(addFormats as unknown as (a: Ajv) => void)(ajv);
ajv.addFormat('textarea', true);
ajv.addSchema(fixture('dictionary.json'), 'schemas/dictionary.json');
const packageValidator = ajv.compile(fixture('tabular-data-package.json'));

/** The descriptor's violations of the Tabular Data Package v1 profile; none when it is valid. */
export function dataPackageErrors(descriptor: unknown): string[] {
  if (packageValidator(descriptor)) return [];
  return (packageValidator.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
}

export interface SchemaField {
  name: string;
  type: string;
  format?: string;
  unit?: string;
  bareNumber?: boolean;
  trueValues?: string[];
  falseValues?: string[];
  constraints?: { pattern?: string; enum?: string[] };
}

/** Cells of a CSV that do not cast to their field, as `row:column value`; the header must be the fields' names. */
export function csvErrors(csv: string, fields: readonly SchemaField[]): string[] {
  const [header, ...rows] = readCsv(csv.replace(/^\uFEFF/, ''));
  const errors: string[] = [];
  if (JSON.stringify(header) !== JSON.stringify(fields.map((f) => f.name))) errors.push(`header ${JSON.stringify(header)}`);
  rows.forEach((row, r) => {
    if (row.length !== fields.length) errors.push(`${r + 2}: ${row.length} cells`);
    fields.forEach((f, i) => {
      const cell = row[i] ?? '';
      if (cell !== '' && !casts(f, cell)) errors.push(`${r + 2}:${f.name} ${JSON.stringify(cell)}`);
    });
  });
  return errors;
}

/** RFC 4180 as the twins write it: comma, double quotes doubled, CRLF after every line. */
export function readCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') row.push(cell), (cell = '');
    else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      (row = []), (cell = ''), i++;
    } else cell += ch;
  }
  if (cell !== '' || row.length > 0) throw new Error('the last line has no CRLF');
  return rows;
}

// ——— private helpers ———

function casts(f: SchemaField, cell: string): boolean {
  switch (f.type) {
    case 'string':
      if (f.constraints?.pattern && !new RegExp(`^(?:${f.constraints.pattern})$`).test(cell)) return false;
      if (f.constraints?.enum && !f.constraints.enum.includes(cell)) return false;
      if (f.format === 'uri' && !URL.canParse(cell)) return false;
      return true;
    case 'integer':
      return /^-?\d+$/.test(cell);
    case 'number':
      // what the portal promises: an amount in yuan has exactly two places
      return f.unit === '元' ? /^-?\d+\.\d{2}$/.test(cell) : /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(cell);
    case 'date':
      return /^\d{4}-\d{2}-\d{2}$/.test(cell) && !Number.isNaN(Date.parse(`${cell}T00:00:00Z`)) && new Date(`${cell}T00:00:00Z`).toISOString().startsWith(cell);
    case 'datetime':
      // default: XML Schema's dateTime, a time zone as Z or an offset (the twins write Beijing time, +08:00)
      return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(cell) && !Number.isNaN(Date.parse(cell));
    case 'boolean':
      return [...(f.trueValues ?? ['true']), ...(f.falseValues ?? ['false'])].includes(cell);
    default:
      return false;
  }
}
