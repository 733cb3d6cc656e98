import { describe, expect, it } from 'vitest';
import { versionState } from './version-state.ts';

const takedown = { publicationId: 'a', reason: '误公开了手机号', at: '2026-10-13T01:00:00.000Z', logIndex: 3 };

describe('versionState', () => {
  it('calls a version nobody supersedes 现行, and one a newer version corrects 已更正', () => {
    expect(versionState({ supersededBy: null }, undefined)).toBe('现行');
    expect(versionState({ supersededBy: 'b' }, undefined)).toBe('已更正');
  });

  it('calls a version taken down 已撤下, current or corrected', () => {
    expect(versionState({ supersededBy: null }, takedown)).toBe('已撤下');
    expect(versionState({ supersededBy: 'b' }, takedown)).toBe('已撤下');
    expect(versionState({ supersededBy: null }, null)).toBe('现行');
  });
});
