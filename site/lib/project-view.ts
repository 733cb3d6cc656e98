import type { PhotoRef, ProjectItem } from '../../data/publication.ts';
import { moneyOrDash } from './format.ts';
import type { PhotoView, ProjectItemView } from './page-model.ts';
import { photoHref } from './urls.ts';

/** One public-works project as the village page shows it: progress, money, a few photos. */
export function projectItemView(item: ProjectItem, photoLimit: number): ProjectItemView {
  const percent = item.progress.percent === null ? null : Math.round(Math.min(100, Math.max(0, item.progress.percent)));
  const progressText = item.progress.text || (percent === null ? '未填写' : `${percent}%`);
  return {
    name: item.name,
    percent,
    progressText,
    figures: [
      { label: '预算', value: moneyOrDash(item.budget), unit: '元' },
      { label: '合同金额', value: moneyOrDash(item.contractAmount), unit: '元' },
      { label: '已付', value: moneyOrDash(item.amountPaid), unit: '元' },
    ],
    photos: item.photos.slice(0, photoLimit).map((p) => photoView(p, item.name)),
    morePhotos: Math.max(0, item.photos.length - photoLimit),
  };
}

/**
 * The 320 px thumbnail with its real rendered size, so the page does not jump while images load;
 * it links to the 1200 px variant.
 */
export function photoView(photo: PhotoRef, projectName: string): PhotoView {
  const width = Math.min(SMALL_WIDTH, photo.width);
  const height = Math.max(1, Math.round((photo.height * width) / photo.width));
  return {
    small: photoHref(photo.id, 'small'),
    large: photoHref(photo.id, 'large'),
    width,
    height,
    alt: photo.caption ?? `${projectName}现场照片`,
  };
}

const SMALL_WIDTH = 320;
