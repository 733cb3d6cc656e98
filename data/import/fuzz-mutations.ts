import iconv from 'iconv-lite';
import { int, pick, type Rng } from '../demo/seeded-random.ts';

/**
 * Seeded mutations for the importer fuzz tests (import-fuzz.test.ts, ingest/upload-fuzz.test.ts):
 * what officials' files really do wrong (rows duplicated or lost, cells typed into the wrong
 * column, numbers too big, text that looks like a formula, mixed encodings), what transfers do
 * to bytes (flips, truncation), and what a hostile upload adds. Every function takes the random
 * source, so a failing case is reproduced by its seed alone.
 */

export type Mutation = { bytes: Uint8Array; steps: string[] };

/** Cell values that have broken spreadsheet importers somewhere. */
export function nastyCell(r: Rng): string {
  const family = int(r, 0, 6);
  if (family === 0) return pick(r, ['9'.repeat(int(r, 16, 400)), '1e308', '-1e308', '1.8e309', '0.000000001', '-0', '１２３４.５６', '(1,234.00)', '¥1,234', '12.345.678', '99999999999999999999.99', 'NaN', 'Infinity', '-', '—', '1万', '3.5万元', '9007199254740993']);
  if (family === 1) return pick(r, ['=1+1', '+86 138', '-1', '@SUM(A1)', '\t=cmd', '=HYPERLINK("http://x","y")', "=cmd|' /C calc'!A0", '=-2+3']);
  if (family === 2) return pick(r, ['2026-02-30', '2026/13/01', '0000-00-00', '9999-12-31', '2026年7月32日', '45678', '2026-07-01T00:00:00Z', '7月', '2026.7.1']);
  if (family === 3) return pick(r, [idNumber(r), idNumber(r).slice(0, 15), `1${pick(r, ['3', '5', '8', '9'])}${digits(r, 9)}`, bankCard(r), idNumber(r).replace(/(\d{6})(\d{8})/, '$1 $2 '), `身份证${idNumber(r)}电话1${digits(r, 10)}`]);
  if (family === 4) return pick(r, ['', ' ', '"', '""', '"unterminated', '"a\nb"', '合计', '小计', '上期结余', '单位：万元', '<script>alert(1)</script>', '\u0000', '\u202e反转', '😀', 'A'.repeat(int(r, 100, 5000))]);
  if (family === 5) return String(int(r, -1_000_000, 1_000_000) / pick(r, [1, 100, 3]));
  return `${int(r, 1990, 2030)}-${String(int(r, 0, 13)).padStart(2, '0')}-${String(int(r, 0, 32)).padStart(2, '0')}`;
}

/** Line- and cell-level edits of a CSV's text. */
export function mutateCsvText(r: Rng, text: string, steps: string[]): string {
  let lines = text.split(/\r?\n/);
  const n = int(r, 1, 4);
  for (let k = 0; k < n; k++) {
    const i = int(r, 0, Math.max(0, lines.length - 1));
    const op = int(r, 0, 6);
    if (op === 0) {
      const times = int(r, 1, 40);
      lines.splice(i, 0, ...Array<string>(times).fill(lines[i] ?? ''));
      steps.push(`duplicate line ${i + 1} ×${times}`);
    } else if (op === 1) {
      lines.splice(i, int(r, 1, 3));
      steps.push(`remove line ${i + 1}`);
    } else if (op === 2 || op === 3) {
      const cells = (lines[i] ?? '').split(',');
      const c = int(r, 0, cells.length);
      const value = nastyCell(r);
      const quoted = /[",\n]/.test(value) && r() < 0.7 ? `"${value.replace(/"/g, '""')}"` : value;
      if (op === 2) cells[c] = quoted;
      else cells.splice(c, 0, quoted);
      lines[i] = cells.join(',');
      steps.push(`${op === 2 ? 'set' : 'insert'} cell ${i + 1}:${c} = ${JSON.stringify(value.slice(0, 40))}`);
    } else if (op === 4) {
      const j = int(r, 0, Math.max(0, lines.length - 1));
      [lines[i], lines[j]] = [lines[j] ?? '', lines[i] ?? ''];
      steps.push(`swap lines ${i + 1} and ${j + 1}`);
    } else if (op === 5) {
      lines = lines.map((l) => l.replace(/,/g, pick(r, [';', '\t', ',,', '，'])));
      steps.push('change the delimiter');
    } else {
      lines.splice(i, 0, Array.from({ length: int(r, 1, 12) }, () => nastyCell(r)).join(','));
      steps.push(`insert a random row at ${i + 1}`);
    }
  }
  return lines.join(pick(r, ['\n', '\r\n', '\r']));
}

/** Text to bytes in the encodings Chinese offices produce. */
export function encodeText(r: Rng, text: string, original: 'gbk' | 'utf-8-bom', steps: string[]): Uint8Array {
  const choice = r() < 0.8 ? original : pick(r, ['utf-8', 'utf-8-bom', 'gbk', 'utf-16le-bom', 'utf-16be'] as const);
  if (choice !== original) steps.push(`encode as ${choice}`);
  if (choice === 'gbk') return new Uint8Array(iconv.encode(text, 'gbk'));
  if (choice === 'utf-16le-bom') return new Uint8Array(iconv.encode(text, 'utf-16le', { addBOM: true }));
  if (choice === 'utf-16be') return new Uint8Array(iconv.encode(text, 'utf-16be'));
  const utf8 = new TextEncoder().encode(text);
  return choice === 'utf-8-bom' ? concat([new Uint8Array([0xef, 0xbb, 0xbf]), utf8]) : utf8;
}

/** Byte-level damage: flips, truncation, invalid UTF-8 and GBK, repeated chunks. */
export function mutateBytes(r: Rng, input: Uint8Array, steps: string[], rounds = int(r, 1, 3)): Uint8Array {
  let b = input;
  for (let k = 0; k < rounds; k++) {
    const op = int(r, 0, 5);
    const at = int(r, 0, Math.max(0, b.length - 1));
    if (op === 0) {
      b = b.slice();
      const n = int(r, 1, 8);
      for (let i = 0; i < n; i++) b[int(r, 0, Math.max(0, b.length - 1))] = int(r, 0, 255);
      steps.push(`flip ${n} bytes`);
    } else if (op === 1) {
      b = b.slice();
      b[at] = (b[at] ?? 0) ^ (1 << int(r, 0, 7));
      steps.push(`flip a bit at ${at}`);
    } else if (op === 2) {
      b = b.slice(0, at);
      steps.push(`truncate at ${at}`);
    } else if (op === 3) {
      const bad = pick(r, [[0xc3, 0x28], [0xff], [0xed, 0xa0, 0x80], [0xe6, 0x9d], [0x81], [0xfe, 0x20], [0xc0, 0xaf], [0]]);
      b = concat([b.subarray(0, at), new Uint8Array(bad), b.subarray(at)]);
      steps.push(`insert bytes ${bad.map((x) => x.toString(16)).join(' ')} at ${at}`);
    } else if (op === 4) {
      const len = int(r, 1, Math.min(2_000, Math.max(1, b.length - at)));
      const times = int(r, 2, Math.max(2, Math.floor(100_000 / len)));
      const chunk = b.slice(at, at + len);
      b = concat([b.subarray(0, at), ...Array<Uint8Array>(times).fill(chunk), b.subarray(at)]);
      steps.push(`repeat ${len} bytes at ${at} ×${times}`);
    } else {
      const len = int(r, 1, Math.max(1, Math.min(500, b.length - at)));
      b = concat([b.subarray(0, at), b.subarray(at + len)]);
      steps.push(`delete ${len} bytes at ${at}`);
    }
  }
  return b;
}

/** Structure-aware edits of a parsed JSON publication: values swapped for nasty ones, items added or lost. */
export function mutateJson(r: Rng, value: unknown, steps: string[]): unknown {
  const copy: unknown = structuredClone(value);
  const n = int(r, 1, 4);
  for (let k = 0; k < n; k++) {
    const { parent, key } = randomSlot(r, copy);
    if (parent === null) break;
    const op = int(r, 0, 5);
    const path = String(key);
    if (op === 0 && Array.isArray(parent)) {
      parent.splice(Number(key), 0, ...Array<unknown>(int(r, 1, 20)).fill(structuredClone(parent[Number(key)])));
      steps.push(`duplicate item ${path}`);
    } else if (op === 1) {
      if (Array.isArray(parent)) parent.splice(Number(key), 1);
      else delete (parent as Record<string, unknown>)[key];
      steps.push(`remove ${path}`);
    } else {
      const replacement = pick(r, [
        () => nastyCell(r),
        () => pick(r, [2 ** 53, 2 ** 53 + 2, -(2 ** 63), 1e308, -1, 0.5, 0, 1e-9, 12345678901234567890]),
        () => pick(r, [null, true, [], {}, '', [1, 2], { row: 1 }]),
        () => {
          const depth = int(r, 1, 3000);
          return JSON.parse(`${'['.repeat(depth)}1${']'.repeat(depth)}`) as unknown;
        },
      ])();
      (parent as Record<string | number, unknown>)[key] = replacement;
      steps.push(`set ${path} = ${JSON.stringify(replacement)?.slice(0, 40)}`);
    }
  }
  return copy;
}

export function idNumber(r: Rng): string {
  const body = `430802${int(r, 1950, 2010)}${String(int(r, 1, 12)).padStart(2, '0')}${String(int(r, 1, 28)).padStart(2, '0')}${digits(r, 3)}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((s, d, i) => s + Number(d) * (weights[i] ?? 0), 0);
  return body + ('10X98765432'[sum % 11] ?? '0');
}

export function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

// ——— private helpers ———

function digits(r: Rng, n: number): string {
  return Array.from({ length: n }, () => String(int(r, 0, 9))).join('');
}

function bankCard(r: Rng): string {
  const body = `62${digits(r, int(r, 13, 16))}`;
  // Luhn check digit
  let sum = 0;
  [...body].reverse().forEach((d, i) => {
    let v = Number(d);
    if (i % 2 === 0) v = v * 2 > 9 ? v * 2 - 9 : v * 2;
    sum += v;
  });
  return body + String((10 - (sum % 10)) % 10);
}

/** A random (container, key) in the tree, found by walking down from the root. */
function randomSlot(r: Rng, root: unknown): { parent: object | null; key: string } {
  let parent: object | null = null;
  let key = '';
  let node: unknown = root;
  for (let depth = 0; depth < 6 && node !== null && typeof node === 'object'; depth++) {
    const keys = Array.isArray(node) ? node.map((_, i) => String(i)) : Object.keys(node);
    if (keys.length === 0) break;
    parent = node;
    key = pick(r, keys);
    node = (node as Record<string, unknown>)[key];
    if (r() < 0.3) break;
  }
  return { parent, key };
}
