import type { IsoDate, Publication, PublicationSummary } from '../publication.ts';
import type { Fen } from '../publication.ts';

/**
 * Everything the rules see of one village, gathered by the runner (flag-runner.ts) from the
 * store. Rules never read anything else, so each is tested on small hand-made data.
 */
export interface RuleInput {
  village: { code: string; name: string };
  /** the day the rules run for (China time) */
  today: IsoDate;
  /** current versions of every series, taken-down ones left out */
  publications: readonly Publication[];
  /**
   * Older versions of contract ledgers (superseded, not taken down), newest first: a renewed
   * lease's previous rent may only be there.
   */
  previousContracts: readonly Publication[];
  /** every version the village ever published, without content: when each period first appeared */
  history: readonly PublicationSummary[];
  /**
   * The first day the village is expected to keep its disclosure calendar: the county's configured
   * start, or the day the village first published on the portal; null when neither (never published).
   */
  calendarStart: IsoDate | null;
  /**
   * The village's recorded 四议两公开 matters (issue 11) with the date the 村民(代表)会议 resolved
   * them; a matter without a resolution on record is left out (it has nothing to compare with).
   */
  decisions: readonly DecisionRecord[];
  /**
   * Rows of this village's current subsidy lists whose beneficiary appears again in the same
   * programme in the township (same keyed ID fingerprint), with the other rows.
   */
  duplicates: readonly BeneficiaryDuplicate[];
}

export interface DecisionRecord {
  /** the matter's public number (GET /api/v1/decisions/{id}) and its resolution's row in the register */
  matterId: string;
  row: number | null;
  /** 事由, as written */
  matter: string;
  /** the project it decided, matched against project names and ledger summaries */
  project: string | null;
  amount: Fen | null;
  /** the date the 村民会议 or 村民代表会议 resolved it */
  decidedAt: IsoDate;
}

export interface BeneficiaryRow {
  village: string;
  villageName: string;
  publicationId: string;
  row: number;
  /** the name as published */
  name: string;
}

export interface BeneficiaryDuplicate {
  programme: string;
  period: string;
  /**
   * how the two were found the same: `id` (the same full ID number, compared by keyed hash) or
   * `name-masked-id` (same name and the same visible digits of a masked ID: weaker)
   */
  match: 'id' | 'name-masked-id';
  /** every row with this fingerprint in the township, this village's first; at least two */
  rows: BeneficiaryRow[];
}
