import { createFlagRunner, type FlagRunnerStore } from '../flags/flag-runner.ts';
import { flagAction } from '../flags/flag-workflow.ts';
import { flagActionSchema, type Flag } from '../flags/flag.ts';
import { rectificationSchemas } from '../rectification/rectification.ts';
import { openRound, rectificationAction } from '../rectification/rectification-workflow.ts';
import type { FlagStore } from '../store/flag-store.ts';
import type { RectificationStore } from '../store/rectification-store.ts';
import { chinaDate } from '../working-days.ts';
import { DEMO_DEFAULTER, KANGJIAPING } from './kangjiaping.ts';

/**
 * What happened after the rules looked at 康家坪村's sample data, told as it would unfold: a
 * month ago the rules raised the overdue-fee flags; the village explained; the township confirmed;
 * the county's inspection team opened a round with a problem taken from the flag and a 立行立改
 * task; the village has since sent its evidence. Every step goes through the same stores, workflow
 * and log as a real one, dated in the past, and every actor says it is sample data.
 */
export interface StoryOptions {
  store: FlagRunnerStore & Pick<FlagStore, 'listFlags' | 'updateFlag'> & Pick<RectificationStore, 'openRound' | 'updateRound'>;
  region: string;
  now: Date;
  /** config.publicPhones: every step goes through the request schemas, masking as the API does */
  publicNumbers: readonly string[];
}

export async function tellKangjiapingStory(opts: StoryOptions): Promise<{ flags: number; round: string }> {
  const { store } = opts;
  const at = (days: number) => new Date(opts.now.getTime() + days * DAY).toISOString();
  const raisedAt = new Date(opts.now.getTime() - 30 * DAY);
  const runner = createFlagRunner({ store, clock: () => raisedAt, region: opts.region });
  await runner.runVillage(KANGJIAPING, 'manual');

  const flags = await store.listFlags({ scope: KANGJIAPING, status: 'active' });
  const overdue = flags.filter((f) => f.rule === 'receivable-overdue' && (f.title.includes(DEMO_DEFAULTER) || f.detail.includes(DEMO_DEFAULTER))).sort((a, b) => Number(a.id) - Number(b.id));
  const FlagAction = flagActionSchema(opts.publicNumbers);
  const { NewRoundInput, RectificationAction } = rectificationSchemas(opts.publicNumbers);
  const act = async (flag: Flag, input: unknown, actor: string, when: string) => {
    const action = FlagAction.parse(input);
    const done = await store.updateFlag(flag.id, (current) => flagAction(current, action, actor, when));
    if (done.kind !== 'updated') throw new Error(`demo: flag ${flag.id} ${action.type}: ${done.kind}`);
  };
  for (const flag of overdue) {
    await act(
      flag,
      { type: 'explain', text: '承包方张家界金坪生态农业开发有限公司以2024年受灾减产为由申请缓缴，村委会已于2025年3月、2026年2月两次发出催缴函，尚未收到款项。' },
      VILLAGE,
      at(-25),
    );
    await act(flag, { type: 'confirm', reason: '经乡纪委核实，该年度土地流转费确未收取，已列入县委巡察问题清单整改。' }, TOWNSHIP, at(-20));
  }
  const term = flags.find((f) => f.rule === 'contract-term');
  if (term) {
    await act(term, { type: 'explain', text: '屋顶光伏项目按并网发电的运营年限签订，合同经村民代表会议表决通过，期限届满前将重新评估。' }, VILLAGE, at(-24));
  }

  const township = KANGJIAPING.slice(0, 9);
  const round = await store.openRound(
    openRound(
      NewRoundInput.parse({ scope: township, title: '2026年县委第二轮巡察（示例数据）', team: '慈利县委第二巡察组（示例）', start: chinaDate(at(-45)), end: chinaDate(at(-5)), contact: '巡察期间来信来访：慈利县委第二巡察组（示例）；举报电话 12388' }),
      '高峰土家族乡',
      INSPECTORS,
      at(-18),
      true,
    ),
  );
  const step = async (input: unknown, actor: string, when: string) => {
    const action = RectificationAction.parse(input);
    const done = await store.updateRound(round.id, (current) => rectificationAction(current, action, actor, when));
    if (done.kind !== 'updated') throw new Error(`demo: round ${round.id} ${action.type}: ${done.kind}`);
  };
  const owed = overdue.reduce((sum, f) => sum + (f.amount ?? 0), 0);
  await step(
    { type: 'add-problem', village: KANGJIAPING, source: 'flag', sourceRef: overdue[0]?.id ?? null, description: `康家坪村集体耕地流转费未按合同收取：${DEMO_DEFAULTER}2024、2025年度应缴未缴。`, amount: owed === 0 ? null : owed },
    INSPECTORS,
    at(-15),
  );
  await step(
    { type: 'add-problem', village: KANGJIAPING, source: 'inspection', sourceRef: null, description: '康家坪村集体资产资源合同台账未登记收款情况，合同到期和欠缴无人提醒。', amount: null },
    INSPECTORS,
    at(-15),
  );
  await step(
    { type: 'add-task', problem: 'P1', measure: '向承包方送达催缴通知书，追缴2024、2025年度土地流转费；逾期不缴的，依合同追究违约责任。', responsible: '康家坪村党支部书记', village: KANGJIAPING, deadline: chinaDate(at(25)), immediate: true },
    INSPECTORS,
    at(-15),
  );
  await step(
    { type: 'add-task', problem: 'P2', measure: '建立合同到期和应收款提醒台账，每季度在村务公开栏公开收款情况。', responsible: '康家坪村报账员', village: KANGJIAPING, deadline: chinaDate(at(180)), immediate: false },
    INSPECTORS,
    at(-15),
  );
  await step({ type: 'adopt-rule', title: '《康家坪村集体资产资源合同管理办法》（示例）' }, INSPECTORS, at(-10));
  await step({ type: 'submit-evidence', task: 'T1', text: '已于11月向承包方送达催缴通知书，对方书面承诺于12月20日前缴清。' }, VILLAGE, at(-3));
  return { flags: flags.length, round: round.id };
}

const DAY = 86_400_000;
const VILLAGE = '康家坪村村委会（示例）';
const TOWNSHIP = '高峰土家族乡纪委（示例）';
const INSPECTORS = '慈利县委第二巡察组（示例）';
