import { describe, expect, it } from 'vitest';
import type { Account } from '../../data/accounts/account.ts';
import type { Complaint } from '../../data/complaints/complaint.ts';
import { DEFAULT_DEADLINES } from '../../data/complaints/deadlines.ts';
import { buildComplaintsView, COMPLAINT_LIST_PAGE_SIZE, readComplaintFilter } from './console-complaints-view.ts';

const MATOUXI = '430802108214';
const site = { name: '阳光村务', regionName: '张家界市', baseUrl: 'http://portal.test' };
const account = { id: 'a', name: '向世军', mobile: '13900000021', office: '王家坪镇纪委', title: '', role: 'township-discipline', department: null, scope: '430802108', admin: false, status: 'active', createdAt: '', createdBy: null, hasPassword: true, hasTotp: false } as Account;
const complaint = (id: number, village: string, status: Complaint['status'], category: string, receivedAt: string): Complaint => ({
  trackingCode: `T${id}`,
  publicId: String(id),
  village,
  category,
  text: '补贴没有发到户。',
  publicationId: null,
  row: null,
  contact: null,
  anonymous: true,
  status,
  department: null,
  receivedAt,
  updatedAt: receivedAt,
  channel: 'portal',
  intake: null,
  events: [{ seq: 1, at: receivedAt, actor: '群众', type: 'received' }],
});
const categories = ['惠农补贴', '财务公开'];
const view = (complaints: Complaint[], query = '') =>
  buildComplaintsView({ site, account, complaints, filter: readComplaintFilter(new URLSearchParams(query), categories), categories, divisions: new Map(), deadlines: DEFAULT_DEADLINES, now: '2026-12-06T02:00:00.000Z' });

describe('投诉处理 in the console', () => {
  it('lists the complaints of its scope, oldest first, filtered by category and lateness', () => {
    const all = [complaint(2, MATOUXI, 'received', '财务公开', '2026-12-05T02:00:00.000Z'), complaint(1, MATOUXI, 'received', '惠农补贴', '2026-11-01T02:00:00.000Z'), complaint(3, '430821211227', 'received', '惠农补贴', '2026-10-01T02:00:00.000Z')];
    expect(view(all).items.map((i) => i.what)).toEqual(['投诉 1 · 惠农补贴', '投诉 2 · 财务公开']);
    expect(view(all, 'category=财务公开').items.map((i) => i.what)).toEqual(['投诉 2 · 财务公开']);
    expect(view(all, 'overdue=1').items.map((i) => i.what)).toEqual(['投诉 1 · 惠农补贴']);
    // an unknown category or status filters nothing rather than everything
    expect(view(all, 'category=无此类&status=lost').items).toHaveLength(2);
  });

  it('pages the list, keeping the filters in the links', () => {
    const many = Array.from({ length: COMPLAINT_LIST_PAGE_SIZE + 5 }, (_, i) => complaint(i + 1, MATOUXI, 'received', '惠农补贴', new Date(Date.UTC(2026, 11, 1) + i * 60_000).toISOString()));
    const first = view(many, 'category=惠农补贴');
    expect(first.items).toHaveLength(COMPLAINT_LIST_PAGE_SIZE);
    expect(first.summary).toBe(`第 1 / 2 页，共 ${COMPLAINT_LIST_PAGE_SIZE + 5} 件`);
    expect(first.next).toBe('/console/complaints/?category=%E6%83%A0%E5%86%9C%E8%A1%A5%E8%B4%B4&page=2');
    const second = view(many, 'category=惠农补贴&page=2');
    expect(second.items).toHaveLength(5);
    expect(second.prev).toBe('/console/complaints/?category=%E6%83%A0%E5%86%9C%E8%A1%A5%E8%B4%B4');
  });
});
