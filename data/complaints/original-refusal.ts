import { MAX_ORIGINALS_PER_COMPLAINT } from '../store/intake-originals.ts';

/**
 * Why a screenshot or photo of a complaint's original words was not kept (ingest/intake-original.ts),
 * in the words staff read in the console and the API's bilingual message.
 */
export type KeepOriginalRefusal = 'empty' | 'too-large' | 'not-an-image' | 'too-many-pixels' | 'undecodable' | 'too-many' | 'no-such-complaint';

/** What a phone's screenshot or camera sends, with room; the re-encoded image is what is kept. */
export const MAX_ORIGINAL_UPLOAD_BYTES = 12 * 1024 * 1024;

export const ORIGINAL_REFUSED: Record<KeepOriginalRefusal, [string, string]> = {
  empty: ['截图或照片是空文件', 'the file is empty'],
  'too-large': ['截图或照片太大', 'the file is too large'],
  'not-an-image': ['只能上传 JPEG、PNG 或 WebP 图片', 'only JPEG, PNG or WebP images'],
  'too-many-pixels': ['图片像素太多', 'the image has too many pixels'],
  undecodable: ['图片无法读取', 'the image cannot be read'],
  'too-many': [`每件反映最多存 ${MAX_ORIGINALS_PER_COMPLAINT} 张原始截图或照片`, `at most ${MAX_ORIGINALS_PER_COMPLAINT} originals per complaint`],
  'no-such-complaint': ['没有这件反映', 'no such complaint'],
};
