/**
 * The permanent public URLs. `/v/<12-digit code>/` is printed on QR posters and never changes;
 * everything else is derived here so pages, twins and the builder agree.
 */

export function villageHref(code: string): string {
  return `/v/${code}/`;
}

export function publicationHref(village: string, id: string): string {
  return `/v/${village}/p/${encodeURIComponent(id)}/`;
}

export function regionHref(code: string): string {
  return `/r/${code}/`;
}

/** A township's, county's or city's summary table (issue 15): its number among the region's never changes. */
export function summaryHref(scope: string, seq: number): string {
  return `${regionHref(scope)}summary/${seq}/`;
}

/** The page a region's own publications are shown on: the home page for the region's root. */
export function regionPageHref(code: string, root: string): string {
  return code === root ? '/' : regionHref(code);
}

export function twinsOf(pageHref: string): { json: string; csv: string; xlsx: string } {
  return { json: `${pageHref}index.json`, csv: `${pageHref}index.csv`, xlsx: `${pageHref}index.xlsx` };
}

/** The Data Package (Frictionless, issue 15) describing the CSV twins of a village or region page, beside it. */
export function datapackageHref(pageHref: string): string {
  return `${pageHref}datapackage.json`;
}

/** The bulk data for journalists: the index of every county's download, and each county's zip. */
export const BULK_INDEX_HREF = '/data/index.json';

/** What a correction changed: a corrected version against the version that replaced it (issue 16) */
export function changesHref(village: string, id: string): string {
  return `${publicationHref(village, id)}changes/`;
}

/** 查我的补贴: a villager's own subsidy rows (issue 16), a form posted to itself */
export const MY_SUBSIDY_HREF = '/subsidy/';

export function countyBundleHref(county: string): string {
  return `/data/${county}.zip`;
}

export function photoHref(id: string, size: 'small' | 'large'): string {
  return `/media/${id}-${size === 'small' ? 320 : 1200}.webp`;
}

/** The search page; rendered per request, so its query string is the whole state. */
export function searchHref(params: ReadonlyArray<readonly [string, string]> = []): string {
  const query = new URLSearchParams(params.filter(([, v]) => v !== '') as [string, string][]).toString();
  return query ? `/search/?${query}` : '/search/';
}

/** The public notice of an inspection round's rectification; the round's number never changes. */
export function roundHref(id: string): string {
  return `/rectification/${encodeURIComponent(id)}/`;
}

/** The folder beside a page that holds its charts' numbers. */
export const CHARTS_FOLDER = 'charts';

/** Beside a page's chart CSVs built with the site: file → the Chinese name its download is given. */
export const CHART_NAMES_FILE = 'names.json';

/** A chart's numbers as CSV, beside the page that shows the chart. */
export function chartCsvHref(pageHref: string, chartId: string): string {
  return `${pageHref}${CHARTS_FOLDER}/${chartId}.csv`;
}

/**
 * The 小微权力清单: the national default at /power/, a county's or city's own list under its code
 * (/power/430821/). An item's code never changes meaning (data/power/power-catalogue.ts), so its
 * page stays put across versions of a list.
 */
export function powerIndexPath(scope = ''): string {
  return scope === '' ? '/power/' : `/power/${encodeURIComponent(scope)}/`;
}

export function powerItemPath(code: string, scope = ''): string {
  return `${powerIndexPath(scope)}${encodeURIComponent(code)}/`;
}

/** A 四议两公开 matter's page; its public number is never reused (data/store/decision-store.ts). */
export function decisionHref(village: string, id: string): string {
  return `/v/${village}/decisions/${encodeURIComponent(id)}/`;
}

/** The matter as the API serves it, with every entry's log index: the page's data twin. */
export function decisionApiHref(id: string): string {
  return `/api/v1/decisions/${encodeURIComponent(id)}`;
}

/** The officials' console (issue 13): its pages and form actions, the only place their paths are built. */
export const CONSOLE_HREF = '/console/';
export const CONSOLE_PATHS = {
  home: '/console/',
  signIn: '/console/sign-in',
  signOut: '/console/sign-out',
  signOutEverywhere: '/console/sign-out-everywhere',
  accounts: '/console/accounts/',
  upload: '/console/upload/',
  summaryUpload: '/console/summary-upload/',
  publications: '/console/publications/',
  decisions: '/console/decisions/',
  complaints: '/console/complaints/',
  classification: '/console/classification/',
  decisionEvidence: '/console/decisions/evidence',
  tokens: '/console/tokens',
  newAccount: '/console/accounts/new',
  totp: '/console/totp',
  importAccounts: '/console/accounts/import',
  rounds: '/console/rounds/',
} as const;

/** A complaint or a flag as the console works on it; `action`: the form's target under it. */
export function consoleItemHref(kind: 'complaint' | 'flag', id: string, action: string | null = null): string {
  return `/console/${kind === 'complaint' ? 'complaints' : 'flags'}/${encodeURIComponent(id)}/${action ?? ''}`;
}

/** A screenshot or photo of a recorded complaint's original words: staff only, served by the console, never a static file. */
export function consoleOriginalHref(publicId: string, seq: number): string {
  return `${consoleItemHref('complaint', publicId, 'originals')}/${seq}`;
}

export function consoleRevokeTokenHref(tokenId: string): string {
  return `/console/tokens/${encodeURIComponent(tokenId)}/revoke`;
}

/** An inspection round as the console works on it; `action`: the form's target under it. */
export function consoleRoundHref(round: string, action: string | null = null): string {
  return `/console/rounds/${encodeURIComponent(round)}/${action ?? ''}`;
}

/** A rectification task as the console works on it; `action`: the form's target under it. */
export function consoleTaskHref(round: string, task: string, action: string | null = null): string {
  return `/console/rounds/${encodeURIComponent(round)}/tasks/${encodeURIComponent(task)}/${action ?? ''}`;
}

export function consoleDisableHref(accountId: string): string {
  return `/console/accounts/${encodeURIComponent(accountId)}/disable`;
}

export function consoleResetHref(accountId: string): string {
  return `/console/accounts/${encodeURIComponent(accountId)}/reset`;
}

export function consoleInviteHref(secret: string): string {
  return `/console/invite/${encodeURIComponent(secret)}`;
}
