import { formatFen } from '../money.ts';
import { statementLines, type Publication, type StatementLine } from '../publication.ts';

/**
 * Search tokens. Chinese has no spaces, so a run of Han characters becomes overlapping
 * bigrams (马头溪村 → 马头 头溪 溪村); Latin words and numbers are whole tokens. The server
 * index (SQLite FTS5) and the browser index (lunr) must both use exactly these tokens, so this
 * module is pure and uses no Node API.
 *
 * Amounts are normalised the way people type them: 20,150.00 / 20150.00 / 20150 / 20150元 /
 * ￥20,150 all give `20150` — thousands separators, trailing fraction zeros, 元 and ¥ go.
 */
export function tokenize(text: string): string[] {
  const tokens: string[] = [];
  for (const part of parts(text)) {
    if (part.kind === 'han') tokens.push(...bigrams(part.text));
    else tokens.push(part.text);
  }
  return tokens;
}

/**
 * What the index stores for a text: `tokenize(text)` plus the last character of every Han run
 * of two or more characters. Every occurrence of a character is then the first character of
 * some indexed token, so a one-character query, matched as a prefix (村*), finds it wherever it
 * stands — including at the end of a run (马头溪村), which the bigrams alone would miss.
 */
export function indexTokens(text: string): string[] {
  const tokens: string[] = [];
  for (const part of parts(text)) {
    if (part.kind !== 'han') tokens.push(part.text);
    else {
      tokens.push(...bigrams(part.text));
      const chars = Array.from(part.text);
      if (chars.length > 1) tokens.push(chars[chars.length - 1]!);
    }
  }
  return tokens;
}

/** The tokens of a query, deduplicated, in first-seen order. */
export function queryTokens(q: string): string[] {
  return [...new Set(tokenize(q))];
}

/** A one-character Han token: matched as a prefix of the indexed tokens (see `indexTokens`). */
export function isSingleHan(token: string): boolean {
  return Array.from(token).length === 1 && HAN.test(token);
}

export interface SearchRow {
  /** row number in the uploaded file; 0 for the publication's title and notes */
  row: number;
  text: string;
  date: string | null;
  /** fen; the row's main amount (income or expense, subsidy amount, project budget, a contract's annual rent) */
  amount: number | null;
}

/**
 * Every searchable row of a publication, with the text that is indexed and shown as a snippet.
 * Amounts are written as the page shows them (20,150.00); masked personal numbers are included
 * as published (already masked), phone and bank-card numbers are not indexed at all.
 */
export function rowSearchText(p: Pick<Publication, 'content'>): SearchRow[] {
  const c = p.content;
  const head = [c.title, c.kind === 'subsidy' ? c.programme : null, ...c.notes];
  const rows: SearchRow[] = [{ row: 0, text: join(head), date: null, amount: null }];
  if (c.kind === 'finance') {
    for (const e of c.entries) {
      const amount = e.income !== 0 ? e.income : e.expense;
      rows.push({
        row: e.row,
        text: join([e.date, e.voucher, e.summary, e.account, money(e.income), money(e.expense), e.remark, ...(e.extra ?? [])]),
        date: e.date,
        amount,
      });
    }
  } else if (c.kind === 'subsidy') {
    for (const s of c.rows) {
      const quantity = s.quantity === null ? null : `${s.quantity}${s.unit ?? ''}`;
      rows.push({
        row: s.row,
        text: join([s.name, s.idNumber, c.programme, quantity, formatFen(s.amount), s.datePaid, s.channel, s.remark, ...(s.extra ?? [])]),
        date: s.datePaid,
        amount: s.amount,
      });
    }
  } else if (c.kind === 'contract') {
    for (const k of c.contracts) {
      rows.push({
        row: k.row,
        text: join([k.number, k.counterparty, k.creditCode, k.idNumber, k.subject, k.location, k.area === null ? null : `${k.area}${k.areaUnit ?? ''}`, money(k.annualAmount), k.paymentTerms, k.performance, k.remark, ...(k.extra ?? [])]),
        date: k.start,
        amount: k.annualAmount,
      });
    }
  } else if (c.kind === 'statement') {
    // one search row per row of the file: a side-by-side row holds a line of each side, so its amount is one only when it holds one line
    const byRow = new Map<number, StatementLine[]>();
    for (const line of statementLines(c)) byRow.set(line.row, [...(byRow.get(line.row) ?? []), line]);
    for (const [row, lines] of [...byRow].sort((a, b) => a[0] - b[0])) {
      rows.push({ row, text: join(lines.flatMap((l) => [l.item, money(l.amount)])), date: null, amount: lines.length === 1 ? lines[0]!.amount : null });
    }
  } else {
    for (const item of c.projects) {
      rows.push({
        row: item.row,
        text: join([
          item.name,
          item.location,
          item.fundingSource,
          item.contractor,
          item.procurementMethod,
          item.progress.text,
          money(item.budget),
          money(item.contractAmount),
          money(item.amountPaid),
          item.remark,
          ...(item.funding ?? []).map((f) => `${f.source} ${money(f.amount)}`),
          ...(item.extra ?? []),
        ]),
        date: item.actualStart ?? item.plannedStart,
        amount: item.budget ?? item.contractAmount,
      });
    }
  }
  return rows;
}

// ——— private helpers ———

const HAN = /^\p{Script=Han}$/u;

/**
 * After NFKC (full-width → half-width, ￥ → ¥) and lower-casing: a Han run; a number, with
 * thousands separators only in groups of three and an optional fraction, swallowing a 元 right
 * after it; or a Latin word (letters, then letters or digits). Everything else separates.
 */
const PART = /(\p{Script=Han}+)|(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)元?|(\p{Script=Latin}[\p{Script=Latin}\d]*)/gu;

type Part = { kind: 'han' | 'number' | 'word'; text: string };

function parts(text: string): Part[] {
  const out: Part[] = [];
  const normal = text.normalize('NFKC').toLowerCase();
  for (const m of normal.matchAll(PART)) {
    if (m[1]) out.push({ kind: 'han', text: m[1] });
    else if (m[2]) out.push({ kind: 'number', text: normaliseNumber(m[2]) });
    else if (m[3]) out.push({ kind: 'word', text: m[3] });
  }
  return out;
}

/** 20,150.00 → 20150; 386.50 → 386.5; 0.00 → 0. Leading zeros stay (voucher 001). */
function normaliseNumber(s: string): string {
  const [int = '', frac = ''] = s.replace(/,/g, '').split('.');
  const trimmed = frac.replace(/0+$/, '');
  return trimmed ? `${int}.${trimmed}` : int;
}

function bigrams(run: string): string[] {
  const chars = Array.from(run);
  if (chars.length === 1) return chars;
  const out: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i]! + chars[i + 1]!);
  return out;
}

function money(fen: number | null): string | null {
  return fen === null || fen === 0 ? null : formatFen(fen);
}

function join(values: ReadonlyArray<string | null | undefined>): string {
  return values.filter((v): v is string => v !== null && v !== undefined && v.trim() !== '').join(' ');
}
