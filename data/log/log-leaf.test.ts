import { describe, expect, it } from 'vitest';
import type { ComplaintEvent } from '../complaints/complaint.ts';
import { complaintEventDigest, complaintEventLeaf, complaintStepTombstoneLeaf, leafRef, leafText, parseLeaf, publicationLeaf, tombstoneLeaf } from './log-leaf.ts';

const SHA = 'a'.repeat(64);
const complaint = { trackingCode: 'ABCDE12345', publicId: '7', village: '430802108214', category: '惠农补贴', text: '我的电话13812345678，补贴少发了。' };
const received: ComplaintEvent = { seq: 1, at: '2026-07-06T01:00:00.000Z', actor: '群众', type: 'received' };
const dispatch: ComplaintEvent = { seq: 2, at: '2026-07-07T01:00:00.000Z', actor: '镇纪委', type: 'dispatch', department: '镇财政所' };

describe('log leaves', () => {
  it('writes a publication version as canonical JSON with its digest', () => {
    const leaf = publicationLeaf({
      id: 'pub-2',
      village: '430802108214',
      kind: 'finance',
      period: '2026-Q3',
      version: 2,
      supersedes: 'pub-1',
      publishedAt: '2026-07-10T08:00:00.000Z',
      sha256: SHA,
    });
    expect(leafText(leaf)).toBe(
      `{"id":"pub-2","kind":"finance","period":"2026-Q3","publishedAt":"2026-07-10T08:00:00.000Z","sha256":"${SHA}","supersedes":"pub-1","type":"publication","version":2,"village":"430802108214"}`,
    );
    expect(leafRef(leaf)).toBe('pub-2');
  });

  it('writes a complaint step with its public id and a salted hash, never the code, the text or a contact', () => {
    const text = leafText(complaintEventLeaf(complaint, received));
    expect(JSON.parse(text)).toEqual({ type: 'complaint-event', complaint: '7', seq: 1, event: 'received', at: received.at, hash: complaintEventDigest(complaint, received) });
    for (const secret of [complaint.trackingCode, '13812345678', '补贴少发了', complaint.village]) expect(text).not.toContain(secret);
    expect(leafRef(complaintEventLeaf(complaint, dispatch))).toBe('7/2');
  });

  it('salts the step hash with the tracking code and covers what the complaint says only in its first step', () => {
    const base = complaintEventDigest(complaint, received);
    expect(complaintEventDigest({ ...complaint, trackingCode: 'ABCDE12346' }, received)).not.toBe(base);
    expect(complaintEventDigest({ ...complaint, text: `${complaint.text}。` }, received)).not.toBe(base);
    expect(complaintEventDigest({ ...complaint, category: '其他' }, received)).not.toBe(base);
    expect(complaintEventDigest(complaint, { ...received, at: '2026-07-06T01:00:01.000Z' })).not.toBe(base);
    // later steps cover the step itself, not the complaint text
    const later = complaintEventDigest(complaint, dispatch);
    expect(complaintEventDigest({ ...complaint, text: 'other' }, dispatch)).toBe(later);
    expect(complaintEventDigest(complaint, { ...dispatch, department: '村委会' })).not.toBe(later);
  });

  it('hashes a step the same however its object was built', () => {
    const withExtra = { ...dispatch, note: 'not part of the event' } as unknown as ComplaintEvent;
    expect(complaintEventDigest(complaint, withExtra)).toBe(complaintEventDigest(complaint, dispatch));
    const reopen = { seq: 3, at: dispatch.at, actor: '系统', type: 'reopen' } as unknown as ComplaintEvent;
    expect(complaintEventDigest(complaint, reopen)).toBe(complaintEventDigest(complaint, { ...reopen, reason: null } as ComplaintEvent));
  });

  it('writes the takedown of a complaint step as its own leaf type, and leaves the publication tombstone as it was', () => {
    const down = complaintStepTombstoneLeaf({ complaint: '7', seq: 3, reason: '答复中误写了群众的手机号', at: '2026-07-09T01:00:00.000Z' });
    expect(leafText(down)).toBe('{"at":"2026-07-09T01:00:00.000Z","complaint":"7","reason":"答复中误写了群众的手机号","seq":3,"type":"complaint-step-tombstone"}');
    expect(leafRef(down)).toBe('7/3');
    expect(parseLeaf(leafText(down))).toEqual({ ok: true, leaf: down });
    expect(leafText(tombstoneLeaf({ publicationId: 'p', reason: 'r', at: 't' }))).toBe('{"at":"t","publication":"p","reason":"r","type":"tombstone"}');
    expect(parseLeaf('{"at":"t","complaint":"7","publication":"p","reason":"r","seq":3,"type":"tombstone"}').ok).toBe(false);
    expect(parseLeaf('{"at":"t","complaint":"ABCDE12345","reason":"r","seq":3,"type":"complaint-step-tombstone"}').ok).toBe(false);
  });

  it('reads back every kind of leaf, and only in canonical form', () => {
    const leaves = [
      publicationLeaf({ id: 'p', village: '430802108214', kind: 'subsidy', period: '2026', version: 1, supersedes: null, publishedAt: 't', sha256: SHA }),
      complaintEventLeaf(complaint, dispatch),
      tombstoneLeaf({ publicationId: 'p', reason: '误公开了身份证号 / an ID number was published by mistake', at: 't' }),
    ];
    for (const leaf of leaves) expect(parseLeaf(leafText(leaf))).toEqual({ ok: true, leaf });
    const text = leafText(leaves[2]!);
    expect(parseLeaf(` ${text}`)).toMatchObject({ ok: false, problem: 'not in canonical JSON form' });
    expect(parseLeaf(JSON.stringify(JSON.parse(text), null, 1))).toMatchObject({ ok: false });
    expect(parseLeaf(text.replace('}', ',"extra":1}'))).toMatchObject({ ok: false });
    expect(parseLeaf('{"type":"publication"}')).toMatchObject({ ok: false });
    expect(parseLeaf('not json')).toEqual({ ok: false, problem: 'not JSON' });
  });
});
