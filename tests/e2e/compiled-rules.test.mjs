// The first screen's module reads rule sets already checked and compiled (issue 12, point 4): the
// shipped ones come compiled (www/rules/NAME.plan.json, scripts/build.sh); a rule-set document is
// checked and compiled by the tools module, which www/loader.js hands to the core through two hooks.
// Node only (the wasm modules of www/pkg, as the page's loader uses them).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, nodeModule } from './harness.mjs';
import * as core from '../../www/pkg/yibao_credit.js';
import * as tools from '../../www/pkg/yibao_tools.js';
import { installRuleHooks } from '../../www/loader.js';

nodeModule(core, 'yibao_credit');
const docText = fs.readFileSync(path.join(ROOT, 'www/rules/retail-pharmacy.json'), 'utf8');
const planText = fs.readFileSync(path.join(ROOT, 'www/rules/retail-pharmacy.plan.json'), 'utf8');
const input = { subject: { type: 'retail-pharmacy', name: '某药房' }, asOf: '2026-11-23', facts: { 10101: true, 10102: false } };

test('without the tools module a rule-set document is refused with a plain message; the compiled form is read', () => {
  delete globalThis.__yibaoCompileRules;
  delete globalThis.__yibaoCheckRules;
  assert.throws(() => new core.RuleSet(docText), (e) => e.code === 'E_RULES_NEED_TOOLS' && /工具模块/.test(e.zh) && /tools module/.test(e.en));
  assert.throws(() => core.evaluate({ ...input, rules: JSON.parse(docText) }), (e) => e.code === 'E_RULES_NEED_TOOLS' && e.path === '$.rules');
  const report = core.checkRules(docText);
  assert.equal(report.valid, false);
  assert.equal(report.errors[0].code, 'E_RULES_NEED_TOOLS');
  // The shipped set's compiled form, as text and as an object: the same rule set as the built-in one.
  const builtin = core.RuleSet.forSubjectType('retail-pharmacy');
  for (const given of [planText, JSON.parse(planText)]) {
    const rs = new core.RuleSet(given);
    assert.equal(rs.info.hash, builtin.info.hash);
    assert.deepEqual(rs.evaluate(input), builtin.evaluate(input));
    rs.free();
  }
  // The page reads the document and the catalog from the compiled form (www/loader.js) instead of
  // out of the module: they are the same.
  assert.deepEqual(JSON.parse(planText).doc, builtin.doc);
  assert.deepEqual(JSON.parse(planText).catalog, builtin.catalog);
  // A compiled form of another version of this tool (or damaged) is refused, not half read.
  assert.throws(() => new core.RuleSet(JSON.stringify({ ...JSON.parse(planText), formatVersion: 2 })), (e) => e.code === 'E_RULES_INVALID' && /无法读取/.test(e.zh));
  assert.throws(() => new core.RuleSet(JSON.stringify({ ...JSON.parse(planText), doc: { id: 'x' } })), (e) => e.code === 'E_RULES_INVALID');
  builtin.free();
});

test('with the tools module loaded, documents are checked and compiled by it, with the checker\'s errors', () => {
  nodeModule(tools, 'yibao_tools');
  installRuleHooks(tools);
  const builtin = core.RuleSet.forSubjectType('retail-pharmacy');
  const rs = new core.RuleSet(docText);
  assert.equal(rs.info.hash, builtin.info.hash);
  assert.deepEqual(rs.evaluate(input), builtin.evaluate(input));
  assert.deepEqual(core.evaluate({ ...input, rules: JSON.parse(docText) }), builtin.evaluate(input));
  assert.equal(core.checkRules(docText).valid, true);
  // compileRules gives what the core reads without the tools module; the command line's
  // compile-rules (scripts/build.sh) wrote the same for the shipped set.
  const compiled = tools.compileRules(docText);
  assert.deepEqual(compiled, JSON.parse(planText));
  // A broken document: the checker's first error, its path under $.rules inside an input.
  const broken = JSON.parse(docText);
  broken.bands[1].min = 'x';
  assert.throws(() => new core.RuleSet(broken), (e) => e.code === 'E_RULES_SHAPE' || e.code === 'E_RULES_INVALID');
  const bad = JSON.parse(docText);
  bad.bands[1].min = bad.bands[0].min;
  let first;
  try { new core.RuleSet(bad); } catch (e) { first = e; }
  assert.equal(first.code, 'E_RULES_INVALID');
  assert.match(first.path, /^\$\.bands/);
  assert.throws(() => core.evaluate({ ...input, rules: bad }), (e) => e.code === 'E_RULES_INVALID' && e.path.startsWith('$.rules.bands'));
  const report = core.checkRules(bad);
  assert.equal(report.valid, false);
  assert.ok(report.errors.some((p) => p.path && p.path.startsWith('$.bands')));
  rs.free();
  builtin.free();
});
