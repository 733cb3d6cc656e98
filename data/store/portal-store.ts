import type { PageOutbox } from './page-outbox.ts';
import type { IntakeCorrections } from './intake-corrections.ts';
import type { DivisionsVersion } from './divisions-version.ts';
import type { ClassifyRuleSets } from './classify-rule-sets.ts';
import type { IntakeOriginals } from './intake-originals.ts';
import type { FormSubmissions } from './form-submissions.ts';
import type { ComplaintMerges } from './complaint-merges.ts';
import type { DailyRuns } from './daily-runs.ts';
import type { DivisionCountStore } from './division-counts.ts';
import type { LateVillageStore } from './late-villages.ts';
import type { MatterCountStore } from './matter-counts.ts';
import type { ComplaintFigureStore } from './complaint-figures.ts';
import type { PageViewStore } from './page-views.ts';
import type { CatalogueStore } from './catalogue-store.ts';
import type { SummaryStore } from './summary-store.ts';
import type { SummaryCountStore } from './summary-count-store.ts';
import type { DecisionStore } from './decision-store.ts';
import type { EvidenceStore } from './evidence-store.ts';
import type { AccountStore } from './account-store.ts';
import type { SessionStore } from './session-store.ts';
import type { SignInLog } from './sign-in-log.ts';
import type { TokenAdmin } from './token-admin.ts';
import type { BeneficiaryIndex, FlagSettingsStore, FlagStore } from './flag-store.ts';
import type { BeneficiaryLookup } from './beneficiary-lookup.ts';
import type { RectificationStore } from './rectification-store.ts';
import type { Store } from './store.ts';
import type { ComplaintTakedowns, PhotoTakedowns } from './takedown-store.ts';

/**
 * Everything the running portal stores: the intersection of the small interfaces. Composition
 * roots (the server, tests) hold one of these; each consumer declares only the parts it uses.
 */
export type PortalStore = Store & DivisionsVersion & ComplaintMerges & IntakeCorrections & ClassifyRuleSets & IntakeOriginals & FormSubmissions & FlagStore & FlagSettingsStore & BeneficiaryIndex & BeneficiaryLookup & RectificationStore & ComplaintTakedowns & PhotoTakedowns & DecisionStore & EvidenceStore & CatalogueStore & SummaryStore & SummaryCountStore & AccountStore & SessionStore & SignInLog & TokenAdmin & PageOutbox & DailyRuns & DivisionCountStore & LateVillageStore & MatterCountStore & ComplaintFigureStore & PageViewStore;
