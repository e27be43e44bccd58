// The indicator catalogue page (信用信息采集目录 / 评价指标目录,《汕尾市医疗保障信用管理办法（试行）》
// 第十二条): one static HTML file the bureau can put on its website or print on A4 — every
// indicator with its points, scoring rule and legal basis, the grade bands, the direct-grade
// rules, and the list's version, effective dates and hash. Chinese, with the English names where
// the list has them. Built from a checked document and the core's catalog of it (the citations
// resolved by the law library, as every result cites them).
import { ruleText } from './model.js';

const esc = (s) => String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));

const CSS = `
@page { size: A4; margin: 16mm 14mm 18mm; }
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", sans-serif; color: #111; margin: 0 auto; max-width: 190mm; padding: 8mm 0; font-size: 10.5pt; line-height: 1.5; }
h1 { font-size: 16pt; text-align: center; margin: 0 0 2mm; }
h2 { font-size: 12pt; margin: 6mm 0 2mm; border-bottom: 1px solid #444; }
p.sub { text-align: center; margin: 0 0 4mm; color: #333; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: 1mm 4mm; margin: 0 0 4mm; }
dl.meta dt { font-weight: bold; } dl.meta dd { margin: 0; word-break: break-all; }
table { width: 100%; border-collapse: collapse; }
th, td { border: 1px solid #555; padding: 1.2mm 1.8mm; vertical-align: top; text-align: left; }
th { background: #eee; }
td.num, th.num { text-align: right; white-space: nowrap; }
tr { break-inside: avoid; }
thead { display: table-header-group; }
.en { color: #444; font-size: 9pt; }
tr.l1 td { background: #f4f4f4; font-weight: bold; }
tr.l2 td.name { padding-left: 5mm; font-weight: bold; }
tr.l3 td.name { padding-left: 10mm; }
.lv { font-size: 8.5pt; color: #555; font-weight: normal; }
col.c-code { width: 13mm; } col.c-name { width: 52mm; } col.c-pts { width: 12mm; } col.c-cite { width: 42mm; }
footer { margin-top: 6mm; font-size: 9pt; color: #333; }
`;

/**
 * The catalogue page of `doc` (checked), with `catalog` (RuleSet.catalog(): citations) and `info`
 * (its id, version, hash, dates).
 */
export function catalogueHtml(doc, catalog, info) {
  const cite = new Map(catalog.nodes.map((n) => [n.code, n.cite]));
  // The document most indicators cite is named once, above the table; its cells give the article.
  const count = new Map();
  for (const n of catalog.nodes) {
    const m = n.cite && n.cite.zh.match(/^《[^》]+》(?=第|附件|[一二三四五六七八九十]、)/);
    if (m) count.set(m[0], (count.get(m[0]) || 0) + 1);
  }
  const main = [...count.entries()].sort((x, y) => y[1] - x[1])[0];
  const mainTitle = main ? main[0] : '';
  const citeOf = (code) => {
    const c = cite.get(code) ? cite.get(code).zh : '';
    return mainTitle && c.startsWith(mainTitle) ? c.slice(mainTitle.length) : c;
  };
  const en = (t) => (t && t.en ? `<div class="en">${esc(t.en)}</div>` : '');
  const rows = doc.indicators.map((n) => {
    const cls = `l${n.depth}`;
    const level = ['', '一级', '二级', '三级'][n.depth] || '';
    const name = `<span class="lv">${level}</span> ${esc(n.name.zh)}${en(n.name)}`;
    const rule = n.scoring ? `${esc(ruleText(doc, n, 'zh'))}${n.help && n.help.zh ? `<div>${esc(n.help.zh)}</div>` : ''}` : '';
    return `<tr class="${cls}"><td>${esc(n.code)}</td><td class="name">${name}</td><td class="num">${esc(n.points)}</td><td>${rule}</td><td>${esc(citeOf(n.code))}</td></tr>`;
  }).join('\n');
  const bands = catalog.bands.map((b) => `<tr><td>${esc(b.grade)}</td><td>${esc(b.label.zh)}${en(b.label)}</td><td class="num">${esc(b.min)}</td><td>${esc(b.side === 'trustworthy' ? '守信' : '失信')}</td><td>${esc(b.cite ? b.cite.zh : '')}</td></tr>`).join('\n');
  const direct = catalog.direct.length
    ? `<h2>直接定级</h2><table><thead><tr><th>情形</th><th>事件</th><th>等级</th><th>依据</th></tr></thead><tbody>${catalog.direct.map((d) => {
      const rule = doc.directGrades.find((x) => x.id === d.id);
      const kinds = rule ? rule.eventKinds.map((k) => { const ek = doc.eventKinds.find((e) => e.kind === k); return ek ? ek.name.zh : k; }).join('、') : '';
      return `<tr><td>${esc(d.reason.zh)}</td><td>${esc(kinds)}</td><td>最高 ${esc(d.grade)} 级</td><td>${esc(d.cite.zh)}</td></tr>`;
    }).join('\n')}</tbody></table>`
    : '';
  const kinds = doc.eventKinds.length
    ? `<h2>计分事件</h2><table><thead><tr><th>事件</th><th>性质</th></tr></thead><tbody>${doc.eventKinds.map((k) => `<tr><td>${esc(k.name.zh)}${en(k.name)}</td><td>${k.nature === 'trustworthy' ? '守信' : '不良'}</td></tr>`).join('\n')}</tbody></table>`
    : '';
  const to = info.effectiveTo || '（未定）';
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(doc.title.zh)} · ${esc(doc.version)}</title>
<style>${CSS}</style>
</head>
<body>
<h1>${esc(doc.title.zh)}</h1>
${doc.title.en ? `<p class="sub">${esc(doc.title.en)}</p>` : ''}
<dl class="meta">
<dt>发布单位</dt><dd>${esc(doc.issuer.zh)}</dd>
<dt>版本</dt><dd>${esc(doc.version)}（${esc(doc.id)}）</dd>
<dt>施行日期</dt><dd>${esc(info.effectiveFrom)} 起${info.effectiveTo ? `，至 ${esc(to)} 止` : ''}</dd>
<dt>满分</dt><dd>${esc(doc.scale)} 分</dd>
<dt>文件校验值（SHA-256）</dt><dd>${esc(info.hash)}</dd>
</dl>
<p>依据《汕尾市医疗保障信用管理办法（试行）》第十二条（信用信息采集目录向社会公布）、第十八条（评价指标分为一级、二级、三级指标）公布。本目录列明各项评价指标、分值、评分标准及依据；下级指标分值之和等于上级指标分值，一级指标分值之和等于满分。</p>
<h2>评价指标</h2>
${mainTitle ? `<p>“依据”栏只写条款的，指${esc(mainTitle)}。</p>` : ''}
<table>
<colgroup><col class="c-code"><col class="c-name"><col class="c-pts"><col class="c-rule"><col class="c-cite"></colgroup>
<thead><tr><th>代码</th><th>指标</th><th class="num">分值</th><th>评分标准</th><th>依据</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
<h2>信用等级</h2>
<table><thead><tr><th>等级</th><th>名称</th><th class="num">最低分</th><th>类别</th><th>依据</th></tr></thead><tbody>
${bands}
</tbody></table>
${direct}
${kinds}
<footer>
<p>校验值为指标文件规范形式的 SHA-256：用本工具载入该文件时显示的校验值与此相同，即为同一版本。</p>
</footer>
</body>
</html>
`;
}
