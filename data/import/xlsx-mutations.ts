import { int, pick, type Rng } from '../demo/seeded-random.ts';
import { mutateBytes, nastyCell } from './fuzz-mutations.ts';
import { buildZip, type RawEntry } from './zip-test-support.ts';

/**
 * Seeded mutations of an .xlsx for the fuzz tests: the zip's own structure broken (directory
 * fields, offsets, counts), and the workbook's XML edited inside a well-formed zip, so that
 * both the zip guard and exceljs get hostile input.
 */

/** A field of the end record or of one central directory record set to a random or extreme value. */
export function mutateZipStructure(r: Rng, zip: Uint8Array, steps: string[]): Uint8Array {
  const b = zip.slice();
  const v = new DataView(b.buffer);
  const eocd = b.length - 22;
  const op = int(r, 0, 4);
  if (op === 0) {
    const field = pick(r, [8, 10, 12, 16, 20]);
    const value = pick(r, [0, 1, 0xffff, int(r, 0, 0xffff)]);
    if (field >= 12 && field < 20) v.setUint32(eocd + field, pick(r, [0, 0xffffffff, int(r, 0, b.length * 2)]), true);
    else v.setUint16(eocd + field, value, true);
    steps.push(`end record field +${field}`);
    return b;
  }
  if (op === 1 || op === 2) {
    const cdOffset = v.getUint32(eocd + 16, true);
    const count = v.getUint16(eocd + 10, true);
    let at = cdOffset;
    const target = int(r, 0, Math.max(0, count - 1));
    for (let i = 0; i < target && at + 46 <= eocd; i++) at += 46 + v.getUint16(at + 28, true) + v.getUint16(at + 30, true) + v.getUint16(at + 32, true);
    if (at + 46 > eocd) return b;
    const field = pick(r, [8, 10, 20, 24, 28, 30, 42]);
    const wide = field === 20 || field === 24 || field === 42;
    const value = wide ? pick(r, [0, 1, 0xffffffff, int(r, 0, 100_000_000), int(r, 0, b.length)]) : pick(r, [0, 1, 8, 12, 0xffff, int(r, 0, 300)]);
    if (wide) v.setUint32(at + field, value, true);
    else v.setUint16(at + field, value, true);
    steps.push(`central record ${target} field +${field} = ${value}`);
    return b;
  }
  if (op === 3) {
    steps.push('append garbage');
    return new Uint8Array([...b, ...Array.from({ length: int(r, 1, 64) }, () => int(r, 0, 255))]);
  }
  // Damage where the directory is: the last few hundred bytes.
  const tail = Math.max(0, b.length - 600);
  for (let i = 0; i < int(r, 1, 6); i++) b[int(r, tail, b.length - 1)] = int(r, 0, 255);
  steps.push('flip bytes in the directory');
  return b;
}

/** The workbook's XML edited (values, rows, references, truncation) and zipped again. */
export function mutateXlsxParts(r: Rng, parts: ReadonlyMap<string, Uint8Array>, steps: string[]): Uint8Array {
  const names = [...parts.keys()];
  const target = r() < 0.6 ? 'xl/worksheets/sheet1.xml' : r() < 0.75 ? 'xl/sharedStrings.xml' : pick(r, names);
  let xml = new TextDecoder().decode(parts.get(target));
  const n = int(r, 1, 3);
  for (let k = 0; k < n; k++) {
    const op = int(r, 0, 7);
    if (op === 0) xml = replaceNth(r, xml, /<v>[^<]*<\/v>/g, () => `<v>${pick(r, [nastyCell(r), '9'.repeat(int(r, 16, 300)), '1e308', '-1', '45678.5', 'abc'])}</v>`, steps, 'value');
    else if (op === 1) xml = replaceNth(r, xml, /<t(?: [^>]*)?>[^<]*<\/t>/g, () => `<t>${escape(nastyCell(r))}</t>`, steps, 'text');
    else if (op === 2) xml = replaceNth(r, xml, /<row [^>]*>[\s\S]*?<\/row>/g, (m) => m.repeat(int(r, 0, 30)), steps, 'row repeat/remove');
    else if (op === 3) xml = replaceNth(r, xml, /\br="[A-Z]*\d+"/g, () => `r="${pick(r, ['A', 'B', 'L', 'Z', 'AA', 'XFD'])}${pick(r, [1, 2, 7, 1000, 1048576, int(r, 0, 60)])}"`, steps, 'reference');
    else if (op === 4) xml = replaceNth(r, xml, /<c r="([A-Z]+\d+)"[^>]*\/>/g, (m) => m.replace('/>', ` t="inlineStr"><is><t>${escape(nastyCell(r))}</t></is></c>`), steps, 'fill empty cell');
    else if (op === 5) xml = replaceNth(r, xml, /<mergeCell ref="[^"]*"\/>/g, () => `<mergeCell ref="${pick(r, ['A1:L1', 'A1:A1', 'B2:C3', 'A1:B2', 'L1:A1', 'A1'])}"/>`, steps, 'merge');
    else if (op === 6) {
      const at = int(r, 0, xml.length);
      xml = xml.slice(0, at);
      steps.push(`truncate ${target} at ${at}`);
    } else {
      const bytes = mutateBytes(r, new TextEncoder().encode(xml), steps, 1);
      xml = new TextDecoder().decode(bytes);
    }
  }
  steps.unshift(`edit ${target}`);
  const entries: RawEntry[] = names.map((name) => ({ name, data: name === target ? new TextEncoder().encode(xml) : parts.get(name) }));
  if (r() < 0.1) {
    entries.splice(int(r, 0, entries.length - 1), 1);
    steps.push('drop an entry');
  }
  return buildZip(entries);
}

// ——— private helpers ———

function replaceNth(r: Rng, xml: string, pattern: RegExp, make: (match: string) => string, steps: string[], what: string): string {
  const matches = [...xml.matchAll(pattern)];
  if (matches.length === 0) return xml;
  const m = pick(r, matches);
  steps.push(`${what} at ${m.index}`);
  return xml.slice(0, m.index) + make(m[0]) + xml.slice(m.index + m[0].length);
}

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
