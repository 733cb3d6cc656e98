/**
 * A version's state, the same word in the village's JSON, its CSV and its spreadsheet:
 * 已撤下 (taken down: personal data published by mistake) whatever else is true of it, else 现行
 * (current) when no version supersedes it, else 已更正 (corrected by a newer version).
 */
export type VersionState = '现行' | '已更正' | '已撤下';

export const VERSION_STATES: readonly VersionState[] = ['现行', '已更正', '已撤下'];

/** `takedown`: the version's takedown, if it has one (any value but null/undefined means taken down). */
export function versionState(version: { supersededBy: string | null }, takedown: unknown): VersionState {
  if (takedown !== null && takedown !== undefined) return '已撤下';
  return version.supersededBy === null ? '现行' : '已更正';
}
