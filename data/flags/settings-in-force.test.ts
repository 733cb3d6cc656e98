import { describe, expect, it } from 'vitest';
import type { FlagSettingsDocument } from './flag-settings.ts';
import { settingsFromDocuments } from './settings-in-force.ts';

const doc = (minPostedDays: number): FlagSettingsDocument => ({
  publication: { mode: 'after-explanation', workingDays: 5 },
  calendarStart: null,
  disabled: [],
  rules: {},
  decisionChecks: { 'resolution-disclosed-in-time': { minPostedDays } },
  departments: [],
});
const posted = (documents: Record<string, FlagSettingsDocument>, village = '430821211227') =>
  settingsFromDocuments(village, '430800', (c) => documents[c] ?? null).decisionChecks['resolution-disclosed-in-time']?.minPostedDays;

describe('settingsFromDocuments', () => {
  it('takes the county’s document over the region’s, and the region’s where the county has none', () => {
    expect(posted({ '430821': doc(10), '430800': doc(12) })).toBe(10);
    expect(posted({ '430800': doc(12) })).toBe(12);
    expect(posted({ '430821': doc(10) }, '430802108214')).toBe(7);
  });

  it('falls back to every default when the county’s stored document no longer validates', () => {
    const broken = { ...doc(10), decisionChecks: { 'resolution-disclosed-in-time': { minPostedDays: -3 } } };
    const errors: unknown[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => errors.push(args);
    try {
      expect(posted({ '430821': broken, '430800': doc(12) })).toBe(7);
    } finally {
      console.error = original;
    }
    expect(errors).toHaveLength(1);
  });
});
