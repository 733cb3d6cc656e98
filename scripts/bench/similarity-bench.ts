import { pathToFileURL } from 'node:url';
import { rng } from '../../data/demo/seeded-random.ts';
import { similarityIndex, type SimilarCandidate } from '../../data/complaints/similar-complaints.ts';

/**
 * Similar open complaints (issue 17): one village with `complaints` open complaints (1,000 by
 * default, far more than a village has), the index built once, then `searches` searches with
 * texts a villager might type. Prints the build time and p50/p95 of one search; never asserts.
 * The texts come from templates through a seeded generator, so every run measures the same work.
 *
 * `npx tsx scripts/bench/similarity-bench.ts [complaints] [searches]`
 */
export async function similarityBench(opts: { complaints?: number; searches?: number; log: (label: string, value: string) => void }): Promise<void> {
  const count = opts.complaints ?? 1000;
  const searches = opts.searches ?? 500;
  const next = rng(17);
  const candidates: SimilarCandidate[] = Array.from({ length: count }, (_, i) => ({ publicId: `2026-${String(i + 1).padStart(5, '0')}`, ...complaint(next) }));
  const queries = Array.from({ length: searches }, () => complaint(rng(1_000 + Math.floor(next() * 1e6))).text);
  const chars = candidates.reduce((sum, c) => sum + c.text.length, 0);
  opts.log('similar: village', `${count} open complaints, ${Math.round(chars / count)} characters on average, e.g. “${candidates[0]!.text}”`);

  // the first build is the one a fresh process pays; a server builds many and runs warm
  const cold = performance.now();
  let index = similarityIndex(candidates, IGNORE);
  const first = performance.now() - cold;
  for (let i = 0; i < 10; i++) index = similarityIndex(candidates, IGNORE);
  const builds: number[] = [];
  for (let i = 0; i < 20; i++) {
    const t = performance.now();
    index = similarityIndex(candidates, IGNORE);
    builds.push(performance.now() - t);
  }
  opts.log('similar: build the index', `first ${first.toFixed(1)} ms; warm ${figure(builds)} (${builds.length} builds)`);

  for (const q of queries.slice(0, 50)) index.search(q);
  const times: number[] = [];
  let shown = 0;
  for (const q of queries) {
    const t = performance.now();
    shown += index.search(q).length;
    times.push(performance.now() - t);
  }
  opts.log('similar: one search (default threshold, limit)', `${figure(times)} (${searches} searches); ${(shown / searches).toFixed(1)} shown on average`);
}

// ——— the synthetic village ———

const VILLAGE = '马头溪村';
const IGNORE = [VILLAGE, '马头溪', '王家坪镇', '王家坪'];

/** What goes wrong in a village, each told a few ways, as complaints really are. */
const PROBLEMS: ReadonlyArray<{ category: string; texts: readonly string[] }> = [
  { category: '惠农补贴', texts: ['耕地地力保护补贴{n}户到现在还没发', '耕地补贴今年一直没有到账', '我家的耕地补贴少发了{n}百元', '种粮补贴没打到一卡通上'] },
  { category: '惠农补贴', texts: ['退耕还林的钱{m}个月没发了', '退耕还林补助款一直没到账', '退耕还林补贴发放名单没公示'] },
  { category: '惠农补贴', texts: ['危房改造补助被村干部亲戚领走了', '危房改造的钱没有按标准发', '我家房子是危房，申请改造没批'] },
  { category: '惠农补贴', texts: ['低保评得不公平，有车有房的也在吃低保', '村干部亲戚吃低保，真正困难的没评上', '低保户名单没有张榜公示'] },
  { category: '财务公开', texts: ['村里的财务账{m}个月没有公开了', '村务公开栏半年没更新财务收支', '财务收支明细不公开，群众看不到'] },
  { category: '财务公开', texts: ['集体山林卖了{n}万元，钱去哪里了', '集体林地转让款账目不清', '卖山林的钱没有入村集体账'] },
  { category: '工程项目', texts: ['修路的工程款账目没有公开', '通组公路项目的钱花在哪里了', '{g}公路修了{m}个月还没完工'] },
  { category: '工程项目', texts: ['新修的水渠不到一年就裂了', '水渠工程质量差，放水就漏', '灌溉水渠修得不合格'] },
  { category: '工程项目', texts: ['自来水停了{n}天没人管', '饮水工程修好后水管经常爆', '{g}吃水困难，水管一直不通'] },
  { category: '工程项目', texts: ['村口的路灯坏了{m}个月', '路灯不亮，晚上走路很危险', '{g}的路灯坏了没人修'] },
  { category: '四议两公开', texts: ['土地流转没有开村民代表大会', '流转土地的事没有征求群众意见', '土地流转费每亩{n}百元，没按时给'] },
  { category: '四议两公开', texts: ['村部大楼要拆了重建，没开会商量', '新建村部的事没有公示'] },
  { category: '干部作风', texts: ['村干部办事要收好处费', '去村委会盖章要请吃饭', '村干部上班时间经常不在'] },
  { category: '干部作风', texts: ['河边的砂石被人偷挖，村干部不管', '有人在河里非法采砂，反映了没人管'] },
  { category: '其他', texts: ['{g}有人养猪，臭气熏天', '养猪场粪水直接排到河里', '村卫生室的医生经常不在'] },
];
const GROUPS = ['一组', '二组', '三组', '四组', '五组', '六组', '七组', '八组'];
const OPENINGS = ['', '', '{v}{g}', '我是{v}{g}的，', '{v}', '{g}'];
const DETAILS = ['', '涉及{n}户人家，', '已经{m}个月了，', '去年就反映过，', '大家意见很大，', '村里说要等上面的文件，', '找过村支书和会计，'];
const CLOSINGS = ['', '', '请领导帮忙解决。', '希望尽快处理！', '我们反映了好几次都没有结果。', '联系电话139****{d}', '问了村里也说不清楚。'];

function complaint(next: () => number): { text: string; category: string } {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  const problem = pick(PROBLEMS);
  const fill = (s: string) =>
    s
      .replaceAll('{v}', VILLAGE)
      .replaceAll('{g}', pick(GROUPS))
      .replaceAll('{n}', String(2 + Math.floor(next() * 30)))
      .replaceAll('{m}', String(2 + Math.floor(next() * 10)))
      .replaceAll('{d}', String(Math.floor(next() * 10_000)).padStart(4, '0'));
  const body = [pick(problem.texts), ...(next() < 0.4 ? [pick(problem.texts)] : [])].join('，');
  return { text: fill(pick(OPENINGS) + body + '，' + pick(DETAILS) + pick(DETAILS) + pick(CLOSINGS)).replace(/，$/, '。'), category: problem.category };
}

function figure(ms: number[]): string {
  const sorted = [...ms].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
  return `p50 ${at(50).toFixed(3)} ms, p95 ${at(95).toFixed(3)} ms`;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [complaints, searches] = process.argv.slice(2).map(Number);
  await similarityBench({
    ...(complaints ? { complaints } : {}),
    ...(searches ? { searches } : {}),
    log: (label, value) => console.log(`${label.padEnd(48)} ${value}`),
  });
}
