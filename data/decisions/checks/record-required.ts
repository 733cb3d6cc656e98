import { z } from 'zod';
import { defineMatterCheck, outcome } from './decision-check.ts';

const Settings = z.object({}).strict();

const CHECK = 'record-required';

/**
 * The one check that also runs for a project or contract with no record: the caller passes the
 * project's or contract's context with `record` null (runDecisionChecks(null, context)). Whether a
 * record is required — the county's power catalogue and its amount threshold (5万, 20万 … are local,
 * §2) — is decided upstream into `context.requiresRecord`, so this check has no thresholds of its own.
 */
export const recordRequired = defineMatterCheck({
  id: CHECK,
  name: '应有四议两公开记录',
  explanation: '金额达到县里规定标准的项目或合同，必须先走“四议两公开”程序；这里看这样的项目或合同有没有公开的决策记录。',
  legalBasis:
    '征地、承包、贷款、对外签订合同等重大事项须经村民会议或村民代表会议讨论决定（一个省的《村民委员会组织法》实施办法第十六条，省份未注明）；金额标准由县里规定；自动核对第8项“金额达到标准的事项必须有决策记录”（village-oversight-rules.md §2）。',
  settings: Settings,
  run(record, context) {
    if (record !== null) return [outcome(CHECK, 'passed', null, '这件事有四议两公开决策记录')];
    if (context.requiresRecord === true) {
      return [outcome(CHECK, 'failed', null, '这个项目或合同按县里规定的事项和金额标准应当经过“四议两公开”，但没有找到决策记录')];
    }
    if (context.requiresRecord === false) {
      return [outcome(CHECK, 'passed', null, '这个项目或合同不在县里规定必须“四议两公开”的事项和金额标准之内')];
    }
    return [outcome(CHECK, 'cannot-judge', null, '不知道这个项目或合同是否达到县里规定的事项和金额标准，也没有找到决策记录，无法判断是否应当有记录')];
  },
});
