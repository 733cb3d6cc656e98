import type { PublicationKind } from '../publication.ts';

/**
 * A fixed relevance set for search: queries people type, with the rows a person would expect
 * to see near the top. The corpus is deterministic: the demo generator over the real divisions
 * of 张家界市 (data/regions/4308.json) plus the three sample files from the field (test/fixtures/).
 * relevance-set.test.ts runs every case against the SQLite store; a PostgreSQL store can too.
 */
export const RELEVANCE_CORPUS = {
  region: '4308',
  demo: { count: 12, seed: 7, today: '2026-11-25' },
  fixtures: [
    { file: '430802108214-马头溪村-2026Q3-财务收支明细.csv', village: '430802108214', kind: 'finance', format: 'csv' },
    { file: '430802108214-马头溪村-2026年耕地地力保护补贴花名册.csv', village: '430802108214', kind: 'subsidy', format: 'csv' },
    { file: '430821211227-龙岗村-2026年工程项目公示.xlsx', village: '430821211227', kind: 'project', format: 'xlsx' },
  ],
} as const;

export interface Expectation {
  village: string;
  kind: PublicationKind;
  /** a hit of this village and kind whose text contains this must be among the first `top` hits */
  rowContains: string;
}

export interface RelevanceCase {
  query: string;
  expect: Expectation[];
  /** how far down the expected rows may be; 10 (one page on a phone) unless stated */
  top?: number;
  /** no hit among the first `top` may contain any of these */
  reject?: string[];
  /** whether the page must be (true) or must not be (false) a partial-match fallback; false unless stated */
  fallback?: boolean;
}

// Villages in the corpus (codes from data/regions/4308.json).
const 马头溪村 = '430802108214'; // fixtures: finance ledger, subsidy list
const 龙岗村 = '430821211227'; // fixture: works list
const 木纳里村 = '430802006211';
const 双星村 = '430811001206';
const 岔溪村 = '430821209201';
const 河口村 = '430822224203';
const 三岗村 = '430802005205';
const 三家峪村 = '430811202205';
const 江垭水库生活区 = '430821107502';
const 新民村 = '430822224210';
const 宋家岗村 = '430802002218';
const 岩市村 = '430821101226';
const 玉泉村 = '430822213222';

const fin = (village: string, rowContains: string): Expectation => ({ village, kind: 'finance', rowContains });
const sub = (village: string, rowContains: string): Expectation => ({ village, kind: 'subsidy', rowContains });
const prj = (village: string, rowContains: string): Expectation => ({ village, kind: 'project', rowContains });

export const RELEVANCE_SET: readonly RelevanceCase[] = [
  // names of recipients
  { query: '李小平', expect: [sub(马头溪村, '李小平')], top: 1 },
  { query: '谷世军', expect: [sub(马头溪村, '谷世军')], top: 1 },
  { query: '欧绍武', expect: [sub(双星村, '欧绍武'), sub(三家峪村, '欧绍武')], top: 2 },
  { query: '刘爱民', expect: [sub(新民村, '刘爱民')], top: 2 },
  { query: '全云飞', expect: [sub(三家峪村, '全云飞')], top: 1 },
  { query: '宋必胜', expect: [sub(双星村, '宋必胜')], top: 1 },
  { query: '覃必胜', expect: [sub(宋家岗村, '覃必胜'), sub(岩市村, '覃必胜')], top: 2 },
  { query: '唐某', expect: [fin(马头溪村, '唐某')], top: 1 },
  // places: village names with and without 村, townships, counties
  { query: '马头溪村', expect: [fin(马头溪村, '马头溪村'), sub(马头溪村, '马头溪村')] },
  { query: '马头溪', expect: [fin(马头溪村, '马头溪'), sub(马头溪村, '马头溪村')] },
  { query: '龙岗村', expect: [prj(龙岗村, '龙岗村三组通组公路硬化')] },
  { query: '龙岗', expect: [prj(龙岗村, '龙岗村')], top: 3 },
  { query: '江垭水库', expect: [fin(江垭水库生活区, '江垭水库生活区'), prj(江垭水库生活区, '江垭水库生活区')] },
  { query: '河口村', expect: [fin(河口村, '河口村'), sub(河口村, '河口村')], reject: ['新民村'] },
  { query: '玉泉村', expect: [prj(玉泉村, '玉泉村七组')] },
  { query: '王家坪镇', expect: [fin(马头溪村, '王家坪镇马头溪村')], top: 1 },
  { query: '慈利县 龙岗村', expect: [prj(龙岗村, '慈利县三官寺土家族乡龙岗村')], top: 1 },
  // 科目 (accounts), narrowed by place as people do
  { query: '马头溪 在建工程', expect: [fin(马头溪村, '马头溪组道路硬化工程进度款')], top: 1 },
  { query: '三岗村 投资收益', expect: [fin(三岗村, '村集体经济合作社分红')], top: 1 },
  { query: '岔溪 发包及上交收入', expect: [fin(岔溪村, '集体山林承包费')], top: 1 },
  { query: '岩市村 补助收入', expect: [fin(岩市村, '一事一议财政奖补资金'), fin(岩市村, '上级转移支付')], top: 2 },
  // project names and contractors
  { query: '茶叶产业路', expect: [prj(江垭水库生活区, '茶叶产业路建设')], top: 1 },
  { query: '山塘清淤', expect: [prj(新民村, '四组山塘清淤扩容'), prj(玉泉村, '七组山塘清淤扩容')], top: 2 },
  { query: '太阳能路灯', expect: [prj(龙岗村, '太阳能路灯安装')], top: 1 },
  { query: '番薯', expect: [prj(龙岗村, '番薯种植')], top: 1 },
  { query: '慈利县某水利水电工程公司', expect: [prj(龙岗村, '安全饮水管网改造')], top: 1 },
  { query: '张家界某照明工程有限公司', expect: [prj(龙岗村, '太阳能路灯')], top: 1 },
  { query: '桑植县某某建筑工程有限公司', expect: [prj(玉泉村, '七组通组道路硬化工程')], top: 1 },
  { query: '村部维修改造', expect: [prj(江垭水库生活区, '村部维修改造')], top: 1 },
  { query: '安全饮水', expect: [prj(龙岗村, '村部至小学段安全饮水管网改造')], top: 1 },
  // amounts, as typed
  { query: '20,150.00', expect: [fin(马头溪村, '土地流转租金（唐某')], top: 1 },
  { query: '20150', expect: [fin(马头溪村, '土地流转租金（唐某')], top: 1 },
  { query: '20150元', expect: [fin(马头溪村, '土地流转租金（唐某')], top: 1 },
  { query: '￥20,150', expect: [fin(马头溪村, '土地流转租金（唐某')], top: 1 },
  { query: '486,000', expect: [prj(龙岗村, '龙岗村三组通组公路硬化')], top: 1 },
  { query: '390.91', expect: [sub(马头溪村, '李小平')], top: 1 },
  { query: '22528', expect: [fin(木纳里村, '汪某')], top: 1 },
  { query: '97,000.00', expect: [fin(宋家岗村, '一事一议财政奖补资金')], top: 1 },
  // mixed text
  {
    query: '6月误工补贴',
    expect: [fin(马头溪村, '6月误工补贴'), fin(木纳里村, '6月误工补贴'), fin(岔溪村, '6月误工补贴'), fin(宋家岗村, '6月误工补贴')],
    reject: ['7月误工补贴', '8月误工补贴'],
  },
  { query: '马头溪 6月误工补贴', expect: [fin(马头溪村, '支付村干部6月误工补贴')], top: 1 },
  { query: '土地流转 唐某', expect: [fin(马头溪村, '收到土地流转租金（唐某')], top: 1 },
  { query: '双星村 光伏 6月', expect: [fin(双星村, '光伏发电收益（6月）')], top: 1 },
  { query: 'sample data 木纳里', expect: [fin(木纳里村, 'This is sample data')], top: 1 },
  { query: '番', expect: [prj(龙岗村, '番薯')], top: 1 },
  // a wrong or missing character: the best partial match must still come up
  { query: '马头西村', expect: [fin(马头溪村, '马头溪')], fallback: true },
  { query: '唐某土地流传', expect: [fin(马头溪村, '唐某')], top: 1, fallback: true },
  { query: '茶叶产路建设', expect: [prj(江垭水库生活区, '茶叶产业路建设')], top: 1, fallback: true },
  { query: '太阳路灯', expect: [prj(龙岗村, '太阳能路灯')], top: 1, fallback: true },
  { query: '李小萍', expect: [sub(马头溪村, '李小平')], top: 1, fallback: true },
];
