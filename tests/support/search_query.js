// Runs the site's real search script (assets/search.<hash>.js) against its real index
// (search/*.js) under Node, as a browser would, and prints the ranked names as JSON.
// Usage: node search_query.js OUTPUT_DIR QUERY
"use strict";
const fs = require("fs");
const path = require("path");
const vm = require("vm");

const [output, query] = process.argv.slice(2);
const context = { window: {}, globalThis: {} };
context.globalThis = context.window;
vm.createContext(context);
const searchDir = path.join(output, "search");
for (const file of fs.readdirSync(searchDir).sort()) {
  vm.runInContext(fs.readFileSync(path.join(searchDir, file), "utf8"), context, { filename: file });
}
const assets = path.join(output, "assets");
const script = fs.readdirSync(assets).find((f) => /^search\.[0-9a-f]{10}\.js$/.test(f));
const api = require(path.join(path.resolve(assets), script));
const index = context.window;
const results = api.rank(query, api.prepare(index.THIDUA_SEARCH_DOCS), api.postings(index.THIDUA_SEARCH_TERMS || {}), index.THIDUA_SEARCH_COMMON);
console.log(JSON.stringify(results.map((r) => r.row[0])));
