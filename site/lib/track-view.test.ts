import jsQR from 'jsqr';
import { describe, expect, it } from 'vitest';
import type { Complaint } from '../../data/complaints/complaint.ts';
import { DEFAULT_DEADLINES } from '../../data/complaints/deadlines.ts';
import { publicComplaint } from '../../data/complaints/public-complaint.ts';
import type { QrPath, SiteInfo } from './page-model.ts';
import { buildTrackView, type TrackLookup } from './track-view.ts';

const site: SiteInfo = { name: '阳光村务', regionName: '张家界市', baseUrl: 'http://portal.test' };
const csrf = { name: '_csrf', value: 'tok' };

const complaint: Complaint = {
  trackingCode: 'ABCDE12345',
  publicId: '7',
  village: '430802108214',
  category: '财务公开',
  text: '误工补贴发给了不在村里的人，\n请核实。',
  publicationId: 'pub-1',
  row: 5,
  contact: { name: '王秀英', phone: '13912345678' },
  anonymous: false,
  status: 'received',
  department: '沅古坪镇财政所',
  receivedAt: '2026-08-03T01:00:00.000Z',
  updatedAt: '2026-08-10T09:00:00.000Z',
  channel: 'portal',
  intake: null,
  events: [
    { seq: 1, at: '2026-08-03T01:00:00.000Z', actor: '群众', type: 'received' },
    { seq: 2, at: '2026-08-03T02:00:00.000Z', actor: '沅古坪镇纪委', type: 'dispatch', department: '沅古坪镇财政所' },
    { seq: 3, at: '2026-08-05T07:30:00.000Z', actor: '沅古坪镇财政所', type: 'reply', text: '经核实，已追回。' },
    { seq: 4, at: '2026-08-06T16:10:00.000Z', actor: '沅古坪镇纪委', type: 'close', resolution: '已办结' },
    { seq: 5, at: '2026-08-10T09:00:00.000Z', actor: '群众', type: 'feedback', satisfied: false, comment: '钱还没退' },
    { seq: 6, at: '2026-08-10T09:00:00.000Z', actor: '系统', type: 'reopen', reason: '群众对答复不满意' },
  ],
};
const NOW = '2026-08-10T10:00:00.000Z';

const found = (c: Complaint, over: Partial<Extract<TrackLookup, { kind: 'found' }>> = {}): TrackLookup => ({
  kind: 'found',
  complaint: publicComplaint(c, DEFAULT_DEADLINES, NOW),
  villageName: '马头溪村',
  place: '永定区 · 沅古坪镇',
  publication: null,
  feedbackOpen: false,
  ...over,
});

describe('the tracking page view', () => {
  it('says where staff heard a recorded complaint and links the 小微权力 item it concerns; a portal complaint says neither', () => {
    const recorded: Complaint = {
      ...complaint,
      channel: 'wechat-group',
      intake: { heardAt: '2026-08-02T12:15:00.000Z', place: '王家坪镇群众工作群', recordedBy: '王家坪镇纪委', powerItem: 'subsidy-payout' },
    };
    const view = buildTrackView({ site, typed: 'abcde12345', lookup: found(recorded, { powerItem: { name: '惠农补贴资金申报和发放', code: 'subsidy-payout', scope: '' } }), fresh: false, csrf });
    expect(view.complaint).toMatchObject({
      sourceLabel: '微信群，2026-08-02 20:15 收到，王家坪镇纪委 登记',
      powerItem: { label: '惠农补贴资金申报和发放', href: '/power/subsidy-payout/' },
    });
    const portal = buildTrackView({ site, typed: 'abcde12345', lookup: found(complaint), fresh: false, csrf });
    expect(portal.complaint).toMatchObject({ sourceLabel: null, powerItem: null });
    // a 确定 step names the item by its name in the village's list
    const corrected: Complaint = { ...recorded, events: [...recorded.events, { seq: 7, at: '2026-08-10T09:30:00.000Z', actor: '王家坪镇纪委', type: 'classify', powerItem: 'financial-disclosure' }] };
    const view2 = buildTrackView({ site, typed: 'abcde12345', lookup: found(corrected, { powerItemNames: { 'financial-disclosure': '村级财务公开' } }), fresh: false, csrf });
    expect(view2.complaint?.steps.at(-1)).toMatchObject({ label: '确定涉及的小微权力事项', detail: '涉及：村级财务公开' });
  });

  it('lists every step with its date and time in China, who acted, and the replies', () => {
    const view = buildTrackView({ site, typed: 'abcde12345', lookup: found(complaint), fresh: false, csrf });
    const c = view.complaint!;
    expect(c.statusLabel).toBe('已受理');
    expect(c.steps.map((s) => `${s.label} ${s.at} ${s.actor}`)).toEqual([
      '已受理 2026-08-03 09:00 群众',
      '转交办理 2026-08-03 10:00 沅古坪镇纪委',
      '部门答复 2026-08-05 15:30 沅古坪镇财政所',
      '办结 2026-08-07 00:10 沅古坪镇纪委',
      '群众评价 2026-08-10 17:00 群众',
      '重新办理 2026-08-10 17:00 系统',
    ]);
    expect(c.steps[1]?.detail).toBe('转交 沅古坪镇财政所 办理');
    expect(c.steps[2]).toMatchObject({ detail: '经核实，已追回。', long: true });
    expect(c.steps[4]).toMatchObject({ verdict: 'unsatisfied', detail: '钱还没退' });
    expect(c.about).toEqual({ label: '公开材料第5行', href: '/v/430802108214/p/pub-1/#r5' });
    expect(view.typed).toBe('ABCDE-12345');
  });

  it('shows nothing of the contact anywhere in the page model', () => {
    const view = buildTrackView({ site, typed: 'ABCDE-12345', lookup: found(complaint, { feedbackOpen: true }), fresh: true, csrf });
    const json = JSON.stringify(view);
    expect(json).not.toContain('王秀英');
    expect(json).not.toContain('13912345678');
    expect(json).not.toContain('5678');
  });

  it('flags an overdue complaint and says by when it was due', () => {
    const late: Complaint = { ...complaint, status: 'received', events: complaint.events.slice(0, 1) };
    const view = buildTrackView({ site, typed: 'ABCDE12345', lookup: found(late), fresh: false, csrf });
    expect(view.complaint?.overdue).toBe(true);
    expect(view.complaint?.dueLabel).toBe('已超期：应于 2026-08-05 09:00 前转交办理');
  });

  it('says how many other villagers said 我也遇到, and nothing while none has', () => {
    const supported: Complaint = {
      ...complaint,
      events: [...complaint.events, { seq: 7, at: NOW, actor: '群众', type: 'support' }, { seq: 8, at: NOW, actor: '群众', type: 'support' }],
    };
    const view = buildTrackView({ site, typed: 'ABCDE12345', lookup: found(supported), fresh: false, csrf });
    expect(view.complaint?.supportersLabel).toBe('另有 2 位村民也反映遇到这个问题');
    expect(view.complaint?.steps.at(-1)?.label).toBe('又一位村民反映遇到同样问题');
    expect(buildTrackView({ site, typed: 'ABCDE12345', lookup: found(complaint), fresh: false, csrf }).complaint?.supportersLabel).toBeNull();
  });

  it('offers the feedback form, posting to the complaint’s feedback address, only when feedback is open', () => {
    const open = buildTrackView({ site, typed: 'ABCDE12345', lookup: found(complaint, { feedbackOpen: true }), fresh: false, csrf });
    expect(open.feedback).toEqual({ action: '/api/v1/complaints/ABCDE12345/feedback', csrf, maxChars: 500 });
    const closed = buildTrackView({ site, typed: 'ABCDE12345', lookup: found(complaint), fresh: false, csrf });
    expect(closed.feedback).toBeNull();
  });

  it('confirms a new complaint with the code in large type and a QR code that scans to its tracking page', () => {
    const view = buildTrackView({ site, typed: 'ABCDE12345', lookup: found(complaint), fresh: true, csrf });
    expect(view.confirmation?.code).toBe('ABCDE-12345');
    expect(view.confirmation?.url).toBe('http://portal.test/track/?code=ABCDE-12345');
    expect(decode(view.confirmation!.qr)).toBe('http://portal.test/track/?code=ABCDE-12345');
  });

  it('answers a malformed or unknown code with a friendly message and keeps what was typed', () => {
    const malformed = buildTrackView({ site, typed: 'hello', lookup: { kind: 'malformed' }, fresh: false, csrf });
    expect(malformed.notFound?.message).toContain('10 位字母和数字');
    expect(malformed.typed).toBe('hello');
    expect(malformed.complaint).toBeNull();
    const unknown = buildTrackView({ site, typed: 'ABCDE-99999', lookup: { kind: 'not-found', code: 'ABCDE-99999' }, fresh: true, csrf });
    expect(unknown.notFound?.message).toContain('没有找到查询码为 ABCDE-99999 的投诉');
    expect(unknown.confirmation).toBeNull();
  });
});

/** Paints the path's unit squares (M x y h n v1 h-n z) at 6 px a module and reads it back with jsQR. */
function decode(qr: QrPath): string | null {
  const scale = 6;
  const side = qr.size * scale;
  const pixels = new Uint8ClampedArray(side * side * 4).fill(255);
  for (const m of qr.d.matchAll(/M(\d+) (\d+)h(\d+)v1h-\d+z/g)) {
    const [x, y, n] = [Number(m[1]), Number(m[2]), Number(m[3])];
    for (let py = y * scale; py < (y + 1) * scale; py++) {
      for (let px = x * scale; px < (x + n) * scale; px++) {
        const i = (py * side + px) * 4;
        pixels[i] = pixels[i + 1] = pixels[i + 2] = 0;
      }
    }
  }
  return jsQR(pixels, side, side)?.data ?? null;
}
