// 代码校验 / Code check view: 统一社会信用代码 (GB 32100-2015) and 居民身份证号码 (GB 11643-1999),
// checked as they are typed. Plain ES module, no framework, no inline styles (strict CSP):
// every element is built with createElement and filled with textContent.
//
// ctx = { api, today, lang, t }: api.validate({kind, value, today}) returns the verdict object
// of the core's `validate` command (or throws an Error with .code/.zh/.en for a malformed
// request); t(zh, en) picks the current language. `validate` is in the tools module, which the
// page loads before it shows this view (and `attachCodeCheck` through ctx.loadTools() when the
// self-assessment's code field is typed into before it has loaded).
/** @import { ViewContext } from './context.js' */
/** @import { CodeCheck, CodeKind } from '../yibao-credit.js' */

let uid = 0;
const nextId = (p) => `${p}-${++uid}`;

function h(tag, cls, text) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text != null) e.textContent = text;
  return e;
}

const LENGTH_ERRORS = new Set(['E_USCC_LENGTH', 'E_ID_LENGTH']);

/** Name of a coded value in the current language, with "(unverified)" when the table says so. */
function named(n, t) {
  if (!n) return '';
  const name = t(n.zh, n.en || n.zh);
  return n.uncertain ? `${name}${t('（代码表待核）', ' (table entry unverified)')}` : name;
}

function regionText(r, t) {
  if (!r) return '';
  const p = r.province ? ` ${named(r.province, t)}` : t('（省份不明）', ' (province unknown)');
  return `${r.code}${p}`;
}

/** [label, value] pairs explaining a result. */
function facts(res, t) {
  const d = res.details || {};
  const out = [];
  if (res.kind === 'uscc') {
    if (d.authority) out.push([t('登记管理部门', 'Registering authority'), `${d.authority.code} ${named(d.authority, t)}`]);
    if (d.entityType) out.push([t('机构类别', 'Entity type'), `${d.entityType.code} ${named(d.entityType, t)}`]);
    if (d.region) out.push([t('登记管理机关行政区划', 'Region of the registering office'), regionText(d.region, t)]);
    if (d.orgCode) {
      const ok = d.orgCode.valid ? '' : t(`（校验码应为 ${d.orgCode.expectedCheck}）`, ` (check should be ${d.orgCode.expectedCheck})`);
      out.push([t('组织机构代码', 'Organisation code'), `${d.orgCode.code}${ok}`]);
    }
  } else {
    if (d.region) out.push([t('地址码', 'Region'), regionText(d.region, t)]);
    if (d.birthDate) out.push([t('出生日期', 'Birth date'), t(d.birthDateZh || d.birthDate, d.birthDate)]);
    if (d.sex) out.push([t('性别', 'Sex'), t(d.sex.zh, cap(d.sex.en))]);
    if (d.age != null) out.push([t('年龄', 'Age'), t(`${d.age} 周岁`, `${d.age} years`)]);
  }
  if (d.checkChar) {
    const cc = d.checkChar;
    out.push([t('校验码', 'Check character'), cc.expected === cc.found ? cc.found : t(`应为 ${cc.expected}，实际 ${cc.found}`, `${cc.expected} expected, ${cc.found} found`)]);
  }
  return out;
}

/** An English message that stands alone, with a capital first letter (the core writes it to go after a colon too). */
const cap = (s) => (s ? s.charAt(0).toUpperCase() + s.slice(1) : s);

function issueList(items, cls, t) {
  const ul = h('ul', cls);
  for (const it of items) {
    const li = h('li', null, t(it.zh, it.en ? cap(it.en) : it.zh));
    if (it.code) li.dataset.code = it.code;
    if (it.position) li.dataset.position = String(it.position);
    ul.append(li);
  }
  return ul;
}

/**
 * Checks `input` live as the user types (kind 'uscc' or 'id') and shows the verdict, what the
 * code says and its errors in `messageEl`. Sets aria-invalid / aria-describedby on the input and
 * aria-live="polite" on the message. While a code is still shorter than 18 characters and has no
 * other error it is shown as incomplete, not invalid; on `change` (leaving the field) it is
 * judged in full. Returns { check(final), detach() }.
 * 依据：GB 32100-2015 第5章；GB 11643-1999 第4—7章。
 * @param {HTMLInputElement} input
 * @param {CodeKind} kind
 * @param {{ api: ViewContext['api'], today?: string | Date, t?: ViewContext['t'], loadTools?: ViewContext['loadTools'] }} ctx
 * @param {HTMLElement} messageEl
 */
export function attachCodeCheck(input, kind, ctx, messageEl) {
  const t = ctx.t || ((zh) => zh);
  if (!messageEl.id) messageEl.id = nextId('id-msg');
  messageEl.classList.add('id-msg');
  messageEl.setAttribute('aria-live', 'polite');
  const described = (input.getAttribute('aria-describedby') || '').split(/\s+/).filter(Boolean);
  if (!described.includes(messageEl.id)) described.push(messageEl.id);
  input.setAttribute('aria-describedby', described.join(' '));
  let seq = 0;
  const pad = (n) => String(n).padStart(2, '0');
  const todayText = () => {
    const d = ctx.today;
    if (d instanceof Date) return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
    return d || undefined;
  };

  /** @param {CodeCheck} res @param {boolean} final */
  function show(res, final) {
    messageEl.replaceChildren();
    const length = [...String(res.input || '').trim()].length;
    const incomplete =
      !final && !res.valid && length < 18 && res.errors.length > 0 && res.errors.every((e) => LENGTH_ERRORS.has(e.code));
    let state;
    let verdict;
    if (res.valid) {
      state = 'ok';
      verdict = t('✓ 有效', '✓ Valid');
    } else if (incomplete) {
      state = 'pending';
      verdict = t(`已输入 ${length} 位，共 18 位`, `${length} of 18 characters entered`);
    } else {
      state = 'bad';
      verdict = t('✗ 无效', '✗ Invalid');
    }
    if (res.valid && res.normalized && res.normalized !== String(res.input).trim()) {
      verdict += t(`：${res.normalized}`, `: ${res.normalized}`);
    }
    const v = h('p', `id-verdict id-verdict--${state}`, verdict);
    messageEl.append(v);
    const f = facts(res, t);
    if (f.length) {
      const dl = h('dl', 'id-facts');
      for (const [k, val] of f) dl.append(h('dt', null, k), h('dd', null, val));
      messageEl.append(dl);
    }
    if (res.errors.length && !incomplete) messageEl.append(issueList(res.errors, 'id-errors', t));
    if (res.warnings.length) messageEl.append(issueList(res.warnings, 'id-warnings', t));
    if (state === 'bad') input.setAttribute('aria-invalid', 'true');
    else input.removeAttribute('aria-invalid');
    messageEl.dataset.state = state;
  }

  function showError(e) {
    messageEl.replaceChildren(h('p', 'id-verdict id-verdict--bad', t(e.zh || e.message || '出错', cap(e.en || e.message) || 'Error')));
    messageEl.dataset.state = 'error';
    input.removeAttribute('aria-invalid');
  }

  function check(final = false) {
    const value = input.value;
    const my = ++seq;
    if (value.trim() === '') {
      messageEl.replaceChildren();
      delete messageEl.dataset.state;
      input.removeAttribute('aria-invalid');
      return;
    }
    /** @type {CodeCheck | Promise<CodeCheck>} */
    let res;
    const input1 = { kind, value, today: todayText() };
    try {
      // `validate` is in the tools module. The self-assessment shows this field before that module
      // has loaded (it loads after the first view): a code typed that early is checked once it has.
      res = ctx.api.validate ? ctx.api.validate(input1) : (ctx.loadTools?.() ?? Promise.resolve()).then(() => {
        if (!ctx.api.validate) throw Object.assign(new Error('code check not loaded'), { zh: '代码校验模块未能载入，请刷新页面后再试', en: 'The code check could not be loaded: reload the page and try again' });
        return ctx.api.validate(input1);
      });
    } catch (e) {
      showError(e);
      return;
    }
    Promise.resolve(res).then(
      (r) => {
        if (my === seq) show(r, final);
      },
      (e) => {
        if (my === seq) showError(e);
      },
    );
  }

  const onInput = () => check(false);
  const onChange = () => check(true);
  input.addEventListener('input', onInput);
  input.addEventListener('change', onChange);
  if (input.value) check(false);
  return {
    check,
    detach() {
      input.removeEventListener('input', onInput);
      input.removeEventListener('change', onChange);
    },
  };
}

function field(root, kind, label, hint, example, ctx) {
  const t = ctx.t;
  const wrap = h('div', 'id-field');
  const inputId = nextId('id-input');
  const hintId = nextId('id-hint');
  const lab = h('label', 'id-label', label);
  lab.htmlFor = inputId;
  const input = h('input', 'id-input');
  input.id = inputId;
  input.type = 'text';
  input.name = kind;
  input.autocomplete = 'off';
  input.spellcheck = false;
  input.maxLength = 64;
  input.placeholder = example;
  input.setAttribute('autocapitalize', 'characters');
  input.setAttribute('aria-describedby', hintId);
  const hintEl = h('p', 'id-hint', hint);
  hintEl.id = hintId;
  const msg = h('div', 'id-msg');
  wrap.append(lab, input, hintEl, msg);
  root.append(wrap);
  const handle = attachCodeCheck(input, kind, ctx, msg);
  return { input, handle, t };
}

/** The 代码校验 view. 依据：GB 32100-2015；GB 11643-1999。 */
export const view = {
  id: 'ident',
  /** @param {ViewContext} ctx */
  mount(root, ctx) {
    const t = ctx.t || ((zh) => zh);
    const c = { ...ctx, t };
    const section = h('section', 'id-view');
    section.append(h('h2', 'id-title', t('代码校验', 'Code check')));
    section.append(
      h(
        'p',
        'id-intro',
        t(
          '输入时即校验，全部在本机完成，不上传任何数据。',
          'Checked as you type, entirely on this device; nothing is uploaded.',
        ),
      ),
    );
    const a = field(
      section,
      'uscc',
      t('统一社会信用代码', 'Unified social credit code'),
      t(
        '18 位，数字和大写字母（不含 I、O、Z、S、V）；依据 GB 32100-2015。',
        '18 characters: digits and uppercase letters except I, O, Z, S, V (GB 32100-2015).',
      ),
      '91110000600037341L',
      c,
    );
    const b = field(
      section,
      'id',
      t('居民身份证号码', 'Resident ID card number'),
      t(
        '18 位（旧版 15 位自动换算），最后一位可为 X；依据 GB 11643-1999。',
        '18 digits (old 15-digit numbers are converted); the last may be X (GB 11643-1999).',
      ),
      '110102199101010078',
      c,
    );
    root.append(section);
    return () => {
      a.handle.detach();
      b.handle.detach();
      section.remove();
    };
  },
};
