// Browser entry of the peer comparison, run by `node benches/browser.mjs` in headless Chromium in
// the page benches/peer.html (served from the repo root, cross-origin isolated so that
// performance.now() has a 5 µs resolution instead of 100 µs). In this one page it loads
// json-rules-engine from node_modules with the CommonJS loader benches/cjs-loader.mjs, our wasm
// from www/pkg, the rule set from data/rules, and times both (benches/peer-json-rules-engine.mjs).
import { loadCommonJS } from './cjs-loader.mjs';
import { comparePeer } from './peer-json-rules-engine.mjs';

export async function runPeer(input, n = 2000) {
  if (!self.crossOriginIsolated) throw new Error('peer page is not cross-origin isolated (coarse timer)');
  const { require, executed } = await loadCommonJS(new URL('../node_modules/', import.meta.url).href,
    ['json-rules-engine', 'json-rules-engine/package.json']);
  const { Engine } = require('json-rules-engine');
  const { version } = require('json-rules-engine/package.json');
  const wasm = await import('../www/pkg/yibao_credit.js');
  await wasm.default();
  const doc = await (await fetch(new URL('../data/rules/retail-pharmacy.json', import.meta.url))).json();
  const result = await comparePeer({
    Engine, peerName: `json-rules-engine ${version}`, doc, ruleSet: wasm.RuleSet.forSubjectType('retail-pharmacy'), input, n,
  });
  // The CommonJS files that actually ran, relative to node_modules (for the log).
  const nm = new URL('../node_modules/', import.meta.url).href;
  return { result, modules: executed.map((u) => u.replace(nm, '')) };
}
