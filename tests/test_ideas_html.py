"""The IDEAS HTML reader on synthetic pages: every field of every fixture, detection, precedence,
pages cut short, hostile markup and linear time on a page with 5,000 citing works.

Which real evidence each fixture follows is said at the top of the fixture and in
``tests/fixtures/ideas-html/README.md``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from rdfbib.errors import ReaderError
from rdfbib.model import Affiliation, Author, Container, File, Pages, PartialDate, Subject, Work
from rdfbib.page import Page
from rdfbib.readers import detect, get

from .conftest import EXAMPLES
from .counting import grows_linearly
from .expected import Expected, assert_matches

FIXTURES = Path(__file__).parent / "fixtures" / "ideas-html"
READER = get("ideas-html")


def page_of(name: str) -> Page:
    return Page.from_bytes((FIXTURES / f"{name}.html").read_bytes(), source=f"{name}.html")


EXPECTED: dict[str, Expected] = {
    "article-full": Expected(
        warnings=[],
        work=Work(
            kind="article",
            title="Tidal moods and the pricing of harbour credit",
            authors=[
                Author(
                    name="Brightwater, Odile",
                    given="Odile",
                    family="Brightwater",
                    repec_id="pbr777",
                    affiliations=[Affiliation(name="Department of Economics, Quayside University", edirc="dequay")],
                ),
                Author(
                    name="Pellinore Quast",
                    repec_id="pqu45",
                    affiliations=[
                        Affiliation(name="Centre for Tidal Studies, Saltmarsh Institute"),
                        Affiliation(name="Harbour Board of Eastmere.", role="Present address"),
                    ],
                ),
                Author(name="Marguerite Oyelaran-Fisk"),
            ],
            abstract=(
                "We study how tidal cycles move the price of short-term credit in small harbour towns. "
                "Lenders ask more when the water is low."
            ),
            language="en",
            date=PartialDate(year=2021, month=9),
            container=Container(
                kind="journal",
                name="Journal of Harbour Finance",
                handle="qqq/hbrfin",
                issn=["1234-5679"],
                publisher="Quayside Academic Press",
            ),
            volume="41",
            issue="3",
            pages=Pages(raw="211-239", start="211", end="239"),
            doi="10.9999/jhf.2021.0417",
            handle="RePEc:qqq:hbrfin:v:41:y:2021:i:3:p:211-239",
            repec_key="qqq/hbrfin/v41y2021i3p211-239",
            url="https://ideas.repec.org/a/qqq/hbrfin/v41y2021i3p211-239.html",
            files=[
                File(
                    url="https://press.example.org/jhf/41/3/211",
                    function="Abstract and full text",
                    restriction="Access to full text is restricted to subscribers",
                    restricted=True,
                ),
                File(
                    url="https://press.example.org/jhf/41/3/211.pdf",
                    format="application/pdf",
                    restricted=False,
                ),
                File(
                    url="https://libkey.io/10.9999/jhf.2021.0417?utm_source=ideas",
                    function=(
                        "LibKey link: if access is restricted and if your library uses this service, LibKey will "
                        "redirect you to where you can use your library subscription to access this item"
                    ),
                ),
            ],
            keywords=["harbour credit", "tides", "local lending"],
            subjects=[
                Subject(
                    code="G21",
                    label=(
                        "Financial Economics - - Financial Institutions and Services - - - Banks; Depository "
                        "Institutions; Micro Finance Institutions; Mortgages"
                    ),
                ),
                Subject(
                    code="R51",
                    label=(
                        "Urban, Rural, Regional, Real Estate, and Transportation Economics - - Regional Government "
                        "Analysis - - - Finance in Urban and Rural Economies"
                    ),
                ),
            ],
            citation=(
                "Odile Brightwater & Pellinore Quast & Marguerite Oyelaran-Fisk, 2021. \"Tidal moods and "
                "the pricing of harbour credit,\" Journal of Harbour Finance, Quayside Academic Press, vol. "
                "41(3), pages 211-239, September."
            ),
        ),
        references=[
            (
                "article",
                "Fog and the cost of trade",
                ["Halvard Stormcrow"],
                "2015-03",
                ("journal", "Sea Economics Journal", "Quayside Academic Press", "qqq/seajnl", []),
                "12",
                "2",
                "45-67",
                None,
                "qqq/seajnl/v12y2015i2p45-67",
                "https://ideas.repec.org/a/qqq/seajnl/v12y2015i2p45-67.html",
                [],
            ),
            (
                "paper",
                "Salt, silt and savings",
                ["Ysolde Marrack", "Tobias Fenwright"],
                "2018",
                ("series", "Working Papers", "Quayside University, Department of Economics", "qqq/wpaper", []),
                None,
                None,
                None,
                "18-02",
                "qqq/wpaper/18-02",
                "https://ideas.repec.org/p/qqq/wpaper/18-02.html",
                [
                    (
                        "article",
                        "Salt, silt and savings",
                        ["Ysolde Marrack", "Tobias Fenwright"],
                        "2020",
                        ("journal", "Sea Economics Journal", "Quayside Academic Press", "qqq/seajnl", []),
                        "17",
                        "1",
                        "1-30",
                        None,
                        "qqq/seajnl/v17y2020i1p1-30",
                        "https://ideas.repec.org/a/qqq/seajnl/v17y2020i1p1-30.html",
                        [],
                    ),
                ],
            ),
            (
                "paper",
                "Lighthouses as public goods revisited",
                ["Corwin Ashdown"],
                "2010",
                ("series", "Eastmere Occasional Notes", "Eastmere Maritime Society", None, []),
                None,
                None,
                None,
                "4",
                None,
                None,
                [],
            ),
        ],
        cited_by=[
            (
                "article",
                "Low water, high rates",
                ["Amadou Kerrigan-Lowe"],
                "2024-01",
                ("journal", "Journal of Harbour Finance", "Quayside Academic Press", "qqq/hbrfin", []),
                "44",
                "1",
                "1-19",
                None,
                "qqq/hbrfin/v44y2024i1p1-19",
                "https://ideas.repec.org/a/qqq/hbrfin/v44y2024i1p1-19.html",
                [],
            ),
            (
                "paper",
                "Moon phases and microcredit",
                ["Petronella Vance", "Ottoline Reyes"],
                "2023",
                ("series", "Working Papers", "Quayside University, Department of Economics", "qqq/wpaper", []),
                None,
                None,
                None,
                "23-11",
                "qqq/wpaper/23-11",
                "https://ideas.repec.org/p/qqq/wpaper/23-11.html",
                [],
            ),
            (
                "chapter",
                "Coastal lending",
                ["Ingrid Thornbury"],
                "2022",
                ("book", "Handbook of Shore Economics", "Quayside Academic Press", None, ["Ada Penrose"]),
                None,
                None,
                "77-98",
                "4",
                "qqq/ebooks/b22-4",
                "https://ideas.repec.org/h/qqq/ebooks/b22-4.html",
                [],
            ),
        ],
        versions=[
            (
                "paper",
                "Tidal moods and the pricing of harbour credit",
                ["Odile Brightwater", "Pellinore Quast"],
                "2019",
                ("series", "Working Papers", "Quayside University, Department of Economics", "qqq/wpaper", []),
                None,
                None,
                None,
                "19-07",
                "qqq/wpaper/19-07",
                "https://ideas.repec.org/p/qqq/wpaper/19-07.html",
                [],
            ),
        ],
    ),
    "body-only": Expected(
        warnings=[],
        work=Work(
            kind="article",
            title="Gull counts as a leading indicator",
            authors=[Author(name="Fenella Achterberg", repec_id="pfa321"), Author(name="Hamid Lindqvist-Obi")],
            abstract="Counting gulls over the harbour predicts the next quarter's landings.",
            date=PartialDate(year=2022, month=4),
            container=Container(
                kind="journal",
                name="Sea Economics Journal",
                handle="qqq/seajnl",
                publisher="Quayside Academic Press",
            ),
            volume="19",
            issue="2",
            pages=Pages(raw="88-104", start="88", end="104"),
            doi="10.9999/sej.2022.0088",
            handle="RePEc:qqq:seajnl:v:19:y:2022:i:2:p:88-104",
            repec_key="qqq/seajnl/v19y2022i2p88-104",
            url="https://ideas.repec.org/a/qqq/seajnl/v19y2022i2p88-104.html",
            files=[
                File(
                    url="https://press.example.org/sej/19/2/88",
                    restriction="Full text for subscribers only",
                    restricted=True,
                ),
            ],
            citation=(
                "Fenella Achterberg & Hamid Lindqvist-Obi, 2022. \"Gull counts as a leading indicator,\" Sea "
                "Economics Journal, Quayside Academic Press, vol. 19(2), pages 88-104, April."
            ),
        ),
        references=[
            (
                "article",
                "Fog and the cost of trade",
                ["Halvard Stormcrow"],
                "2015-03",
                ("journal", "Sea Economics Journal", "Quayside Academic Press", "qqq/seajnl", []),
                "12",
                "2",
                "45-67",
                None,
                "qqq/seajnl/v12y2015i2p45-67",
                "https://ideas.repec.org/a/qqq/seajnl/v12y2015i2p45-67.html",
                [],
            ),
        ],
        cited_by=[
            (
                "paper",
                "Birds and business cycles",
                ["Oona Castellane"],
                "2024",
                ("series", "Working Papers", "Quayside University, Department of Economics", "qqq/wpaper", []),
                None,
                None,
                None,
                "24-01",
                "qqq/wpaper/24-01",
                "https://ideas.repec.org/p/qqq/wpaper/24-01.html",
                [],
            ),
        ],
        versions=[],
    ),
    "book": Expected(
        warnings=[],
        work=Work(
            kind="book",
            title="The Economics of Small Harbours",
            authors=[Author(name="Wenonah Astley-Vu", repec_id="pas12")],
            abstract="A textbook on the economics of harbours with fewer than fifty berths.",
            date=PartialDate(year=2016, month=12),
            container=Container(
                kind="series",
                name="Quayside Books",
                handle="qqq/qbooks",
                isbn=["9780306406157"],
                publisher="Quayside Academic Press",
            ),
            number="978-0-306-40615-7",
            edition="2",
            doi="10.9999/978-0-306-40615-7",
            handle="RePEc:qqq:qbooks:978-0-306-40615-7",
            repec_key="qqq/qbooks/978-0-306-40615-7",
            url="https://ideas.repec.org/b/qqq/qbooks/978-0-306-40615-7.html",
            files=[
                File(
                    url="https://press.example.org/books/small-harbours",
                    restriction="Access to full texts is restricted to subscribers.",
                    restricted=True,
                ),
            ],
            citation=(
                "Wenonah Astley-Vu, 2016. \"The Economics of Small Harbours,\" Quayside Books, Quayside "
                "Academic Press, edition 2, number 978-0-306-40615-7, December."
            ),
        ),
        references=[],
        cited_by=[],
        versions=[],
    ),
    "chapter": Expected(
        warnings=[],
        work=Work(
            kind="chapter",
            title="Dredging, debt and the docks",
            authors=[Author(name="Lysander Mbeki-Holt"), Author(name="Carys Adeyemi"), Author(name="Tomasz Wren")],
            date=PartialDate(year=2008),
            container=Container(
                kind="book",
                name="Handbook of Shore Economics",
                publisher="Quayside Academic Press",
                editors=[Author(name="Ada Penrose"), Author(name="Bram Oduya")],
                series=Container(kind="series", name="Quayside Chapters", publisher="Quayside Academic Press"),
            ),
            pages=Pages(raw="41-76", start="41", end="76"),
            number="3",
            handle="RePEc:qqq:qchaps:08-3",
            repec_key="qqq/qchaps/08-3",
            url="https://ideas.repec.org/h/qqq/qchaps/08-3.html",
            citation=(
                "Lysander Mbeki-Holt & Carys Adeyemi & Tomasz Wren, 2008. \"Dredging, debt and the docks,\" "
                "Quayside Chapters, in: Ada Penrose & Bram Oduya (ed.), Handbook of Shore Economics, "
                "chapter 3, pages 41-76, Quayside Academic Press."
            ),
        ),
        references=[],
        cited_by=[],
        versions=[],
    ),
    "cut-mid-tag": Expected(
        warnings=[
            (
                "cited_by: entry without a title or an IDEAS link skipped: 'Petronella Vance & Ottoline "
                "Reyes, 2023. \"'"
            ),
        ],
        work=Work(
            kind="article",
            title="Tidal moods and the pricing of harbour credit",
            authors=[
                Author(
                    name="Brightwater, Odile",
                    given="Odile",
                    family="Brightwater",
                    repec_id="pbr777",
                    affiliations=[Affiliation(name="Department of Economics, Quayside University", edirc="dequay")],
                ),
                Author(
                    name="Pellinore Quast",
                    repec_id="pqu45",
                    affiliations=[
                        Affiliation(name="Centre for Tidal Studies, Saltmarsh Institute"),
                        Affiliation(name="Harbour Board of Eastmere.", role="Present address"),
                    ],
                ),
                Author(name="Marguerite Oyelaran-Fisk"),
            ],
            abstract=(
                "We study how tidal cycles move the price of short-term credit in small harbour towns. "
                "Lenders ask more when the water is low."
            ),
            language="en",
            date=PartialDate(year=2021, month=9),
            container=Container(
                kind="journal",
                name="Journal of Harbour Finance",
                handle="qqq/hbrfin",
                issn=["1234-5679"],
                publisher="Quayside Academic Press",
            ),
            volume="41",
            issue="3",
            pages=Pages(raw="211-239", start="211", end="239"),
            doi="10.9999/jhf.2021.0417",
            handle="RePEc:qqq:hbrfin:v:41:y:2021:i:3:p:211-239",
            repec_key="qqq/hbrfin/v41y2021i3p211-239",
            url="https://ideas.repec.org/a/qqq/hbrfin/v41y2021i3p211-239.html",
            files=[
                File(
                    url="https://press.example.org/jhf/41/3/211",
                    function="Abstract and full text",
                    restriction="Access to full text is restricted to subscribers",
                    restricted=True,
                ),
                File(
                    url="https://press.example.org/jhf/41/3/211.pdf",
                    format="application/pdf",
                    restricted=False,
                ),
                File(
                    url="https://libkey.io/10.9999/jhf.2021.0417?utm_source=ideas",
                    function=(
                        "LibKey link: if access is restricted and if your library uses this service, LibKey will "
                        "redirect you to where you can use your library subscription to access this item"
                    ),
                ),
            ],
            keywords=["harbour credit", "tides", "local lending"],
            subjects=[Subject(code="G21"), Subject(code="R51")],
            citation=(
                "Odile Brightwater & Pellinore Quast & Marguerite Oyelaran-Fisk, 2021. \"Tidal moods and "
                "the pricing of harbour credit,\" Journal of Harbour Finance, Quayside Academic Press, vol. "
                "41(3), pages 211-239, September."
            ),
        ),
        references=[
            (
                "article",
                "Fog and the cost of trade",
                ["Halvard Stormcrow"],
                "2015-03",
                ("journal", "Sea Economics Journal", "Quayside Academic Press", "qqq/seajnl", []),
                "12",
                "2",
                "45-67",
                None,
                "qqq/seajnl/v12y2015i2p45-67",
                "https://ideas.repec.org/a/qqq/seajnl/v12y2015i2p45-67.html",
                [],
            ),
            (
                "paper",
                "Salt, silt and savings",
                ["Ysolde Marrack", "Tobias Fenwright"],
                "2018",
                ("series", "Working Papers", "Quayside University, Department of Economics", "qqq/wpaper", []),
                None,
                None,
                None,
                "18-02",
                "qqq/wpaper/18-02",
                "https://ideas.repec.org/p/qqq/wpaper/18-02.html",
                [
                    (
                        "article",
                        "Salt, silt and savings",
                        ["Ysolde Marrack", "Tobias Fenwright"],
                        "2020",
                        ("journal", "Sea Economics Journal", "Quayside Academic Press", "qqq/seajnl", []),
                        "17",
                        "1",
                        "1-30",
                        None,
                        "qqq/seajnl/v17y2020i1p1-30",
                        "https://ideas.repec.org/a/qqq/seajnl/v17y2020i1p1-30.html",
                        [],
                    ),
                ],
            ),
            (
                "paper",
                "Lighthouses as public goods revisited",
                ["Corwin Ashdown"],
                "2010",
                ("series", "Eastmere Occasional Notes", "Eastmere Maritime Society", None, []),
                None,
                None,
                None,
                "4",
                None,
                None,
                [],
            ),
        ],
        cited_by=[
            (
                "article",
                "Low water, high rates",
                ["Amadou Kerrigan-Lowe"],
                "2024-01",
                ("journal", "Journal of Harbour Finance", "Quayside Academic Press", "qqq/hbrfin", []),
                "44",
                "1",
                "1-19",
                None,
                "qqq/hbrfin/v44y2024i1p1-19",
                "https://ideas.repec.org/a/qqq/hbrfin/v44y2024i1p1-19.html",
                [],
            ),
        ],
        versions=[
            (
                "paper",
                "Tidal moods and the pricing of harbour credit",
                ["Odile Brightwater", "Pellinore Quast"],
                "2019",
                ("series", "Working Papers", "Quayside University, Department of Economics", "qqq/wpaper", []),
                None,
                None,
                None,
                "19-07",
                "qqq/wpaper/19-07",
                "https://ideas.repec.org/p/qqq/wpaper/19-07.html",
                [],
            ),
        ],
    ),
    "entities": Expected(
        warnings=[],
        work=Work(
            kind="article",
            title="Cafés, quays & the sailors’ discount — evidence from Øresund",
            authors=[
                Author(
                    name="Zoë Østergaard-Nuñez",
                    affiliations=[Affiliation(name="Universitat de Bahía & Costa")],
                ),
                Author(name="José María O’Callaghan"),
            ],
            abstract="Prices fall by 3–5% when p < 0.05 & the tide is out; we call this the “sailors’ discount”.",
            date=PartialDate(year=2022, month=2, day=14),
            container=Container(
                kind="journal",
                name="Journal of Harbour Finance",
                handle="qqq/hbrfin",
                publisher="Quayside Academic Press",
            ),
            volume="42",
            issue="1",
            pages=Pages(raw="5-29", start="5", end="29"),
            handle="RePEc:qqq:hbrfin:v:42:y:2022:i:1:p:5-29",
            repec_key="qqq/hbrfin/v42y2022i1p5-29",
            url="https://ideas.repec.org/a/qqq/hbrfin/v42y2022i1p5-29.html",
            citation=(
                "Zoë Østergaard-Nuñez & José María O’Callaghan, 2022. \"Cafés, quays & the sailors’ "
                "discount — evidence from Øresund,\" Journal of Harbour Finance, Quayside Academic Press, "
                "vol. 42(1), pages 5-29, February."
            ),
        ),
        references=[],
        cited_by=[
            (
                "article",
                "‘Harbour prices’ re-examined",
                ["Renée Dubois-Sjöberg"],
                "2023",
                ("journal", "Sea Economics Journal", "Quayside Academic Press", "qqq/seajnl", []),
                "20",
                "3",
                "10-31",
                None,
                "qqq/seajnl/v20y2023i3p10-31",
                "https://ideas.repec.org/a/qqq/seajnl/v20y2023i3p10-31.html",
                [],
            ),
        ],
        versions=[],
    ),
    "meta-only": Expected(
        warnings=[],
        work=Work(
            kind="article",
            title="Seasonal credit in fishing villages",
            authors=[
                Author(name="Nakashima, Eleri", given="Eleri", family="Nakashima"),
                Author(name="de la Fontaine, Piet", given="Piet", family="de la Fontaine"),
            ],
            language="en",
            date=PartialDate(year=2014),
            container=Container(kind="journal", name="Sea Economics Journal", publisher="Quayside Academic Press"),
            volume="11",
            issue="4",
            pages=Pages(raw="301-318", start="301", end="318"),
            handle="RePEc:qqq:seajnl:v:11:y:2014:i:4:p:301-318",
            repec_key="qqq/seajnl/v11y2014i4p301-318",
            url=None,
            keywords=["fisheries", "seasonality", "credit"],
            subjects=[Subject(code="Q22"), Subject(code="O16")],
        ),
        references=[],
        cited_by=[],
        versions=[],
    ),
    "paper": Expected(
        warnings=[],
        work=Work(
            kind="paper",
            title="Ferry timetables and labour supply",
            authors=[
                Author(
                    name="Anwen Castellanos",
                    repec_id="pca901",
                    affiliations=[Affiliation(name="Quayside University", edirc="dequay")],
                ),
                Author(name="Rufus Okonkwo-Blum"),
            ],
            abstract="Island workers supply fewer hours when the last ferry leaves early.",
            date=PartialDate(year=2022, month=6),
            container=Container(
                kind="series",
                name="Working Papers",
                handle="qqq/wpaper",
                publisher="Quayside University, Department of Economics",
            ),
            number="22-05",
            handle="RePEc:qqq:wpaper:22-05",
            repec_key="qqq/wpaper/22-05",
            url="https://ideas.repec.org/p/qqq/wpaper/22-05.html",
            files=[File(url="https://econ.quayside.example/wp/22-05.pdf", restricted=False)],
            keywords=["ferries", "commuting", "labour supply"],
            citation=(
                "Anwen Castellanos & Rufus Okonkwo-Blum, 2022. \"Ferry timetables and labour supply,\" "
                "Working Papers 22-05, Quayside University, Department of Economics."
            ),
            notes=["This abstract was borrowed from another version of this item.", "DEV"],
        ),
        references=[],
        cited_by=[
            (
                "article",
                "Commuting by sea",
                ["Sigrun Halloway"],
                "2024",
                ("journal", "Sea Economics Journal", "Quayside Academic Press", "qqq/seajnl", []),
                "21",
                "4",
                "300-322",
                None,
                "qqq/seajnl/v21y2024i4p300-322",
                "https://ideas.repec.org/a/qqq/seajnl/v21y2024i4p300-322.html",
                [],
            ),
        ],
        versions=[],
    ),
    "software": Expected(
        warnings=[],
        work=Work(
            kind="software",
            title="TIDEFIT: Stata module to fit tidal regressions",
            authors=[Author(name="Halloran-Mutesi, Beatrix", given="Beatrix", family="Halloran-Mutesi")],
            abstract="tidefit fits regressions with tidal regressors and prints harbour-ready tables.",
            date=PartialDate(year=2012, month=1, day=5),
            container=Container(
                kind="series",
                name="Statistical Software Components",
                handle="qqq/qqcode",
                publisher="Gullhaven College Department of Economics",
            ),
            number="S458001",
            handle="RePEc:qqq:qqcode:s458001",
            repec_key="qqq/qqcode/s458001",
            url="https://ideas.repec.org/c/qqq/qqcode/s458001.html",
            files=[
                File(
                    url="http://fmwww.gullhaven.example/repec/qqcode/t/tidefit.ado",
                    function="program code",
                    restricted=False,
                ),
                File(
                    url="http://fmwww.gullhaven.example/repec/qqcode/t/tidefit.sthlp",
                    function="help file",
                    restricted=False,
                ),
            ],
            keywords=["tides", "regression", "Stata"],
            citation=(
                "Beatrix Halloran-Mutesi, 2012. \"TIDEFIT: Stata module to fit tidal regressions,\" "
                "Statistical Software Components S458001, Gullhaven College Department of Economics."
            ),
        ),
        references=[],
        cited_by=[],
        versions=[],
    ),
    "uppercase-meta": Expected(
        warnings=[],
        work=Work(
            kind="paper",
            title="Buoys, bells and bank runs",
            authors=[
                Author(name="Ignatius Varga-Moss", repec_id="pva55"),
                Author(
                    name="Solveig Anand",
                    affiliations=[Affiliation(name="Eastmere Institute for Maritime Economics")],
                ),
            ],
            abstract="Warning signals at sea and warning signals in banking share a timing problem.",
            language="fr",
            date=PartialDate(year=2009, month=11),
            container=Container(
                kind="series",
                name="Discussion Papers",
                handle="qqq/eimedp",
                publisher="Eastmere Institute for Maritime Economics",
            ),
            number="0917",
            handle="RePEc:qqq:eimedp:0917",
            repec_key="qqq/eimedp/0917",
            url="https://ideas.repec.org/p/qqq/eimedp/0917.html",
            subjects=[
                Subject(
                    code="E44",
                    label=(
                        "Macroeconomics and Monetary Economics - - Money and Interest Rates - - - Financial "
                        "Markets and the Macroeconomy"
                    ),
                ),
            ],
            citation=(
                "Ignatius Varga-Moss & Solveig Anand, 2009. \"Buoys, bells and bank runs,\" Discussion "
                "Papers 0917, Eastmere Institute for Maritime Economics."
            ),
        ),
        references=[],
        cited_by=[],
        versions=[],
    ),
}


def test_every_fixture_has_expectations() -> None:
    assert {p.stem for p in FIXTURES.glob("*.html")} == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_fixture(name: str) -> None:
    assert_matches(READER.read(page_of(name)), EXPECTED[name], reader="ideas-html", source=f"{name}.html")


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_fixture_detected(name: str) -> None:
    assert detect(page_of(name)) is READER


def test_entries_keep_the_citation_string_as_printed() -> None:
    work = READER.read(page_of("article-full")).work
    assert [w.citation for w in work.references] == [
        'Halvard Stormcrow, 2015. "Fog and the cost of trade," Sea Economics Journal, Quayside Academic Press, '
        "vol. 12(2), pages 45-67, March.",
        'Ysolde Marrack & Tobias Fenwright, 2018. "Salt, silt and savings," Working Papers 18-02, '
        "Quayside University, Department of Economics.",
        'Corwin Ashdown, 2010. "Lighthouses as public goods revisited," Eastmere Occasional Notes 4, '
        "Eastmere Maritime Society.",
    ]
    assert work.references[1].versions[0].citation == (
        'Ysolde Marrack & Tobias Fenwright, 2020. "Salt, silt and savings," Sea Economics Journal, '
        "Quayside Academic Press, vol. 17(1), pages 1-30."
    )


def test_form_controls_and_nested_lists_are_not_part_of_an_entry() -> None:
    html = """<html><body><div id="title"><h1>Main</h1></div><div id="cites"><ol>
    <li>Ann Author, 2001. "<b><a href="/a/qqq/seajnl/v1y2001i2p3-4.html">Title</a></b>,"<select><option>HTML</option></select>
    <a href="/s/qqq/seajnl.html">Sea Economics Journal</a>, Quayside Academic Press, vol. 1(2), pages 3-4.
    <ul><li>Ann Author, 2000. "Title," Working Papers 7, Quayside University.</li></ul> </li>
    </ol></div></body></html>"""
    (entry,) = READER.read(Page(html, source="inline")).work.cited_by
    assert entry.citation == (
        'Ann Author, 2001. "Title," Sea Economics Journal, Quayside Academic Press, vol. 1(2), pages 3-4.'
    )
    assert [v.citation for v in entry.versions] == ['Ann Author, 2000. "Title," Working Papers 7, Quayside University.']


def test_keywords_alone_under_abstract_are_keywords() -> None:
    html = """<html><body><div id="title"><h1>T</h1></div>
    <div id="abstract-body">Keywords: Company reports, Written communications</div></body></html>"""
    work = READER.read(Page(html, source="inline")).work
    assert (work.abstract, work.keywords) == (None, ["Company reports", "Written communications"])


def test_meta_tags_win_and_the_body_fills_the_rest() -> None:
    html = """<html><head>
    <meta name="citation_title" content="Meta title">
    <meta name="citation_author" content="Meta, Author">
    <meta name="citation_date" content="2019">
    <meta name="citation_volume" content="7">
    <meta name="handle" content="RePEc:qqq:seajnl:v:7:y:2019:i:2:p:1-9">
    </head><body>
    <div id="title"><h1>Body title</h1></div>
    <ul id="authorlist"><li><a class="authorname" href="/e/pme9.html">Author Meta</a><br>(Somewhere College)</li></ul>
    <div id="abstract-body">Body abstract.</div>
    <div id="biblio-body"><ul><li>Author Meta, 2019. "Body title," Sea Economics Journal, Quayside Academic Press,
    vol. 8(2), pages 1-9, May.</li></ul></div>
    </body></html>"""
    work = READER.read(Page(html, source="inline")).work
    assert (work.title, work.volume, work.issue, work.abstract) == ("Meta title", "7", "2", "Body abstract.")
    assert work.date == PartialDate(2019, 5)  # the citation's month refines the meta year
    assert work.authors == [
        Author(name="Meta, Author", given="Author", family="Meta", repec_id="pme9", affiliations=[Affiliation(name="Somewhere College")])
    ]
    assert work.pages == Pages(raw="1-9", start="1", end="9")
    assert work.kind == "article"  # from the Suggested Citation: no URL letter, no type meta tag


def test_body_authors_not_attached_when_counts_differ() -> None:
    html = """<html><head><meta name="citation_authors" content="One, A; Two, B;"><meta name="handle" content="RePEc:qqq:wpaper:1"></head>
    <body><ul id="authorlist"><li><a class="authorname" href="/e/pon1.html">A One</a></li></ul></body></html>"""
    record = READER.read(Page(html, source="inline"))
    assert [(a.name, a.repec_id) for a in record.work.authors] == [("One, A", None), ("Two, B", None)]
    assert record.warnings == [
        "authors: the meta tags list 2 and the page body 1; profiles and affiliations of the body were not attached",
        "title: not found on the page",
        "date: not found on the page",
    ]


@pytest.mark.parametrize(
    "html",
    [
        pytest.param('<html><head><meta name="handle" content="RePEc:qqq:wpaper:1"></head><body></body></html>', id="handle"),
        pytest.param('<html><head><META CONTENT="RePEc:qqq:wpaper:1" NAME="HANDLE"></head><body></body></html>', id="handle-reversed"),
        pytest.param('<html><head><meta name="redif-type" content="paper"></head><body></body></html>', id="redif-type"),
        pytest.param(
            '<html><head><link href="https://ideas.repec.org/p/qqq/wpaper/1.html" rel="canonical"></head><body></body></html>',
            id="canonical",
        ),
        pytest.param(
            '<html><head><meta property="og:url" content="https://ideas.repec.org/p/qqq/wpaper/1.html"></head></html>', id="og-url"
        ),
        pytest.param('<html><body><div id="biblio-body">x</div></body></html>', id="body-id"),
    ],
)
def test_matches(html: str) -> None:
    assert READER.matches(Page(html))


@pytest.mark.parametrize(
    "html",
    [
        pytest.param('<html><head><meta name="citation_title" content="A publisher page"></head><body></body></html>', id="publisher"),
        pytest.param(
            '<html><head><meta name="handle" content="RePEc:qqq:wpaper:1">'
            '<link rel="canonical" href="https://econpapers.repec.org/paper/qqqwpaper/1.htm"></head></html>',
            id="econpapers",
        ),
        pytest.param(
            '<html><head><title>x</title></head><body><a href="https://ideas.repec.org/p/qqq/wpaper/1.html">IDEAS</a></body></html>',
            id="link-to-ideas",
        ),
    ],
)
def test_does_not_match(html: str) -> None:
    assert not READER.matches(Page(html))


def test_does_not_match_text_pages() -> None:
    seed = EXAMPLES / "seed-ideas-nature17038.txt"
    assert not READER.matches(Page.from_bytes(seed.read_bytes(), source=seed.name))


def test_page_without_a_work_is_an_error() -> None:
    with pytest.raises(ReaderError) as raised:
        READER.read(Page('<html><body><div id="abstract-body"></div></body></html>', source="empty.html"))
    assert raised.value.reader == "ideas-html"
    assert raised.value.source == "empty.html"


def test_deeply_nested_unclosed_tags() -> None:
    html = (
        '<html><head><meta name="handle" content="RePEc:qqq:wpaper:1"></head><body><div id="abstract-body">'
        + "<b>" * 20000
        + "Deep.</div></body></html>"
    )
    work = READER.read(Page(html, source="deep")).work
    assert work.handle == "RePEc:qqq:wpaper:1"


def _citing_page(count: int) -> Page:
    items = "".join(
        f'<li>Writer{i} Person &amp; Other{i} Person, 2020. "<b><a href="/a/qqq/hbrfin/v1y2020i1p{i}.html">Title {i}</a></b>," '
        f'<a href="/s/qqq/hbrfin.html">Journal of Harbour Finance</a>, Quayside Academic Press, vol. 1(1), pages {i}-{i + 9}, May.</li>\n'
        for i in range(count)
    )
    head = (FIXTURES / "article-full.html").read_text(encoding="utf-8").split('<div class="tab-pane" id="cites"')[0]
    return Page(head + f'<div class="tab-pane" id="cites" aria-labelledby="cites-tab"><ol>{items}</ol></div></div></div></div></body></html>')


def test_5000_citing_works_in_linear_time() -> None:
    small, large = _citing_page(500), _citing_page(5000)
    work = READER.read(large).work
    assert len(work.cited_by) == 5000
    last = work.cited_by[-1]
    assert (last.title, last.repec_key, last.container.handle, last.pages) == (
        "Title 4999",
        "qqq/hbrfin/v1y2020i1p4999",
        "qqq/hbrfin",
        Pages(raw="4999-5008", start="4999", end="5008"),
    )
    assert len(work.references) == 3  # the rest of the page is still read
    grows_linearly(READER.read, small, large, 10)  # ten times the citing works, about ten times the work
