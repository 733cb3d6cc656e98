import { z } from 'zod';
import { Fraction } from '../fraction.ts';
import { Fen, IsoDate } from '../publication.ts';

/**
 * 小微权力清单 as a versioned document (issue 11): every item a village exercises, the steps it
 * must take in order, who takes each, what it keeps as evidence, its deadlines, quorum and what it
 * must publish. The national default lives in default-catalogue.ts; a county or city publishes its
 * own version of the whole list, and each village uses the newest one of its nearest scope
 * (catalogue-for.ts). These schemas are the one source of truth for that document.
 */

/** Who takes a step. 村民会议 and 村民代表会议 stay apart because their quorum rules differ (组织法 §22, §26). */
export const StepActor = z.enum([
  'party-organisation',
  'two-committees',
  'party-members-meeting',
  'villagers-meeting',
  'representatives-meeting',
  'supervision-committee',
  'township',
  'county',
  'applicant',
  'village-committee',
  'group',
]);
export type StepActor = z.infer<typeof StepActor>;

export const STEP_ACTOR_NAME: Record<StepActor, string> = {
  'party-organisation': '村党组织',
  'two-committees': '村“两委”',
  'party-members-meeting': '党员大会',
  'villagers-meeting': '村民会议',
  'representatives-meeting': '村民代表会议',
  'supervision-committee': '村务监督委员会',
  township: '乡镇（街道）',
  county: '县（市、区）',
  applicant: '申请人',
  'village-committee': '村民委员会',
  group: '村民小组／集体经济组织',
};

/** What a step leaves behind; the same kinds a 四议两公开 register attaches (decisions/decision-record.ts). */
export const StepEvidence = z.enum(['meeting-minutes', 'sign-in-sheet', 'vote-result', 'notice-photo', 'contract', 'approval', 'application', 'register']);
export type StepEvidence = z.infer<typeof StepEvidence>;

export const STEP_EVIDENCE_NAME: Record<StepEvidence, string> = {
  'meeting-minutes': '会议记录',
  'sign-in-sheet': '签到表',
  'vote-result': '表决结果',
  'notice-photo': '公示照片',
  contract: '合同',
  approval: '批准书',
  application: '申请书',
  register: '登记簿',
};

/** The two halves of the list, after GB/T 41374-2022 and the 宁海 36 条. */
export const PowerCategory = z.enum(['collective-management', 'public-service']);
export type PowerCategory = z.infer<typeof PowerCategory>;

export const POWER_CATEGORY_NAME: Record<PowerCategory, string> = {
  'collective-management': '集体管理事项',
  'public-service': '便民服务事项',
};

export const DEADLINE_UNIT_NAME: Record<'working' | 'calendar', string> = {
  working: '个工作日',
  calendar: '日',
};

export const QUORUM_BASE_NAME: Record<'expected' | 'present', string> = {
  expected: '应到人数',
  present: '实到人数',
};


export const StepDeadline = z
  .object({
    days: z.number().int().positive(),
    unit: z.enum(['working', 'calendar']),
    /** the seq of an earlier step of the same item the days count from */
    fromStep: z.number().int().positive(),
  })
  .strict();
export type StepDeadline = z.infer<typeof StepDeadline>;

/**
 * Attendance is always counted against those expected (应到); `base` says what the approvals are
 * counted against: 党员大会 needs more than half of 应到 党员, a 村民代表会议 more than half of those present.
 */
export const StepQuorum = z
  .object({
    presentAtLeast: Fraction.nullable(),
    approveMoreThan: Fraction.nullable(),
    base: z.enum(['expected', 'present']),
  })
  .strict();
export type StepQuorum = z.infer<typeof StepQuorum>;

export const StepDisclosure = z
  .object({
    what: z.string().min(1).max(500),
    where: z.array(z.string().min(1).max(50)).min(1).max(10),
    /** null: no minimum found in the rules the item rests on; a county may set one */
    minDays: z.number().int().positive().nullable(),
  })
  .strict();
export type StepDisclosure = z.infer<typeof StepDisclosure>;

export const PowerStep = z
  .object({
    seq: z.number().int().positive(),
    name: z.string().min(1).max(100),
    actor: StepActor,
    evidence: z.array(StepEvidence).max(8),
    deadline: StepDeadline.nullable(),
    quorum: StepQuorum.nullable(),
    disclosure: StepDisclosure.nullable(),
  })
  .strict();
export type PowerStep = z.infer<typeof PowerStep>;

export const AppliesWhen = z
  .object({
    /** inclusive, in fen; null: no lower bound */
    amountMinFen: Fen.nonnegative().nullable(),
    /** exclusive, in fen; null: no upper bound */
    amountMaxFen: Fen.positive().nullable(),
    /** when the item applies beyond the amount, and whose threshold it is (a default, or a county's) */
    note: z.string().min(1).max(500).nullable(),
  })
  .strict();
export type AppliesWhen = z.infer<typeof AppliesWhen>;

/** Stable ids: pages link to them and decision registers store them, so they never change meaning. */
export const PowerItemCode = z
  .string()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, '事项编码只能用小写字母、数字和连字符 / code is kebab-case ascii')
  .max(80);

export const PowerItem = z
  .object({
    code: PowerItemCode,
    name: z.string().min(1).max(100),
    category: PowerCategory,
    gbClass: z.string().min(1).max(50).nullable(),
    appliesWhen: AppliesWhen,
    legalBasis: z.array(z.string().min(1).max(500)).min(1).max(20),
    steps: z.array(PowerStep).min(1).max(40),
  })
  .strict();
export type PowerItem = z.infer<typeof PowerItem>;

/** '' for the national default, 4 digits for a city, 6 for a county: a prefix of 12-digit village codes. */
export const CatalogueScope = z.string().regex(/^(\d{4}|\d{6})?$/, '适用范围须为空、4 位（市）或 6 位（县）区划代码 / scope is "", 4 or 6 digits');

export const PowerCatalogue = z
  .object({
    version: z.string().regex(/^(default|\d{4}|\d{6})-\d{4}-\d+$/, '版本号形如 430800-2026-1 / version looks like 430800-2026-1'),
    scope: CatalogueScope,
    title: z.string().min(1).max(200),
    publishedOn: IsoDate,
    items: z.array(PowerItem).min(1).max(300),
  })
  .strict()
  .superRefine((doc, ctx) => {
    // A county uploading its own list reads these messages: each names the item code and the field.
    const expectedPrefix = doc.scope === '' ? 'default' : doc.scope;
    if (!doc.version.startsWith(`${expectedPrefix}-`)) {
      ctx.addIssue({ code: 'custom', path: ['version'], message: `版本号应以“${expectedPrefix}-”开头 / version must start with ${expectedPrefix}-` });
    }
    const seen = new Map<string, number>();
    doc.items.forEach((item, i) => {
      const first = seen.get(item.code);
      if (first !== undefined) {
        ctx.addIssue({ code: 'custom', path: ['items', i, 'code'], message: `事项 ${item.code}：编码与第 ${first + 1} 项重复 / duplicate code ${item.code}` });
      } else seen.set(item.code, i);

      const { amountMinFen: min, amountMaxFen: max } = item.appliesWhen;
      if (min !== null && max !== null && min >= max) {
        ctx.addIssue({
          code: 'custom',
          path: ['items', i, 'appliesWhen', 'amountMaxFen'],
          message: `事项 ${item.code}：金额下限须小于上限 / amountMinFen must be below amountMaxFen`,
        });
      }

      item.steps.forEach((step, j) => {
        if (step.seq !== j + 1) {
          ctx.addIssue({
            code: 'custom',
            path: ['items', i, 'steps', j, 'seq'],
            message: `事项 ${item.code} 第 ${j + 1} 步：序号应为 ${j + 1}，实为 ${step.seq} / steps are numbered 1..n in order`,
          });
        }
        if (step.deadline !== null && !(step.deadline.fromStep >= 1 && step.deadline.fromStep < j + 1)) {
          ctx.addIssue({
            code: 'custom',
            path: ['items', i, 'steps', j, 'deadline', 'fromStep'],
            message: `事项 ${item.code} 第 ${j + 1} 步：时限须从此前的步骤起算，不能是第 ${step.deadline.fromStep} 步 / deadline.fromStep must be an earlier step`,
          });
        }
      });
    });
  });
export type PowerCatalogue = z.infer<typeof PowerCatalogue>;

export interface CatalogueIssue {
  /** items.3.steps.2.deadline.fromStep */
  path: string;
  message: string;
}

/** Parses an uploaded catalogue, turning zod's issues into paths and messages a county official can act on. */
export function parseCatalogue(input: unknown): { ok: true; catalogue: PowerCatalogue } | { ok: false; issues: CatalogueIssue[] } {
  const parsed = PowerCatalogue.safeParse(input);
  if (parsed.success) return { ok: true, catalogue: parsed.data };
  return {
    ok: false,
    issues: parsed.error.issues.map((i) => {
      const path = i.path.join('.');
      const code = itemCodeAt(input, i.path);
      // zod's own messages (a wrong type, a missing field) do not know the item: add its code.
      const message = code !== null && !i.message.includes(code) ? `事项 ${code}：${i.message}` : i.message;
      return { path, message };
    }),
  };
}

function itemCodeAt(input: unknown, path: readonly PropertyKey[]): string | null {
  if (path[0] !== 'items' || typeof path[1] !== 'number') return null;
  const items = (input as { items?: unknown } | null)?.items;
  if (!Array.isArray(items)) return null;
  const code = (items[path[1]] as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? code : null;
}
