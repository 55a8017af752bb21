// Parse RDF files with N3.js and write each one's quads as N-Quads next to the output folder.
// Usage: node n3_parse.js FORMAT OUTDIR FILE...   (FORMAT: Turtle, TriG, N-Triples, N-Quads)
// One JSON line per file on stdout: {"file", "ok", "out" | "error"}. One process for all files keeps CI fast.
"use strict";
const fs = require("fs");
const path = require("path");
const N3 = require("n3");

const [format, outdir, ...files] = process.argv.slice(2);
files.forEach((file, n) => {
  try {
    const quads = new N3.Parser({ format }).parse(fs.readFileSync(file, "utf8"));
    const out = path.join(outdir, `${n}.nq`);
    fs.writeFileSync(out, new N3.Writer({ format: "N-Quads" }).quadsToString(quads));
    console.log(JSON.stringify({ file, ok: true, out }));
  } catch (error) {
    console.log(JSON.stringify({ file, ok: false, error: String(error && error.message || error) }));
  }
});
