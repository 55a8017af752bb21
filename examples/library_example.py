"""Use rdfbib as a library: extract a record, convert it, query it, write Turtle.

Run from the repository root: ``python examples/library_example.py``.
"""

from __future__ import annotations

from pathlib import Path

import rdfbib

SEED = Path(__file__).with_name("seed-ideas-nature17038.txt")

record = rdfbib.extract(SEED)  # plain dataclasses, no RDF yet
work = record.work
print(work.title)
for author in work.authors:
    print(" -", author.name, "|", "; ".join(a.name for a in author.affiliations))
print(f"{len(work.cited_by)} citing works; DOI {work.doi}; handle {work.handle}")

dataset = rdfbib.convert(SEED, base="https://example.org/bib/")  # an rdflib.Dataset
rows = dataset.query(
    """
    PREFIX schema: <http://schema.org/>
    PREFIX cito: <http://purl.org/spar/cito/>
    SELECT ?title WHERE { ?citing cito:cites ?seed ; schema:name ?title .
                          ?seed schema:sameAs <https://doi.org/10.1038/nature17038> }
    ORDER BY ?title
    """
)
for (title,) in rows:
    print("cited by:", title)

print(rdfbib.serialize(dataset, "turtle").decode()[:400], "...")
