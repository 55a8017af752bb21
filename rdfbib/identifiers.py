"""Identifier normalisation: DOI, RePEc handle/key, ISSN, ORCID, EDIRC, RAS, JEL.

Every function takes what a page printed and returns the canonical form, or ``None`` when
the value is not a valid identifier of that kind: callers never mint IRIs from junk.
"""

from __future__ import annotations

import re
from urllib.parse import unquote

from .text import clean

_DOI_PREFIX = re.compile(
    r"^(?:doi\s*:\s*|(?:https?://)?(?:dx\.|www\.)?doi\.org/|info:doi/|urn:doi:)+", re.IGNORECASE
)
_DOI = re.compile(r"^10\.\d{4,9}/\S+$")
_DOI_IN_TEXT = re.compile(r"\b10\.\d{4,9}/[^\s\"<>]+")


def normalize_doi(value: str | None) -> str | None:
    """The bare DOI ``10.prefix/suffix`` (case kept), or ``None`` when it is not one.

    Strips ``doi:``, resolver URLs and URL escapes, and a trailing sentence full stop.

    >>> normalize_doi("https://doi.org/10.1038%2Fnature17038")
    '10.1038/nature17038'
    >>> normalize_doi("euclid.aoas/1391109086") is None
    True
    """
    if not value:
        return None
    doi = value.strip()
    for _ in range(3):
        stripped = _DOI_PREFIX.sub("", doi).strip()
        decoded = unquote(stripped) if "%" in stripped else stripped
        if decoded == doi:
            break
        doi = decoded
    doi = (clean(doi) or "").rstrip(".,;")
    return doi if _DOI.match(doi) else None


def find_doi(text: str) -> str | None:
    """The first DOI inside running text or a URL (``https://libkey.io/10.1038/x?utm=...``)."""
    match = _DOI_IN_TEXT.search(text)
    if not match:
        return None
    return normalize_doi(re.split(r"[?#]", match.group(0))[0])


def doi_iri_key(doi: str) -> str:
    """The DOI as it appears in IRIs: lower-case (DOIs are case-insensitive)."""
    return doi.lower()


# --- RePEc --------------------------------------------------------------------------------

_HANDLE = re.compile(r"\bRePEc:([A-Za-z0-9]{3}):([^:\s]+):(\S+)", re.IGNORECASE)
_IDEAS_ITEM = re.compile(
    r"ideas[.\-]repec[.\-]org[^/\s]*/([abchp])/([A-Za-z0-9]{3})/([^/\s]+)/([^/\s?#]+?)\.html?\b",
    re.IGNORECASE,
)
_IDEAS_RELATIVE_ITEM = re.compile(r"^/?([abchp])/([A-Za-z0-9]{3})/([^/\s]+)/([^/\s?#]+?)\.html?(?:[?#].*)?$")
_ECONPAPERS_ITEM = re.compile(
    r"econpapers[.\-]repec[.\-]org[^/\s]*/(article|paper|bookchap|software)/"
    r"([A-Za-z0-9]{3})([^/\s]+)/([^/\s?#]+?)\.html?\b",
    re.IGNORECASE,
)
_ECONPAPERS_PERSISTENT = re.compile(r"econpapers[.\-]repec[.\-]org[^/\s]*/(RePEc:[^\s?#]+)", re.IGNORECASE)
_SERIES_PAGE = re.compile(r"(?:^|/)s/([A-Za-z0-9]{3})/([^/\s]+?)\.html?\b")
_ECONPAPERS_SERIES = re.compile(r"econpapers[.\-]repec[.\-]org[^/\s]*/(?:article|paper|bookchap|software)/([A-Za-z0-9]{3})([^/\s]+?)/?(?:default\d*\.htm)?$", re.IGNORECASE)
_URL_LETTER_KIND = {"a": "article", "p": "paper", "h": "chapter", "b": "book", "c": "software"}
_ECONPAPERS_KIND = {"article": "article", "paper": "paper", "bookchap": "chapter", "software": "software"}
_HEX_ESCAPE = re.compile(r"_([0-9a-fA-F]{2})")


def _key(archive: str, series: str, item: str) -> str:
    return f"{archive}/{series}/{item.replace(':', '')}".lower()


def handle_key(handle: str | None) -> str | None:
    """``RePEc:eee:eecrev:v:98:y:2017:i:c:p:424-441`` to ``eee/eecrev/v98y2017icp424-441``.

    >>> handle_key("RePEc:nbr:nberwo:20841")
    'nbr/nberwo/20841'
    """
    if not handle:
        return None
    match = _HANDLE.search(handle)
    if not match:
        return None
    item = match.group(3).rstrip(".,;)")
    return _key(match.group(1), match.group(2), item) if item else None


def normalize_handle(handle: str | None) -> str | None:
    """The handle as ``RePEc:...`` with trailing punctuation removed, or ``None``."""
    handle = clean(handle)
    if not handle:
        return None
    match = _HANDLE.search(handle)
    if not match:
        return None
    item = match.group(3).rstrip(".,;)")
    return f"RePEc:{match.group(1)}:{match.group(2)}:{item}" if item else None  # an item of punctuation only is none


def url_key(url: str | None) -> str | None:
    """The RePEc key of an IDEAS or EconPapers item URL (any host spelling, proxies, relative IDEAS paths).

    >>> url_key("https://ideas.repec.org/a/eee/eecrev/v98y2017icp424-441.html")
    'eee/eecrev/v98y2017icp424-441'
    >>> url_key("https://econpapers.repec.org/article/eeeeecrev/v_3a98_3ay_3a2017_3ai_3ac_3ap_3a424-441.htm")
    'eee/eecrev/v98y2017icp424-441'
    """
    if not url:
        return None
    url = url.strip()
    match = _IDEAS_ITEM.search(url) or _IDEAS_RELATIVE_ITEM.match(url)
    if match:
        return _key(match.group(2), match.group(3), match.group(4))
    match = _ECONPAPERS_PERSISTENT.search(url)
    if match:
        return handle_key(unquote(match.group(1)))
    match = _ECONPAPERS_ITEM.search(url)
    if match:
        item = _HEX_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), match.group(4))
        return _key(match.group(2), match.group(3), item)
    return None


def url_kind(url: str | None) -> str | None:
    """The work kind an IDEAS URL letter (or EconPapers folder) states: ``/a/`` article, ``/p/`` paper..."""
    if not url:
        return None
    match = _IDEAS_ITEM.search(url) or _IDEAS_RELATIVE_ITEM.match(url.strip())
    if match:
        return _URL_LETTER_KIND[match.group(1).lower()]
    match = _ECONPAPERS_ITEM.search(url)
    if match:
        return _ECONPAPERS_KIND[match.group(1).lower()]
    return None


def series_key(value: str | None) -> str | None:
    """``archive/series`` from a handle, an item key, an IDEAS series page or an EconPapers series URL."""
    if not value:
        return None
    match = _SERIES_PAGE.search(value)
    if match and ("repec" in value.lower() or value.lstrip().startswith(("/s/", "s/"))):
        return f"{match.group(1)}/{match.group(2)}".lower()
    match = _HANDLE.search(value)
    if match:  # not from the item key: an item id may hold "/" (RePEc:sol:wpaper:2013/247060)
        return f"{match.group(1)}/{match.group(2)}".lower()
    key = url_key(value)
    if key:
        return key.rsplit("/", 1)[0]
    match = _ECONPAPERS_SERIES.search(value.strip())
    if match:
        return f"{match.group(1)}/{match.group(2)}".lower()
    return None


# --- ISSN, ISBN, ORCID ---------------------------------------------------------------------

_ISSN = re.compile(r"\b(\d{4})-?(\d{3}[\dXx])\b")


def normalize_issn(value: str | None) -> str | None:
    """``NNNN-NNNC`` when the check digit is right, else ``None``.

    >>> normalize_issn("0028 0836".replace(" ", ""))
    '0028-0836'
    """
    if not value:
        return None
    match = _ISSN.search(value)
    if not match:
        return None
    digits = (match.group(1) + match.group(2)).upper()
    total = sum(int(d) * w for d, w in zip(digits[:7], range(8, 1, -1)))
    check = (11 - total % 11) % 11
    if digits[7] != ("X" if check == 10 else str(check)):
        return None
    return f"{digits[:4]}-{digits[4:]}"


def valid_issns(values: list[str | None], warnings: list[str], where: str) -> list[str]:
    """The distinct valid ISSNs of ``values`` as ``NNNN-NNNC``; each printed value that is none gets a
    warning naming ``where`` it was printed (an ISSN is an identity: junk must not join two journals).

    >>> notes = []; valid_issns(["0028-0836", "1234-5678", None], notes, "citation_issn"), notes
    (['0028-0836'], ["citation_issn '1234-5678' is not a valid ISSN (NNNN-NNNC with its check digit): dropped"])
    """
    found: dict[str, None] = {}
    for value in values:
        printed = clean(value)
        if not printed:
            continue
        issn = normalize_issn(printed)
        if issn:
            found[issn] = None
        else:
            warnings.append(f"{where} {printed!r} is not a valid ISSN (NNNN-NNNC with its check digit): dropped")
    return list(found)


_ORCID = re.compile(r"(\d{4})-?(\d{4})-?(\d{4})-?(\d{3}[\dXx])")


def normalize_orcid(value: str | None) -> str | None:
    """``0000-0002-1825-0097`` from a bare id or an orcid.org URL, when its check digit holds."""
    if not value:
        return None
    match = _ORCID.search(value)
    if not match:
        return None
    digits = "".join(match.groups()).upper()
    total = 0
    for d in digits[:15]:
        total = (total + int(d)) * 2
    check = (12 - total % 11) % 11
    if digits[15] != ("X" if check == 10 else str(check)):
        return None
    return "-".join(digits[i : i + 4] for i in range(0, 16, 4))


def normalize_isbn(value: str | None) -> str | None:
    """An ISBN-10 or ISBN-13 without separators when its check digit holds."""
    if not value:
        return None
    digits = re.sub(r"[\s-]", "", value).upper()
    if re.fullmatch(r"\d{13}", digits):
        total = sum(int(d) * (1 if i % 2 == 0 else 3) for i, d in enumerate(digits[:12]))
        return digits if (10 - total % 10) % 10 == int(digits[12]) else None
    if re.fullmatch(r"\d{9}[\dX]", digits):
        total = sum((10 - i) * (10 if d == "X" else int(d)) for i, d in enumerate(digits))
        return digits if total % 11 == 0 else None
    return None


# --- RePEc services: authors, institutions, JEL ---------------------------------------------

_RAS = re.compile(
    r"(?:ideas[.\-]repec[.\-]org[^/\s]*|econpapers[.\-]repec[.\-]org[^/\s]*/RAS|^)/(?:[ef]|pro)/(?:[a-z]/)?([a-z]{1,4}\d+)\b"
    r"|authors\.repec\.org/pro/([a-z]{1,4}\d+)"
    r"|(?:econpapers[.\-]repec[.\-]org[^/\s]*|^)/RAS/([a-z]{1,4}\d+)\.html?\b",
    re.IGNORECASE,
)
_EDIRC = re.compile(r"edirc\.repec\.org/data/([a-z0-9]+)\.html?", re.IGNORECASE)
_JEL_LINK = re.compile(r"(?:^|/)j/([A-Z]\d{0,2})\.html?$")
JEL_CODE = re.compile(r"^[A-Z](?:\d{1,2})?$")


def ras_id(url: str | None) -> str | None:
    """The RePEc Author Service short-id of a profile link (``/e/pma123.html``, ``authors.repec.org/pro/pma123``,
    EconPapers' ``/RAS/pma123.htm``).

    >>> ras_id("/RAS/pma512.htm"), ras_id("https://ideas.repec.org/e/pma512.html")
    ('pma512', 'pma512')
    """
    if not url:
        return None
    match = _RAS.search(url.strip())
    if not match:
        return None
    return next(group for group in match.groups() if group).lower()


def edirc_code(url: str | None) -> str | None:
    """The EDIRC institution code of an ``edirc.repec.org/data/<code>.html`` link."""
    if not url:
        return None
    match = _EDIRC.search(url)
    return match.group(1).lower() if match else None


def jel_code(url_or_code: str | None) -> str | None:
    """A JEL code from an IDEAS ``/j/G21.html`` link or a bare code."""
    if not url_or_code:
        return None
    value = url_or_code.strip()
    match = _JEL_LINK.search(value)
    if match:
        return match.group(1)
    return value if JEL_CODE.match(value) else None


def ideas_url(url: str | None) -> str | None:
    """The canonical ``https://ideas.repec.org/...`` address of an IDEAS item URL (proxies, odd hosts, http)."""
    if not url:
        return None
    match = _IDEAS_ITEM.search(url) or _IDEAS_RELATIVE_ITEM.match(url.strip())
    if not match:
        return None
    letter, archive, series, item = match.groups()
    return f"https://ideas.repec.org/{letter.lower()}/{archive}/{series}/{item}.html"
