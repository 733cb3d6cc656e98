import { normaliseDivisionName, shortName } from '../division-name.ts';
import type { Division } from '../region.ts';
import type { SummaryRow } from '../summary/region-summary.ts';
import type { Column } from './header-map.ts';
import { at, quote, type IssueLog } from './issues.ts';

/**
 * Each row of a summary by place linked to the division under the scope it names: by its name
 * or official name (马头溪村, 马头溪村委会, 马头溪村村民委员会), else by its name without the
 * level's word (王家坪 → 王家坪镇) or, failing that, a prefix naming one division only. The
 * scope's own children are tried before the levels under them, so under a county 王家坪 is the
 * township, not a village of that name. A name found nowhere, or twice, is published without a
 * link and named in a warning; a table none of whose rows is found is for another region and is
 * refused; two rows naming one place are refused.
 */
export function linkPlaces(rows: readonly SummaryRow[], scope: string, divisions: readonly Division[], label: Column, log: IssueLog): SummaryRow[] {
  const under = divisions.filter((d) => d.code.length > scope.length && d.code.startsWith(scope));
  const levels = [...new Set(under.map((d) => d.code.length))].sort((a, b) => a - b).map((n) => under.filter((d) => d.code.length === n));
  const region = regionName(scope, divisions);
  const matches = rows.map((r) => findPlace(r.label, levels));
  if (rows.length > 0 && !matches.some((m) => m.length === 1)) {
    const shown = rows.slice(0, 3).map((r) => `“${quote(r.label)}”`).join('');
    log.error(
      'summary-wrong-region',
      { row: rows[0]!.row, column: label.letter, field: 'label' },
      `表中没有一行写的是${region.zh}下辖的${region.levels}，${shown}都不是：这张表可能是别的地区的，未发布。请核对上传时选的地区，这里应上传${region.zh}的汇总表。`,
      `Not one row names a division under ${region.en} (${shown} do not): the table is probably for another region and was not published. Check the region chosen for the upload: a summary of ${region.en} was expected here.`,
    );
    return [...rows];
  }
  const seen = new Map<string, number>();
  return rows.map((r, i) => {
    const found = matches[i]!;
    const where = { row: r.row, column: label.letter, field: 'label' };
    if (found.length !== 1) {
      const alternatives = found.slice(0, 3).map((d) => d.name).join('、');
      log.warn(
        found.length === 0 ? 'place-not-found' : 'place-ambiguous',
        where,
        found.length === 0
          ? `第${r.row}行“${quote(r.label)}”不是${region.zh}下辖的${region.levels}，不加链接，按原文公开。`
          : `第${r.row}行“${quote(r.label)}”可能是${alternatives}中的任何一个，不加链接，按原文公开；请写全名。`,
        found.length === 0
          ? `Row ${r.row}: “${quote(r.label)}” is not a division under ${region.en}; published as written, without a link.`
          : `Row ${r.row}: “${quote(r.label)}” could be any of ${alternatives}; published as written, without a link. Write the full name.`,
      );
      return r;
    }
    const division = found[0]!;
    const before = seen.get(division.code);
    if (before !== undefined) {
      log.error(
        'duplicate-place',
        where,
        `第${r.row}行“${quote(r.label)}”与第${before}行是同一个地方（${division.name}）：一个地方只能有一行，未发布。请合并或核对后重新上传。`,
        `Row ${r.row}: “${quote(r.label)}” is the same place as row ${before} (${division.name}); a place can have one row only, so nothing was published. Merge or correct them and upload again.`,
      );
    } else seen.set(division.code, r.row);
    return { ...r, place: division.code };
  });
}

// ——— private helpers ———

/** The divisions a label names, at the first level (top down) where it names any; by full name first. */
function findPlace(label: string, levels: readonly Division[][]): Division[] {
  const key = label.normalize('NFKC').replace(/\s+/g, '').replace(/(人民政府|办事处|\(盖章\))$/, '');
  if (key.length < 2) return [];
  const asVillage = normaliseDivisionName(key, 'village');
  const tries: Array<(d: Division) => boolean> = [
    (d) => d.name === key || d.officialName === key || d.name === asVillage,
    (d) => shortName(d.name, d.level) === key,
    (d) => d.name.startsWith(key),
  ];
  for (const matches of tries) {
    for (const level of levels) {
      const found = level.filter(matches);
      if (found.length > 0) return found;
    }
  }
  return [];
}

function regionName(scope: string, divisions: readonly Division[]): { zh: string; en: string; levels: string } {
  const own = divisions.find((d) => d.code === scope);
  const name = own ? `${own.name}（${scope}）` : scope;
  const levels = scope.length >= 9 ? '村或社区' : scope.length >= 6 ? '乡镇或村' : '县区、乡镇或村';
  return { zh: name, en: own ? `${own.name} (${scope})` : scope, levels };
}
