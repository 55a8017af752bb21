"""The namespaces rdfbib emits; only the mapper and the serialisers import this module."""

from __future__ import annotations

from rdflib import Namespace
from rdflib.namespace import DCTERMS, FOAF, PROV, RDF, RDFS, XSD

# http, as the official schema.org context, SciGraph and Wikidata use (not rdflib's https SDO).
SCHEMA = Namespace("http://schema.org/")
BIBO = Namespace("http://purl.org/ontology/bibo/")
CITO = Namespace("http://purl.org/spar/cito/")
JEL = Namespace("http://zbw.eu/beta/external_identifiers/jel#")

#: Prefixes bound in every output (Turtle writes only those it uses).
PREFIXES = {
    "schema": SCHEMA,
    "bibo": BIBO,
    "dcterms": DCTERMS,
    "foaf": FOAF,
    "cito": CITO,
    "prov": PROV,
    "rdf": RDF,
    "rdfs": RDFS,
    "xsd": XSD,
    "jel": JEL,
}

__all__ = ["BIBO", "CITO", "DCTERMS", "FOAF", "JEL", "PREFIXES", "PROV", "RDF", "RDFS", "SCHEMA", "XSD"]
