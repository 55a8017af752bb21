// Expand JSON-LD files with jsonld.js (the reference processor) offline and convert them to N-Quads.
// Usage: node jsonld_to_nquads.js OUTDIR FILE...
// The document loader refuses every URL: rdfbib inlines its context, so nothing may be fetched.
// One JSON line per file on stdout: {"file", "ok", "out" | "error"}.
"use strict";
const fs = require("fs");
const path = require("path");
const jsonld = require("jsonld");

const documentLoader = async (url) => {
  throw new Error(`refusing to load ${url}: the context must be inlined`);
};

async function main() {
  const [outdir, ...files] = process.argv.slice(2);
  for (const [n, file] of files.entries()) {
    try {
      const doc = JSON.parse(fs.readFileSync(file, "utf8"));
      const expanded = await jsonld.expand(doc, { documentLoader, safe: true });
      const nquads = await jsonld.toRDF(expanded, { format: "application/n-quads", documentLoader, safe: true });
      const out = path.join(outdir, `${n}.nq`);
      fs.writeFileSync(out, nquads);
      console.log(JSON.stringify({ file, ok: true, out }));
    } catch (error) {
      const cause = error && error.details && error.details.cause;
      const message = String(error && error.message || error) + (cause ? ` (${cause.message || cause})` : "");
      console.log(JSON.stringify({ file, ok: false, error: message }));
    }
  }
}

main();
