// 医疗保障信用评价结果查询 / Look-up of medical-insurance credit results.
// 依据：《汕尾市医疗保障信用管理办法（试行）》第二十一条（查询服务）、第二十三条（信用等级）.
// Reads data/results.json (same origin), subjects sorted by code: a code is found by binary
// search, a name by a scan of the names. Everything is written with textContent (no markup from
// the data). No request leaves this site.
(function () {
  'use strict';
  var form = document.getElementById('q');
  var input = document.getElementById('q-text');
  var go = document.getElementById('q-go');
  var status = document.getElementById('status');
  var results = document.getElementById('results');
  var MAX = 20;
  var data = null;
  var codes = [];
  var names = [];
  var grades = {};

  function el(tag, cls, zh, en) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (zh !== undefined) e.appendChild(document.createTextNode(zh));
    if (en !== undefined) {
      var s = document.createElement('span');
      s.className = 'en';
      s.lang = 'en';
      s.textContent = en;
      e.appendChild(s);
    }
    return e;
  }

  function say(zh, en) {
    status.textContent = '';
    status.appendChild(document.createTextNode(zh));
    var s = document.createElement('span');
    s.className = 'en';
    s.lang = 'en';
    s.textContent = en;
    status.appendChild(s);
  }

  /** The index of the first code >= c. */
  function lowerBound(c) {
    var lo = 0, hi = codes.length;
    while (lo < hi) {
      var mid = (lo + hi) >>> 1;
      if (codes[mid] < c) lo = mid + 1; else hi = mid;
    }
    return lo;
  }

  function fold(s) {
    return s.replace(/[\s\u3000]+/g, '').replace(/[\uFF01-\uFF5E]/g, function (ch) { return String.fromCharCode(ch.charCodeAt(0) - 0xFEE0); }).toLowerCase();
  }

  function find(q) {
    var found = [];
    var code = q.replace(/[\s\u3000]+/g, '').toUpperCase();
    var total = 0;
    if (/^[0-9A-Z]{2,18}$/.test(code)) {
      // A code, or the start of one.
      for (var i = lowerBound(code); i < codes.length && codes[i].lastIndexOf(code, 0) === 0; i++) {
        total++;
        if (found.length < MAX) found.push(i);
      }
      if (total) return { list: found, total: total };
    }
    var f = fold(q);
    if (!f) return { list: [], total: 0 };
    for (var j = 0; j < names.length; j++) {
      if (names[j].indexOf(f) !== -1) {
        total++;
        if (found.length < MAX) found.push(j);
      }
    }
    return { list: found, total: total };
  }

  function card(k) {
    var s = data.subjects[k];
    var g = grades[s[2]] || { label: { zh: '', en: '' }, dishonest: false };
    var li = el('li', 'card');
    li.appendChild(el('h3', '', s[1]));
    var dl = document.createElement('dl');
    function row(zh, en, value, cls) {
      var d = document.createElement('div');
      d.appendChild(el('dt', '', zh, en));
      var dd = document.createElement('dd');
      if (cls) dd.className = cls;
      if (typeof value === 'string') dd.textContent = value; else dd.appendChild(value);
      d.appendChild(dd);
      dl.appendChild(d);
    }
    row('统一社会信用代码', 'Unified social credit code', s[0], 'mono');
    var gv = document.createElement('span');
    var letter = el('span', 'grade ' + (g.dishonest ? 'g-bad' : 'g-ok'), s[2]);
    gv.appendChild(letter);
    gv.appendChild(document.createTextNode(' ' + g.label.zh));
    var en = document.createElement('span');
    en.className = 'en';
    en.lang = 'en';
    en.textContent = g.label.en || g.label.zh;
    gv.appendChild(en);
    if (g.dishonest) gv.appendChild(el('span', 'muted', '（列入失信名单）', ' (on the dishonest list)'));
    row('信用等级', 'Credit grade', gv, 'grade-cell');
    var cols = data.columns;
    var si = cols.indexOf('score');
    if (si >= 0 && s[si] !== null && s[si] !== undefined) row('得分', 'Score', String(s[si]));
    var ri = cols.indexOf('directReason');
    if (ri >= 0 && s[ri]) row('直接定级原因', 'Direct grade reason', s[ri]);
    row('评价日期', 'Evaluation date', data.evaluated);
    row('评价指标', 'Rule set', data.rules.id + ' ' + data.rules.version, 'mono');
    li.appendChild(dl);
    return li;
  }

  function show(q) {
    var t0 = performance.now();
    results.textContent = '';
    if (!q.replace(/[\s\u3000]+/g, '')) {
      say('请输入统一社会信用代码或名称。', 'Type a code or a name.');
      return;
    }
    var r = find(q);
    if (!r.total) {
      say('没有找到“' + q + '”。请核对代码（18位）或换用名称中的几个字。', 'Nothing found for "' + q + '". Check the code (18 characters) or try a few characters of the name.');
    } else if (r.total > r.list.length) {
      say('找到 ' + r.total + ' 家，显示前 ' + r.list.length + ' 家；请输入更完整的名称或代码。', r.total + ' found; the first ' + r.list.length + ' are shown. Type more of the name or the code.');
    } else {
      say('找到 ' + r.total + ' 家。', r.total + ' found.');
    }
    var ul = el('ul', 'cards');
    for (var i = 0; i < r.list.length; i++) ul.appendChild(card(r.list[i]));
    results.appendChild(ul);
    results.setAttribute('data-ms', (performance.now() - t0).toFixed(2));
  }

  form.addEventListener('submit', function (e) {
    e.preventDefault();
    if (data) show(input.value);
  });

  function ready(d) {
    data = d;
    var subjects = d.subjects;
    codes = new Array(subjects.length);
    names = new Array(subjects.length);
    for (var i = 0; i < subjects.length; i++) {
      codes[i] = subjects[i][0];
      names[i] = fold(subjects[i][1]);
    }
    for (var k = 0; k < d.grades.length; k++) grades[d.grades[k].grade] = d.grades[k];
    input.disabled = false;
    go.disabled = false;
    document.documentElement.setAttribute('data-ready', String(subjects.length));
    say('共 ' + subjects.length + ' 家机构，可以查询。', subjects.length + ' institutions; ready.');
    var q = new URLSearchParams(location.search).get('q');
    if (q) { input.value = q; show(q); }
  }

  /** Opened from the disk (file://), the browser does not let the page read its data: the data file chosen by hand instead. */
  function offerFile() {
    say('无法自动载入数据。通过网站服务器打开本页即可查询；在本机直接打开时，请在下面选择本文件夹中的 data/results.json。',
      'The data could not be loaded. Served by a web server, this page looks up at once; opened from the disk, choose data/results.json of this folder below.');
    var label = el('label', '', '选择数据文件（data/results.json）', 'Choose the data file (data/results.json)');
    label.htmlFor = 'q-file';
    var file = document.createElement('input');
    file.type = 'file';
    file.id = 'q-file';
    file.accept = '.json,application/json';
    file.addEventListener('change', function () {
      var f = file.files && file.files[0];
      if (!f) return;
      var r = new FileReader();
      r.onload = function () {
        try { ready(JSON.parse(String(r.result))); } catch (e) { say('这不是公示包的数据文件。', 'This is not the package\'s data file.'); }
      };
      r.readAsText(f);
    });
    var box = el('div', 'pick');
    box.appendChild(label);
    box.appendChild(file);
    status.parentNode.insertBefore(box, status.nextSibling);
  }

  fetch('data/results.json', { credentials: 'same-origin' })
    .then(function (r) {
      if (!r.ok) throw new Error(String(r.status));
      return r.json();
    })
    .then(ready)
    .catch(offerFile);
})();
