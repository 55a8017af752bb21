"""HTML pages a person reads: a work, a person, an organisation, a journal or series, any other node,
and the home page (counts and a title search). Each reads the union graph, so each fact shows once.

The pages gather plain dicts here and the Jinja2 templates in ``templates/`` lay them out (escaped).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pyoxigraph as ox
from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.responses import HTMLResponse

from ..vocab import BIBO, DCTERMS, FOAF, RDF, SCHEMA
from .cite import bibtex, ris
from .graph import ServedGraph

#: Types whose nodes get a journal or series page.
SERIES_TYPES = {str(SCHEMA.Periodical), str(SCHEMA.CreativeWorkSeries), str(BIBO.Journal), str(BIBO.Series)}
#: Types of the parts of a journal between it and a work.
PART_TYPES = {str(SCHEMA.PublicationIssue), str(SCHEMA.PublicationVolume)}
#: Search answers shown at most.
SEARCH_ROWS = 100
#: Works the home page lists (by title) when nothing is searched.
HOME_WORKS = 50
#: What the home page counts: label -> type.
COUNTED = {
    "Works": [str(SCHEMA.ScholarlyArticle), str(SCHEMA.Report), str(SCHEMA.Chapter), str(SCHEMA.Book), str(SCHEMA.Thesis), str(SCHEMA.SoftwareSourceCode), str(SCHEMA.Dataset), str(SCHEMA.CreativeWork)],
    "Persons": [str(SCHEMA.Person)],
    "Organisations": [str(SCHEMA.Organization)],
    "Journals": [str(SCHEMA.Periodical)],
    "Series": [str(SCHEMA.CreativeWorkSeries)],
}


class Pages:
    """Renders the pages of one served store."""

    def __init__(self, graph: ServedGraph, base: str) -> None:
        self.graph = graph
        self.base = base
        self.env = Environment(loader=FileSystemLoader(Path(__file__).with_name("templates")), autoescape=select_autoescape(default=True))
        self.records = _record_nodes(graph, base)
        # The store is read as it was at the start, so what the home page shows is found once.
        self.counts = {label: len({s for t in types for s in graph.subjects(str(RDF.type), t)}) for label, types in COUNTED.items()}
        self.listed = self._works()[:HOME_WORKS]

    def _render(self, template: str, **context: Any) -> HTMLResponse:
        return HTMLResponse(self.env.get_template(template).render(root=self.base, **context))

    def home(self, query: str) -> HTMLResponse:
        works = self.search(query) if query.strip() else self.listed
        return self._render("home.html", title="Bibliographic linked data", counts=self.counts, query=query, works=works)

    def sparql_form(self) -> HTMLResponse:
        """The endpoint's page for people: a form that sends a query by GET."""
        return self._render("sparql.html", title="SPARQL endpoint", example="SELECT ?work ?title WHERE {\n  ?work <http://purl.org/dc/terms/title> ?title\n} LIMIT 10")

    def _works(self) -> list[dict[str, str]]:
        """Works with records of their own, by title."""
        found = [self.link(w) for w in self.records if w.startswith(self.base + "work/")]
        return sorted(found, key=lambda w: (w["label"].casefold(), w["iri"]))

    def search(self, query: str) -> list[dict[str, str]]:
        """Works whose title holds ``query`` (ignoring case), by title, at most :data:`SEARCH_ROWS` (a scan
        of the titles: fine for the stores one machine serves, a full-text index would be the next step)."""
        needle = query.strip().casefold()
        hits = {t.subject.value for t in self.graph.triples(None, str(DCTERMS.title)) if needle in t.object.value.casefold()}
        return sorted((self.link(w) for w in hits), key=lambda w: (w["label"].casefold(), w["iri"]))[:SEARCH_ROWS]

    def link(self, iri: str) -> dict[str, Any]:
        """A node as a link: its label, and its own page (a work known by a citation links to its record's
        work; a work without a record of its own is not linked)."""
        target = self.record_of(iri) or iri
        linked = target in self.records or not target.startswith(self.base + "work/")  # journals, persons, organisations: always
        return {"iri": target, "label": self.graph.label(iri) or self.graph.label(target) or iri, "linked": linked}

    def record_of(self, iri: str) -> str | None:
        """The node with a record of its own that ``iri`` is, or is the same as (``rdfbib link``'s sameAs)."""
        if iri in self.records:
            return iri
        return next((o.value for o in self.graph.objects(iri, str(SCHEMA.sameAs)) if o.value in self.records), None)

    def node(self, iri: str) -> HTMLResponse:
        types = self.graph.types(iri)
        if types & SERIES_TYPES:
            return self._render("series.html", **self.series(iri))
        if str(SCHEMA.Person) in types:
            return self._render("person.html", **self.person(iri))
        if str(SCHEMA.Organization) in types:
            return self._render("organisation.html", **self.organisation(iri))
        if self.graph.value(iri, str(DCTERMS.title)) or self.graph.objects(iri, str(BIBO.authorList)):
            return self._render("work.html", **self.work(iri))
        return self._render("node.html", **self.other(iri))

    # -- the parts of pages --------------------------------------------------------------------------

    def _values(self, iri: str, predicate: Any) -> list[str]:
        return [o.value for o in self.graph.objects(iri, str(predicate))]

    def authors(self, work: str) -> list[dict[str, Any]]:
        """The work's authors in order (its author list), each with affiliations and other works."""
        lists = self.graph.objects(work, str(BIBO.authorList))
        if lists:
            members = [(t.predicate.value, t.object.value) for t in self.graph.triples(lists[0].value) if t.predicate.value.startswith(str(RDF) + "_")]
            ordered = [iri for _, iri in sorted(members, key=lambda m: int(m[0].rsplit("_", 1)[1]))]
        else:
            ordered = self._values(work, SCHEMA.author)
        return [self.author(a, work) for a in ordered]

    def author(self, node: str, work: str | None = None) -> dict[str, Any]:
        same = self._values(node, SCHEMA.sameAs)
        person = next((p for s in same for p in self.graph.subjects(str(SCHEMA.sameAs), s) if p in self.records), None)
        return {
            **self.link(node),
            "iri": person or node,
            "affiliations": [self.link(o) for o in self._values(node, SCHEMA.affiliation)],
            "others": [w for w in self.works_of(node) if w["iri"] != work],
            "same": same,
        }

    def works_of(self, person: str) -> list[dict[str, str]]:
        """Works by this person: by this node, by every author node the same as it (a RePEc author
        profile), and those a person record claims (foaf:made)."""
        nodes = {person} | {n for s in self._values(person, SCHEMA.sameAs) for n in self.graph.subjects(str(SCHEMA.sameAs), s)}
        works = {w for n in nodes for w in self.graph.subjects(str(SCHEMA.author), n)}
        works |= {w for n in nodes for w in self._values(n, FOAF.made)}
        return sorted((self.link(w) for w in works), key=lambda w: (w["label"].casefold(), w["iri"]))

    def container(self, work: str) -> dict[str, Any]:
        """Journal, volume, issue or series and number, from the work up its isPartOf chain."""
        found: dict[str, Any] = {"number": self.graph.value(work, str(SCHEMA.reportNumber))}
        todo, seen = self._values(work, SCHEMA.isPartOf), set()
        while todo:
            part = todo.pop()
            if part in seen:
                continue
            seen.add(part)
            types = self.graph.types(part)
            if str(SCHEMA.PublicationIssue) in types:
                found["issue"] = self.graph.value(part, str(SCHEMA.issueNumber))
            elif str(SCHEMA.PublicationVolume) in types:
                found["volume"] = self.graph.value(part, str(SCHEMA.volumeNumber))
            elif types & SERIES_TYPES:
                found.setdefault("series", []).append(self.link(part))
            elif str(SCHEMA.Book) in types:
                found["book"] = self.link(part)
            todo += self._values(part, SCHEMA.isPartOf)
        return found

    def work(self, iri: str) -> dict[str, Any]:
        graph = self.graph
        cited = [self.link(w) for w in self._values(iri, SCHEMA.citation)]
        same = {iri} | {s for s in self._values(iri, SCHEMA.sameAs) if s.startswith(self.base)} | set(graph.subjects(str(SCHEMA.sameAs), iri))
        citing = {c for node in same for c in graph.subjects(str(SCHEMA.citation), node)} - {iri}
        downloads = [
            {"url": graph.value(m, str(SCHEMA.contentUrl)), "format": graph.value(m, str(SCHEMA.encodingFormat)), "description": graph.value(m, str(SCHEMA.description))}
            for m in self._values(iri, SCHEMA.encoding)
        ]
        subjects = [{"code": graph.value(s, str(SCHEMA.termCode)), "label": graph.label(s)} for s in self._values(iri, SCHEMA.about)]
        context = {
            "iri": iri,
            "title": graph.label(iri) or graph.value(iri, str(DCTERMS.title)) or iri,
            "authors": self.authors(iri),
            "container": self.container(iri),
            "pages": graph.value(iri, str(SCHEMA.pagination)),
            "date": graph.value(iri, str(SCHEMA.datePublished)),
            "dois": self._values(iri, BIBO.doi),
            "handles": [h for h in self._values(iri, DCTERMS.identifier) if h.startswith("RePEc:")],
            "urls": self._values(iri, SCHEMA.url),
            "abstract": graph.value(iri, str(SCHEMA.abstract)),
            "downloads": [d for d in downloads if d["url"]],
            "subjects": sorted(subjects, key=lambda s: (s["code"] or "", s["label"] or "")),
            "keywords": self._values(iri, SCHEMA.keywords),
            "references": sorted(cited, key=lambda w: (w["label"].casefold(), w["iri"])),
            "citing": sorted((self.link(c) for c in citing), key=lambda w: (w["label"].casefold(), w["iri"])),
            "versions": [self.link(v) for v in self._values(iri, SCHEMA.workExample)],
        }
        context["bibtex"], context["ris"] = bibtex(context), ris(context)
        return context

    def person(self, iri: str) -> dict[str, Any]:
        return {"iri": iri, "title": self.graph.label(iri) or iri, **self.author(iri), "works": self.works_of(iri)}

    def organisation(self, iri: str) -> dict[str, Any]:
        members = sorted({a for a in self.graph.subjects(str(SCHEMA.affiliation), iri)})
        return {
            "iri": iri,
            "title": self.graph.label(iri) or iri,
            "same": self._values(iri, SCHEMA.sameAs),
            "parents": [self.link(p) for p in self._values(iri, SCHEMA.parentOrganization)],
            "members": sorted((self.author(m) for m in members), key=lambda m: (m["label"].casefold(), m["iri"])),
            "published": sorted((self.link(w) for w in self.graph.subjects(str(SCHEMA.publisher), iri)), key=lambda w: (w["label"].casefold(), w["iri"])),
        }

    def series(self, iri: str) -> dict[str, Any]:
        """A journal or series and its works (directly, or through its volumes and issues)."""
        parts, todo = set(), [iri]
        while todo:
            node = todo.pop()
            for child in self.graph.subjects(str(SCHEMA.isPartOf), node):
                if child not in parts:
                    parts.add(child)
                    todo.append(child)
        works = [self.link(p) for p in parts if not self.graph.types(p) & PART_TYPES]
        return {
            "iri": iri,
            "title": self.graph.label(iri) or iri,
            "issns": self._values(iri, SCHEMA.issn),
            "publishers": [self.link(p) for p in self._values(iri, SCHEMA.publisher)],
            "works": sorted(works, key=lambda w: (w["label"].casefold(), w["iri"])),
        }

    def other(self, iri: str) -> dict[str, Any]:
        """Any other node: its statements as a table."""
        rows = [{"predicate": t.predicate.value, "object": self.link(t.object.value) if isinstance(t.object, ox.NamedNode) else {"label": t.object.value}} for t in self.graph.describe(iri) if t.subject.value == iri]
        return {"iri": iri, "title": self.graph.label(iri) or iri, "rows": rows}


def _record_nodes(graph: ServedGraph, base: str) -> set[str]:
    """The nodes that have records of their own: graph ``{base}record/{reader}/{key}`` is the record of
    ``{base}work/{key}`` (a page) or ``{base}{key}`` (a ReDIF series, person or organisation)."""
    prefix = base + "record/"
    nodes = set()
    for name in graph.graph_names():
        if name.startswith(prefix):
            key = name[len(prefix) :].partition("/")[2]
            for candidate in (base + "work/" + key, base + key):
                if graph.has(candidate):
                    nodes.add(candidate)
    return nodes
