// The editor's styles, given to the document as a constructed stylesheet when the view opens (the
// first screen's stylesheets stay as they are; a constructed sheet needs no file, so the
// single-file build has it too).
const CSS = `
.view-rules-editor .ed-toolbar { position: sticky; top: 0; z-index: 2; background: var(--yc-bg); padding: .35rem 0; }
.view-rules-editor button.small { padding: .15rem .6rem; font-size: .95rem; }
.view-rules-editor button:disabled { opacity: .5; cursor: default; }
.view-rules-editor button.link { background: none; border: none; color: var(--yc-accent); text-decoration: underline; padding: 0; }
.view-rules-editor .ed-problems ul { margin: .25rem 0 1rem; padding-left: 1.25rem; }
.view-rules-editor .ed-problems li.warn { color: var(--yc-warn); }
.view-rules-editor .ed-problem { margin: .2rem 0 0; font-size: .92rem; color: var(--yc-bad); background: var(--yc-bad-bg); border-left: 4px solid var(--yc-bad); padding: .15rem .5rem; }
.view-rules-editor .ed-status:empty { display: none; }
.view-rules-editor .ed-problem.warn { color: var(--yc-warn); background: var(--yc-warn-bg); border-left-color: var(--yc-warn); }
.view-rules-editor [aria-invalid="true"] { border: 2px solid var(--yc-bad); }
.view-rules-editor .ed-node { border: 1px solid var(--yc-line); border-radius: 6px; padding: .5rem .75rem; margin: .5rem 0; background: #fff; }
.view-rules-editor .ed-d1 { border-left: 6px solid var(--yc-accent); }
.view-rules-editor .ed-d2 { border-left: 4px solid #5b8fc7; }
.view-rules-editor .ed-d3 { border-left: 2px solid #9db7d6; }
.view-rules-editor .ed-children { margin-left: 1.25rem; }
.view-rules-editor .ed-node-h { margin: 0 0 .35rem; font-size: 1rem; }
.view-rules-editor .ed-sum { font-weight: 400; color: var(--yc-muted); }
.view-rules-editor .ed-code, .view-rules-editor .ed-num { max-width: 9rem; }
.view-rules-editor .field-row .field:has(> .ed-code), .view-rules-editor .field-row .field:has(> .ed-num) { flex: 0 1 9rem; }
.view-rules-editor fieldset.ed-types, .view-rules-editor fieldset.ed-kinds, .view-rules-editor fieldset.ed-levels, .view-rules-editor fieldset.ed-sources { border: 1px solid var(--yc-line); border-radius: 6px; margin: .5rem 0; min-width: 0; }
.view-rules-editor .ed-check { display: inline-flex; gap: .3rem; align-items: center; margin: 0 1rem .3rem 0; }
.view-rules-editor .ed-check label { font-weight: 400; }
.view-rules-editor .ed-item { border-top: 1px solid var(--yc-line); padding: .5rem 0; }
.view-rules-editor .ed-hash { word-break: break-all; }
.view-rules-editor .ed-total { font-weight: 600; }
.view-rules-editor .ed-diff table { margin: .25rem 0 1rem; }
.view-rules-editor .ed-diff h3 { margin-top: 1rem; }
@media (max-width: 40rem) { .view-rules-editor .ed-children { margin-left: .5rem; } }
@media print { .view-rules-editor .ed-toolbar, .view-rules-editor .ed-start { display: none; } }
`;

let sheet = null;
/** Adds the editor's stylesheet to the document (once). */
export function adoptStyle() {
  if (sheet || typeof CSSStyleSheet === 'undefined' || !('adoptedStyleSheets' in document)) return;
  sheet = new CSSStyleSheet();
  sheet.replaceSync(CSS);
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
}
