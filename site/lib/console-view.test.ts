import { describe, expect, it } from 'vitest';
import type { Account } from '../../data/accounts/account.ts';
import type { TodoItem } from '../../data/accounts/todo.ts';
import { buildConsoleHomeView, TODO_PAGE_SIZE } from './console-view.ts';
import { changeLines } from './change-lines.ts';

const site = { name: '阳光村务', regionName: '张家界市', baseUrl: 'http://portal.test' };
const account = { id: 'a', name: '向世军', mobile: '13900000021', office: '王家坪镇纪委', title: '', role: 'township-discipline', department: null, scope: '430802108', admin: false, status: 'active', createdAt: '', createdBy: null, hasPassword: true, hasTotp: false } as Account;
const todo: TodoItem[] = Array.from({ length: TODO_PAGE_SIZE + 3 }, (_, i) => ({ kind: 'complaint', id: String(i + 1), village: '430802108214', label: '待派发', title: '补贴', due: null, overdue: false }));
const home = (page?: number) => {
  const view = buildConsoleHomeView({ site, csrf: { name: '_csrf', value: 'x' }, account, divisions: new Map(), todo, sessions: [], currentSession: 'h', page });
  if (view.screen.kind !== 'home') throw new Error(view.screen.kind);
  return view.screen;
};

describe('the console home', () => {
  it('pages 待办, counting every item, each page linked to the next', () => {
    const first = home();
    expect(first.todoCount).toBe(TODO_PAGE_SIZE + 3);
    expect(first.todo).toHaveLength(TODO_PAGE_SIZE);
    expect(first.todoPages).toEqual({ label: '第 1 / 2 页', prev: null, next: '/console/?page=2' });
    const second = home(2);
    expect(second.todo.map((t) => t.what)).toEqual([`投诉 ${TODO_PAGE_SIZE + 1}`, `投诉 ${TODO_PAGE_SIZE + 2}`, `投诉 ${TODO_PAGE_SIZE + 3}`]);
    expect(second.todoPages.prev).toBe('/console/');
    // a page past the end shows the last one
    expect(home(9).todoPages.label).toBe('第 2 / 2 页');
  });

  it('links each kind of item to where it is worked on', () => {
    const view = buildConsoleHomeView({
      site,
      csrf: { name: '_csrf', value: 'x' },
      account,
      divisions: new Map(),
      todo: [
        { kind: 'complaint', id: '1', village: '430802108214', label: '', title: '', due: null, overdue: false },
        { kind: 'flag', id: '2', village: '430802108214', label: '', title: '', due: null, overdue: false },
        { kind: 'task', id: '3', task: 'T1', village: '430802108214', label: '', title: '', due: null, overdue: false },
        { kind: 'decision', id: '4', village: '430802108214', label: '', title: '', due: null, overdue: false },
      ],
      sessions: [],
      currentSession: 'h',
    });
    if (view.screen.kind !== 'home') throw new Error(view.screen.kind);
    expect(view.screen.todo.map((t) => t.href)).toEqual(['/console/complaints/1/', '/console/flags/2/', '/console/rounds/3/tasks/T1/', '/v/430802108214/decisions/4/']);
  });
});

describe('what a correction changes, in the upload preview', () => {
  it('counts the rows, gives the totals that move, and lists the first changes', () => {
    const lines = changeLines(
      {
        added: [{ row: 9, text: '2026-07-28 记4 收到转移支付' }],
        removed: [],
        changed: [{ before: { row: 5, text: '2026-07-08 记2 电费' }, after: { row: 5, text: '2026-07-08 记2 电费（含路灯）' }, fields: ['摘要', '支出'] }],
        unchanged: 20,
        totals: [{ field: 'income', label: '收入合计', before: '0.00 元', after: '20,000.00 元' }],
        title: null,
      },
      1,
      1,
    );
    expect(lines).toEqual(['与第 1 版相比：新增 1 行，删除 0 行，修改 1 行，其余 20 行不变。', '收入合计：0.00 元 → 20,000.00 元', '新增 第9行 2026-07-28 记4 收到转移支付', '……另有 1 处变化。']);
  });
});
