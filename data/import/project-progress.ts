import type { Cell } from './grid.ts';
import { cellText } from './grid.ts';

/**
 * 形象进度 as villagers read it: a percentage when the text gives or implies one (已完工 → 100,
 * 完成70% → 70, 未开工 → 0), the words always kept. Anything else (主体完工，设备待安装) has no
 * percentage: guessing one would publish a number nobody stated.
 */
export function parseProgress(cell: Cell | undefined): { percent: number | null; text: string } {
  if (typeof cell === 'number') {
    // A cell formatted as a percentage holds 0.7 for 70%.
    const percent = cell <= 1 && cell >= 0 ? round(cell * 100) : cell;
    return { percent: percent >= 0 && percent <= 100 ? percent : null, text: `${percent}%` };
  }
  const text = cellText(cell);
  const s = text.normalize('NFKC').replace(/[\s。.!！]+$/g, '').replace(/\s+/g, '');
  if (s === '') return { percent: null, text: '' };
  if (DONE.test(s)) return { percent: 100, text };
  if (NOT_STARTED.test(s)) return { percent: 0, text };
  const percents = [...s.matchAll(/(\d+(?:\.\d+)?)%/g)].map((m) => Number(m[1]));
  if (percents.length === 1 && /^(?:已?完成|完成了|工程量?完成|进度|已完成工程量的?)?\d+(?:\.\d+)?%$/.test(s)) {
    const p = percents[0] as number;
    return { percent: p <= 100 ? p : null, text };
  }
  if (/^\d+(?:\.\d+)?$/.test(s) && Number(s) <= 100) return { percent: Number(s), text };
  return { percent: null, text };
}

// ——— private helpers ———

const DONE = /^(?:已?完工|已?竣工|已完成|全部完工|已验收|竣工验收|完工验收|已完工验收|已竣工验收|完成|100%)$/;
const NOT_STARTED = /^(?:未开工|尚未开工|待开工|未动工|0%)$/;

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
