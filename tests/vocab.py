"""Which terms a graph uses that rdfbib does not describe, and whether a term exists in its vocabulary.

Two checks, so that the first runs everywhere:

- :func:`unknown_terms`: every class and property a graph uses must be described in rdfbib's own
  application profile, ``ontology/rdfbib.ttl`` (in the repository), so the mapper and output tests
  run on a fresh clone with no ``../shared``;
- :func:`exists`: a term is defined by its vocabulary. schema.org v30, BIBO 1.3 and CiTO are read
  from the shared vocabulary files (``../shared/vocab``, parsed once; they are third-party files, never
  copied into the repository); DCTERMS, FOAF, PROV, RDF, RDFS and XSD are checked against rdflib's
  closed namespace definitions. tests/test_ontology.py checks the profile this way, and skips that
  check when ``../shared`` is absent.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import pyoxigraph
import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS, FOAF, PROV, RDF, RDFS, XSD, DefinedNamespace

#: The read-only shared folder next to the repository (DESIGN.md, corpus, vocabularies).
SHARED = Path(__file__).resolve().parents[2] / "shared"
VOCAB = SHARED / "vocab"
#: rdfbib's application profile: every class and property its output uses, described.
PROFILE = Path(__file__).resolve().parents[1] / "ontology" / "rdfbib.ttl"

SCHEMA_NS = "http://schema.org/"
BIBO_NS = "http://purl.org/ontology/bibo/"
CITO_NS = "http://purl.org/spar/cito/"

#: Namespaces whose terms are looked up in the shared vocabulary files.
FILE_NAMESPACES = (SCHEMA_NS, BIBO_NS, CITO_NS)
#: Namespaces whose terms are looked up in rdflib's definitions.
RDFLIB_NAMESPACES: tuple[type[DefinedNamespace], ...] = (DCTERMS, FOAF, PROV, RDF, RDFS, XSD)
#: Every namespace whose terms :func:`exists` can decide.
VOCAB_NAMESPACES = FILE_NAMESPACES + tuple(str(ns) for ns in RDFLIB_NAMESPACES)

_RDF_TYPE = pyoxigraph.NamedNode(str(RDF.type))
# rdf:_1, rdf:_2, ...: container membership properties are infinitely many, so never listed.
_MEMBERSHIP = re.compile(r"_[1-9][0-9]*")
_SCHEMA_HTTPS = "https://schema.org/"


def skip_without_shared() -> None:
    """Skip the calling test when ``../shared/vocab`` is absent (e.g. a checkout on its own)."""
    if not VOCAB.is_dir():
        pytest.skip(f"shared vocabularies not found at {VOCAB}")


#: The same as a marker, for whole tests or modules.
requires_shared = pytest.mark.skipif(not VOCAB.is_dir(), reason=f"shared vocabularies not found at {VOCAB}")


def normalise(iri: str) -> str:
    """schema.org terms under ``http://schema.org/``, the form rdfbib emits (some releases use https)."""
    if iri.startswith(_SCHEMA_HTTPS):
        return SCHEMA_NS + iri[len(_SCHEMA_HTTPS) :]
    return iri


@lru_cache(maxsize=1)
def defined_terms() -> frozenset[str]:
    """Every schema.org, BIBO and CiTO IRI that its vocabulary file gives a type (class, property, member).

    Parsed with pyoxigraph (the schema.org file is 1 MB) and cached for the session. Skips the
    calling test when the shared vocabularies are absent, so every user of :func:`exists` and
    :func:`unknown_terms` skips cleanly instead of failing on an empty vocabulary.
    """
    skip_without_shared()
    terms: set[str] = set()
    for path in sorted(VOCAB.glob("*.ttl")):
        with path.open("rb") as handle:
            for quad in pyoxigraph.parse(handle, format=pyoxigraph.RdfFormat.TURTLE):
                if quad.predicate == _RDF_TYPE and isinstance(quad.subject, pyoxigraph.NamedNode):
                    iri = normalise(quad.subject.value)
                    if iri.startswith(FILE_NAMESPACES):
                        terms.add(iri)
    return frozenset(terms)


def in_vocab_namespace(term: str) -> bool:
    """Whether ``term`` is in a namespace whose terms can be checked here."""
    return normalise(str(term)).startswith(VOCAB_NAMESPACES)


def exists(term: str) -> bool:
    """Whether ``term`` is defined by its vocabulary; False for IRIs outside :data:`VOCAB_NAMESPACES`."""
    iri = normalise(str(term))
    if iri.startswith(FILE_NAMESPACES):
        return iri in defined_terms()
    if iri.startswith(str(RDF) + "_"):
        return bool(_MEMBERSHIP.fullmatch(iri[len(str(RDF)) :]))
    for namespace in RDFLIB_NAMESPACES:
        # Checked by prefix first: DefinedNamespace.__contains__ tests a foreign IRI as a local name.
        if iri.startswith(str(namespace)) and iri in namespace:
            return True
    return False


@lru_cache(maxsize=1)
def profile_terms() -> frozenset[str]:
    """Every term ``ontology/rdfbib.ttl`` describes (its subjects)."""
    with PROFILE.open("rb") as handle:
        return frozenset(q.subject.value for q in pyoxigraph.parse(handle, format=pyoxigraph.RdfFormat.TURTLE) if isinstance(q.subject, pyoxigraph.NamedNode))


def described(term: str) -> bool:
    """Whether the profile describes ``term``; ``rdf:type`` and ``rdf:_1``, ``rdf:_2``, ... need no description."""
    iri = str(term)
    if iri == str(RDF.type) or (iri.startswith(str(RDF) + "_") and _MEMBERSHIP.fullmatch(iri[len(str(RDF)) :])):
        return True
    return iri in profile_terms()


def unknown_terms(graph: Graph) -> set[URIRef]:
    """Every predicate and every ``rdf:type`` object of ``graph`` that rdfbib's profile does not describe."""
    used = set(graph.predicates(unique=True)) | set(graph.objects(None, RDF.type, unique=True))
    return {term for term in used if isinstance(term, URIRef) and not described(term)}
