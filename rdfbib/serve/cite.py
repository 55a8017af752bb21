""""Cite as": a work page's facts as a BibTeX entry and a RIS record."""

from __future__ import annotations

import re
from typing import Any


def _kind(context: dict[str, Any]) -> tuple[str, str]:
    """(BibTeX entry type, RIS type) from what the page knows: a journal issue or volume, a series, a book."""
    container = context["container"]
    if "book" in container:
        return "incollection", "CHAP"
    if "volume" in container or "issue" in container:
        return "article", "JOUR"
    if container.get("series"):
        return "techreport", "RPRT"
    return "misc", "GEN"


def _year(context: dict[str, Any]) -> str | None:
    return context["date"][:4] if context.get("date") else None


def _key(context: dict[str, Any]) -> str:
    """``Family2016word``: first author's family name, year, first title word (ASCII letters only)."""
    first = context["authors"][0]["label"].split(",")[0] if context["authors"] else ""
    word = next(iter(re.findall(r"[A-Za-z]{3,}", context["title"])), "")
    return (re.sub(r"[^A-Za-z]", "", first) + (_year(context) or "") + word.lower()) or "work"


def _brace(text: str) -> str:
    """A BibTeX field value: braces and backslashes escaped so the value stays one field."""
    return "{" + re.sub(r"([{}\\])", r"\\\1", text) + "}"


def bibtex(context: dict[str, Any]) -> str:
    """The work as one BibTeX entry."""
    entry, _ = _kind(context)
    container = context["container"]
    series = container.get("series") or []
    fields = [
        ("title", context["title"]),
        ("author", " and ".join(a["label"] for a in context["authors"])),
        ("journal" if entry == "article" else "booktitle" if entry == "incollection" else "institution" if entry == "techreport" else "howpublished",
         (container["book"]["label"] if "book" in container else series[0]["label"] if series else None)),
        ("volume", container.get("volume")),
        ("number", container.get("issue") or container.get("number")),
        ("pages", context["pages"].replace("-", "--") if context.get("pages") else None),
        ("year", _year(context)),
        ("doi", context["dois"][0] if context["dois"] else None),
        ("abstract", context.get("abstract")),
    ]
    lines = [f"  {name} = {_brace(value)}," for name, value in fields if value]
    return "@" + entry + "{" + _key(context) + ",\n" + "\n".join(lines) + "\n}\n"


def ris(context: dict[str, Any]) -> str:
    """The work as one RIS record."""
    _, kind = _kind(context)
    container = context["container"]
    series = container.get("series") or []
    pages = (context.get("pages") or "").split("-", 1)
    tags = [("TY", kind), ("TI", context["title"])]
    tags += [("AU", a["label"]) for a in context["authors"]]
    tags += [
        ("T2", container["book"]["label"] if "book" in container else series[0]["label"] if series else None),
        ("VL", container.get("volume")),
        ("IS", container.get("issue") or container.get("number")),
        ("SP", pages[0] or None),
        ("EP", pages[1] if len(pages) > 1 else None),
        ("PY", _year(context)),
        ("DA", context.get("date")),
        ("DO", context["dois"][0] if context["dois"] else None),
        ("AB", context.get("abstract")),
    ]
    tags += [("KW", k) for k in context["keywords"]]
    tags += [("UR", u) for u in context["urls"]]
    tags.append(("ER", ""))
    return "".join(f"{tag}  - {' '.join(str(value).split())}\n" for tag, value in tags if value is not None)
