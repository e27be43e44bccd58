// Our wasm in Node for the benchmarks (benches/peer-node.mjs, benches/browser.mjs): loads the
// built module(s) from www/pkg with initSync (as tests/e2e/embed.test.mjs does) and returns
// `{core, tools, RuleSet, doc}`, whichever of the two layouts the build has:
//   one module     www/pkg/yibao_credit.js has everything (RuleSet, batch, batchTemplate …);
//   two modules    www/pkg/yibao_credit.js (scoring: RuleSet …) and www/pkg/yibao_tools.js (batch,
//                  batchTemplate …), each handed the shipped rule set with registerBuiltin(name,
//                  doc) (in wasm the rule sets are fetched data, not compiled in).
// `tools` is the module with `batch` (null if none). `doc` is data/rules/retail-pharmacy.json.
// The scoring module's RuleSet gets the fast paths the JS API gives it (www/score-fast.js, as
// www/loader.js installs them), so what is timed is what the page and the API call.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export async function loadOurs(root, ruleSetName = 'retail-pharmacy') {
  const pkg = path.join(root, 'www/pkg');
  // The shipped set as the page hands it over: its compiled form where the build writes one
  // (rules/NAME.plan.json), else the document (builds before issue 12's compiled rule sets).
  const plan = path.join(root, `www/rules/${ruleSetName}.plan.json`);
  const doc = fs.existsSync(plan) ? fs.readFileSync(plan, 'utf8') : JSON.parse(fs.readFileSync(path.join(root, `www/rules/${ruleSetName}.json`), 'utf8'));
  const load = async (name) => {
    const js = path.join(pkg, `${name}.js`);
    if (!fs.existsSync(js)) return null;
    const m = await import(pathToFileURL(js).href);
    m.initSync({ module: fs.readFileSync(path.join(pkg, `${name}_bg.wasm`)) });
    if (typeof m.registerBuiltin === 'function') m.registerBuiltin(ruleSetName, doc);
    return m;
  };
  const core = await load('yibao_credit');
  if (!core) throw new Error(`no www/pkg/yibao_credit.js under ${root}: run scripts/build.sh`);
  const fast = path.join(root, 'www/score-fast.js');
  if (fs.existsSync(fast)) (await import(pathToFileURL(fast).href)).installFastPaths(core);
  const tools = typeof core.batch === 'function' ? core : await load('yibao_tools');
  return { core, tools, RuleSet: core.RuleSet, doc };
}
