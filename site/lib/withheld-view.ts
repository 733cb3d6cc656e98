import type { SiteInfo, WithheldPage } from './page-model.ts';

/**
 * The notice that stands in for a page the privacy guard withheld. It is made from the site's
 * name alone, never from the page it replaces, so it cannot carry what the page carried.
 */
export function buildWithheldView(site: SiteInfo): WithheldPage {
  return { kind: 'withheld', site, title: WITHHELD_TITLE, description: `${WITHHELD_TITLE}：${WITHHELD_TEXT.zh}`, sample: false };
}

export const WITHHELD_TITLE = '内容待核查';

export const WITHHELD_TEXT = {
  zh: '本页内容正在核查，核查完成后恢复公开。',
  en: 'The content of this page is being checked and will return.',
} as const;
