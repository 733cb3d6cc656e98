import { describe, expect, it } from 'vitest';
import type { Account } from '../../data/accounts/account.ts';
import type { TodoItem } from '../../data/accounts/todo.ts';
import { buildConsoleHomeView, TODO_PAGE_SIZE } from './console-view.ts';

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
