import { XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { serialise, splitFormat } from './open311-format.ts';

describe('Open311 XML', () => {
  it('escapes markup and drops the control characters XML 1.0 cannot carry, so a complaint’s text never breaks the document', () => {
    const xml = serialise('xml', 'service_requests', [{ status_notes: '答复：<b>已处理</b> & "完毕"\u0001\u000B\uFFFE\tok\n', description: null }]);
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(xml).toContain('<status_notes>答复：&lt;b&gt;已处理&lt;/b&gt; &amp; &quot;完毕&quot;\tok\n</status_notes><description/>');
  });

  it('refuses a list it has no element name for rather than write XML the spec does not have', () => {
    expect(() => serialise('xml', 'complaints', [{ a: 1 }])).toThrow(/complaints/);
    expect(serialise('json', 'complaints', [{ a: 1 }])).toBe('[{"a":1}]');
  });

  it('reads the format from the resource’s extension only', () => {
    expect(splitFormat('requests.xml')).toEqual({ name: 'requests', format: 'xml' });
    expect(splitFormat('财务公开.json')).toEqual({ name: '财务公开', format: 'json' });
    expect(splitFormat('1.html')).toBeNull();
    expect(splitFormat('.xml')).toBeNull();
  });
});
