"""A deterministic corpus of realistic IDEAS pages (HTML and printed text) for the benchmarks.

Sizes follow issue 5: typical (5 authors, 20 references, 20 citing works), large (200 citing
works) and huge (5,000 citing works, like the most cited papers). Names and titles are drawn
from small word lists with a seeded random generator, so the same arguments give the same bytes.
"""

from __future__ import annotations

import html
import random
from pathlib import Path

SIZES = {"typical": (5, 20, 20), "large": (5, 20, 200), "cited500": (5, 20, 500), "huge": (5, 20, 5000)}
_GIVEN = "Anna Bo Carla Dmitri Elif Farid Greta Hiro Ines Jonas Kemal Lea Mateo Nadia Omar Priya Quentin Rosa Sven Tariq Uma Viktor Wen Xenia Yusuf Zoe".split()
_FAMILY = "Abara Berg Costa Dubois Eriksen Fujita Garcia Haddad Ivanova Jensen Kowalski Larsen Moreau Novak Okafor Petrov Quispe Rossi Schmidt Tanaka Ueda Varga Weber Xu Yilmaz Zhang".split()
_WORDS = "credit risk trade labour market monetary policy growth inflation banks firms households wages tariffs productivity innovation climate finance housing demand supply shocks evidence model regional global".split()
_JOURNALS = [("eee", "jmoeco", "Journal of Monetary Economics", "Elsevier"), ("aea", "aecrev", "American Economic Review", "American Economic Association"),
             ("wly", "econjl", "Economic Journal", "Royal Economic Society"), ("spr", "empeco", "Empirical Economics", "Springer")]


def _name(rng: random.Random) -> str:
    return f"{rng.choice(_GIVEN)} {rng.choice('ABCDEFGHJKLMNPRSTW')}. {rng.choice(_FAMILY)}"


def _title(rng: random.Random) -> str:
    return " ".join(rng.choice(_WORDS) for _ in range(rng.randint(4, 10))).capitalize()


def _citation(rng: random.Random, n: int) -> tuple[str, str, str]:
    """(text citation, HTML citation, item URL path) of one cited or citing work."""
    arch, series, journal, publisher = rng.choice(_JOURNALS)
    authors = " & ".join(_name(rng) for _ in range(rng.randint(1, 4)))
    year, vol, issue, first = rng.randint(1990, 2024), rng.randint(1, 120), rng.randint(1, 12), rng.randint(1, 900)
    title = _title(rng)
    path = f"/a/{arch}/{series}/v{vol}y{year}i{issue}p{first}-{first + 20}.html"
    tail = f"{publisher}, vol. {vol}({issue}), pages {first}-{first + 20}, {rng.choice(['January', 'March', 'June', 'October', 'December'])}."
    text = f'{authors}, {year}. "{title}," {journal}, {tail}'
    markup = f'{html.escape(authors)}, {year}. "<b><a href="{path}">{html.escape(title)}</a></b>," <a href="/s/{arch}/{series}.html">{html.escape(journal)}</a>, {html.escape(tail)}'
    return text, markup, path


def page(size: str, n: int) -> tuple[str, str]:
    """(printed text, HTML) of the n-th page of a size."""
    n_authors, n_refs, n_cites = SIZES[size]
    rng = random.Random(f"{size}/{n}")
    arch, series, journal, publisher = rng.choice(_JOURNALS)
    vol, year, issue, first = rng.randint(1, 120), rng.randint(1995, 2023), rng.randint(1, 12), rng.randint(1, 900)
    item = f"v{vol}y{year}i{issue}p{first}-{first + 30}"
    url = f"https://ideas.repec.org/a/{arch}/{series}/{item}.html"
    handle = f"RePEc:{arch}:{series}:v:{vol}:y:{year}:i:{issue}:p:{first}-{first + 30}"
    title = _title(rng)
    authors = [(_name(rng), f"Department of Economics, University of {rng.choice(_FAMILY)}") for _ in range(n_authors)]
    abstract = " ".join(_title(rng) + "." for _ in range(8))
    refs = [_citation(rng, i) for i in range(n_refs)]
    cites = [_citation(rng, i) for i in range(n_cites)]
    doi = f"10.1016/j.{series}.{year}.{n:05d}"
    suggested = f'{" & ".join(a for a, _ in authors)}, {year}. "{title}," {journal}, {publisher}, vol. {vol}({issue}), pages {first}-{first + 30}, May.'
    text = "\n".join(
        [f"IDEAS home Printed from {url}", "   My bibliography  Save this article", "", title, "", "Author", "", "Listed:"]
        + [line for a, aff in authors for line in (f"  • {a}", "", f"    ({aff})", "")]
        + ["Abstract", "", abstract, "", "Suggested Citation", "", f"  • {suggested}", f"  • Handle: {handle}", f"    DOI: {doi}", "    as", "",
           "    Download full text from publisher", "", f"    File URL: https://www.sciencedirect.com/science/article/pii/S{n:010d}",
           "    Download Restriction: Full text for ScienceDirect subscribers only", "", "    References listed on IDEAS", "    as", ""]
        + [f"    {i}. {c[0]}" for i, c in enumerate(refs, 1)]
        + ["", "    Citations", "", "    Cited by:", ""]
        + [f"    {i}. {c[0]}" for i, c in enumerate(cites, 1)]
        + ["", "    More about this item", "", "    Keywords", "", "    banks; credit; risk;", "", "    IDEAS is a RePEc service."]
    ) + "\n"
    li = lambda items: "\n".join(f"<li>{c[1]}</li>" for c in items)  # noqa: E731
    markup = f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)}</title>
<link rel="canonical" href="{url}"><meta name="citation_title" content="{html.escape(title)}">
<meta name="citation_authors" content="{html.escape('; '.join(a for a, _ in authors))};">
<meta name="citation_publication_date" content="{year}"><meta name="citation_journal_title" content="{html.escape(journal)}">
<meta name="citation_volume" content="{vol}"><meta name="citation_issue" content="{issue}"><meta name="citation_firstpage" content="{first}">
<meta name="citation_lastpage" content="{first + 30}"><meta name="citation_doi" content="{doi}"><meta name="citation_publisher" content="{html.escape(publisher)}">
<meta name="citation_keywords" content="banks; credit; risk;"><meta name="redif-type" content="article"><meta name="handle" content="{handle}"></head>
<body><div id="content"><div id="title"><h1>{html.escape(title)}</h1></div>
<div id="listed-authors"><ul id="authorlist">{''.join(f'<li><span class="authorname">{html.escape(a)}</span><br>({html.escape(aff)})</li>' for a, aff in authors)}</ul></div>
<div id="abstract-body">{html.escape(abstract)}</div>
<div id="biblio-body"><ul><li>{html.escape(suggested)}</li><li>Handle: <i>{handle}</i><br>DOI: {doi}</li></ul></div>
<div class="tab-pane" id="download"><form><input type="radio" name="url" value="https://www.sciencedirect.com/science/article/pii/S{n:010d}">
<b>File URL:</b> https://www.sciencedirect.com/science/article/pii/S{n:010d}<br><b>Download Restriction:</b> Full text for ScienceDirect subscribers only<br></form></div>
<div class="tab-pane" id="refs" aria-labelledby="refs-tab"><h3>References listed on IDEAS</h3><ol>{li(refs)}</ol></div>
<div class="tab-pane" id="cites" aria-labelledby="cites-tab"><p><b>Cited by:</b></p><ol>{li(cites)}</ol></div>
</div></body></html>
"""
    return text, markup


def write(folder: Path, size: str, count: int, kind: str = "html") -> list[Path]:
    """Write ``count`` pages of a size as .html or .txt files; returns their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in range(count):
        text, markup = page(size, n)
        path = folder / f"{size}-{n:06d}.{'html' if kind == 'html' else 'txt'}"
        path.write_text(markup if kind == "html" else text, encoding="utf-8")
        paths.append(path)
    return paths
