// Writes the shipped rule sets to www/rules/ (or DIR) with their shared sections in place: each
// `"key": {"$include": "shared/NAME.json"}` of data/rules/*.json replaced by data/rules/shared/NAME.json
// (docs/rules-format.md, src/rules/shared.rs). The page's modules do not carry the shared sections,
// so what the page fetches is the document written out; its hash is the same (the canonical form
// of the same document). `node scripts/resolve-rules.mjs [DIR]`.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SRC = path.join(ROOT, 'data/rules');
const OUT = path.resolve(process.argv[2] || path.join(ROOT, 'www/rules'));
const INCLUDABLE = ['sources', 'directGrades', 'repair'];

/** The rule-set document `doc` with its shared sections in place. */
export function resolve(doc) {
  for (const [k, v] of Object.entries(doc)) {
    if (!v || typeof v !== 'object' || Array.isArray(v) || !('$include' in v)) continue;
    if (!INCLUDABLE.includes(k) || Object.keys(v).length !== 1 || !/^shared\/[a-z-]+\.json$/.test(v.$include)) throw new Error(`${k}: bad $include`);
    doc[k] = JSON.parse(fs.readFileSync(path.join(SRC, v.$include), 'utf8'));
  }
  return doc;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  fs.mkdirSync(OUT, { recursive: true });
  for (const f of fs.readdirSync(SRC).filter((x) => x.endsWith('.json')).sort()) {
    const doc = resolve(JSON.parse(fs.readFileSync(path.join(SRC, f), 'utf8')));
    fs.writeFileSync(path.join(OUT, f), `${JSON.stringify(doc, null, 1)}\n`);
  }
}
