/**
 * The site's only two inline scripts, kept here as text so that the pages render exactly these
 * strings (`<script is:inline set:html={…}>`) and ingest/content-security.ts hashes the same
 * strings into the Content-Security-Policy at start-up: a script edited here changes its hash
 * with it, and no hash is ever pasted by hand. Everything else on the site runs without script.
 *
 * Written as plain ES5 for the oldest WebView a villager's phone may have (no build step touches
 * them). String.raw keeps the regular expressions' backslashes as written; neither script may
 * contain a backtick, `${`, or the text `</script` (content-security.ts refuses to start if one does).
 */

/**
 * The village page's search box (site/components/VillageSearch.astro): starts the search worker
 * on first focus and lists the hits under the box; without it the form is a plain GET to /search/.
 */
export const VILLAGE_SEARCH_SCRIPT = String.raw`(function () {
  var form = document.querySelector('form[data-worker]');
  var out = document.getElementById('sr');
  if (!form || !out || !window.Worker) return;
  var box = form.elements.q, worker = null, last = 0, timer = 0, sent = false;
  function el(tag, cls, text) {
    var n = document.createElement(tag);
    if (cls) n.className = cls;
    if (text) n.textContent = text;
    return n;
  }
  function fallback() { if (sent) { sent = false; form.submit(); } }
  function show(r) {
    out.textContent = '';
    if (!r.q.trim()) return;
    out.appendChild(el('p', 'sm', r.hits.length ? '找到 ' + r.hits.length + ' 条，点击查看所在行：' : '本村公开材料中没有找到“' + r.q.trim() + '”。'));
    var list = el('ol', 'l');
    r.hits.forEach(function (h) {
      var li = el('li'), a = el('a', '', h.label);
      a.href = h.href;
      li.appendChild(a);
      li.appendChild(el('br'));
      var text = el('span', 'sm');
      h.snippet.forEach(function (s) { text.appendChild(s.hit ? el('mark', '', s.text) : document.createTextNode(s.text)); });
      li.appendChild(text);
      list.appendChild(li);
    });
    out.appendChild(list);
    var p = el('p'), more = el('a', 'sm', '在搜索页查看全部结果');
    more.href = form.action + '?' + new URLSearchParams(new FormData(form)).toString();
    p.appendChild(more);
    out.appendChild(p);
  }
  function start() {
    if (worker) return worker;
    worker = new Worker(form.getAttribute('data-worker'));
    worker.onmessage = function (e) {
      if (e.data.id !== last) return;
      if (e.data.failed) return fallback();
      sent = false;
      show(e.data);
    };
    worker.onerror = function () { worker = null; fallback(); };
    worker.postMessage({ index: form.getAttribute('data-index') });
    return worker;
  }
  function ask() { start().postMessage({ id: ++last, q: box.value }); }
  box.addEventListener('focus', start);
  box.addEventListener('input', function () { clearTimeout(timer); timer = setTimeout(ask, 250); });
  form.addEventListener('submit', function (e) { e.preventDefault(); sent = true; ask(); });
})();`;

/**
 * The upload page (site/pages/upload/index.astro): previews the file through the API (dry run),
 * then publishes it with an Idempotency-Key once the official confirms.
 */
export const UPLOAD_SCRIPT = String.raw`(function () {
  var form = document.getElementById('up');
  var out = document.getElementById('out');
  if (!form || !out || !window.fetch || !window.FormData) return;
  var api = form.getAttribute('data-api') || '/api/v1';
  var pending = null;

  function el(tag, attrs, children) {
    var e = document.createElement(tag);
    for (var k in attrs || {}) e.setAttribute(k, attrs[k]);
    (children || []).forEach(function (c) { e.appendChild(typeof c === 'string' ? document.createTextNode(c) : c); });
    return e;
  }
  function fen(n) {
    if (typeof n !== 'number') return '';
    var a = Math.abs(n), y = String(Math.floor(a / 100)).replace(/\B(?=(\d{3})+$)/g, ','), c = String(a % 100);
    return (n < 0 ? '-' : '') + y + '.' + (c.length < 2 ? '0' + c : c);
  }
  // head: [label, cls] with cls 'n' (amount), 't' (main text) or ''; rows stack as cards on a phone
  function table(head, rows) {
    return el('div', { class: 'tw' }, [el('table', { class: 'cards' }, [
      el('thead', {}, [el('tr', {}, head.map(function (h) { return el('th', h[1] ? { class: h[1] } : {}, [h[0]]); }))]),
      el('tbody', {}, rows.map(function (r) {
        return el('tr', {}, r.map(function (c, i) {
          var h = head[i], text = c == null ? '' : String(c), attrs = h[1] ? { class: h[1] } : {};
          if (h[1] === 'n' && text) attrs['data-l'] = h[0];
          return el('td', attrs, [text]);
        }));
      }))
    ])]);
  }
  function issues(title, list, cls) {
    if (!list || !list.length) return null;
    return el('div', { class: 'banner ' + cls }, [el('b', {}, [title]), el('ul', {}, list.map(function (i) {
      var at = [];
      if (i.row != null) at.push('第 ' + i.row + ' 行');
      if (i.column) at.push(i.column + ' 列');
      if (i.field) at.push(i.field);
      return el('li', {}, [(at.length ? at.join(' · ') + '：' : '') + i.message]);
    }))]);
  }
  function preview(p) {
    var c = p.content, t = c.totals, nodes = [el('h2', {}, ['预览：' + p.title]), el('p', {}, ['期间 ' + p.period + ' · SHA-256 ', el('span', { class: 'hash' }, [p.sha256 || ''])])];
    if (c.kind === 'finance') {
      nodes.push(el('p', {}, ['收入合计 ' + fen(t.income) + ' 元，支出合计 ' + fen(t.expense) + ' 元' + (t.closingBalance != null ? '，期末余额 ' + fen(t.closingBalance) + ' 元' : '') + '，共 ' + c.entries.length + ' 笔。']));
      nodes.push(table([['行', 'n'], ['日期', ''], ['摘要', 't'], ['收入', 'n'], ['支出', 'n'], ['余额', 'n']], c.entries.slice(0, 200).map(function (e) { return [e.row, e.date, e.summary, e.income ? fen(e.income) : '', e.expense ? fen(e.expense) : '', e.balance == null ? '' : fen(e.balance)]; })));
    } else if (c.kind === 'subsidy') {
      nodes.push(el('p', {}, [c.programme + '：' + t.count + ' 人，合计 ' + fen(t.amount) + ' 元' + (t.quantity ? '，数量 ' + t.quantity : '') + '。']));
      nodes.push(table([['行', 'n'], ['姓名', 't'], ['身份证号', ''], ['数量', 'n'], ['金额', 'n']], c.rows.slice(0, 200).map(function (r) { return [r.row, r.name, r.idNumber, r.quantity, fen(r.amount)]; })));
    } else if (c.kind === 'contract') {
      nodes.push(el('p', {}, [t.count + ' 份合同，年租金合计 ' + fen(t.annualAmount) + ' 元' + (t.area ? '，面积合计 ' + t.area : '') + '。']));
      nodes.push(table([['行', 'n'], ['合同编号', ''], ['承包（租赁）方', 't'], ['标的物', ''], ['起止日期', ''], ['年租金', 'n'], ['应收期数', 'n']], c.contracts.slice(0, 200).map(function (r) { return [r.row, r.number, r.counterparty, r.subject, (r.start || '—') + ' 至 ' + (r.end || '—'), r.annualAmount == null ? '' : fen(r.annualAmount), r.schedule.length]; })));
    } else if (c.kind === 'statement') {
      nodes.push(el('p', {}, ['单位：' + c.unit + '（已换算为元）。各栏合计已核对。']));
      nodes.push(table([['行', 'n'], ['栏', ''], ['项目', 't'], ['行次', ''], ['金额', 'n']], [].concat.apply([], c.sides.map(function (s) { return s.lines.map(function (l) { return [l.row, s.heading, l.item, l.line, fen(l.amount)]; }); }))));
    } else {
      nodes.push(el('p', {}, [c.projects.length + ' 个项目，预算 ' + fen(t.budget) + ' 元，合同 ' + fen(t.contractAmount) + ' 元，已付 ' + fen(t.amountPaid) + ' 元。']));
      nodes.push(table([['行', 'n'], ['项目', 't'], ['预算', 'n'], ['合同金额', 'n'], ['已付', 'n'], ['进度', '']], c.projects.map(function (r) { return [r.row, r.name, r.budget == null ? '' : fen(r.budget), r.contractAmount == null ? '' : fen(r.contractAmount), r.amountPaid == null ? '' : fen(r.amountPaid), r.progress.text]; })));
    }
    var count = c.kind === 'finance' ? c.entries.length : c.kind === 'subsidy' ? c.rows.length : c.kind === 'contract' ? c.contracts.length : 0;
    if (count > 200) nodes.push(el('p', { class: 'muted sm' }, ['预览只列出前 200 行，发布后页面显示全部 ' + count + ' 行。']));
    return nodes;
  }
  function request(dryRun) {
    var f = form.elements, code = f.village.value.trim(), kind = f.kind.value, body = new FormData();
    body.append('file', f.file.files[0]);
    if (f.period.value.trim()) body.append('period', f.period.value.trim());
    if (kind === 'subsidy' && f.programme.value.trim()) body.append('programme', f.programme.value.trim());
    var headers = { Authorization: 'Bearer ' + f.token.value.trim() };
    if (!dryRun) headers['Idempotency-Key'] = pending;
    var url = api + '/villages/' + encodeURIComponent(code) + '/publications?kind=' + encodeURIComponent(kind) + (dryRun ? '&dryRun=1' : '');
    return fetch(url, { method: 'POST', headers: headers, body: body }).then(function (r) {
      return r.json().catch(function () { return { ok: false, error: { message: '服务器返回了无法识别的内容（HTTP ' + r.status + '）/ Unreadable response' }, errors: [] }; });
    });
  }
  function show(nodes) {
    out.textContent = '';
    nodes.forEach(function (n) { if (n) out.appendChild(n); });
    out.scrollIntoView({ behavior: 'smooth', block: 'start' });
  }
  function failed(res) {
    show([el('div', { class: 'banner warn' }, [el('b', {}, ['未通过：']), (res.error && res.error.message) || '出错了 / Error']), issues('需要修改的地方', res.errors, 'warn'), issues('提醒', res.warnings, '')]);
  }
  function busy(button, text) { button.disabled = true; button.textContent = text; }

  form.addEventListener('input', function () { pending = null; });
  form.addEventListener('submit', function (ev) {
    ev.preventDefault();
    var f = form.elements, problems = [];
    if (!f.token.value.trim()) problems.push({ field: '上传令牌', message: '请填写上传令牌 / Token required' });
    if (!/^\d{12}$/.test(f.village.value.trim())) problems.push({ field: '村代码', message: '村代码是 12 位数字 / Village code has 12 digits' });
    if (!f.file.files.length) problems.push({ field: '表格文件', message: '请选择文件 / Choose a file' });
    if (problems.length) return show([issues('请先补全', problems, 'warn')]);
    var check = document.getElementById('check');
    busy(check, '正在核对…');
    request(true).then(function (res) {
      if (!res.ok) return failed(res);
      pending = 'upload-' + Date.now() + '-' + Math.random().toString(36).slice(2);
      var confirm = el('button', { type: 'button' }, ['确认发布']);
      confirm.addEventListener('click', function () {
        if (!pending) return show([el('p', { class: 'banner warn' }, ['表单已修改，请重新预览核对。'])]);
        busy(confirm, '正在发布…');
        request(false).then(function (r) {
          if (!r.ok) return failed(r);
          var p = r.publication;
          show([el('div', { class: 'banner' }, [el('b', {}, ['已发布：第 ' + p.version + ' 版。']), ' ', el('a', { href: p.url }, ['查看公开页面']), ' · ', el('a', { href: '/v/' + p.village + '/' }, ['本村页面'])]), el('p', { class: 'hash' }, ['SHA-256 ' + p.sha256])]);
          pending = null;
        }, function () { show([el('p', { class: 'banner warn' }, ['网络错误，未能发布，请重试 / Network error'])]); });
      });
      show([issues('提醒（不影响发布）', res.warnings, '')].concat(preview(res.preview), [el('p', {}, ['核对无误后发布。发布后不能删除，错误只能用新版本更正。']), confirm]));
    }, function () { show([el('p', { class: 'banner warn' }, ['网络错误，请重试 / Network error'])]); }).then(function () { check.disabled = false; check.textContent = '预览核对'; });
  });
})();`;

/**
 * 朗读 (issue 16): reads the village page's one-sentence summary and its main figures aloud with
 * the browser's own speech synthesis, in Chinese. The button stays hidden where there is none
 * (and with JavaScript off); nothing is fetched and nothing is sent anywhere.
 */
export const READ_ALOUD_SCRIPT = String.raw`(function () {
  var button = document.getElementById('read-aloud');
  if (!button || !('speechSynthesis' in window) || typeof SpeechSynthesisUtterance !== 'function') return;
  button.hidden = false;
  button.addEventListener('click', function () {
    var parts = [];
    document.querySelectorAll('[data-read]').forEach(function (el) { parts.push(el.textContent.replace(/\s+/g, ' ').trim()); });
    var speech = new SpeechSynthesisUtterance(parts.join('。'));
    speech.lang = 'zh-CN';
    speech.rate = 0.9;
    window.speechSynthesis.cancel();
    window.speechSynthesis.speak(speech);
  });
})();`;

/** Every inline script the site renders, by the file that renders it. */
export const INLINE_SCRIPTS: Readonly<Record<string, string>> = {
  'site/components/VillageSearch.astro': VILLAGE_SEARCH_SCRIPT,
  'site/pages/upload/index.astro': UPLOAD_SCRIPT,
  'site/components/ReadAloud.astro': READ_ALOUD_SCRIPT,
};
