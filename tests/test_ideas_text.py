"""The IDEAS text reader, field by field, on every fixture under tests/fixtures/ideas-text/.

seed-nature17038.txt is the real seed page. Every other fixture is synthetic (invented titles,
names, handles) and reproduces a real layout line for line; tests/fixtures/ideas-text/README.md
says which real pages or documented layout each one follows.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from rdfbib.errors import ReaderError
from rdfbib.model import Affiliation, File, Pages, PartialDate, Record, Subject, Work
from rdfbib.page import Page
from rdfbib.readers import detect, get

from .counting import grows_linearly

FIXTURES = Path(__file__).parent / "fixtures" / "ideas-text"
SHARED = Path(__file__).parents[2] / "shared"
READER = get("ideas-text")


def read(name: str) -> Record:
    page = Page.from_bytes((FIXTURES / name).read_bytes(), source=name)
    assert detect(page).name == "ideas-text"
    return READER.read(page)


def names(work: Work) -> list[str]:
    return [a.name for a in work.authors]


def journal(work: Work) -> tuple:
    c = work.container
    return (c.kind, c.name, c.publisher, c.handle) if c else None


def cite(work: Work) -> tuple:
    """A cited or citing work as (authors, iso date, title, container kind/name/publisher, volume, issue, pages, number)."""
    c = work.container
    return (
        names(work), work.date.iso() if work.date else None, work.title,
        (c.kind, c.name, c.publisher) if c else None, work.volume, work.issue, work.pages.raw if work.pages else None, work.number,
    )  # fmt: skip


# --- the real seed page ---------------------------------------------------------------------------

SEED_CITING = [
    (["Rong Xiao", "Deshu Xu", "Meili Zhang", "Zhanghua Chen", "Li Cheng", "Songjie Du", "Mingfei Lu", "Tonghai Zhou",
      "Ruoyan Li", "Fan Bai", "Yue Huang"], "2024-12", "Aneuploid embryonic stem cells drive teratoma metastasis",
     ("journal", "Nature Communications", "Nature"), "15", "1", "1-14", None),
    (["Huiling Zhou", "Dongsheng Tang", "Yingjie Yu", "Lingpu Zhang", "Bin Wang", "Johannes Karges", "Haihua Xiao"], "2023-12",
     "Theranostic imaging and multimodal photodynamic therapy and immunotherapy using the mTOR signaling pathway",
     ("journal", "Nature Communications", "Nature"), "14", "1", "1-23", None),
    (["Huapan Fang", "Zhaopei Guo", "Jie Chen", "Lin Lin", "Yingying Hu", "Yanhui Li", "Huayu Tian", "Xuesi Chen"], "2021-12",
     "Combination of epigenetic regulation with gene therapy-mediated immune checkpoint blockade induces anti-tumour "
     "effects and immune response in vivo", ("journal", "Nature Communications", "Nature"), "12", "1", "1-19", None),
    (["Zhiyuan Zheng", "Ya-nan Li", "Shanfen Jia", "Mengting Zhu", "Lijuan Cao", "Min Tao", "Jingting Jiang", "Shenghua Zhan",
      "Yongjing Chen", "Ping-Jin Gao", "Weiguo Hu", "Ying Wang", "Changshun Shao", "Yufang Shi"], "2021-12",
     "Lung mesenchymal stromal cells influenced by Th2 cytokines mobilize neutrophils and facilitate metastasis by producing "
     "complement C3", ("journal", "Nature Communications", "Nature"), "12", "1", "1-15", None),
    (["Kaiyuan Wang", "Xuanbo Zhang", "Hao Ye", "Xia Wang", "Zhijin Fan", "Qi Lu", "Songhao Li", "Jian Zhao", "Shunzhe Zheng",
      "Zhonggui He", "Qianqian Ni", "Xiaoyuan Chen", "Jin Sun"], "2023-12",
     "Biomimetic nanovaccine-mediated multivalent IL-15 self-transpresentation (MIST) for potent and safe cancer immunotherapy",
     ("journal", "Nature Communications", "Nature"), "14", "1", "1-18", None),
    (["W. Dean Pontius", "Ellen S. Hong", "Zachary J. Faber", "Jeremy Gray", "Craig D. Peacock", "Ian Bayles", "Katreya Lovrenert",
      "Diana H. Chin", "Berkley E. Gryder", "Cynthia F. Bartels", "Peter C. Scacheri"], "2023-12",
     "Temporal chromatin accessibility changes define transcriptional states essential for osteosarcoma metastasis",
     ("journal", "Nature Communications", "Nature"), "14", "1", "1-15", None),
    (["Meirion Raymant", "Yuliana Astuti", "Laura Alvaro-Espinosa", "Daniel Green", "Valeria Quaranta", "Gaia Bellomo",
      "Mark Glenn", "Vatshala Chandran-Gorner", "Daniel H. Palmer", "Christopher Halloran", "Paula Ghan"], "2024-12",
     "Macrophage-fibroblast JAK/STAT dependent crosstalk promotes liver metastatic outgrowth in pancreatic cancer",
     ("journal", "Nature Communications", "Nature"), "15", "1", "1-22", None),
]  # fmt: skip


def test_seed_fixture_is_the_shared_seed() -> None:
    seed = SHARED / "seed-ideas-nature17038.txt"
    if not seed.is_file():
        pytest.skip("../shared is not present")
    assert (FIXTURES / "seed-nature17038.txt").read_bytes() == seed.read_bytes()


def test_seed() -> None:
    record = read("seed-nature17038.txt")
    w = record.work
    assert record.reader == "ideas-text" and record.warnings == []
    assert w.kind == "article"
    assert w.title == "Metastatic colonization by circulating tumour cells"
    assert names(w) == ["Joan Massagué", "Anna C. Obenauf"]
    assert [(a.given, a.family) for a in w.authors] == [(None, None), (None, None)]
    assert w.authors[0].affiliations == [Affiliation("Cancer Biology and Genetics Program, Memorial Sloan Kettering Cancer Center")]
    assert w.authors[1].affiliations == [
        Affiliation("Cancer Biology and Genetics Program, Memorial Sloan Kettering Cancer Center"),
        Affiliation("Research Institute of Molecular Pathology, Vienna Biocenter, 1030 Vienna, Austria.", role="Present address"),
    ]
    assert w.authors[0].notes == w.authors[1].notes == []
    assert w.abstract.startswith("Metastasis is the main cause of death in people with cancer. To colonize distant organs,")
    assert w.abstract.endswith("needed to better prevent and treat metastatic cancer.")
    assert w.date == PartialDate(2016, 1) and w.date.iso() == "2016-01" and w.date.precision == "month"
    assert journal(w) == ("journal", "Nature", "Nature", "nat/nature")
    assert (w.volume, w.issue, w.pages, w.number) == ("529", "7586", Pages("298-306", "298", "306"), None)
    assert w.handle == "RePEc:nat:nature:v:529:y:2016:i:7586:d:10.1038_nature17038"
    assert w.repec_key == "nat/nature/v529y2016i7586d10.1038_nature17038"
    assert w.doi == "10.1038/nature17038"
    assert w.url == "https://ideas.repec.org/a/nat/nature/v529y2016i7586d10.1038_nature17038.html"
    assert w.citation.startswith("Joan Massagué & Anna C. Obenauf, 2016. \"Metastatic colonization")
    assert w.files == [
        File("https://www.nature.com/articles/nature17038", function="Abstract",
             restriction="Access to the full text of the articles in this series is restricted.", restricted=True),
        File("https://libkey.io/10.1038/nature17038?utm_source=ideas",
             function="LibKey link: if access is restricted and if your library uses this service, LibKey will redirect you "
             "to where you can use your library subscription to access this item"),
    ]  # fmt: skip
    assert (w.keywords, w.subjects, w.references, w.versions, w.notes) == ([], [], [], [], [])
    assert [cite(c) for c in w.cited_by] == SEED_CITING
    assert all(c.kind == "article" and c.date.precision == "month" for c in w.cited_by)
    assert w.cited_by[6].citation.endswith("vol. 15(1), pages 1-22, December.")


# --- current layout, synthetic ----------------------------------------------------------------------


def test_article_current_full() -> None:
    record = read("article-current-full.txt")
    w = record.work
    assert record.warnings == []
    assert (w.kind, w.title) == ("article", "Tidal labour markets and the hollow firm")
    assert names(w) == ["Quillfeather, Ottilie", "Marrowby, Anselm T.", "Vantreight, Corisande"]
    assert [(a.given, a.family) for a in w.authors][:2] == [("Ottilie", "Quillfeather"), ("Anselm T.", "Marrowby")]
    # nested parentheses stay; a line ending in "," continues; a line after a complete name starts a new workplace
    assert w.authors[0].affiliations == [Affiliation("Department of Economics (DIW), University (Berlin)")]
    assert w.authors[1].affiliations == [
        Affiliation("School of Economics and Finance, University of Westhaven"),
        Affiliation("Institute for Coastal Studies (ICS), Port Amberly, Norland"),
    ]
    assert w.authors[2].affiliations == [Affiliation("Ministry of Invented Affairs")]
    assert w.authors[2].notes == ["These authors contributed equally to this work."]
    assert w.abstract.startswith("We document that firms in invented coastal economies hire and shed workers with the tides,")
    assert "permanent staff. A model of seasonal contracting" in w.abstract  # paragraphs joined with one space
    assert "borrowed" not in w.abstract
    assert w.notes == ["This abstract was borrowed from another version of this item."]
    assert w.date == PartialDate(2022) and w.date.precision == "year"
    assert journal(w) == ("journal", "Journal of Invented Economics", "Elsevier", "eee/jinvec")
    assert (w.volume, w.issue, w.pages) == ("41", "3", Pages("211-239", "211", "239"))
    assert (w.handle, w.repec_key) == ("RePEc:eee:jinvec:v:41:y:2022:i:3:p:211-239", "eee/jinvec/v41y2022i3p211-239")
    assert w.doi == "10.1016/j.jinvec.2022.01.004"
    assert w.url == "https://ideas.repec.org/a/eee/jinvec/v41y2022i3p211-239.html"
    assert w.files[0] == File("http://www.sciencedirect.com/science/article/pii/S0000000022000041",
                              restriction="Full text for ScienceDirect subscribers only", restricted=True)  # fmt: skip
    assert w.files[1].url == "https://libkey.io/10.1016/j.jinvec.2022.01.004?utm_source=ideas"
    assert w.files[1].function.startswith("LibKey link: if access is restricted and") and w.files[1].restricted is None
    assert len(w.files) == 2
    assert w.keywords == ["tidal labour", "hollow firm", "outsourcing", "seasonal contracting"]
    assert w.subjects == [
        Subject("J23", "Labor and Demographic Economics - - Demand and Supply of Labor - - - Labor Demand"),
        Subject("L24", "Industrial Organization - - Firm Objectives, Organization, and Behavior - - - Contracting Out; "
                "Joint Ventures; Technology Licensing"),
    ]  # fmt: skip
    assert [cite(v) for v in w.versions] == [
        (["Ottilie Quillfeather", "Anselm T. Marrowby", "Corisande Vantreight"], "2020", "Tidal Labour Markets and the Hollow Firm",
         ("series", "Discussion Papers", "Institute of Made-Up Research"), None, None, None, "20-117"),
    ]  # fmt: skip
    assert len(w.references) == 3
    assert cite(w.references[1]) == (
        ["Ines Pelham", "Kwame Oduya"], "2019", "Who Keeps the Core? Permanent Staff in Outsourcing Firms",
        ("series", "NBER Working Papers", "National Bureau of Economic Research, Inc"), None, None, None, "25999",
    )  # fmt: skip
    assert cite(w.references[2]) == (
        ["Marrowby, Anselm T."], "2011-03", "Tides and Trade", ("journal", "Fictional Economic Review", "John Wiley & Sons, Ltd."),
        "52", "PA", "239-250", None,
    )  # fmt: skip
    assert len(w.cited_by) == 2
    assert cite(w.cited_by[0]) == (
        ["Nkemelu, Adaeze", "Sorrentino, Paola"], "2024", "Outsourcing and the tide: a reply",
        ("journal", "Journal of Invented Economics", "Elsevier"), "44", "C", None, None,
    )  # fmt: skip
    assert cite(w.cited_by[1])[:3] == (["Halvard Sternquist"], "2023", "Why Hollow?")


def test_working_paper() -> None:
    record = read("paper-working-paper.txt")
    w = record.work
    assert record.warnings == []
    assert (w.kind, w.title) == ("paper", "Rainfall insurance in imaginary villages")
    assert names(w) == ["Tamsin Oakhurst"] and w.authors[0].affiliations == [Affiliation("Invented University")]
    assert w.abstract.startswith("We evaluate a rainfall index insurance scheme")
    assert w.date == PartialDate(2021)
    assert journal(w) == ("series", "Working Papers", "Invented University, Department of Economics", "ivu/wpaper")
    assert (w.number, w.volume, w.issue, w.pages, w.doi) == ("2021-07", None, None, None, None)
    assert (w.handle, w.repec_key) == ("RePEc:ivu:wpaper:2021-07", "ivu/wpaper/2021-07")
    assert w.url == "https://ideas.repec.org/p/ivu/wpaper/2021-07.html"
    assert w.notes == ["Forthcoming in the Journal of Invented Economics.", "revised Mar 2022"]
    assert w.files == [File("https://economics.invented-university.example.edu/wp/2021-07.pdf",
                            function="First version, 2021", restricted=False)]  # fmt: skip
    assert w.keywords == ["index insurance", "rainfall", "take-up"]
    assert [s.code for s in w.subjects] == ["O13"]
    assert w.subjects[0].label.endswith("- - - Agriculture; Natural Resources; Energy; Environment; Other Primary Products")
    chapter, article = w.references
    assert chapter.kind == "chapter" and chapter.title == "Duration of imaginary spells"
    assert (chapter.container.kind, chapter.container.name) == ("book", "Handbook of Invented Econometrics")
    assert [e.name for e in chapter.container.editors] == ["J.J. Heckwood", "E.E. Leamington"]
    assert chapter.pages == Pages("3381-3460", "3381", "3460")
    assert cite(article) == (
        ["Brightwater, Hesketh"], "2015-02", "Index insurance without an index",
        ("journal", "Fictional Economic Review", "John Wiley & Sons, Ltd."), "56", "1", "1-29", None,
    )  # fmt: skip
    assert w.cited_by == [] and w.versions == []


def test_chapter() -> None:
    record = read("chapter-in-book.txt")
    w = record.work
    assert record.warnings == []
    assert (w.kind, w.title) == ("chapter", "Search frictions in fictional markets")
    assert names(w) == ["Pelham, Ines", "Oduya, Kwame"] and all(a.affiliations == [] for a in w.authors)
    assert w.abstract.startswith("This chapter surveys models of search")
    assert w.date == PartialDate(2011)
    assert journal(w) == ("book", "Handbook of Imaginary Economics", "Elsevier", "eee/invchp")
    assert [e.name for e in w.container.editors] == ["R. Tamsin", "L. Okafor"]
    assert (w.volume, w.number, w.edition, w.pages) == ("4", "12", "1", Pages("701-788", "701", "788"))
    assert (w.handle, w.repec_key, w.doi) == ("RePEc:eee:invchp:4-12", "eee/invchp/4-12", None)
    assert w.url == "https://ideas.repec.org/h/eee/invchp/4-12.html"
    assert w.files == [File("http://www.sciencedirect.com/science/article/B7P5S-0000000-1/2/0a1b2c3d4e5f",
                            restriction="Full text for ScienceDirect subscribers only", restricted=True)]  # fmt: skip
    assert [s.code for s in w.subjects] == ["D83", "J64"]
    assert w.subjects[0].label == ("Microeconomics - - Information, Knowledge, and Uncertainty - - - Search; Learning; "
                                   "Information and Knowledge; Communication; Belief; Unawareness")  # fmt: skip
    assert (w.keywords, w.references, w.cited_by) == ([], [], [])


def test_book() -> None:
    record = read("book.txt")
    w = record.work
    assert record.warnings == []
    assert (w.kind, w.title) == ("book", "Models of Nowhere")
    assert names(w) == ["Halvard Sternquist"]
    assert w.abstract == ("This book develops economic models of places that do not exist. "
                          "The second part applies them to invented trade routes.")  # fmt: skip
    assert w.date == PartialDate(2015, 12)
    assert journal(w) == ("series", "Springer Books", "Springer", "spr/sprbok")
    assert (w.edition, w.number) == ("2", "978-3-319-12345-6")
    assert (w.handle, w.repec_key) == ("RePEc:spr:sprbok:978-3-319-12345-6", "spr/sprbok/978-3-319-12345-6")
    assert w.doi == "10.1007/978-3-319-12345-6"
    assert w.url == "https://ideas.repec.org/b/spr/sprbok/978-3-319-12345-6.html"
    assert w.files == []  # "not available for download": its numbered advice is no list of works
    assert w.keywords == ["Imaginary economies", "Trade routes", "Nowhere"]
    assert (w.references, w.cited_by, w.subjects) == ([], [], [])


def test_software() -> None:
    record = read("software.txt")
    w = record.work
    assert record.warnings == []
    assert (w.kind, w.title) == ("software", "XTFAKE: Stata module to estimate imaginary panel models")
    assert names(w) == ["Wenonah Quist"] and w.authors[0].affiliations == [Affiliation("Invented University")]
    assert w.date == PartialDate(2014)
    assert journal(w) == ("series", "Statistical Software Components", "Boston College Department of Economics", "boc/bocode")
    assert w.number == "S458123"
    assert (w.handle, w.repec_key) == ("RePEc:boc:bocode:s458123", "boc/bocode/s458123")
    assert w.url == "https://ideas.repec.org/c/boc/bocode/s458123.html"
    assert w.notes[0].startswith('This module should be installed from within Stata by typing "ssc install xtfake".')
    assert "revised 03 Feb 2016" in w.notes
    assert w.files == [
        File("http://fmwww.bc.edu/repec/bocode/x/xtfake.ado", function="program code", restricted=False),
        File("http://fmwww.bc.edu/repec/bocode/x/xtfake.sthlp", function="help file", restricted=False),
    ]
    assert w.keywords == ["panel data", "imaginary effects", "stata"]


# --- variations -------------------------------------------------------------------------------------


def test_proxy_lines_before_the_header() -> None:
    record = read("proxy-header.txt")
    w = record.work
    assert record.warnings == []
    assert w.title == "Commuting by ferry between invented islands"
    assert w.url == "https://ideas.repec.org/a/fic/jfilab/v9y2016i2p101-130.html"  # the proxied host is undone
    assert (w.kind, w.repec_key) == ("article", "fic/jfilab/v9y2016i2p101-130")
    assert names(w) == ["Abernethy, Colm"]
    assert w.date == PartialDate(2016, 4)
    assert journal(w) == ("journal", "Journal of Fictional Labor", "Fictional Press", "fic/jfilab")
    assert (w.volume, w.issue, w.pages) == ("9", "2", Pages("101-130", "101", "130"))
    assert w.files == [File("https://fictionalpress.example.org/jfl/9/2/101", format="text/html",
                            restriction="Access to full text is restricted to subscribers.", restricted=True)]  # fmt: skip


def test_empty_printed_from_and_no_headings() -> None:
    record = read("empty-printed-from-no-headings.txt")
    w = record.work
    assert record.warnings == ["no IDEAS address on the page (no or an empty 'Printed from')"]
    assert w.url is None
    assert w.title == "Bridges that nobody crossed"
    assert names(w) == ["Oyelaran, Funmi", "Brask, Sigrun"]
    assert w.authors[0].affiliations == [Affiliation("Department of Invented Transport, University of Elsewhere")]
    assert w.authors[1].affiliations == []
    assert w.abstract.startswith("Building a bridge changes land prices on both banks")
    assert w.kind == "article"  # from the citation, since no URL says it
    assert (w.handle, w.repec_key) == ("RePEc:eee:jinvec:v:38:y:2019:i:c:p:12-33", "eee/jinvec/v38y2019icp12-33")
    assert (w.volume, w.issue, w.pages, w.doi) == ("38", "C", Pages("12-33", "12", "33"), "10.1016/j.jinvec.2019.02.002")
    assert w.date == PartialDate(2019)
    assert len(w.files) == 1 and w.files[0].restricted is True


def test_compact_rendering_with_wrapped_references_and_mojibake() -> None:
    record = read("compact-mojibake.txt")
    w = record.work
    assert record.warnings == ["no IDEAS address on the page (no or an empty 'Printed from')"]
    assert w.title == "Wage drift under transitory shocks"
    assert names(w) == ["Käse, Bertram", "Lindqvist, Maja"]
    assert w.authors[0].affiliations == [Affiliation("Institut für Erfundene Wirtschaftsforschung (IEW), Halle")]
    for mojibake in ("transitory†", "di¤erent", "K?hn-type", "…nd", "Â…financial"):  # kept as printed
        assert mojibake in w.abstract
    assert w.date == PartialDate(2018, 10)
    assert journal(w) == ("journal", "Journal of Fictional Labor", "Fictional Press", "fic/jfilab")
    assert (w.volume, w.issue, w.pages, w.doi) == ("12", "4", Pages("88-117", "88", "117"), "10.9999/jfl.2018.0412")
    assert (w.kind, w.repec_key) == ("article", "fic/jfilab/v12y2018i4p88-117")
    assert w.files == [File("https://fictionalpress.example.org/jfl/2018/0412.pdf", restricted=False)]
    assert w.versions == []
    assert [r.title for r in w.references] == [
        "Rigid wages and flexible workers", "Shocks", "A very long title that the renderer wrapped over two lines and then a third",
    ]  # fmt: skip
    assert cite(w.references[0]) == (
        ["Abernethy, Colm", "K?hn, Dagmar"], "2009", "Rigid wages and flexible workers",
        ("journal", "Journal of Fictional Labor", "Fictional Press"), "3", "1", "1-30", None,
    )  # fmt: skip
    assert w.references[2].pages == Pages("201-204", "201", "204")
    assert [cite(c) for c in w.cited_by] == [
        (["Brask, Sigrun"], "2020-01", "Drift, again", ("journal", "Journal of Fictional Labor", "Fictional Press"), "14", "1", "5-9", None),
    ]  # fmt: skip
    assert w.keywords == ["wage drift", "transitory shocks"]
    assert [s.code for s in w.subjects] == ["J31"]


def test_twelve_authors_roles_notes_and_inline_keywords() -> None:
    record = read("paper-many-authors.txt")
    w = record.work
    assert record.warnings == []
    assert len(w.authors) == 12
    assert names(w)[0] == "Amara Okonkwo" and names(w)[-1] == "Leopold Ahrens" and names(w)[3] == "Dmitri Volkonsky-Hale"
    first = w.authors[0]
    assert first.affiliations == [
        Affiliation("Invented Institute for Advanced Study"),
        Affiliation("Department of Economics, University of Elsewhere, 12345 Nowhere, Utopia.", role="Present address"),
    ]
    assert first.notes == ["These authors contributed equally to this work."]
    assert w.authors[4].affiliations == [  # "and" at a line end: the next line continues it
        Affiliation("Centre for Imaginary Research, Faculty of Economics and Business, University of Westhaven"),
        Affiliation("Invented Central Bank", role="Also at"),
    ]
    assert w.authors[11].affiliations == [Affiliation("Invented Statistical Office, Utopia.")]
    assert w.authors[11].email == "leopold.ahrens@invented-stats.example.org"
    assert sum(1 for a in w.authors if a.affiliations) == 3
    assert w.abstract is None  # the Abstract section holds only the keywords line
    assert w.keywords == ["firm census", "imaginary firms", "measurement"]
    assert (w.kind, w.number, w.date) == ("paper", "99999", PartialDate(2024))
    assert journal(w) == ("series", "NBER Working Papers", "National Bureau of Economic Research, Inc", "nbr/nberwo")


def test_cut_mid_list() -> None:
    record = read("cut-mid-list.txt")
    w = record.work
    assert record.warnings == [
        "the page ends inside cited-by: its last entry is cut short and was dropped",
        "the page ends before the IDEAS footer: it may be cut short",
    ]
    assert w.title == "Harbour wages" and names(w) == ["Sorrentino, Paola"]
    assert (w.handle, w.date) == ("RePEc:fic:jfilab:v:7:y:2014:i:1:p:1-22", PartialDate(2014, 1))
    assert [c.title for c in w.cited_by] == ["Tides and pay", "Harbour wages revisited"]
    assert cite(w.cited_by[1]) == (
        ["Brask, Sigrun", "Oyelaran, Funmi"], "2017", "Harbour wages revisited",
        ("series", "Working Papers", "Invented University, Department of Economics"), None, None, None, "2017-02",
    )  # fmt: skip


def test_cut_mid_abstract() -> None:
    record = read("cut-mid-abstract.txt")
    w = record.work
    assert record.warnings == ["no date found (no Suggested Citation or Publisher Info)", "no RePEc handle found"]
    assert w.title == "Lighthouses as public goods, again"
    assert names(w) == ["Brightwater, Hesketh"] and w.authors[0].affiliations == [Affiliation("Invented University")]
    assert w.abstract == "We revisit the lighthouse and find that in invented harbours the keep"
    assert (w.kind, w.repec_key, w.handle) == ("paper", "ivu/wpaper/2020-11", None)  # kind and key from the URL
    assert (w.date, w.container, w.files, w.cited_by) == (None, None, [], [])


@pytest.mark.parametrize(
    ("text", "warning"),
    [
        ('IDEAS home Printed from https://ideas.repec.org/a/fic/jfilab/v1y2001i1p1-2.html\n\nA title\n\nAuthor\n\nListed:\n'
         '  • Doe, Jane\n\n    (Invented University,\n    Department', "affiliation block not closed: (Invented University,"),
        ('IDEAS home Printed from https://ideas.repec.org/a/fic/jfilab/v1y2001i1p1-2.html\n\nA title\n\nSuggested Citation\n\n'
         '  • Doe, Jane, 2001. "A title," Journal of Fic', "the page ends inside the Suggested Citation: its last, possibly cut field was not read"),
    ],
    ids=["mid-affiliation", "mid-citation"],
)
def test_cut_anywhere_gives_a_partial_record_and_a_warning(text: str, warning: str) -> None:
    record = READER.read(Page(text, source="cut"))
    assert record.work.title == "A title"
    assert warning in record.warnings


# --- older layouts ------------------------------------------------------------------------------------


def test_layout_about_2009() -> None:
    record = read("old-2009.txt")
    w = record.work
    assert record.warnings == ["no IDEAS address on the page (no or an empty 'Printed from')"]
    assert (w.kind, w.title) == ("article", "Inflation expectations in an invented economy")
    assert names(w) == ["Rosalind Ashgrove", "Teodor Malmqvist"]
    assert w.authors[0].affiliations == [Affiliation("Invented Institute of Monetary Research")]
    assert w.abstract.startswith("This paper examines how households in an invented economy")
    # "Article provided by P in its journal J." wraps over two lines
    assert journal(w) == ("journal", "Journal of Invented Monetary Economics", "Invented Economic Association", "iea/jinvme")
    assert (w.volume, w.issue, w.pages) == ("47", "2", Pages("427-65", "427", "465"))  # abbreviated end completed
    assert w.date == PartialDate(1992, 6)
    assert (w.handle, w.repec_key) == ("RePEc:iea:jinvme:v:47:y:1992:i:2:p:427-65", "iea/jinvme/v47y1992i2p427-65")
    assert w.files == [File("http://www.invented-journal.example.org/archive/1992/ashgrove.pdf", function="full text",
                            format="application/pdf", restriction="Access to full texts is restricted to subscribers.",
                            restricted=True)]  # fmt: skip
    assert [cite(c)[:3] for c in w.cited_by] == [
        (["Sternquist, Halvard"], "2001-03", "Bread and expectations"), (["Ines Pelham"], "2005", "Expectations without bread"),
    ]  # fmt: skip
    assert w.keywords == ["expectations", "inflation", "invented economies"]
    assert w.subjects == [
        Subject("E31", "Macroeconomics and Monetary Economics - - Prices, Business Fluctuations, and Cycles - - - Price Level; "
                "Inflation; Deflation"),
        Subject("E52", "Macroeconomics and Monetary Economics - - Monetary Policy, Central Banking, and the Supply of Money "
                "and Credit - - - Monetary Policy"),
    ]  # fmt: skip


def test_layout_mid_2010s() -> None:
    record = read("mid-2010s.txt")
    w = record.work
    assert record.warnings == ["no IDEAS address on the page (no or an empty 'Printed from')"]
    assert (w.kind, w.title) == ("paper", "Credit cycles in a model of imaginary banks")
    assert names(w) == ["Pilar Etxeberria", "Dmitri Volkonsky-Hale"]
    assert w.authors[0].affiliations == [Affiliation("Universidad Inventada")] and w.authors[1].affiliations == []
    assert w.abstract.startswith("We build a model of banks that lend only to each other")
    assert journal(w) == ("series", "Working Papers", "Universidad Inventada, Departamento de Economia", "uiv/wpaper")
    assert w.number == "14-03"  # "with number" and the number on the next line
    assert w.date == PartialDate(2014, 3)  # "Date of creation: Mar 2014"
    assert (w.handle, w.repec_key) == ("RePEc:uiv:wpaper:14-03", "uiv/wpaper/14-03")
    assert w.files == [File("http://www.inventada.example.es/wp/2014/wp1403.pdf", function="First version, 2014", restricted=False)]
    assert [cite(r)[:3] for r in w.references] == [
        (["Marrowby, Anselm T."], "2011-03", "Tides and Trade"), (["Pilar Etxeberria"], "2012", "Interbank lending among imaginary banks"),
    ]  # fmt: skip
    assert w.keywords == ["credit cycles", "interbank lending", "imaginary banks"]


# --- detection and scale ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("EconPapers\nEconomics at your fingertips\n\nTitle\nJane Doe\nSuggested Citation\n  • Handle: RePEc:a:b:c\n", False),
        ("<html><head><title>IDEAS home</title></head><body>Printed from https://ideas.repec.org/a/x/y/z.html</body></html>", False),
        ("Just a text file about economics.\nNothing else here.\n", False),
        ("Title\nAuthor\nListed:\n  • Doe, Jane\nSuggested Citation\n  • Doe, Jane, 2001. \"Title,\" J, P.\n  • Handle: RePEc:fic:jfilab:1\n", True),
    ],
    ids=["econpapers", "html", "unrelated", "shape-without-header"],
)
def test_matches(text: str, expected: bool) -> None:
    assert READER.matches(Page(text, source="t")) is expected


def test_five_thousand_citing_works_in_linear_time() -> None:
    seed = (FIXTURES / "seed-nature17038.txt").read_text(encoding="utf-8")
    head, rest = seed.split("    1. ", 1)
    entries = [line.split(". ", 1)[1] for line in ("    1. " + rest).splitlines() if line.strip()[:2].rstrip(".").isdigit()]
    tail = rest[rest.index("\n\n    More about this item"):]

    def page(n: int) -> Page:
        body = "".join(f"    {i}. {entries[i % len(entries)]}\n" for i in range(1, n + 1))
        return Page(head + body + tail, source=f"{n} citing works")

    small, large = page(500), page(5000)
    for n, built in ((500, small), (5000, large)):
        record = READER.read(built)
        assert len(record.work.cited_by) == n and record.warnings == []
    grows_linearly(READER.read, small, large, 10)  # ten times the entries, about ten times the work


# --- shapes seen on real pages (search tool, `pages` corpus); every string below is synthetic -----------

IDEAS_HEAD = "IDEAS home Printed from https://ideas.repec.org/{letter}/fic/{series}/{item}.html\n   My bibliography  Save this {what}\n\n"


def test_old_layout_references_heading_on_one_line_with_its_preamble() -> None:
    """About 2009 (real npf/wpaper, dun/dpaper, cpr/ceprdp chunks): "with number" wraps before the number,
    a "Did you know?" line follows it without a blank line, and "References listed on IDEAS" shares its
    line with the request to report errors."""
    text = (
        "This file is part of IDEAS, which uses RePEc data\n\nFish counts in invented harbours\n\nAuthor Info\n\n"
        "Jane Doe\n\nAbstract\nWe count fish.\nDownload Info\nTo download:\n"
        "If you experience problems downloading a file, check if you have the\nproper application to\n"
        "view it first.\nPublisher Info\n"
        "Paper provided by Invented Institute of Fish in its series Working Papers with number\n42.\n"
        'Did you know? You can import bibliographic info in various formats. See under "publisher info".\n'
        "References listed on IDEAS Please report citation or reference errors to , or , if you are the "
        'registered author of the cited work, log in to your RePEc Author Service profile, click on "citations" '
        "and make appropriate adjustments.:\n"
        '1. Roe, Ann, 1999. "Fish and tides," Journal of Fish, Fish Press, vol. 3(2), pages 427-65.\n'
    )
    w = READER.read(Page(text, source="t")).work
    assert (w.title, names(w), w.kind, w.number) == ("Fish counts in invented harbours", ["Jane Doe"], "paper", "42")
    assert journal(w) == ("series", "Working Papers", "Invented Institute of Fish", None)
    assert [cite(r) for r in w.references] == [
        (["Roe, Ann"], "1999", "Fish and tides", ("journal", "Journal of Fish", "Fish Press"), "3", "2", "427-65", None)
    ]
    assert w.references[0].pages == Pages("427-65", "427", "465")


def test_download_help_text_is_never_a_title() -> None:
    """A copy that starts inside the old layout's download help paragraph has no title: a reader error,
    not the help text as a title."""
    text = (
        "If you experience problems downloading a file, check if you have the\nproper application to\n"
        "view it first. Information about this may be contained\nin the File-Format links below. In case of "
        "further problems read\nthe IDEAS help\npage. Note that these files are not on the IDEAS\n"
        "site. Please be patient as the files may be large.\nPublisher Info\n"
        "Paper provided by Invented Institute of Fish in its series Working Papers with number\n7.\n"
    )
    with pytest.raises(ReaderError):
        READER.read(Page(text, source="t"))


def test_a_paragraph_is_not_a_title() -> None:
    text = "This paper " + "counts invented fish in invented harbours and " * 12 + "ends.\nDownload Info\n"
    with pytest.raises(ReaderError):
        READER.read(Page(text, source="t"))


def test_mid_2010s_kind_from_the_login_line() -> None:
    """Mid-2010s pages (real kie/kieliw) have no address: "Login to save this paper" says the kind."""
    text = (
        "Advanced Search\nMyIDEAS: Login to save this paper or follow this series\n\nFish in invented seas\n\n"
        "Contents:\n\nAuthor Info\n\n  • Jane Doe\n\nAbstract\n\nWe count fish.\n\nDownload Info\n\n"
        "File URL: https://fish.invented.example/wp/7.pdf\nDownload Restriction: no\n\nBibliogra"
    )
    w = READER.read(Page(text, source="t")).work
    assert (w.kind, w.title, names(w)) == ("paper", "Fish in invented seas", ["Jane Doe"])
    assert w.files == [File("https://fish.invented.example/wp/7.pdf", restricted=False)]


def test_cut_suggested_citation_reads_no_fragment() -> None:
    """Real iza/izadps page cut at "Cardella, Eric & Depew, Briggs, 2": no journal "Briggs", no volume "2"."""
    text = IDEAS_HEAD.format(letter="p", series="wpaper", item="7", what="paper") + (
        "Fish in invented seas\n\nAuthor\n\nListed:\n  • Doe, Jane\n\n    (Invented University)\n\n"
        "Abstract\n\nWe count fish.\n\nSuggested Citation\n\n  • Doe, Jane & Roe, Ann, 2"
    )
    record = READER.read(Page(text, source="t"))
    w = record.work
    assert (w.date, w.container, w.volume, w.number) == (None, None, None, None)
    assert "the page ends inside the Suggested Citation: its last, possibly cut field was not read" in record.warnings
    text = text[: -len("2")] + '2015. "Fish in invented seas," Journal of Fish, Fish Press, vol. 7(2), pages 11-2'
    w = READER.read(Page(text, source="t")).work
    assert (journal(w), w.volume, w.issue, w.pages) == (("journal", "Journal of Fish", "Fish Press", "fic/wpaper"), "7", "2", None)


@pytest.mark.parametrize("cut_url", ["https:", "http://www.fish-journal.example/A"])
def test_file_url_cut_at_the_end_of_the_page_is_dropped(cut_url: str) -> None:
    """Real uct/uconnp and hrs/journl pages cut inside the File URL ("https:", ".../A")."""
    text = IDEAS_HEAD.format(letter="a", series="jfish", item="v1y2001i1p1-2", what="article") + (
        "Fish\n\nAuthor\n\nListed:\n  • Jane Doe\n\nSuggested Citation\n\n"
        '  • Jane Doe, 2001. "Fish," Journal of Fish, Fish Press, vol. 1(1), pages 1-2.\n'
        "  • Handle: RePEc:fic:jfish:v:1:y:2001:i:1:p:1-2\n    as\n\n    Download full text from publisher\n\n"
        f"    File URL: {cut_url}"
    )
    record = READER.read(Page(text, source="t"))
    assert record.work.files == []
    assert text.endswith("A") is ("the page ends on a File URL line: the address may be cut short and was dropped" in record.warnings)


def test_several_workplaces_on_one_affiliation_line() -> None:
    """Real war/wpaper ("Faculty ..., University of Warsaw; National Bank of Poland") and hal/pseptp
    ("PSE - Paris School of Economics - ... - INRAE - Institut ..., l'Alimentation et l'Environnement,
    PJSE - Paris Jourdan Sciences Economiques - ...") affiliation lines."""
    text = IDEAS_HEAD.format(letter="p", series="wpaper", item="7", what="paper") + (
        "Fish\n\nAuthor\n\nListed:\n"
        "  • Jane Doe\n\n    (Faculty of Fish Sciences, University of Nowhere; Invented Bank of Fish)\n\n"
        "  • Ann Roe\n\n    (IFS - Institute of Fish - UNI - University of Nowhere - INFA - Institut National "
        "de la Fourchette, l’Assiette et la Nappe, LFE - Laboratory of Fish Economics - UNI - University of "
        "Nowhere)\n\n"
        "  • Bo Wu\n\n    (Department of Fish (Tides; Waves), University of Nowhere)\n\n"
        "Abstract\n\nWe count fish.\n"
    )
    w = READER.read(Page(text, source="t")).work
    assert [[a.name for a in author.affiliations] for author in w.authors] == [
        ["Faculty of Fish Sciences, University of Nowhere", "Invented Bank of Fish"],
        [("IFS - Institute of Fish - UNI - University of Nowhere - INFA - Institut National de la Fourchette, "
          "l’Assiette et la Nappe"), "LFE - Laboratory of Fish Economics - UNI - University of Nowhere"],
        ["Department of Fish (Tides; Waves), University of Nowhere"],
    ]  # fmt: skip


def test_citations_page() -> None:
    """An /r/ page (real bla/reviec citations page): the cited item's title, its citing works, and
    "repec:... is not listed on IDEAS" entries that keep their handle."""
    text = (
        "IDEAS home Printed from https://ideas.repec.org/r/fic/jfish/v13y2005i4p787-804.html\n"
        "   My bibliography  Save this item\n\nFish and distance\n\nCitations\n\n"
        "Citations are extracted by the CitEc Project, subscribe to its RSS feed for this item.\nas\n\n\nCited by:\n\n"
        "  1. repec:fic:wpfish:info:hdl:1234/abc0 is not listed on IDEAS\n"
        '  2. Ann Roe & Bo Wu, 2005. "Distance and fish," Journal of Fish, Fish Press, vol. 60(1), pages 231-266, February.\n'
    )
    record = READER.read(Page(text, source="t"))
    w = record.work
    assert (w.title, w.kind, w.url, w.repec_key) == ("Fish and distance", "other", None, "fic/jfish/v13y2005i4p787-804")
    assert "an IDEAS citations page (/r/): the cited item's kind and handle are not printed" in record.warnings
    unlisted, listed = w.cited_by
    assert (unlisted.handle, unlisted.title) == ("RePEc:fic:wpfish:info:hdl:1234/abc0", None)
    assert cite(listed)[:3] == (["Ann Roe", "Bo Wu"], "2005-02", "Distance and fish")


def test_edited_book_editors_are_its_creators() -> None:
    """A /b/ book whose Suggested Citation says "(ed.)" lists its editors under an "Editor" heading."""
    text = IDEAS_HEAD.format(letter="b", series="fishbk", item="978-0-00-000000-0", what="book") + (
        "Handbook of Invented Fish\n\nEditor\n\nListed:\n  • Jane Doe\n\n    (University of Nowhere)\n\n"
        "  • Ann Roe\n\nAbstract\n\nA handbook.\n\nSuggested Citation\n\n"
        '  • Jane Doe & Ann Roe (ed.), 2016. "Handbook of Invented Fish," Fish Books, Fish Press, edition 1, '
        "number 978-0-00-000000-0, December.\n  • Handle: RePEc:fic:fishbk:978-0-00-000000-0\n    as\n"
    )
    record = READER.read(Page(text, source="t"))
    w = record.work
    assert (w.kind, names(w), w.notes) == ("book", ["Jane Doe", "Ann Roe"], ["edited by the listed authors"])
    assert w.authors[0].affiliations == [Affiliation("University of Nowhere")]
    assert not any("editor" in warning for warning in record.warnings)


def test_chapter_page_editors_are_the_books() -> None:
    text = IDEAS_HEAD.format(letter="h", series="fishch", item="1-2", what="book chapter") + (
        "Fish chapter\n\nIn: Handbook of Invented Fish\n\nAuthor\n\nListed:\n  • Bo Wu\n\n"
        "Editor\n\nListed:\n  • Jane Doe\n\nSuggested Citation\n\n"
        '  • Bo Wu, 2016. "Fish chapter," Chapters, in: Handbook of Invented Fish, chapter 2, pages 5-9, Fish Press.\n'
    )
    record = READER.read(Page(text, source="t"))
    w = record.work
    assert (names(w), [e.name for e in w.container.editors]) == (["Bo Wu"], ["Jane Doe"])
    assert (w.container.series.kind, w.container.series.name, w.container.series.publisher) == ("series", "Chapters", "Fish Press")
    assert w.notes == [] and not any("editor" in warning for warning in record.warnings)


def test_2009_copy_with_table_cell_headings() -> None:
    """A 2009 copy (real wpa/wuwpma) prints headings as table cells ("| Abstract |") and the JEL codes
    under "Find related papers by JEL classification:"."""
    text = (
        "This file is part of IDEAS, which uses RePEc data\n\nPrices of invented fish\n"
        "| Author Info |\nJane Doe\n| Abstract |\nWe index fish prices.\n| Download Info |\n"
        "If you experience problems downloading a file, check if you have the proper application to view it first.\n"
        "| Publisher Info |\nPaper provided by Invented Fish Archive in its series Fish Economics with number 0306015.\n"
        "Note: Type of Document - Tex; prepared on a fish ;\n| Related research |\n"
        "Find related papers by JEL classification:\n"
        "E31 - Macroeconomics and Monetary Economics - - Prices, Business Fluctuations, and Cycles - - - Price Level; "
        "Inflation; Deflation\nC43 - Mathematical and Quantitative Methods - - Econometric and Statistical Methods: "
        "Special Topics - - - Index Numbers and Aggregation\n"
        "This paper has been announced in the following NEP Reports:\n| Statistics |\n"
        "This page was last updated on 2009-11-30.\n"
    )
    w = READER.read(Page(text, source="t")).work
    assert (w.title, names(w), w.abstract, w.kind, w.number) == (
        "Prices of invented fish", ["Jane Doe"], "We index fish prices.", "paper", "0306015",
    )
    assert journal(w) == ("series", "Fish Economics", "Invented Fish Archive", None)
    assert [s.code for s in w.subjects] == ["E31", "C43"]
    assert w.subjects[1].label == ("Mathematical and Quantitative Methods - - Econometric and Statistical Methods: "
                                   "Special Topics - - - Index Numbers and Aggregation")  # fmt: skip
    assert w.notes == ["Type of Document - Tex; prepared on a fish ;"]
