import type { SupervisionPhone } from '../config.ts';

/**
 * What a village's notice-board poster says, as plain strings: who it is for, where to scan,
 * what is published there and how often, and how to complain. The layout (poster-layout.ts)
 * decides where each string goes; the renderers only draw.
 *
 * The wording is generic on purpose: it describes what this portal publishes and what the
 * 村务公开 rules ask of every village, not what a particular village has already done.
 */

export interface PosterVillage {
  /** 12-digit village code */
  code: string;
  name: string;
  township: string;
  county: string;
}

export interface PosterInput {
  village: PosterVillage;
  /** the portal's public address, without a trailing slash (Config.baseUrl) */
  baseUrl: string;
  phones: readonly SupervisionPhone[];
  /** the calendar day in China the poster is printed, YYYY-MM-DD */
  printedOn: string;
  /** 阳光村务 */
  siteName: string;
}

export interface PosterContent {
  kicker: string;
  villageName: string;
  /** county · township · village */
  fullName: string;
  codeLine: string;
  scanCall: string;
  /** the permanent village URL: what the large QR encodes and what is printed under it */
  villageUrl: string;
  typeHint: string;
  publishedHeading: string;
  published: { label: string; detail: string }[];
  /** how often it is updated: paragraphs, each starting on a new line, under the same heading */
  frequency: string[];
  complaintHeading: string;
  complaintCall: string;
  /** the village's complaint page: what the small QR encodes */
  complaintUrl: string;
  phonesHeading: string;
  phones: { label: string; number: string }[];
  printed: string;
  footer: string;
}

export function posterContent(input: PosterInput): PosterContent {
  const { village } = input;
  const villageUrl = posterVillageUrl(input.baseUrl, village.code);
  return {
    kicker: `${input.siteName} · 村务公开`,
    villageName: village.name,
    fullName: [village.county, village.township, village.name].join(' · '),
    codeLine: `村代码 ${village.code}`,
    scanCall: '微信扫一扫，查看本村村务公开',
    villageUrl,
    typeHint: '或在浏览器输入：',
    publishedHeading: '公开内容',
    published: [
      { label: '财务收支', detail: '每一笔收入和支出' },
      { label: '惠农补贴', detail: '发放名单和金额（身份证等号码只显示部分数字）' },
      { label: '工程项目', detail: '金额、进度和照片' },
    ],
    frequency: ['按规定，财务收支每月或每季度公开一次，补贴、工程等随时公开。', '公开后不能删改，更正留有记录。'],
    complaintHeading: '发现问题',
    complaintCall: '扫码反映',
    complaintUrl: posterComplaintUrl(input.baseUrl, village.code),
    phonesHeading: '监督电话',
    phones: input.phones.map((p) => ({ label: p.label, number: p.number })),
    printed: `${chineseDate(input.printedOn)}打印`,
    footer: input.siteName,
  };
}

/** The permanent village URL printed on posters: `/v/<code>/` never changes. */
export function posterVillageUrl(baseUrl: string, code: string): string {
  return `${baseUrl}/v/${code}/`;
}

/** The village's complaint page (issue 5); the poster's second QR. */
export function posterComplaintUrl(baseUrl: string, code: string): string {
  return `${baseUrl}/v/${code}/complaint/`;
}

// ——— private helpers ———

/** 2026-08-01 → 2026年8月1日 */
function chineseDate(isoDate: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : isoDate;
}
