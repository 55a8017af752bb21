"""Deterministic IRIs under a configurable base: the only module that mints them.

Every node gets an IRI derived from identifiers printed on the page (never a blank node, never a
counter across pages), so the same page always yields the same bytes and loading twice adds nothing.
"""

from __future__ import annotations

import hashlib
import os
import re
import unicodedata
from collections.abc import Callable
from functools import cache, lru_cache

from .errors import SettingError
from .identifiers import doi_iri_key, handle_key, normalize_doi, normalize_issn, url_key
from .model import Entity, Organization, Person, Series, Work

DEFAULT_BASE = "urn:rdfbib:"

# Everything but RFC 3986 unreserved characters, sub-delims, ":", "@" and "/" is percent-encoded,
# non-ASCII included: the result is a valid IRI and URI whatever a page contains.
_SAFE = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~!$&'()*+,;=:@/")
_SEGMENT_SAFE = _SAFE - frozenset(b"/")
# Link parts (RFC 3986 3.2-3.5): "?" is data after the path; "[" and "]" only delimit an IP literal host.
_TAIL_SAFE = _SAFE | frozenset(b"?")
_HOST_SAFE = _SAFE - frozenset(b"/:@")
_USERINFO_SAFE = _SAFE - frozenset(b"/@")
_IP_LITERAL = re.compile(r"\[(?:[0-9A-Fa-f:.]+|v[0-9A-Fa-f]+\.[A-Za-z0-9\-._~!$&'()*+,;=:]+)\]")
_PORT = re.compile(r":[0-9]*")
_PCT = re.compile(r"%[0-9A-Fa-f]{2}")
_PUNCT = re.compile(r"[^\w\s]|_", re.UNICODE)
_SPACES = re.compile(r"\s+")
_BASE_OK = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:\S*$")
#: Longest link kept as an IRI (longer ones are no usable link, and stores choke on them).
MAX_URL = 8192
#: Longest encoded identifier an IRI is minted from; a longer one is junk and the next key is used.
MAX_KEY = 1024


def resolve_base(base: str | None = None) -> str:
    """The base in force: the argument, else ``RDFBIB_BASE``, else ``urn:rdfbib:``.

    :raises SettingError: the base is not an absolute IRI (a ValueError too).
    """
    value = base or os.environ.get("RDFBIB_BASE") or DEFAULT_BASE
    if not _BASE_OK.match(value) or any(c in value for c in '<>"{}|\\^`'):
        raise SettingError(f"{value!r} is not an absolute IRI (e.g. https://example.org/bib/ or urn:rdfbib:)", source="base")
    if not value.endswith(("/", ":", "#")):
        value += "/"
    return value


def encode(segment: str, *, keep_slash: bool = True) -> str:
    """Percent-encode a path segment so any page text yields a valid IRI (``%`` escapes kept).

    A segment made only of dots (``.``, ``..``, ``...``) would be a dot segment, which resolving or
    normalising the IRI (RFC 3986 5.2.4, 6.2.2.3) removes together with the segment before it: a DOI
    ``10.9999/../../provenance`` would name another node. Each of its dots becomes ``%252E``: a plain
    ``%2E`` is decoded back to a dot by percent-encoding normalisation (RFC 3986 6.2.2.2) and by
    WHATWG URL parsers, an encoded ``%`` is not. Dots inside a segment (``10.1016``, ``a..b``) stay.

    >>> encode("v3(2)<x> y")
    'v3(2)%3Cx%3E%20y'
    >>> encode("10.9999/../x/."), encode("..", keep_slash=False)
    ('10.9999/%252E%252E/x/%252E', '%252E%252E')
    """
    encoded = _encode(segment, _SAFE if keep_slash else _SEGMENT_SAFE)
    return _DOT_SEGMENT.sub(_escape_dots, encoded) if "." in encoded else encoded


_DOT_SEGMENT = re.compile(r"(?:^|(?<=/))\.+(?=/|$)")


def _escape_dots(match: re.Match[str]) -> str:
    return "%252E" * len(match.group(0))


def _encode(text: str, safe: frozenset[int]) -> str:
    if _all_safe(safe)(text):
        return text  # the common case: nothing to escape
    out = []
    pos = 0
    for match in _PCT.finditer(text):
        out.append(_encode_plain(text[pos : match.start()], safe))
        out.append(match.group(0).upper())
        pos = match.end()
    out.append(_encode_plain(text[pos:], safe))
    return "".join(out)


@cache
def _all_safe(safe: frozenset[int]) -> Callable[[str], re.Match[str] | None]:
    """A matcher for text made only of ``safe`` characters (the fast path of :func:`_encode`)."""
    return re.compile("[" + re.escape(bytes(sorted(safe)).decode("ascii")) + "]*").fullmatch


def _encode_plain(text: str, safe: frozenset[int]) -> str:
    return "".join(chr(b) if b in safe else f"%{b:02X}" for b in text.encode("utf-8", "surrogatepass"))


#: Distinct values the pure helpers below remember: a record's links are checked by ``page.limit_record`` and
#: again by the mapper, and a series' publisher name recurs in each of its items.
_REMEMBERED = 4096


@lru_cache(maxsize=_REMEMBERED)
def web_iri(url: str | None) -> str | None:
    """A page's http(s) link as a valid IRI (unsafe characters percent-encoded); other schemes give ``None``.

    The authority is checked part by part (RFC 3986 3.2): a link with no host, a port that is not
    digits or a broken ``[IP literal]`` is no usable link and gives ``None``; brackets elsewhere are
    encoded.

    >>> web_iri("https://ex.org/a b?q=<1>#f#g")
    'https://ex.org/a%20b?q=%3C1%3E#f%23g'
    >>> web_iri("javascript:alert(1)") is None
    True
    >>> web_iri("http://[") is None, web_iri("http://ex.org:80a/") is None, web_iri("http://[::1]:8080/[x]")
    (True, True, 'http://[::1]:8080/%5Bx%5D')
    """
    if not url or len(url) > MAX_URL:
        return None
    scheme, sep, rest = url.strip().partition("://")
    if not sep or scheme.lower() not in ("http", "https"):
        return None
    end = min((i for i in (rest.find("/"), rest.find("?"), rest.find("#")) if i >= 0), default=len(rest))
    authority = _authority(rest[:end])
    if authority is None:
        return None
    before, hash_, fragment = rest[end:].partition("#")
    encoded = authority + _encode(before, _TAIL_SAFE)
    if hash_:
        encoded += "#" + _encode(fragment, _TAIL_SAFE)
    return f"{scheme.lower()}://{encoded}"


def _authority(text: str) -> str | None:
    """``[userinfo@]host[:port]`` with unsafe characters encoded, or ``None`` when it names no host."""
    userinfo, at, hostport = text.rpartition("@")
    if hostport.startswith("["):
        close = hostport.find("]") + 1
        host, port = hostport[:close], hostport[close:]
        if not close or not _IP_LITERAL.fullmatch(host):
            return None
    else:
        host, colon, port = hostport.partition(":")
        port = colon + port
        if not host.strip():
            return None
        host = _encode(host, _HOST_SAFE)
    if port and not _PORT.fullmatch(port):
        return None
    return (_encode(userinfo, _USERINFO_SAFE) + "@" if at else "") + host + port


@lru_cache(maxsize=_REMEMBERED)
def fold(text: str) -> str:
    """Case-folded, accent- and punctuation-free text: the comparison form behind name hashes."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return _SPACES.sub(" ", _PUNCT.sub(" ", text.casefold())).strip()


def digest(*parts: str) -> str:
    """16 hex characters of the SHA-1 of the folded parts joined by ``|``."""
    return hashlib.sha1("|".join(fold(p) for p in parts).encode("utf-8")).hexdigest()[:16]


def family_name(name: str, family: str | None) -> str:
    """The family name for hashing: the split one, else the last word of the printed name."""
    if family:
        return family
    words = fold(name).split()
    return words[-1] if words else ""


def work_key(work: Work) -> str:
    """``repec/{key}``, else ``doi/{doi}``, else (no title) ``ref/{hash}`` of journal, volume, first page and
    year, else ``cite/{hash}`` (first author's family name, year, title)."""
    key = repec_key(work)
    if key and len(key) <= MAX_KEY:
        return "repec/" + encode(key)
    doi = normalize_doi(work.doi)
    if doi and len(doi) <= MAX_KEY:
        return "doi/" + encode(doi_iri_key(doi))
    located = reference_key(work)
    if located:
        return "ref/" + located
    first = work.authors[0] if work.authors else None
    family = family_name(first.name, first.family) if first else ""
    year = str(work.date.year) if work.date else ""
    title = work.title or work.citation or ""
    return "cite/" + digest(family, year, title)


def repec_key(work: Work) -> str | None:
    """The work's RePEc key ``archive/series/item``: its own, else from its handle, else from its IDEAS or
    EconPapers address."""
    return work.repec_key or handle_key(work.handle) or url_key(work.url)


def repec_series(work: Work) -> str | None:
    """``archive/series`` of a RePEc work's key: the one key of its journal or series, whatever name the
    page prints for it (an IDEAS text page or an EconPapers page may name one journal two ways)."""
    key = repec_key(work)
    return "/".join(key.split("/", 2)[:2]) if key else None


def reference_key(work: Work) -> str | None:
    """16 hex of journal (name, else ISSN), volume, first page and year, for a cited work printed without a
    title (physics and chemistry style: "Chem. Phys. Lett. 94, 443 (1983)"); ``None`` when the work has a
    title or one of the four is missing. The same reference met on two pages gets one IRI.
    """
    if (work.title or "").strip() or work.container is None or work.date is None or not work.volume or not (work.pages and work.pages.start):
        return None
    journal = work.container.name or next((i for i in map(normalize_issn, work.container.issn) if i), None)
    if not journal or not fold(journal):
        return None
    return digest(journal, work.volume, work.pages.start, str(work.date.year))


def links_graph(base: str | None = None) -> str:
    """``{BASE}links``: the one graph the link step (:mod:`rdfbib.link`) states its ``schema:sameAs`` links in."""
    return f"{resolve_base(base)}links"


def series_iri_key(handle: str | None, issn: list[str], name: str | None) -> str | None:
    """``repec/{archive}/{series}``, else ``issn/{issn}``, else ``name/{hash}``; ``None`` with nothing to go on."""
    if handle and len(handle) <= MAX_KEY:
        return "repec/" + encode(handle.lower())
    for value in issn:
        normal = normalize_issn(value)
        if normal:
            return "issn/" + normal
    if name and fold(name):
        return "name/" + digest(name)
    return None


def org_name_key(name: str) -> str:
    """``name/{hash}`` of an organisation name."""
    return "name/" + digest(name)


# -- records that are not works (ReDIF series, archives, RAS persons, EDIRC institutions) -------------


def edirc_key(code: str) -> str:
    """``edirc/{code}``: an EDIRC institution (``{BASE}org/edirc/{code}``)."""
    return "edirc/" + encode(code.lower(), keep_slash=False)


def person_key(short_id: str) -> str:
    """``repec/{short-id}``: a registered RePEc author (``{BASE}person/repec/{short-id}``)."""
    return "repec/" + encode(short_id.lower(), keep_slash=False)


def organization_key(org: Organization) -> str | None:
    """``repec/{archive}``, else ``edirc/{code}``, else ``name/{hash}`` of the names from the top level down.

    A level with no code of its own is keyed by its whole chain of names, so two universities'
    "Department of Economics" stay two nodes while a top level named alone is the same node as a
    publisher of that name (:func:`org_name_key`).
    """
    if org.archive:
        return "repec/" + encode(org.archive.lower(), keep_slash=False)
    if org.edirc:
        return edirc_key(org.edirc)
    names: list[str] = []
    level: Organization | None = org
    while level is not None:
        names.append(level.name or level.name_english or "")
        level = level.parent
    if not any(fold(name) for name in names):
        return None
    return "name/" + digest(*reversed(names))


def entity_key(entity: Entity) -> str:
    """The IRI of a series, person or organisation record below the base, which is also its record key.

    ``series/repec/{archive}/{series}``, ``person/repec/{short-id}``, ``org/repec/{archive}`` or
    ``org/edirc/{code}``. Work keys start with ``repec/``, ``doi/`` or ``cite/``, so the record graph
    ``{BASE}record/redif/{key}`` of an entity never names a work's graph.
    """
    if isinstance(entity, Series):
        return "series/" + (series_iri_key(entity.key, entity.issn, entity.name) or "")
    if isinstance(entity, Person):
        return "person/" + person_key(entity.short_id)
    return "org/" + (organization_key(entity) or "")
