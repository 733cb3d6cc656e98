import { formatFen } from '../../data/money.ts';
import { chinaDate as chinaDay } from '../../data/working-days.ts';
import type { PublicationKind } from '../../data/publication.ts';

/**
 * Display formatting shared by every page. Pages print strings these functions produce;
 * nothing in a template formats a number or a date by itself.
 */

/** 2015000 → "20,150.00" */
export function money(fen: number): string {
  return formatFen(fen);
}

/** An optional amount: missing is shown as a dash, never as 0.00 (which would claim a value). */
export function moneyOrDash(fen: number | null): string {
  return fen === null ? '—' : formatFen(fen);
}

/** 2015000 → "20,150.00 元" */
export function yuan(fen: number): string {
  return `${formatFen(fen)} 元`;
}

export function textOrDash(text: string | null | undefined): string {
  return text === null || text === undefined || text === '' ? '—' : text;
}

/**
 * The calendar date, in China time, of an ISO timestamp: "2026-07-31T17:00:00Z" → "2026-08-01".
 * Villagers read dates as Beijing dates; the server clock is UTC.
 */
export function chinaDate(iso: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) return iso;
  return Number.isNaN(Date.parse(iso)) ? iso : chinaDay(iso);
}

/** "2026-08-01 09:30" in China time, for the exact moment a version was published. */
export function chinaDateTime(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  return new Date(ms + CHINA_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
}

export const KIND_LABEL: Record<PublicationKind, string> = {
  finance: '财务收支',
  subsidy: '补贴发放',
  project: '工程项目',
  contract: '资产资源合同',
  statement: '财务报表',
};

/** Rounded percent for a progress bar, clamped so a bad value cannot break the layout. */
export function percentText(percent: number | null): string | null {
  if (percent === null || !Number.isFinite(percent)) return null;
  return `${Math.round(Math.min(100, Math.max(0, percent)))}%`;
}

const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;
