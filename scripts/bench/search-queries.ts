import type { SamplePublication } from '../../data/demo/sample-publications.ts';
import { int, pick, rng, type Rng } from '../../data/demo/seeded-random.ts';
import { formatFen } from '../../data/money.ts';
import type { Division } from '../../data/region.ts';
import type { SearchQuery } from '../../data/store/store.ts';

/**
 * A fixed list of ~200 queries as people type them, drawn (with a fixed seed) from the very
 * publications the bench indexes: recipients' names, words of 摘要, 科目, amounts in the forms
 * people write them, mixed queries like `6月误工补贴`, village names; 15% narrowed by county, 10%
 * by kind, 10% by a quarter's dates, 3% by a minimum amount; 10% sorted by date. Always page 1 of 20.
 */
export function searchQueries(divisions: readonly Division[], publications: readonly SamplePublication[], count = 200): SearchQuery[] {
  const r = rng(20261125);
  const names: string[] = [];
  const amounts: number[] = [];
  for (const p of publications) {
    const c = p.content;
    if (c.kind === 'subsidy') for (const row of c.rows) names.push(row.name);
    else if (c.kind === 'finance') for (const e of c.entries) amounts.push(e.income || e.expense);
  }
  const villages = divisions.filter((d) => d.level === 'village').map((d) => d.name);
  const counties = divisions.filter((d) => d.level === 'county').map((d) => d.code);
  const makers: Array<(r: Rng) => string> = [
    (r) => pick(r, names),
    (r) => pick(r, names),
    (r) => pick(r, SUMMARY_WORDS),
    (r) => pick(r, ACCOUNTS),
    (r) => amountAsTyped(r, pick(r, amounts)),
    (r) => `${int(r, 1, 12)}月${pick(r, ['误工补贴', '电费', '保洁员工资', '光伏发电'])}`,
    (r) => `${pick(r, villages)} ${pick(r, ACCOUNTS)}`,
    (r) => pick(r, villages),
    (r) => `${pick(r, names).slice(0, 1)}某`,
    (r) => `${pick(r, SUMMARY_WORDS)} ${amountAsTyped(r, pick(r, amounts))}`,
  ];
  const out: SearchQuery[] = [];
  for (let i = 0; i < count; i++) {
    const q: SearchQuery = { q: makers[i % makers.length]!(r), sort: 'relevance', page: 1, pageSize: 20 };
    const filter = r();
    if (filter < 0.15) q.county = pick(r, counties);
    else if (filter < 0.25) q.kind = pick(r, ['finance', 'subsidy', 'project'] as const);
    else if (filter < 0.35) Object.assign(q, pick(r, QUARTERS));
    else if (filter < 0.38) q.min = pick(r, [1_000_00, 10_000_00, 50_000_00]);
    if (r() < 0.1) q.sort = 'date';
    out.push(q);
  }
  return out;
}

// ——— private helpers ———

const SUMMARY_WORDS = [
  '误工补贴', '土地流转', '转移支付', '光伏发电', '山林承包费', '合作社分红', '门面租金', '一事一议', '银行存款利息',
  '电费', '道路硬化', '进度款', '五保户慰问', '办公用品', '饮水工程', '防汛物资', '网络通讯费', '保洁员工资', '误餐费',
  '环境卫生整治', '耕地地力保护补贴', '生态公益林', '农机购置补贴', '临时救助', '山塘清淤', '太阳能路灯', '河道护岸',
];

const QUARTERS = [
  { from: '2026-01-01', to: '2026-03-31' },
  { from: '2026-04-01', to: '2026-06-30' },
  { from: '2026-07-01', to: '2026-09-30' },
  { from: '2026-10-01', to: '2026-12-31' },
];

const ACCOUNTS = ['管理费用', '经营收入', '补助收入', '在建工程', '公益支出', '其他收入', '投资收益', '发包及上交收入', '其他支出'];

/** 2015000 fen → one of 20,150.00 / 20150 / 20150元 / 20150.00 */
function amountAsTyped(r: Rng, fen: number): string {
  const shown = formatFen(fen);
  const plain = shown.replace(/,/g, '');
  const whole = plain.replace(/\.00$/, '');
  return pick(r, [shown, whole, `${whole}元`, plain]);
}
