import { formatFen } from '../../data/money.ts';
import { periodLabel } from '../../data/period.ts';
import type { MySubsidyPage, SiteInfo } from './page-model.ts';
import { MY_SUBSIDY_HREF, publicationHref } from './urls.ts';
import { chinaDate } from './format.ts';

/** The form's field names: the only place they are written. */
export const MY_SUBSIDY_FIELDS = { name: 'name', idNumber: 'id_number' } as const;

/** What looking up one's own subsidies came to (ingest/my-subsidy-page.ts). */
export type MySubsidyLookup =
  | { kind: 'form' }
  | { kind: 'unavailable' }
  | { kind: 'invalid'; problem: 'name' | 'id-number' }
  | { kind: 'rate-limited'; retryAfterSeconds: number }
  | { kind: 'found'; rows: Array<{ village: string; villageName: string; publicationId: string; row: number; programme: string; period: string; amount: number; datePaid: string | null; sample: boolean }> };

export function buildMySubsidyView(input: { site: SiteInfo; csrf: { name: string; value: string }; typedName: string; lookup: MySubsidyLookup }): MySubsidyPage {
  const { lookup } = input;
  const base = {
    kind: 'my-subsidy' as const,
    site: input.site,
    title: '查我的补贴',
    description: '输入姓名和身份证号，查看本人在各村补贴发放名册中的记录。',
    sample: false,
    action: MY_SUBSIDY_HREF,
    csrf: input.csrf,
    fields: MY_SUBSIDY_FIELDS,
    typedName: input.typedName.slice(0, 20),
  };
  const message = (text: string, warn = true) => ({ ...base, message: { text, warn }, rows: [] });
  switch (lookup.kind) {
    case 'form':
      return { ...base, message: null, rows: [] };
    case 'unavailable':
      return message('本平台暂未开通补贴自查。如对补贴有疑问，请在本村页面“反映问题”。');
    case 'invalid':
      return message(lookup.problem === 'name' ? '请填写姓名（与补贴名册上的一致）。' : '身份证号应为 18 位（最后一位可以是 X），请核对后重新输入。');
    case 'rate-limited':
      return message(`查询太频繁，请 ${Math.max(1, Math.ceil(lookup.retryAfterSeconds / 60))} 分钟后再试。`);
    case 'found':
      if (lookup.rows.length === 0) return message('没有查到与这个姓名和身份证号对应的补贴记录。名册上的姓名或身份证号如与您填写的不同，也查不到；有疑问请在本村页面“反映问题”。', false);
      return {
        ...base,
        message: { text: `查到 ${lookup.rows.length} 条补贴记录。`, warn: false },
        rows: lookup.rows.map((r) => ({
          href: `${publicationHref(r.village, r.publicationId)}#r${r.row}`,
          village: r.villageName,
          programme: r.programme,
          periodLabel: periodLabel(r.period),
          amount: `${formatFen(r.amount)} 元`,
          datePaid: r.datePaid === null ? null : chinaDate(r.datePaid),
          sample: r.sample,
        })),
      };
  }
}
