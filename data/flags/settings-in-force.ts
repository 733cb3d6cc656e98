import type { FlagSettingsStore } from '../store/flag-store.ts';
import type { FlagSettingsDocument } from './flag-settings.ts';
import { resolveFlagSettings, type ResolvedFlagSettings } from './flag-settings.ts';
import { ALL_RULES } from './rules/index.ts';

/**
 * Which settings a village (or a county, by its 6-digit code) is judged by: its county's latest
 * document, else the region's, else every default. The flag runner, the pages and the 四议两公开
 * API all ask here, so a county's thresholds reach every place a flag or a check is shown.
 */
export function settingsFromDocuments(code: string, region: string, documentOf: (code: string) => FlagSettingsDocument | null): ResolvedFlagSettings {
  for (const candidate of [code.slice(0, 6), region]) {
    const document = documentOf(candidate);
    if (document === null) continue;
    const resolved = resolveFlagSettings(document, ALL_RULES);
    // A stored document was valid when saved; a rule whose settings changed since makes it invalid,
    // and then the defaults are safer than a half-applied document.
    if (resolved.ok) return resolved.settings;
    console.error(`[flags] settings for ${candidate} no longer valid, using defaults:`, resolved.issues);
    break;
  }
  return defaultSettings();
}

/** The same, reading the two documents it may need from the store. */
export async function settingsInForce(store: Pick<FlagSettingsStore, 'getFlagSettings'>, region: string, code: string): Promise<ResolvedFlagSettings> {
  const codes = [...new Set([code.slice(0, 6), region])];
  const documents = new Map(await Promise.all(codes.map(async (c) => [c, (await store.getFlagSettings(c))?.document ?? null] as const)));
  return settingsFromDocuments(code, region, (c) => documents.get(c) ?? null);
}

let defaults: ResolvedFlagSettings | null = null;

function defaultSettings(): ResolvedFlagSettings {
  if (defaults) return defaults;
  const resolved = resolveFlagSettings({}, ALL_RULES);
  if (!resolved.ok) throw new Error(`default flag settings invalid: ${JSON.stringify(resolved.issues)}`);
  defaults = resolved.settings;
  return defaults;
}
