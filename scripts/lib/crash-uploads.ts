import { DEFAULT_COMPLAINT_CATEGORIES } from '../../data/complaints/complaint.ts';
import type { PublicationKind } from '../../data/publication.ts';
import { rng } from '../../data/demo/seeded-random.ts';

/**
 * What the crash test uploads: JSON bodies (docs/api.md, data/import/json-import.ts) of all three
 * kinds, each for its own series, so every upload that lands is version 1 of a new series and a
 * second version would reveal a retry that published twice. Upload i goes to village i mod V in
 * round ⌊i / V⌋; the round picks the period (a month, quarter or year by kind), so no two uploads
 * share a series. Sizes and amounts come from a seeded generator: the same seed, the same bytes.
 */
export interface CrashUpload {
  index: number;
  /** the Idempotency-Key: a retry after a lost answer sends the same key and the same bytes */
  key: string;
  village: string;
  kind: PublicationKind;
  period: string;
  /** the request path with its query */
  path: string;
  body: Buffer;
}

export function crashUpload(index: number, villages: readonly string[], seed: number): CrashUpload {
  const village = villages[index % villages.length]!;
  const round = Math.floor(index / villages.length);
  const kind = KINDS[(index + round) % KINDS.length]!;
  const random = rng(seed * 1_000_003 + index);
  const period = periodOf(kind, round);
  const body = kind === 'finance' ? financeBody(period, random) : kind === 'subsidy' ? subsidyBody(random) : projectBody(random);
  return {
    index,
    key: `crash-${seed}-${index}`,
    village,
    kind,
    period,
    path: `/api/v1/villages/${village}/publications?kind=${kind}&period=${period}`,
    body: Buffer.from(JSON.stringify(body), 'utf8'),
  };
}

/** A complaint about the village of upload i, anonymous (no contact to mask or keep). */
export function crashComplaint(index: number, village: string): Buffer {
  const category = DEFAULT_COMPLAINT_CATEGORIES[index % DEFAULT_COMPLAINT_CATEGORIES.length];
  const text = `第 ${index} 号测试投诉：公示的名单里第 ${(index % 40) + 1} 行的金额和实际不一致，请核实。`;
  return Buffer.from(JSON.stringify({ village, category, text, anonymous: true }), 'utf8');
}


// ——— private helpers ———

const KINDS: readonly PublicationKind[] = ['finance', 'subsidy', 'project'];

const SUMMARIES = ['收到上级转移支付', '支付保洁员工资', '村部电费', '收到土地流转费', '购买办公用品', '道路维修材料款', '收到集体资产租金', '支付护林员补助'];
const SURNAMES = ['张', '王', '李', '赵', '刘', '陈', '杨', '黄', '周', '吴'];
const GIVEN = ['秀英', '建国', '桂兰', '志明', '春华', '德胜', '玉梅', '海波', '小红', '国强'];
const PROJECTS = ['村道硬化', '饮水安全巩固提升', '文化广场建设', '山塘清淤', '危桥改造', '路灯安装'];

/** Round r: the r-th month, quarter or year from 2001 on, so no two rounds share a period of the same kind. */
function periodOf(kind: PublicationKind, round: number): string {
  if (kind === 'finance') return `${2001 + Math.floor(round / 12)}-${String((round % 12) + 1).padStart(2, '0')}`;
  if (kind === 'subsidy') return `${2001 + Math.floor(round / 4)}-Q${(round % 4) + 1}`;
  return String(2001 + round);
}

function between(random: () => number, low: number, high: number): number {
  return low + Math.floor(random() * (high - low + 1));
}

function financeBody(period: string, random: () => number) {
  const entries = Array.from({ length: between(random, 3, 12) }, () => {
    const income = random() < 0.4;
    const amount = between(random, 100, 5_000_000);
    return {
      date: `${period}-${String(between(random, 1, 28)).padStart(2, '0')}`,
      summary: SUMMARIES[between(random, 0, SUMMARIES.length - 1)]!,
      income: income ? amount : 0,
      expense: income ? 0 : amount,
    };
  });
  entries.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  return { openingBalance: between(random, 0, 50_000_000), entries };
}

function subsidyBody(random: () => number) {
  const rows = Array.from({ length: between(random, 3, 20) }, (_, i) => {
    const mu = between(random, 50, 900); // hundredths of a mu
    return {
      seq: i + 1,
      name: SURNAMES[between(random, 0, SURNAMES.length - 1)]! + GIVEN[between(random, 0, GIVEN.length - 1)]!,
      quantity: (mu / 100).toFixed(2),
      unit: '亩',
      amount: mu * 105, // 105 fen per hundredth of a mu: 105.00 元/亩
      rateText: '105.00',
    };
  });
  return { programme: '耕地地力保护补贴', rows };
}

function projectBody(random: () => number) {
  const projects = Array.from({ length: between(random, 1, 4) }, (_, i) => {
    const budget = between(random, 1_000_000, 200_000_000);
    return {
      name: `${PROJECTS[between(random, 0, PROJECTS.length - 1)]!}（第${i + 1}标段）`,
      budget,
      contractAmount: budget,
      amountPaid: Math.floor(budget / 2),
      progress: between(random, 0, 100),
    };
  });
  return { projects };
}
