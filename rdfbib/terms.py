"""Light RDF terms for the mapper and the streaming writers.

rdflib terms cost a microsecond or more each to create (Literal validates and casts its value), and
a typical IDEAS page yields thousands of triples. The mapper therefore builds these plain ``str`` /
tuple terms; :func:`to_rdflib` turns them into rdflib terms only when a caller wants an
``rdflib.Dataset``, and the writers in :mod:`rdfbib.writers` format them directly.
"""

from __future__ import annotations

from typing import Any, NamedTuple, Union

from . import vocab


class IRI(str):
    """An IRI (already valid: minted by :mod:`rdfbib.iris` or checked by ``iris.web_iri``)."""

    __slots__ = ()


class BlankNode(str):
    """A blank node label; rdfbib never mints one, but datasets given to the writers may hold them."""

    __slots__ = ()


class Lit(NamedTuple):
    """A literal: its lexical form, datatype IRI (``None`` for a plain string) and language tag."""

    value: str
    datatype: str | None = None
    language: str | None = None


Term = Union[IRI, BlankNode, Lit]
Triple = tuple[IRI, IRI, Term]


class Vocabulary:
    """A namespace whose attributes are :class:`IRI` terms, cached on first use (``SCHEMA.name``).

    Not a ``str`` subclass, so term names that are also ``str`` methods (``DCTERMS.title``) work.
    """

    def __init__(self, base: str) -> None:
        self._base = str(base)

    def __getattr__(self, name: str) -> IRI:
        if name.startswith("_"):
            raise AttributeError(name)
        term = IRI(self._base + name)
        setattr(self, name, term)
        return term

    def __str__(self) -> str:
        return self._base

    def member(self, n: int) -> IRI:
        """``rdf:_n``, the n-th member of a container."""
        return IRI(f"{self._base}_{n}")


SCHEMA = Vocabulary(vocab.SCHEMA)
BIBO = Vocabulary(vocab.BIBO)
CITO = Vocabulary(vocab.CITO)
DCTERMS = Vocabulary(vocab.DCTERMS)
FOAF = Vocabulary(vocab.FOAF)
JEL = Vocabulary(vocab.JEL)
PROV = Vocabulary(vocab.PROV)
RDF = Vocabulary(vocab.RDF)
XSD = Vocabulary(vocab.XSD)

_XSD_STRING = str(XSD.string)


def to_rdflib(term: Term) -> Any:
    """The rdflib term for a light term."""
    from rdflib import BNode, Literal, URIRef

    if isinstance(term, Lit):
        if term.language:
            return Literal(term.value, lang=term.language)
        return Literal(term.value, datatype=URIRef(term.datatype) if term.datatype else None)
    if isinstance(term, BlankNode):
        return BNode(term)
    return URIRef(term)


def from_rdflib(term: Any) -> Term:
    """The light term for an rdflib term (so datasets built elsewhere go through the same writers)."""
    from rdflib import BNode, Literal

    if isinstance(term, Literal):
        datatype = str(term.datatype) if term.datatype and str(term.datatype) != _XSD_STRING else None
        return Lit(str(term), datatype, term.language)
    if isinstance(term, BNode):
        return BlankNode(term)
    return IRI(term)
