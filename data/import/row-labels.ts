/**
 * Rows that are not entries but say something about them: an opening balance carried in
 * (上期结余, 承上页), subtotals (小计, 本月合计, 7月小计, 管理费用小计, 一组合计), totals (合计, 本季合计, 总计,
 * 两项合计, 收入合计) and running
 * totals (本年累计). Labels are read with spaces removed (合  计) and brackets dropped (合计（36户）).
 */
export type RowLabel =
  | { kind: 'opening'; text: string }
  /** 过次页: the page's running figures, carried to the next page */
  | { kind: 'carry'; text: string }
  /**
   * checked against the entries since the previous subtotal; `part`: a 科目's or a group's
   * (管理费用小计, 一组合计), inside a month's — a ledger's 本月合计 counts across them
   */
  | { kind: 'subtotal'; text: string; part?: true }
  /** checked against all entries */
  | { kind: 'total'; text: string }
  /** checked against all entries only when the file starts where the running total starts */
  | { kind: 'cumulative'; text: string };

export function labelOf(text: string): RowLabel | null {
  const t = text
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/\([^)]*\)$/, '')
    .replace(/[:：]$/, '');
  if (t === '' || t.length > 12) return null;
  if (OPENING.test(t)) return { kind: 'opening', text: t };
  if (/^过次页$/.test(t)) return { kind: 'carry', text: t };
  if (SUBTOTAL.test(t)) return { kind: 'subtotal', text: t };
  if (TOTAL.test(t)) return { kind: 'total', text: t };
  // 管理费用小计, 一组合计: the part since the previous subtotal (per 科目, per 组)
  if (PART_TOTAL.test(t)) return { kind: 'subtotal', text: t, part: true };
  if (CUMULATIVE.test(t)) return { kind: 'cumulative', text: t };
  return null;
}

/** The first label among a row's text cells (合计 may sit under 日期, 序号, 摘要 or 姓名). */
export function rowLabel(texts: readonly string[]): RowLabel | null {
  for (const text of texts) {
    const label = labelOf(text);
    if (label) return label;
  }
  return null;
}

// ——— private helpers ———

const MONTH = '(?:\\d{1,2}|[一二三四五六七八九十]{1,3}|十[一二])月份?';

const OPENING =
  /^(?:\d{4}年)?(?:上期结余|上年结余|上月结余|上季结余|上季度结余|期初余额|期初结余|年初余额|年初结余|承上页|上期结转|上年结转|上月结转|上季结转|期初数|上期余额|上年余额|上月余额|结转上期|上期结存|上年结存)$/;
const SUBTOTAL = new RegExp(`^(?:本月合计|本月小计|小计|本页小计|本页合计|${MONTH}(?:小计|合计))$`);
const TOTAL = /^(?:合计|总计|[两二三四五六七八九十]项合计|各项合计|收入合计|支出合计|收支合计|借方合计|贷方合计|本季合计|本季度合计|本期合计|本年合计|全年合计|季度合计|总合计|第[一二三四1-4]季度合计|合计金额|本表合计)$/;
const PART_TOTAL = /^.{1,10}(?:小计|合计)$/;
const CUMULATIVE = /^(?:本年累计|累计|本季累计|本年度累计|年度累计|本期累计|累计数)$/;
