"""Citation strings (IDEAS Suggested Citation / References / Cited by, EconPapers references) to Works.

The seed cases are the real strings of ../shared/seed-ideas-nature17038.txt. Every other string is
synthetic: invented titles, names and series that reproduce the punctuation of the forms seen on IDEAS
and EconPapers pages (IDEAS-PAGES.md "Citation strings"; live IDEAS references, chapters, books and
software items; EconPapers "References:" entries followed by their link texts).
"""

from __future__ import annotations

import doctest
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rdfbib import citations
from rdfbib.citations import parse_citation, split_authors
from rdfbib.model import KINDS, Work
from rdfbib.text import clean

SEED = Path(__file__).parents[2] / "shared" / "seed-ideas-nature17038.txt"
ISBN = "978-3-319-12345-5"  # invented, with a valid check digit

Auth = str | tuple[str, str | None, str | None]


def _author(value: Auth) -> tuple[str, str | None, str | None]:
    return (value, None, None) if isinstance(value, str) else value


def case(
    text: str,
    id: str,
    *,
    kind: str = "other",
    title: str | None = None,
    authors: list[Auth] | tuple[()] = (),
    year: int | None = None,
    month: int | None = None,
    container: tuple[str, str | None, str | None] | None = None,
    editors: list[Auth] | tuple[()] = (),
    series: tuple[str, str | None, str | None] | None = None,
    isbn: list[str] | tuple[()] = (),
    volume: str | None = None,
    issue: str | None = None,
    pages: tuple[str, str | None, str | None] | None = None,
    number: str | None = None,
    edition: str | None = None,
    publisher: str | None = None,
    doi: str | None = None,
    notes: list[str] | tuple[()] = (),
    citation: str | None = None,
) -> Any:
    """One table row: every field not given is expected to be empty, so each row asserts them all."""
    expected = {
        "kind": kind,
        "title": title,
        "authors": [_author(a) for a in authors],
        "year": year,
        "month": month,
        "container": container,
        "editors": [_author(a) for a in editors],
        "series": series,
        "isbn": list(isbn),
        "volume": volume,
        "issue": issue,
        "pages": pages,
        "number": number,
        "edition": edition,
        "publisher": publisher,
        "doi": doi,
        "notes": list(notes),
        "citation": citation,
    }
    return pytest.param(text, expected, id=id)


def summary(work: Work) -> dict[str, Any]:
    c = work.container
    return {
        "kind": work.kind,
        "title": work.title,
        "authors": [(a.name, a.given, a.family) for a in work.authors],
        "year": work.date.year if work.date else None,
        "month": work.date.month if work.date else None,
        "container": (c.kind, c.name, c.publisher) if c else None,
        "editors": [(a.name, a.given, a.family) for a in c.editors] if c else [],
        "series": (c.series.kind, c.series.name, c.series.publisher) if c and c.series else None,
        "isbn": list(c.isbn) if c else [],
        "volume": work.volume,
        "issue": work.issue,
        "pages": (work.pages.raw, work.pages.start, work.pages.end) if work.pages else None,
        "number": work.number,
        "edition": work.edition,
        "publisher": work.publisher,
        "doi": work.doi,
        "notes": list(work.notes),
        "citation": work.citation,
    }


NATURE_COMMS = ("journal", "Nature Communications", "Nature")

SEED_CASES = [
    case(
        'Joan Massagué & Anna C. Obenauf, 2016. "Metastatic colonization by circulating tumour cells," '
        "Nature, Nature, vol. 529(7586), pages 298-306, January.",
        "seed/suggested-citation",
        kind="article",
        title="Metastatic colonization by circulating tumour cells",
        authors=["Joan Massagué", "Anna C. Obenauf"],
        year=2016,
        month=1,
        container=("journal", "Nature", "Nature"),
        volume="529",
        issue="7586",
        pages=("298-306", "298", "306"),
    ),
    case(
        "1. Rong Xiao & Deshu Xu & Meili Zhang & Zhanghua Chen & Li Cheng & Songjie Du & Mingfei Lu & "
        'Tonghai Zhou & Ruoyan Li & Fan Bai & Yue Huang, 2024. "Aneuploid embryonic stem cells drive teratoma '
        'metastasis," Nature Communications, Nature, vol. 15(1), pages 1-14, December.',
        "seed/cited-by-1",
        kind="article",
        title="Aneuploid embryonic stem cells drive teratoma metastasis",
        authors=[
            "Rong Xiao", "Deshu Xu", "Meili Zhang", "Zhanghua Chen", "Li Cheng", "Songjie Du",
            "Mingfei Lu", "Tonghai Zhou", "Ruoyan Li", "Fan Bai", "Yue Huang",
        ],  # fmt: skip
        year=2024,
        month=12,
        container=NATURE_COMMS,
        volume="15",
        issue="1",
        pages=("1-14", "1", "14"),
    ),
    case(
        "2. Huiling Zhou & Dongsheng Tang & Yingjie Yu & Lingpu Zhang & Bin Wang & Johannes Karges & "
        'Haihua Xiao, 2023. "Theranostic imaging and multimodal photodynamic therapy and immunotherapy using '
        'the mTOR signaling pathway," Nature Communications, Nature, vol. 14(1), pages 1-23, December.',
        "seed/cited-by-2",
        kind="article",
        title="Theranostic imaging and multimodal photodynamic therapy and immunotherapy using the mTOR "
        "signaling pathway",
        authors=[
            "Huiling Zhou", "Dongsheng Tang", "Yingjie Yu", "Lingpu Zhang", "Bin Wang", "Johannes Karges",
            "Haihua Xiao",
        ],  # fmt: skip
        year=2023,
        month=12,
        container=NATURE_COMMS,
        volume="14",
        issue="1",
        pages=("1-23", "1", "23"),
    ),
    case(
        "3. Huapan Fang & Zhaopei Guo & Jie Chen & Lin Lin & Yingying Hu & Yanhui Li & Huayu Tian & "
        'Xuesi Chen, 2021. "Combination of epigenetic regulation with gene therapy-mediated immune checkpoint '
        'blockade induces anti-tumour effects and immune response in vivo," Nature Communications, Nature, '
        "vol. 12(1), pages 1-19, December.",
        "seed/cited-by-3",
        kind="article",
        title="Combination of epigenetic regulation with gene therapy-mediated immune checkpoint blockade "
        "induces anti-tumour effects and immune response in vivo",
        authors=[
            "Huapan Fang", "Zhaopei Guo", "Jie Chen", "Lin Lin", "Yingying Hu", "Yanhui Li", "Huayu Tian",
            "Xuesi Chen",
        ],  # fmt: skip
        year=2021,
        month=12,
        container=NATURE_COMMS,
        volume="12",
        issue="1",
        pages=("1-19", "1", "19"),
    ),
    case(
        "4. Zhiyuan Zheng & Ya-nan Li & Shanfen Jia & Mengting Zhu & Lijuan Cao & Min Tao & Jingting Jiang & "
        "Shenghua Zhan & Yongjing Chen & Ping-Jin Gao & Weiguo Hu & Ying Wang & Changshun Shao & Yufang Shi, "
        '2021. "Lung mesenchymal stromal cells influenced by Th2 cytokines mobilize neutrophils and facilitate '
        'metastasis by producing complement C3," Nature Communications, Nature, vol. 12(1), pages 1-15, '
        "December.",
        "seed/cited-by-4",
        kind="article",
        title="Lung mesenchymal stromal cells influenced by Th2 cytokines mobilize neutrophils and facilitate "
        "metastasis by producing complement C3",
        authors=[
            "Zhiyuan Zheng", "Ya-nan Li", "Shanfen Jia", "Mengting Zhu", "Lijuan Cao", "Min Tao",
            "Jingting Jiang", "Shenghua Zhan", "Yongjing Chen", "Ping-Jin Gao", "Weiguo Hu", "Ying Wang",
            "Changshun Shao", "Yufang Shi",
        ],  # fmt: skip
        year=2021,
        month=12,
        container=NATURE_COMMS,
        volume="12",
        issue="1",
        pages=("1-15", "1", "15"),
    ),
    case(
        "5. Kaiyuan Wang & Xuanbo Zhang & Hao Ye & Xia Wang & Zhijin Fan & Qi Lu & Songhao Li & Jian Zhao & "
        'Shunzhe Zheng & Zhonggui He & Qianqian Ni & Xiaoyuan Chen & Jin Sun, 2023. "Biomimetic '
        "nanovaccine-mediated multivalent IL-15 self-transpresentation (MIST) for potent and safe cancer "
        'immunotherapy," Nature Communications, Nature, vol. 14(1), pages 1-18, December.',
        "seed/cited-by-5",
        kind="article",
        title="Biomimetic nanovaccine-mediated multivalent IL-15 self-transpresentation (MIST) for potent and "
        "safe cancer immunotherapy",
        authors=[
            "Kaiyuan Wang", "Xuanbo Zhang", "Hao Ye", "Xia Wang", "Zhijin Fan", "Qi Lu", "Songhao Li",
            "Jian Zhao", "Shunzhe Zheng", "Zhonggui He", "Qianqian Ni", "Xiaoyuan Chen", "Jin Sun",
        ],  # fmt: skip
        year=2023,
        month=12,
        container=NATURE_COMMS,
        volume="14",
        issue="1",
        pages=("1-18", "1", "18"),
    ),
    case(
        "6. W. Dean Pontius & Ellen S. Hong & Zachary J. Faber & Jeremy Gray & Craig D. Peacock & Ian Bayles & "
        "Katreya Lovrenert & Diana H. Chin & Berkley E. Gryder & Cynthia F. Bartels & Peter C. Scacheri, 2023. "
        '"Temporal chromatin accessibility changes define transcriptional states essential for osteosarcoma '
        'metastasis," Nature Communications, Nature, vol. 14(1), pages 1-15, December.',
        "seed/cited-by-6",
        kind="article",
        title="Temporal chromatin accessibility changes define transcriptional states essential for "
        "osteosarcoma metastasis",
        authors=[
            "W. Dean Pontius", "Ellen S. Hong", "Zachary J. Faber", "Jeremy Gray", "Craig D. Peacock",
            "Ian Bayles", "Katreya Lovrenert", "Diana H. Chin", "Berkley E. Gryder", "Cynthia F. Bartels",
            "Peter C. Scacheri",
        ],  # fmt: skip
        year=2023,
        month=12,
        container=NATURE_COMMS,
        volume="14",
        issue="1",
        pages=("1-15", "1", "15"),
    ),
    case(
        "7. Meirion Raymant & Yuliana Astuti & Laura Alvaro-Espinosa & Daniel Green & Valeria Quaranta & "
        "Gaia Bellomo & Mark Glenn & Vatshala Chandran-Gorner & Daniel H. Palmer & Christopher Halloran & "
        'Paula Ghan, 2024. "Macrophage-fibroblast JAK/STAT dependent crosstalk promotes liver metastatic '
        'outgrowth in pancreatic cancer," Nature Communications, Nature, vol. 15(1), pages 1-22, December.',
        "seed/cited-by-7",
        kind="article",
        title="Macrophage-fibroblast JAK/STAT dependent crosstalk promotes liver metastatic outgrowth in "
        "pancreatic cancer",
        authors=[
            "Meirion Raymant", "Yuliana Astuti", "Laura Alvaro-Espinosa", "Daniel Green", "Valeria Quaranta",
            "Gaia Bellomo", "Mark Glenn", "Vatshala Chandran-Gorner", "Daniel H. Palmer",
            "Christopher Halloran", "Paula Ghan",
        ],  # fmt: skip
        year=2024,
        month=12,
        container=NATURE_COMMS,
        volume="15",
        issue="1",
        pages=("1-22", "1", "22"),
    ),
]

LIU = ("Liu, Yan", "Yan", "Liu")
ZHAO = ("Zhao, Xueqing", "Xueqing", "Zhao")
ROE = ("Roe, Jane", "Jane", "Roe")
ART = dict(kind="article", title="Tidal budgets", authors=[ROE], year=2019)

ARTICLE_CASES = [
    case(
        'Liu, Yan & Zhao, Xueqing, 2023. "Lunar cycles and loan demand," Economics Letters, Elsevier, vol. 233(C).',
        "article/vol-letter-issue-no-pages",
        kind="article",
        title="Lunar cycles and loan demand",
        authors=[LIU, ZHAO],
        year=2023,
        container=("journal", "Economics Letters", "Elsevier"),
        volume="233",
        issue="C",
    ),
    case(
        'Roe, Jane, 2019. "Tidal budgets," Review of Invented Studies, Elsevier, vol. 98(C), pages 424-441.',
        "article/vol-C-pages",
        **ART,
        container=("journal", "Review of Invented Studies", "Elsevier"),
        volume="98",
        issue="C",
        pages=("424-441", "424", "441"),
    ),
    case(
        'Roe, Jane, 2019. "Tidal budgets," Energy Sketches, Elsevier, vol. 52(PA), pages 239-250.',
        "article/vol-PA",
        **ART,
        container=("journal", "Energy Sketches", "Elsevier"),
        volume="52",
        issue="PA",
        pages=("239-250", "239", "250"),
    ),
    case(
        'Roe, Jane, 2019. "Tidal budgets," Sustainable Things, MDPI, vol. 29(5).',
        "article/vol-issue-only",
        **ART,
        container=("journal", "Sustainable Things", "MDPI"),
        volume="29",
        issue="5",
    ),
    case(
        'Roe, Jane, 2019. "Tidal budgets," Journal of Made-up Finance, American Made-up Association, '
        "vol. 55(1), pages 37-60, January.",
        "article/month",
        **{**ART, "month": 1},
        container=("journal", "Journal of Made-up Finance", "American Made-up Association"),
        volume="55",
        issue="1",
        pages=("37-60", "37", "60"),
    ),
    case(
        'Roe, Jane, 2019. "Tidal budgets," Imaginary Quarterly, Imaginary Press, vol. 12, pages 1-10.',
        "article/volume-without-issue",
        **ART,
        container=("journal", "Imaginary Quarterly", "Imaginary Press"),
        volume="12",
        pages=("1-10", "1", "10"),
    ),
    case(
        'Roe, Jane, 2019. "Tidal budgets," Open Imaginary Science, Public Library of Nothing, vol. 14(3), '
        "pages e1234, March.",
        "article/page-e-number",
        **{**ART, "month": 3},
        container=("journal", "Open Imaginary Science", "Public Library of Nothing"),
        volume="14",
        issue="3",
        pages=("e1234", "e1234", None),
    ),
    case(
        'Roe, Jane, 2019. "Tidal budgets," Notes on Nothing, Nothing Society, vol. 3(2), pages 5.',
        "article/single-page",
        **ART,
        container=("journal", "Notes on Nothing", "Nothing Society"),
        volume="3",
        issue="2",
        pages=("5", "5", None),
    ),
    case(
        'Roe, Jane, 2019. "Tidal budgets," Revista de Nada, Universidad Imaginaria, issue 3, pages 1-10, Sept.',
        "article/issue-word-no-volume",
        **{**ART, "month": 9},
        container=("journal", "Revista de Nada", "Universidad Imaginaria"),
        issue="3",
        pages=("1-10", "1", "10"),
    ),
    case(
        'Roe, Jane, 2019. "Tidal budgets," Journal of Applied Guesswork, John Wiley & Sons, Ltd., '
        "vol. 26(2), pages 141-165, March.",
        "article/publisher-comma-ampersand",
        **{**ART, "month": 3},
        container=("journal", "Journal of Applied Guesswork", "John Wiley & Sons, Ltd."),
        volume="26",
        issue="2",
        pages=("141-165", "141", "165"),
    ),
    case(
        'Roe, Jane, 2019. "Tidal budgets," Computational Fables, Springer;Society for Computational Fables, '
        "vol. 53(4), pages 1571-1600, April.",
        "article/publisher-semicolon",
        **{**ART, "month": 4},
        container=("journal", "Computational Fables", "Springer;Society for Computational Fables"),
        volume="53",
        issue="4",
        pages=("1571-1600", "1571", "1600"),
    ),
    case(
        'Roe, Jane, 2019. "Tidal budgets," Journal of Banking & Folklore, Elsevier B.V., vol. 7(1-2), '
        "pages 3-4.",
        "article/journal-ampersand-publisher-abbreviation",
        **ART,
        container=("journal", "Journal of Banking & Folklore", "Elsevier B.V."),
        volume="7",
        issue="1-2",
        pages=("3-4", "3", "4"),
    ),
    case(
        'Roe, Jane, 2019. "Tidal budgets," Journal of Money, Credit and Folklore, Blackwell Publishing, '
        "vol. 41(2-3), pages 311-329, March.",
        "article/journal-name-with-comma",
        **{**ART, "month": 3},
        container=("journal", "Journal of Money, Credit and Folklore", "Blackwell Publishing"),
        volume="41",
        issue="2-3",
        pages=("311-329", "311", "329"),
    ),
    case(
        'Roe, Jane, 2019. "Tidal budgets," Int. J. of Imaginary Econ., Inderscience Enterprises Ltd, '
        "vol. 6(2), pages 1-2.",
        "article/journal-name-with-dots",
        **ART,
        container=("journal", "Int. J. of Imaginary Econ.", "Inderscience Enterprises Ltd"),
        volume="6",
        issue="2",
        pages=("1-2", "1", "2"),
    ),
    case(
        'Roe, Jane, 2019. "Why do tides vote?," Imaginary Review, Imaginary Press, vol. 1(1), pages 1-9.',
        "title/question-mark-comma-inside",
        **{**ART, "title": "Why do tides vote?"},
        container=("journal", "Imaginary Review", "Imaginary Press"),
        volume="1",
        issue="1",
        pages=("1-9", "1", "9"),
    ),
    case(
        'Roe, Jane, 2019. "Stop the tides!", Imaginary Review, Imaginary Press, vol. 1(1), pages 1-9.',
        "title/exclamation-comma-outside",
        **{**ART, "title": "Stop the tides!"},
        container=("journal", "Imaginary Review", "Imaginary Press"),
        volume="1",
        issue="1",
        pages=("1-9", "1", "9"),
    ),
    case(
        'Roe, Jane, 2019. "The ""new,"" tidal economy, revisited," Imaginary Review, Imaginary Press, '
        "vol. 1(1), pages 1-9.",
        "title/doubled-inner-quotes-and-commas",
        **{**ART, "title": 'The ""new,"" tidal economy, revisited'},
        container=("journal", "Imaginary Review", "Imaginary Press"),
        volume="1",
        issue="1",
        pages=("1-9", "1", "9"),
    ),
    case(
        'Roe, Jane, 2019. "Is it "yes!", or "no?" A tidal \'poll\'," Imaginary Review, Imaginary Press, '
        "vol. 1(1), pages 1-9.",
        "title/inner-quotes-with-punctuation",
        **{**ART, "title": "Is it \"yes!\", or \"no?\" A tidal 'poll'"},
        container=("journal", "Imaginary Review", "Imaginary Press"),
        volume="1",
        issue="1",
        pages=("1-9", "1", "9"),
    ),
    case(
        'Roe, Jane, 2019. "Tidal budgets," Imaginary Review, Imaginary Press, vol. 1(1), pages 1-9, Jan-Mar.',
        "date/month-range-keeps-year",
        **ART,
        container=("journal", "Imaginary Review", "Imaginary Press"),
        volume="1",
        issue="1",
        pages=("1-9", "1", "9"),
    ),
    case(
        'Roe, Jane, 2019b. "Tidal budgets," Imaginary Review, Imaginary Press, vol. 1(4), pages 1-9, Winter.',
        "date/season-and-year-letter",
        **ART,
        container=("journal", "Imaginary Review", "Imaginary Press"),
        volume="1",
        issue="4",
        pages=("1-9", "1", "9"),
    ),
    case(
        'Roe, Jane, n.d.. "Tidal budgets," Imaginary Review, Imaginary Press, vol. 1(1).',
        "date/no-date",
        **{**ART, "year": None},
        container=("journal", "Imaginary Review", "Imaginary Press"),
        volume="1",
        issue="1",
    ),
    case(
        '- Roe, Jane, 2019. "Tidal budgets," Imaginary Review, Imaginary Press, vol. 1(1), pages 1-9. '
        "DOI: 10.9999/imag.2019.001",
        "doi/trailing-doi-and-dash-bullet",
        **ART,
        container=("journal", "Imaginary Review", "Imaginary Press"),
        volume="1",
        issue="1",
        pages=("1-9", "1", "9"),
        doi="10.9999/imag.2019.001",
    ),
    case(
        "World Bank, 2019. \"Tidal budgets,\" Imaginary Review, Imaginary Press, vol. 1(1), pages 1-9. "
        "Downloads View citations in EconPapers (12) Track citations by RSS feed",
        "authors/institution-and-link-noise",
        **{**ART, "authors": ["World Bank"]},
        container=("journal", "Imaginary Review", "Imaginary Press"),
        volume="1",
        issue="1",
        pages=("1-9", "1", "9"),
        citation='World Bank, 2019. "Tidal budgets," Imaginary Review, Imaginary Press, vol. 1(1), pages 1-9.',
    ),
    case(
        '• K?hn, Peter & Mu?oz, Ana & Gr�n, Ole, 2019. "Tidal budgets," Imaginary Review, Imaginary Press, '
        "vol. 1(1).",
        "authors/mojibake-kept-as-printed",
        **{
            **ART,
            "authors": [
                ("K?hn, Peter", "Peter", "K?hn"), ("Mu?oz, Ana", "Ana", "Mu?oz"), ("Gr�n, Ole", "Ole", "Gr�n"),
            ],  # fmt: skip
        },
        container=("journal", "Imaginary Review", "Imaginary Press"),
        volume="1",
        issue="1",
    ),
]

PAPER = dict(kind="paper", title="Fishing for growth", authors=["Ann Smith", "Bob Jones"], year=2014)

PAPER_CASES = [
    case(
        'Ann Smith & Bob Jones, 2014. "Fishing for growth," NBER Working Papers 20841, '
        "National Bureau of Economic Research, Inc.",
        "paper/nber",
        **PAPER,
        container=("series", "NBER Working Papers", "National Bureau of Economic Research, Inc"),
        number="20841",
    ),
    case(
        'Ann Smith & Bob Jones, 2014. "Fishing for growth," IFAD Research Series 281567, '
        "International Fund for Agricultural Development (IFAD).",
        "paper/ifad-parenthesised-publisher",
        **PAPER,
        container=("series", "IFAD Research Series", "International Fund for Agricultural Development (IFAD)"),
        number="281567",
    ),
    case(
        'Ann Smith & Bob Jones, 2014. "Fishing for growth," Working Papers 2023-01, Becker Institute for Fish.',
        "paper/number-with-dash",
        **PAPER,
        container=("series", "Working Papers", "Becker Institute for Fish"),
        number="2023-01",
    ),
    case(
        'Ann Smith & Bob Jones, 2014. "Fishing for growth," Economics Working Papers wp_551, Fish Institute.',
        "paper/number-with-underscore",
        **PAPER,
        container=("series", "Economics Working Papers", "Fish Institute"),
        number="wp_551",
    ),
    case(
        'Ann Smith & Bob Jones, 2014. "Fishing for growth," CEPR Discussion Papers DP12345, C.E.P.R. '
        "Discussion Papers.",
        "paper/number-with-letters",
        **PAPER,
        container=("series", "CEPR Discussion Papers", "C.E.P.R. Discussion Papers"),
        number="DP12345",
    ),
    case(
        'Ann Smith & Bob Jones, 2014. "Fishing for growth," Working Papers 123, Department of Economics, '
        "University of Utopia.",
        "paper/department-university-publisher",
        **PAPER,
        container=("series", "Working Papers", "Department of Economics, University of Utopia"),
        number="123",
    ),
    case(
        'Ann Smith & Bob Jones, 2014. "Fishing for growth," Working Papers, Department of Economics, '
        "University of Utopia.",
        "paper/series-without-number",
        **PAPER,
        container=("series", "Working Papers", "Department of Economics, University of Utopia"),
    ),
    case(
        'Ann Smith & Bob Jones, 2014. "Fishing for growth," Papers 2301.01234, arXiv.org, revised Feb 2015.',
        "paper/arxiv-revised",
        **PAPER,
        container=("series", "Papers", "arXiv.org"),
        number="2301.01234",
        notes=["revised Feb 2015"],
    ),
    case(
        'Ann Smith & Bob Jones, 2014. "Fishing for growth," MPRA Paper 12345, University Library of Munich, '
        "Germany.",
        "paper/mpra",
        **PAPER,
        container=("series", "MPRA Paper", "University Library of Munich, Germany"),
        number="12345",
    ),
    case(
        'Ann Smith, 2012. "FISHREG: Stata module to count fish," Statistical Software Components S457001, '
        "Boston College Department of Economics, revised 05 Jan 2013.",
        "software/ssc",
        kind="software",
        title="FISHREG: Stata module to count fish",
        authors=["Ann Smith"],
        year=2012,
        container=("series", "Statistical Software Components", "Boston College Department of Economics"),
        number="S457001",
        notes=["revised 05 Jan 2013"],
    ),
]

CHAPTER = dict(kind="chapter", title="Fish and chips", authors=[("Doe, John", "John", "Doe")], year=2010)

CHAPTER_CASES = [
    case(
        'Doe, John, 2010. "Fish and chips," in: Carl Editor (ed.), The Book of Fish, chapter 5, pages 55-90, '
        "Imaginary Press.",
        "chapter/one-editor",
        **CHAPTER,
        container=("book", "The Book of Fish", "Imaginary Press"),
        editors=["Carl Editor"],
        number="5",
        pages=("55-90", "55", "90"),
    ),
    case(
        'Doe, John, 2010. "Fish and chips," Chapters, in: Editor, Carl & Redactor, Dana (eds.), The Book of '
        "Fish, Chips and Peas, chapter 3, Edward Elgar Publishing.",
        "chapter/two-editors-last-first-and-series",
        **CHAPTER,
        container=("book", "The Book of Fish, Chips and Peas", "Edward Elgar Publishing"),
        editors=[("Editor, Carl", "Carl", "Editor"), ("Redactor, Dana", "Dana", "Redactor")],
        number="3",
        series=("series", "Chapters", "Edward Elgar Publishing"),
    ),
    case(
        'Doe, John, 2010. "Fish and chips,"  in: The Book of Fish, pages 1-20, Imaginary Press.',
        "chapter/no-editors",
        **CHAPTER,
        container=("book", "The Book of Fish", "Imaginary Press"),
        pages=("1-20", "1", "20"),
    ),
    case(
        'Doe, John, 2010. "Fish and chips," Springer Books, in: Carl Editor & Dana Redactor (ed.), '
        "The Book of Fish, edition 2, chapter 3, pages 10-30, Springer.",
        "chapter/springer-books-edition",
        **CHAPTER,
        container=("book", "The Book of Fish", "Springer"),
        editors=["Carl Editor", "Dana Redactor"],
        number="3",
        edition="2",
        pages=("10-30", "10", "30"),
        series=("series", "Springer Books", "Springer"),
    ),
    case(
        'Doe, John, 2010. "Fish and chips," Handbook of Fish Economics, in: C. Editor & D. Redactor (ed.), '
        "Handbook of Fish Economics, edition 1, volume 4, chapter 12, pages 1043-1171, Elsevier.",
        "chapter/handbook-volume",
        **CHAPTER,
        container=("book", "Handbook of Fish Economics", "Elsevier"),
        editors=["C. Editor", "D. Redactor"],
        volume="4",
        number="12",
        edition="1",
        pages=("1043-1171", "1043", "1171"),
        series=("series", "Handbook of Fish Economics", "Elsevier"),
    ),
    case(
        'Doe, John, 2010. "Fish and chips," NBER Chapters, in: The Rate of Fish, '
        "National Bureau of Economic Research, Inc.",
        "chapter/no-keywords-publisher-inc",
        **CHAPTER,
        container=("book", "The Rate of Fish", "National Bureau of Economic Research, Inc"),
        series=("series", "NBER Chapters", "National Bureau of Economic Research, Inc"),
    ),
]

BOOK = dict(kind="book", title="The Fish Book", authors=["Ann Smith"], year=2015)

BOOK_CASES = [
    case(
        f'Ann Smith, 2015. "The Fish Book," Springer Books, Springer, edition 2, number {ISBN}, December.',
        "book/springer-isbn",
        **{**BOOK, "month": 12},
        container=("series", "Springer Books", "Springer"),
        isbn=[ISBN.replace("-", "")],
        number=ISBN,
        edition="2",
    ),
    case(
        'Ann Smith, 2015. "The Fish Book," Economics Books, Imaginary University Press, edition 1, number 8590.',
        "book/economics-books-number",
        **BOOK,
        container=("series", "Economics Books", "Imaginary University Press"),
        number="8590",
        edition="1",
    ),
    case(
        'Ann Smith, 2015. "The Fish Book," Imaginary Publishing House.',
        "book/publisher-only",
        **BOOK,
        publisher="Imaginary Publishing House",
    ),
    case(
        'Ann Smith, 2015. "The Fish Book," World Bank Publications - Books, The World Bank Group, number 12345, '
        "June.",
        "book/world-bank-books",
        **{**BOOK, "month": 6},
        container=("series", "World Bank Publications - Books", "The World Bank Group"),
        number="12345",
    ),
]

ECONPAPERS_CASES = [
    case(
        "Massagué, J. and Obenauf, A. (2016). Metastatic colonization by circulating tumour cells, Nature, 529, "
        "(7586), 298-306",
        "econpapers/last-initial-and",
        kind="article",
        title="Metastatic colonization by circulating tumour cells",
        authors=[("Massagué, J.", "J.", "Massagué"), ("Obenauf, A.", "A.", "Obenauf")],
        year=2016,
        container=("journal", "Nature", None),
        volume="529",
        issue="7586",
        pages=("298-306", "298", "306"),
    ),
    case(
        "Moe, Carl and Dana Doe (2018): Fish, chips, and growth, Imaginary Economic Review, 108, (6), 1488-1542 "
        "Downloads View citations (384)",
        "econpapers/comma-title-and-link-noise",
        kind="article",
        title="Fish, chips, and growth",
        authors=[("Moe, Carl", "Carl", "Moe"), "Dana Doe"],
        year=2018,
        container=("journal", "Imaginary Economic Review", None),
        volume="108",
        issue="6",
        pages=("1488-1542", "1488", "1542"),
        citation="Moe, Carl and Dana Doe (2018): Fish, chips, and growth, Imaginary Economic Review, 108, (6), "
        "1488-1542",
    ),
    case(
        'Ann Smith and Bob Jones (2014): "Fishing, for growth", NBER Working Papers, National Bureau of '
        "Economic Research, Inc Downloads",
        "econpapers/paper-quoted-title",
        kind="paper",
        title="Fishing, for growth",
        authors=["Ann Smith", "Bob Jones"],
        year=2014,
        container=("series", "NBER Working Papers", "National Bureau of Economic Research, Inc"),
        citation='Ann Smith and Bob Jones (2014): "Fishing, for growth", NBER Working Papers, National Bureau of '
        "Economic Research, Inc",
    ),
    case(
        "Ann Smith (2017): Fishing for growth, Journal of Fish, 2017, vol. 67, issue C, 153-174",
        "econpapers/item-page-numbers",
        kind="article",
        title="Fishing for growth",
        authors=["Ann Smith"],
        year=2017,
        container=("journal", "Journal of Fish", None),
        volume="67",
        issue="C",
        pages=("153-174", "153", "174"),
    ),
]

ODD_CASES = [
    case("", "odd/empty"),
    case(" \t\n ", "odd/whitespace"),
    case('"Just a title,"', "odd/only-a-title", title="Just a title"),
    case("A title with no marks at all", "odd/plain-words", title="A title with no marks at all"),
    case(
        'Ann Smith, 2016. "A title that never closes',
        "odd/unbalanced-quote",
        title="A title that never closes",
        authors=["Ann Smith"],
        year=2016,
    ),
    case(
        'Ann Smith, 2016. "Cut short," Imaginary Review, Imaginary Press, vol. 5(',
        "odd/truncated-in-volume",
        kind="article",
        title="Cut short",
        authors=["Ann Smith"],
        year=2016,
        container=("journal", "Imaginary Review", "Imaginary Press"),
        volume="5",
    ),
    case(
        'Ann Smith, 2016. "Cut after the title,"',
        "odd/truncated-after-title",
        title="Cut after the title",
        authors=["Ann Smith"],
        year=2016,
    ),
    case(
        'Ann\x00 Smi\x07th, 2016. "Con\x01trol\u200b chars," Imaginary Review, Imaginary Press, vol. 5(2).',
        "odd/control-characters",
        kind="article",
        title="Control chars",
        authors=["Ann Smith"],
        year=2016,
        container=("journal", "Imaginary Review", "Imaginary Press"),
        volume="5",
        issue="2",
        citation='Ann Smith, 2016. "Control chars," Imaginary Review, Imaginary Press, vol. 5(2).',
    ),
    case(
        'Ann Smith & Bob Jones, 2016. Unquoted fish, Imaginary Review, Imaginary Press, vol. 5(2), pages 1-9.',
        "odd/ideas-without-quotes",
        kind="article",
        title="Unquoted fish",
        authors=["Ann Smith", "Bob Jones"],
        year=2016,
        container=("journal", "Imaginary Review", "Imaginary Press"),
        volume="5",
        issue="2",
        pages=("1-9", "1", "9"),
    ),
    case(
        '12. Smith, Ann & Jones, Bob & Lee, Cy, 2016. "Three authors, last first," Imaginary Review, '
        "Imaginary Press, vol. 5(2).",
        "authors/last-first-three",
        kind="article",
        title="Three authors, last first",
        authors=[("Smith, Ann", "Ann", "Smith"), ("Jones, Bob", "Bob", "Jones"), ("Lee, Cy", "Cy", "Lee")],
        year=2016,
        container=("journal", "Imaginary Review", "Imaginary Press"),
        volume="5",
        issue="2",
    ),
]

EXTRA_CASES = [
    case(
        'Robert "Bob" Smith & Ann Lee, 2016. "The real title," Imaginary Review, Imaginary Press, vol. 5(2).',
        "authors/nickname-in-quotes",
        kind="article",
        title="The real title",
        authors=['Robert "Bob" Smith', "Ann Lee"],
        year=2016,
        container=("journal", "Imaginary Review", "Imaginary Press"),
        volume="5",
        issue="2",
    ),
    case(
        'Ann Lee, 2024. "Fish to come," Journal of Future Fish, Imaginary Press, forthcoming.',
        "article/forthcoming-no-volume",
        kind="article",
        title="Fish to come",
        authors=["Ann Lee"],
        year=2024,
        container=("journal", "Journal of Future Fish", "Imaginary Press"),
        notes=["forthcoming"],
    ),
    case(
        'Ann Lee, 2016. "Nested issue," Imaginary Review, Imaginary Press, vol. 12(3(1)), pages 1-2.',
        "article/nested-issue-parentheses",
        kind="article",
        title="Nested issue",
        authors=["Ann Lee"],
        year=2016,
        container=("journal", "Imaginary Review", "Imaginary Press"),
        volume="12",
        issue="3(1)",
        pages=("1-2", "1", "2"),
    ),
    case(
        'Carl Editor & Dana Redactor (ed.), 2001. "The Fish Book," Imaginary Press.',
        "book/edited-by-authors",
        kind="book",
        title="The Fish Book",
        authors=["Carl Editor", "Dana Redactor"],
        year=2001,
        publisher="Imaginary Press",
        notes=["edited by the listed authors"],
    ),
    case(
        "Ann Lee, 2016. \u201cCurly quotes,\u201d Imaginary Review, Imaginary Press, vol. 5(2).",
        "title/typographic-quotes",
        kind="article",
        title="Curly quotes",
        authors=["Ann Lee"],
        year=2016,
        container=("journal", "Imaginary Review", "Imaginary Press"),
        volume="5",
        issue="2",
    ),
    case(
        "Lee, A.: Fish without a year, Imaginary Review, 5, (2), 1-9",
        "econpapers/no-year",
        kind="article",
        title="Lee, A.: Fish without a year",
        container=("journal", "Imaginary Review", None),
        volume="5",
        issue="2",
        pages=("1-9", "1", "9"),
    ),
    case(
        'Ann Lee, 2016. "Listed names," Farming, Fishing & Forestry Journal, Emerald Group Publishing Limited, '
        "vol. 11(4), pages 459-472, October.",
        "article/journal-name-list-with-ampersand",
        kind="article",
        title="Listed names",
        authors=["Ann Lee"],
        year=2016,
        month=10,
        container=("journal", "Farming, Fishing & Forestry Journal", "Emerald Group Publishing Limited"),
        volume="11",
        issue="4",
        pages=("459-472", "459", "472"),
    ),
    case(
        "Ann Smith and Bob Jones (2014). Fishing for growth, NBER Working Papers from National Bureau of "
        "Economic Research, Inc",
        "econpapers/series-from-provider",
        **PAPER,
        container=("series", "NBER Working Papers", "National Bureau of Economic Research, Inc"),
    ),
    case(
        'Ann Smith, Bob Jones and Cy Lee (2014): "Fishing, for growth", NBER Chapters, in: Carl Editor (ed.), '
        "The Book of Fish, pages 1-20, National Bureau of Economic Research, Inc",
        "econpapers/chapter",
        kind="chapter",
        title="Fishing, for growth",
        authors=["Ann Smith", "Bob Jones", "Cy Lee"],
        year=2014,
        container=("book", "The Book of Fish", "National Bureau of Economic Research, Inc"),
        editors=["Carl Editor"],
        pages=("1-20", "1", "20"),
        series=("series", "NBER Chapters", "National Bureau of Economic Research, Inc"),
    ),
]

ALL_CASES = [
    *SEED_CASES, *ARTICLE_CASES, *PAPER_CASES, *CHAPTER_CASES, *BOOK_CASES, *ECONPAPERS_CASES, *ODD_CASES,
    *EXTRA_CASES,
]


def _expected_citation(text: str, expected: dict[str, Any]) -> str | None:
    """The cleaned string: by default the input minus its list numbering, whitespace normalised."""
    if expected["citation"] is not None or not text.strip():
        return expected["citation"]
    text = " ".join(text.split())
    for mark in ("- ", "• "):
        if text.startswith(mark):
            return text[len(mark) :]
    head, dot, rest = text.partition(". ")
    return rest if dot and head.isdigit() else text


@pytest.mark.parametrize("text, expected", ALL_CASES)
def test_parse_citation(text: str, expected: dict[str, Any]) -> None:
    expected = {**expected, "citation": _expected_citation(text, expected)}
    assert summary(parse_citation(text)) == expected


def test_table_is_large_enough() -> None:
    assert len(ALL_CASES) >= 40


def test_seed_strings_are_on_the_seed_page() -> None:
    """The seed rows are the page's own strings: read them from the page and parse them again."""
    if not SEED.is_file():
        pytest.skip("../shared is not present")
    lines = [line.strip() for line in SEED.read_text(encoding="utf-8").splitlines()]
    printed = [line for line in lines if line[:2] in {f"{n}." for n in range(1, 8)}]
    printed.append(next(line for line in lines if line.startswith("• Joan Massagué & ")))
    assert len(printed) == len(SEED_CASES)
    table = {parse_citation(param.values[0]).citation for param in SEED_CASES}
    assert {parse_citation(line).citation for line in printed} == table


def _names(*names: Auth) -> list[tuple[str, str | None, str | None]]:
    return [_author(n) for n in names]


@pytest.mark.parametrize(
    "text, names",
    [
        pytest.param(
            "Liu, Yan & Zhao, Xueqing", _names(LIU, ZHAO), id="last-first-ampersand"
        ),
        pytest.param(
            "Joan Massagué & Anna C. Obenauf", _names("Joan Massagué", "Anna C. Obenauf"), id="first-last-ampersand"
        ),
        pytest.param(
            "Massagué, J. and Obenauf, A.",
            _names(("Massagué, J.", "J.", "Massagué"), ("Obenauf, A.", "A.", "Obenauf")),
            id="and-initials",
        ),
        pytest.param(
            "Ann Smith, Bob Jones, and Cy Lee", _names("Ann Smith", "Bob Jones", "Cy Lee"), id="serial-comma-and"
        ),
        pytest.param("Ann Smith, Bob Jones", _names("Ann Smith", "Bob Jones"), id="comma-full-names"),
        pytest.param("Ya-nan Li, Bo Wu", _names("Ya-nan Li", "Bo Wu"), id="comma-short-full-names"),
        pytest.param(
            "Smith, A., Jones, B., Lee, C.",
            _names(("Smith, A.", "A.", "Smith"), ("Jones, B.", "B.", "Jones"), ("Lee, C.", "C.", "Lee")),
            id="comma-last-initials",
        ),
        pytest.param(
            "Moe, Carl, Dana Doe and Eve Poe",
            _names(("Moe, Carl", "Carl", "Moe"), "Dana Doe", "Eve Poe"),
            id="first-inverted-only",
        ),
        pytest.param(
            "Van der Berg, Anna C.", _names(("Van der Berg, Anna C.", "Anna C.", "Van der Berg")), id="particle"
        ),
        pytest.param(
            "Food and Agriculture Organization", _names("Food and Agriculture Organization"), id="institution-and"
        ),
        pytest.param(
            "Smith, Ann; Jones, Bob",
            _names(("Smith, Ann", "Ann", "Smith"), ("Jones, Bob", "Bob", "Jones")),
            id="semicolons",
        ),
        pytest.param("Smith, A. et al.", _names(("Smith, A.", "A.", "Smith")), id="et-al"),
        pytest.param("", [], id="empty"),
    ],
)
def test_split_authors(text: str, names: list[tuple[str, str | None, str | None]]) -> None:
    assert [(a.name, a.given, a.family) for a in split_authors(text)] == names


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("x" * 20000, id="one-long-word"),
        pytest.param('"' * 20000, id="quotes"),
        pytest.param(', "' * 7000, id="comma-quote-runs"),
        pytest.param('A, 2016. "' + ',"' * 7000, id="title-closers"),
        pytest.param("a-" * 10000 + " b", id="dash-runs"),
        pytest.param('A, 2016. "T," J, P, vol. 1(2), pages ' + "1-" * 10000 + " x", id="huge-pages"),
        pytest.param("10.1234/" * 2500 + " doi", id="doi-like-runs"),
        pytest.param("Downloads " * 2000 + "x", id="noise-runs"),
        pytest.param("(2016) " * 3000, id="year-runs"),
        pytest.param("in: (ed.), " * 2000, id="chapter-marker-runs"),
        pytest.param("A & " * 5000, id="author-separators"),
        pytest.param("Ann Smith, " * 2000 + '2016. "T," J, P, vol. 1.', id="many-authors"),
    ],
)
def test_pathological_strings_finish(text: str) -> None:
    work = parse_citation(text)
    assert work.kind in KINDS
    assert work.citation is not None


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ['"', ",", ", ", " & ", " and ", "(", ")", "vol. ", "pages ", "in: ", "(ed.)", "2016", "1-2",
             "January", "Spring", ".", " ", "Ab", "Inc.", "doi:10.1234/x", "Papers 12", "edition 2",
             "chapter 3", "number 978-3-319-12345-5", "?", "!", "é", "•", "1. ", "Downloads"]
        ),  # fmt: skip
        max_size=40,
    ).map("".join)
)
def test_never_raises_on_citation_like_noise(text: str) -> None:
    work = parse_citation(text)
    assert work.kind in KINDS
    assert work.citation is None or work.citation == clean(work.citation)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_never_raises_on_any_text(text: str) -> None:
    assert parse_citation(text).kind in KINDS


def test_doctests() -> None:
    assert doctest.testmod(citations).failed == 0


def test_every_truncation_of_every_row_parses() -> None:
    """Pages can be cut short anywhere: every prefix of every table string still gives a Work."""
    for param in ALL_CASES:
        text = param.values[0]
        for end in range(len(text) + 1):
            work = parse_citation(text[:end])
            assert work.kind in KINDS
            assert work.citation is None or work.citation == clean(work.citation)


# --- page ranges, months, unlisted works, strings cut short -----------------------------------------


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("427-65", ("427-65", "427", "465")),  # abbreviated end, as old IDEAS "Pages:" lines print it
        ("1169-89", ("1169-89", "1169", "1189")),
        ("98-9", ("98-9", "98", "99")),
        ("1-14", ("1-14", "1", "14")),
        ("298-306", ("298-306", "298", "306")),
        ("e1234", ("e1234", "e1234", None)),
        ("e1234-e1240", ("e1234-e1240", "e1234", "e1240")),
        ("429-15", ("429-15", "429", "15")),  # completing would go backwards: kept as printed
        ("xiii-xx", ("xiii-xx", "xiii", "xx")),
        (" 12 ", ("12", "12", None)),
    ],
)
def test_parse_pages(raw: str, expected: tuple[str, str | None, str | None]) -> None:
    pages = citations.parse_pages(raw)
    assert pages is not None and (pages.raw, pages.start, pages.end) == expected


def test_parse_pages_empty() -> None:
    assert citations.parse_pages("") is None and citations.parse_pages(None) is None


def test_abbreviated_pages_in_a_citation() -> None:
    w = parse_citation('Ann Smith, 1992. "Fish," Journal of Fish, Fish Press, vol. 47(2), pages 427-65, June.')
    assert (w.pages.raw, w.pages.start, w.pages.end) == ("427-65", "427", "465")


@pytest.mark.parametrize(
    "text, number",
    [("January", 1), ("Jan", 1), ("Sep.", 9), ("sept", 9), ("September", 9), (" June ", 6), ("Dec", 12),
     ("Spring", None), ("Juno", None), ("", None), (None, None), ("Mayday", None)],
)
def test_month_number(text: str | None, number: int | None) -> None:
    assert citations.month_number(text) == number


def test_not_listed_on_ideas_keeps_the_handle() -> None:
    """Cited-by lists print "repec:<handle> is not listed on IDEAS" for works IDEAS has no page for."""
    w = parse_citation("3. repec:abc:wpaper:2012-03 is not listed on IDEAS")
    assert (w.handle, w.repec_key, w.title, w.authors, w.container) == (
        "RePEc:abc:wpaper:2012-03", "abc/wpaper/2012-03", None, [], None,
    )
    assert w.citation == "repec:abc:wpaper:2012-03 is not listed on IDEAS"


def test_not_listed_with_a_long_handle() -> None:
    w = parse_citation("repec:xyz:wpfish:info:hdl:1234/abcdef0123 is not listed on IDEAS")
    assert w.handle == "RePEc:xyz:wpfish:info:hdl:1234/abcdef0123"
    assert w.title is None and w.kind == "other"


@pytest.mark.parametrize(
    "text, expected",
    [
        # cut inside the page range: the fragment is not read, what comes before it is
        ('Fan, Ann & Wu, Bo, 2021. "Fish and growth," Review of Fish & Chips, Fish Press, vol. 76(C), pages 1245-12',
         ("article", 2021, "Fish and growth", ("journal", "Review of Fish & Chips", "Fish Press"), "76", "C", None)),
        # cut inside the journal name: no container at all
        ('Fan, Ann & Wu, Bo, 2021. "Fish and growth," Review of Fi',
         ("other", 2021, "Fish and growth", None, None, None, None)),
        # cut inside the title
        ('Ann Fan & Bo Wu, 2011. "A Tale of Fish: White Collar J',
         ("other", 2011, "A Tale of Fish: White Collar J", None, None, None, None)),
        # cut inside the year: nothing but the citation
        ("Fan, Ann & Wu, Bo, 2", ("other", None, None, None, None, None, None)),
    ],
)
def test_cut_citation_reads_only_complete_fields(text: str, expected: tuple) -> None:
    w = parse_citation(text, cut=True)
    c = w.container
    got = (w.kind, w.date.year if w.date else None, w.title, (c.kind, c.name, c.publisher) if c else None,
           w.volume, w.issue, w.pages)
    assert got == expected
    assert w.citation == text
