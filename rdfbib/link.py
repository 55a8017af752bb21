"""The link step: a work known only by a citation string meets the work's own record in a store.

A page's reference list names a cited work by its printed citation, and the mapper can only key such a
work by a hash of its first author's family name, year and title (``work/cite/{hash}``) or of its
journal, volume, page and year (``work/ref/{hash}``). When the cited work's own page is loaded too, it
is keyed by its handle or DOI, and the two nodes stay apart. This step reads the works of a store
(SPARQL SELECTs of one triple pattern each, on any store), matches them in Python by DOI, by RePEc
key, else by that family name, year and title (:func:`rdfbib.iris.fold` form: case, accents and punctuation gone), and states
``cited schema:sameAs record`` for each match in one graph of its own, ``{BASE}links``
(:func:`rdfbib.iris.links_graph`), replaced whole on every run: running it twice changes nothing,
and a link whose record is gone is gone after the next run.

Matching indexes every work under each of its keys and looks only inside a key's group, so it is
linear in the number of works. A work with a DOI (or RePEc key) never matches one with another DOI
(or RePEc key), whatever their titles say. Links go from works that are no record's own work to
records; records that share a DOI already meet through ``schema:sameAs <https://doi.org/...>``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from . import iris
from .identifiers import doi_iri_key, handle_key, normalize_doi
from .store import GraphData, Store
from .terms import BIBO, DCTERMS, FOAF, IRI, SCHEMA
from .writers import nt_lines


_FIRST = "/author/1"


@dataclass(slots=True)
class Candidate:
    """What the store says of one work node that can identify it."""

    iri: str
    record: bool = False  # the own work of a record graph ({BASE}record/{reader}/{key} for {BASE}work/{key})
    dois: set[str] = field(default_factory=set)  # lower-case, as in doi.org IRIs
    repec: set[str] = field(default_factory=set)  # RePEc keys as in work IRIs (encoded, lower-case)
    titles: set[str] = field(default_factory=set)
    years: set[str] = field(default_factory=set)
    family: str = ""  # the first author's family name

    def keys(self) -> Iterator[tuple[str, str]]:
        """Every key the work is indexed under: its DOIs, RePEc keys and family-year-title hashes."""
        for doi in self.dois:
            yield "doi", doi
        for key in self.repec:
            yield "repec", key
        if self.family:
            for year in self.years:
                for title in self.titles:
                    yield "cite", iris.digest(self.family, year, title)

    def conflicts(self, other: Candidate) -> bool:
        """Both have DOIs (or RePEc keys) and none in common: two works, however alike their titles."""
        return bool(self.dois and other.dois and not self.dois & other.dois) or bool(self.repec and other.repec and not self.repec & other.repec)


@dataclass(slots=True)
class LinkReport:
    """What a run found: works read, records among them, links stated, and the graph that holds them."""

    works: int
    records: int
    links: int
    graph: str

    def summary(self) -> str:
        return f"linked: {self.links} schema:sameAs links from works known by citation to their records (works {self.works}, records {self.records}; graph <{self.graph}>)"


def link(store: Store, base: str | None = None) -> LinkReport:
    """Match the works of ``store`` and replace ``{BASE}links`` with the ``schema:sameAs`` links found.

    :raises StoreError: the store failed a query or the write.
    """
    base = iris.resolve_base(base)
    candidates = read_candidates(store, base)
    links = match(candidates)
    graph = iris.links_graph(base)
    store.replace(GraphData(graph, [line.rstrip("\n") for line in nt_lines((IRI(a), SCHEMA.sameAs, IRI(b)) for a, b in links)], "link"))
    return LinkReport(len(candidates), sum(c.record for c in candidates.values()), len(links), graph)


def match(candidates: dict[str, Candidate]) -> list[tuple[str, str]]:
    """``(work, record)`` pairs, sorted: each work that is no record's own, and a record it shares a key with
    and does not conflict with. Linear: one pass to index, one over the groups of the index."""
    index: dict[tuple[str, str], list[Candidate]] = {}
    for candidate in candidates.values():
        for key in set(candidate.keys()):
            index.setdefault(key, []).append(candidate)
    links: set[tuple[str, str]] = set()
    for group in index.values():
        records = [c for c in group if c.record]
        if not records or len(records) == len(group):
            continue
        for work in group:
            if not work.record:
                links.update((work.iri, r.iri) for r in records if not work.conflicts(r))
    return sorted(links)


def read_candidates(store: Store, base: str) -> dict[str, Candidate]:
    """Every work node of the store (IRIs under ``{BASE}work/``) with its identifying facts, from six SELECTs."""
    works = f"{base}work/"
    repec = f"{works}repec/"
    found: dict[str, Candidate] = {}

    def get(iri: str) -> Candidate:
        candidate = found.get(iri)
        if candidate is None:
            candidate = found[iri] = Candidate(iri)
            if iri.startswith(repec):
                candidate.repec.add(iri[len(repec) :])
        return candidate

    records = f"{base}record/"
    under = f'FILTER(STRSTARTS(STR(?w), "{works}"))'

    def stated(prop: str) -> Iterator[tuple[Candidate, str]]:
        """Each work's values of ``prop``; a work stated in its own record graph ({BASE}record/{reader}/{key}
        for {BASE}work/{key}) is that record's work: a record states its title, handle or DOI."""
        for g, w, value in _rows(store, f'SELECT DISTINCT ?g ?w ?v WHERE {{ GRAPH ?g {{ ?w <{prop}> ?v }} {under} }}'):
            candidate = get(w)
            if g.startswith(records) and g[len(records) :].partition("/")[2] == w[len(works) :]:
                candidate.record = True
            yield candidate, value

    for candidate, title in stated(DCTERMS.title):
        candidate.titles.add(title)
    for candidate, doi in stated(BIBO.doi):
        normal = normalize_doi(doi)
        if normal:
            candidate.dois.add(doi_iri_key(normal))
    for candidate, handle in stated(DCTERMS.identifier):
        key = handle_key(handle)
        if key:
            candidate.repec.add(iris.encode(key))
    for w, issued in _rows(store, f"SELECT DISTINCT ?w ?d WHERE {{ ?w <{DCTERMS.issued}> ?d {under} }}"):
        if issued[:4].isdigit():
            get(w).years.add(issued[:4])
    # The first author is {work}/author/1 (DESIGN.md's IRIs): one pattern a query, as joins over the union of
    # record graphs multiply the copies of a shared node's triples in stores that answer with bags.
    first = f'FILTER(STRSTARTS(STR(?a), "{works}") && STRENDS(STR(?a), "{_FIRST}"))'
    names: dict[str, str] = {}
    families: dict[str, str] = {}
    for values, prop in ((names, FOAF.name), (families, FOAF.familyName)):
        for a, value in _rows(store, f"SELECT DISTINCT ?a ?v WHERE {{ ?a <{prop}> ?v {first} }}"):
            values[a] = min(value, values.get(a, value))  # the same one whatever order the store answers in
    for a, name in names.items():
        candidate = found.get(a[: -len(_FIRST)])
        if candidate is not None:
            candidate.family = iris.family_name(name, families.get(a))
    return found


def _rows(store: Store, query: str) -> Iterable[list[str]]:
    """The rows of a SELECT as the values of their terms (an unbound one is ``""``)."""
    for row in store.query(query).rows:
        yield [term.value if term is not None else "" for term in row]  # type: ignore[union-attr]
