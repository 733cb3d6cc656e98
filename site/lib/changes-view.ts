import type { Publication } from '../../data/publication.ts';
import { versionDiff } from '../../data/version-diff.ts';
import { changeLines } from './change-lines.ts';
import type { ChangesPage, Crumb, SiteInfo } from './page-model.ts';
import { publicationHref } from './urls.ts';

/**
 * 改了什么 (issue 16): a corrected version against the version that replaced it, linked from every
 * 已更正 marker. When either was taken down, its content is not compared (the page says why).
 */
export function buildChangesView(input: { site: SiteInfo; crumbs: Crumb[]; before: Publication; after: Publication; takenDown: boolean }): ChangesPage {
  const { before, after } = input;
  const diff = input.takenDown ? null : versionDiff(before.content, after.content);
  return {
    kind: 'changes',
    site: input.site,
    title: `第${after.version}版改了什么 · ${after.content.title}`,
    description: `第${before.version}版与更正它的第${after.version}版相比：新增、删除、修改的行，合计前后。`,
    sample: before.sample || after.sample,
    crumbs: input.crumbs,
    before: { href: publicationHref(before.village, before.id), version: before.version },
    after: { href: publicationHref(after.village, after.id), version: after.version },
    lines: diff ? changeLines(diff, before.version, 200) : null,
  };
}
