import { describe, expect, it } from 'vitest';
import type { SheetItem, SheetStep } from './power-flow-layout.ts';
import { layoutPowerSheet, MIN_STEP_NAME_PT, SHEET_FITS, type PowerSheetContent } from './power-sheet-layout.ts';
import type { Measure } from './text-wrap.ts';

/** Chinese characters one em wide, everything else 0.55: close to Noto Sans SC. */
const measure: Measure = (text) => [...text].reduce((w, ch) => w + (/[\u0000-\u00ff]/.test(ch) ? 0.55 : 1), 0);

const step = (seq: number): SheetStep => ({
  seq,
  name: `第${seq}个步骤的名称写得比较长一些以便换行`,
  facts: [
    { label: '执行', value: '村民代表会议' },
    { label: '表决', value: '到会≥三分之二，赞成>半数（实到人数）' },
    { label: '留存', value: '会议记录、签到表、表决结果' },
  ],
  discloses: seq % 3 === 0,
});

const content = (steps: number): PowerSheetContent => ({
  title: '村级重大事项决策（四议两公开）',
  subtitle: '集体管理事项　事项编码 major-decision',
  applies: '凡涉及村民切身利益的重大事项',
  hint: '从上往下按顺序办理。',
  steps: Array.from({ length: steps }, (_, i) => step(i + 1)),
  legalBasis: ['《村民委员会组织法》第二十二条', '《村民委员会组织法》第二十六条'],
  caveat: '以本村所属县公布的清单为准。',
  footer: '阳光村务',
});

const texts = (page: SheetItem[]) => page.flatMap((i) => (i.kind === 'text' ? [i] : []));
const stepNames = (page: SheetItem[]) => texts(page).filter((t) => /^\d+\. /.test(t.text));

describe('the power-list notice layout', () => {
  it('uses the largest type for a short procedure and smaller type or two columns only as steps are added', () => {
    const rank = (n: number) => SHEET_FITS.indexOf(layoutPowerSheet(content(n), measure).fit);
    expect(rank(3)).toBe(0);
    expect(rank(8)).toBeGreaterThan(rank(3));
    expect(layoutPowerSheet(content(8), measure).pages).toHaveLength(1);
  });

  it('continues a procedure too long for one page over further pages, step names never below 14 pt', () => {
    const layout = layoutPowerSheet(content(40), measure);
    expect(layout.pages.length).toBeGreaterThan(1);
    expect(layout.boxes.map((b) => b.seq)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    for (const page of layout.pages) {
      for (const name of stepNames(page)) expect(name.size / (25.4 / 72)).toBeGreaterThanOrEqual(MIN_STEP_NAME_PT - 1e-9);
      // each page carries the caveat and the title
      expect(texts(page).some((t) => t.text.includes('以本村所属县公布的清单为准'))).toBe(true);
      expect(texts(page).some((t) => t.text.includes('四议两公开'))).toBe(true);
    }
    for (const b of layout.boxes) expect(b.y + b.height).toBeLessThanOrEqual(layout.height - 10);
    expect(texts(layout.pages[0]!).some((t) => t.text.startsWith('（转下页'))).toBe(true);
    expect(texts(layout.pages[1]!).some((t) => t.text.startsWith('（接上页'))).toBe(true);
  });

  it('keeps boxes of one page from overlapping each other', () => {
    for (const n of [6, 8, 40]) {
      const boxes = layoutPowerSheet(content(n), measure).boxes;
      for (const a of boxes)
        for (const b of boxes) {
          if (a === b || a.page !== b.page) continue;
          const apart = a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y;
          expect(apart, `${n}: ${a.seq} and ${b.seq}`).toBe(true);
        }
    }
  });
});
