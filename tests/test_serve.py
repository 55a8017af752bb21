"""``rdfbib serve``: the SPARQL 1.1 Protocol at /sparql (the W3C protocol tests' query cases that apply to a
read-only endpoint, written as our own), dereferenceable IRIs, and serving while a load writes.

Every test talks to a real server (a subprocess on 127.0.0.1) with requests, and checks what it says
against the store read directly."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
import requests

from tests.served import Site, served, site  # noqa: F401 (served: a fixture)

SCHEMA = "http://schema.org/"
WORK = "work/doi/10.5555/s12345-019-0007-1"
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
FORM = {"Content-Type": "application/x-www-form-urlencoded"}


def parsed(data: bytes, fmt: ox.RdfFormat) -> set[ox.Triple]:
    return {quad.triple for quad in ox.parse(data, fmt)}


def triples_of(site_: Site) -> int:
    return int(site_.select(COUNT)[0][0])


def results(response: requests.Response, fmt: ox.QueryResultsFormat = ox.QueryResultsFormat.JSON) -> list[list[str]]:
    assert response.status_code == 200, response.text
    if fmt == ox.QueryResultsFormat.CSV:  # lossy, so pyoxigraph does not read it: values only
        return list(csv.reader(io.StringIO(response.text)))[1:]
    return [[t.value if t is not None else "" for t in row] for row in ox.parse_query_results(response.content, fmt)]  # type: ignore[union-attr]


# -- the protocol: queries that must work -------------------------------------------------------------


def test_query_by_get_post_form_and_post_direct(served: Site) -> None:
    expected = [[str(triples_of(served))]]
    assert results(requests.get(served.sparql, params={"query": COUNT}, timeout=60)) == expected
    assert results(requests.post(served.sparql, data={"query": COUNT}, timeout=60)) == expected
    direct = requests.post(served.sparql, data=COUNT.encode(), headers={"Content-Type": "application/sparql-query"}, timeout=60)
    assert results(direct) == expected


@pytest.mark.parametrize(
    ("accept", "media", "fmt"),
    [
        ("application/sparql-results+json", "application/sparql-results+json", ox.QueryResultsFormat.JSON),
        ("application/sparql-results+xml", "application/sparql-results+xml", ox.QueryResultsFormat.XML),
        ("text/csv", "text/csv", ox.QueryResultsFormat.CSV),
        ("text/tab-separated-values", "text/tab-separated-values", ox.QueryResultsFormat.TSV),
        ("text/html, application/sparql-results+xml;q=0.9, */*;q=0.1", "application/sparql-results+xml", ox.QueryResultsFormat.XML),
        (None, "application/sparql-results+json", ox.QueryResultsFormat.JSON),
    ],
)
def test_select_results_by_accept(served: Site, accept: str | None, media: str, fmt: ox.QueryResultsFormat) -> None:
    query = f"SELECT ?w ?t WHERE {{ ?w <{SCHEMA}name> ?t ; a <{SCHEMA}ScholarlyArticle> }} ORDER BY ?w ?t"
    response = requests.get(served.sparql, params={"query": query}, headers={"Accept": accept} if accept else {}, timeout=60)
    assert response.headers["Content-Type"].split(";")[0] == media
    rows = results(response, fmt)
    assert rows == served.select(query) and rows


def test_ask_results_by_accept(served: Site) -> None:
    for query, value in ((f"ASK {{ <{served.base}{WORK}> ?p ?o }}", True), ("ASK { <urn:nothing> ?p ?o }", False)):
        for media, fmt in (("application/sparql-results+json", ox.QueryResultsFormat.JSON), ("application/sparql-results+xml", ox.QueryResultsFormat.XML)):
            response = requests.post(served.sparql, data={"query": query}, headers={"Accept": media}, timeout=60)
            assert response.status_code == 200 and response.headers["Content-Type"].startswith(media)
            assert bool(ox.parse_query_results(response.content, fmt)) is value


@pytest.mark.parametrize(
    ("accept", "fmt"),
    [("text/turtle", ox.RdfFormat.TURTLE), ("application/n-triples", ox.RdfFormat.N_TRIPLES), ("application/ld+json", ox.RdfFormat.JSON_LD), ("*/*", ox.RdfFormat.TURTLE)],
)
def test_construct_and_describe_by_accept(served: Site, accept: str, fmt: ox.RdfFormat) -> None:
    work = f"<{served.base}{WORK}>"
    expected = {q.triple for q in served.store().quads_for_pattern(ox.NamedNode(served.base + WORK), None, None, ox.DefaultGraph())}
    for query in (f"CONSTRUCT {{ {work} ?p ?o }} WHERE {{ {work} ?p ?o }}", f"DESCRIBE {work}"):
        response = requests.get(served.sparql, params={"query": query}, headers={"Accept": accept}, timeout=60)
        assert response.status_code == 200, response.text
        assert response.headers["Content-Type"].split(";")[0] == fmt.media_type
        assert parsed(response.content, fmt) >= expected and expected


# -- the protocol: requests that must be refused ------------------------------------------------------


@pytest.mark.parametrize(
    ("method", "kwargs", "status"),
    [
        pytest.param("PUT", {"data": {"query": COUNT}}, 405, id="bad_query_method"),
        pytest.param("DELETE", {"params": {"query": COUNT}}, 405, id="bad_query_method_delete"),
        pytest.param("GET", {"params": [("query", COUNT), ("query", "ASK {}")]}, 400, id="bad_multiple_queries"),
        pytest.param("POST", {"data": COUNT.encode(), "headers": {"Content-Type": "text/plain"}}, 415, id="bad_query_wrong_media_type"),
        pytest.param("POST", {"data": b"query=" + COUNT.encode(), "headers": {"Content-Type": ""}}, 400, id="bad_query_missing_form_type"),
        pytest.param("POST", {"data": COUNT.encode(), "headers": {"Content-Type": ""}}, 400, id="bad_query_missing_direct_type"),
        pytest.param("POST", {"data": "SELECT * WHERE { ?s ?p 'caf\u00e9' }".encode("latin-1"), "headers": {"Content-Type": "application/sparql-query"}}, 400, id="bad_query_non_utf8"),
        pytest.param("GET", {"params": {"query": "SELECT ?s WHERE { ?s ?p ?o } %"}}, 400, id="bad_query_syntax_get"),
        pytest.param("POST", {"data": {"query": "SELECT * WHERE { ?s ?p }"}}, 400, id="bad_query_syntax_post"),
        pytest.param("GET", {"params": {"update": "CLEAR ALL"}}, 403, id="bad_update_get"),
        pytest.param("POST", {"data": {"update": "INSERT DATA { <urn:a> <urn:b> <urn:c> }"}}, 403, id="update_post_form"),
        pytest.param("POST", {"data": b"CLEAR ALL", "headers": {"Content-Type": "application/sparql-update"}}, 403, id="update_post_direct"),
        pytest.param("POST", {"data": [("update", "CLEAR ALL"), ("update", "CLEAR ALL")]}, 403, id="bad_multiple_updates"),
        pytest.param("POST", {"data": [("query", COUNT), ("update", "CLEAR ALL")]}, 400, id="bad_query_and_update"),
        pytest.param("GET", {"params": {"query": "CLEAR ALL"}}, 400, id="update_as_query"),
        pytest.param("GET", {"params": {}}, 400, id="no_query"),
        pytest.param("GET", {"params": {"query": COUNT, "default-graph-uri": "not an IRI"}}, 400, id="bad_default_graph_uri"),
        pytest.param("POST", {"data": {"query": COUNT, "named-graph-uri": "relative/graph"}}, 400, id="bad_named_graph_uri"),
    ],
)
def test_refused_requests(served: Site, method: str, kwargs: dict[str, object], status: int) -> None:
    before = triples_of(served)
    response = requests.request(method, served.sparql, timeout=60, **kwargs)  # type: ignore[arg-type]
    assert response.status_code == status, response.text
    assert triples_of(served) == before


def test_dataset_parameters_name_the_graphs_read(served: Site) -> None:
    """The protocol's query_dataset cases: default-graph-uri and named-graph-uri (in a GET, a form, or the URL
    of a direct POST) make the dataset, in place of the union graph and of the query's FROM."""
    first, second = (row[0] for row in served.select("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?g LIMIT 2"))
    alone = served.select(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{first}> {{ ?s ?p ?o }} }}")
    merged = served.select(f"SELECT (COUNT(*) AS ?n) WHERE {{ SELECT DISTINCT ?s ?p ?o WHERE {{ GRAPH ?g {{ ?s ?p ?o }} VALUES ?g {{ <{first}> <{second}> }} }} }}")
    assert alone != merged != [[str(triples_of(served))]]
    from_second = f"SELECT (COUNT(*) AS ?n) FROM <{second}> WHERE {{ ?s ?p ?o }}"
    assert results(requests.get(served.sparql, params={"query": from_second, "default-graph-uri": first}, timeout=60)) == alone
    both = requests.post(served.sparql, data=[("query", COUNT), ("default-graph-uri", first), ("default-graph-uri", second)], timeout=60)
    assert results(both) == merged
    direct = requests.post(served.sparql, params={"default-graph-uri": first}, data=COUNT.encode(), headers={"Content-Type": "application/sparql-query"}, timeout=60)
    assert results(direct) == alone
    names = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
    named = requests.get(served.sparql, params={"query": names, "named-graph-uri": second}, timeout=60)
    assert results(named) == [[second, served.select(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{second}> {{ ?s ?p ?o }} }}")[0][0]]]
    assert results(requests.get(served.sparql, params={"query": COUNT, "named-graph-uri": second}, timeout=60)) == [["0"]]  # an empty default graph


def test_non_utf8_form_is_refused(served: Site) -> None:
    response = requests.post(served.sparql, data=b"query=SELECT%20%2A%20WHERE%20%7B%20%3Fs%20%3Fp%20%22caf%E9%22%20%7D", headers=FORM, timeout=60)
    assert response.status_code == 400 and "UTF-8" in response.text


def test_service_is_refused(served: Site) -> None:
    query = "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"
    response = requests.get(served.sparql, params={"query": query}, timeout=60)
    assert response.status_code == 403 and "SERVICE" in response.text
    word = "SELECT ?s WHERE { ?s ?p 'SERVICE <http://127.0.0.1:9/>' }"
    assert requests.get(served.sparql, params={"query": word}, timeout=60).status_code == 200


# -- limits -------------------------------------------------------------------------------------------


def test_row_limit_cuts_and_says_so(served: Site) -> None:
    with site(served.location, "--limit", "5") as tight:
        query = f"SELECT ?w WHERE {{ ?w a <{SCHEMA}ScholarlyArticle> }} ORDER BY ?w"
        response = requests.get(tight.sparql, params={"query": query}, timeout=60)
        assert results(response) == served.select(query)[:5]
        assert "row limit of 5" in response.headers["X-Rdfbib-Cut"] and response.headers["Warning"].startswith("199 ")
        exact = requests.get(tight.sparql, params={"query": query.replace("ORDER BY ?w", "ORDER BY ?w LIMIT 5")}, timeout=60)
        assert results(exact) == served.select(query)[:5] and "X-Rdfbib-Cut" not in exact.headers
        graph = requests.get(tight.sparql, params={"query": "CONSTRUCT WHERE { ?s ?p ?o }"}, headers={"Accept": "application/n-triples"}, timeout=60)
        assert len(list(ox.parse(graph.content, ox.RdfFormat.N_TRIPLES))) == 5 and "X-Rdfbib-Cut" in graph.headers


def test_time_limit_gives_503(served: Site) -> None:
    with site(served.location, "--timeout", "1") as tight:
        endless = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
        response = requests.get(tight.sparql, params={"query": endless}, timeout=120)
        assert response.status_code == 503, response.text
        assert "time limit of 1 s" in response.text


# -- dereferenceable IRIs -----------------------------------------------------------------------------


def minted(served: Site) -> list[str]:
    """Every subject IRI the store holds under the site's base."""
    rows = served.select(f"SELECT DISTINCT ?s WHERE {{ ?s ?p ?o FILTER(STRSTARTS(STR(?s), '{served.base}')) }} ORDER BY ?s")
    return [row[0] for row in rows]


def test_every_minted_iri_answers_with_its_triples(served: Site) -> None:
    store = served.store()
    nodes = minted(served)
    assert len(nodes) > 500
    with requests.Session() as session:
        for iri in nodes:
            response = session.get(iri, headers={"Accept": "application/n-triples"}, timeout=60)
            assert response.status_code == 200, iri
            assert response.headers["Vary"] == "Accept"
            own = {q.triple for q in store.quads_for_pattern(ox.NamedNode(iri), None, None, ox.DefaultGraph())}
            assert own <= parsed(response.content, ox.RdfFormat.N_TRIPLES), iri


def test_description_holds_inner_nodes_and_labels(served: Site) -> None:
    work = served.base + WORK
    described = parsed(requests.get(work, headers={"Accept": "text/turtle"}, timeout=60).content, ox.RdfFormat.TURTLE)
    subjects = {t.subject.value for t in described}
    assert {work + "/authors", work + "/author/1", work + "/author/2", work + "/author/1/affiliation/1"} <= subjects
    issue = served.select(f"SELECT ?i WHERE {{ <{work}> <{SCHEMA}isPartOf> ?i }}")[0][0]
    assert issue not in subjects  # linked from the work, not inside it, and without a name
    publisher = served.select(f"SELECT ?p ?n WHERE {{ <{work}> <{SCHEMA}publisher> ?p . ?p <{SCHEMA}name> ?n }}")[0]
    assert ox.Triple(ox.NamedNode(publisher[0]), ox.NamedNode(SCHEMA + "name"), ox.Literal(publisher[1])) in described
    assert not any(t.subject.value == publisher[0] and t.predicate.value != SCHEMA + "name" and "name" not in t.predicate.value for t in described)


@pytest.mark.parametrize(
    ("accept", "query", "media", "fmt"),
    [
        ("text/turtle", "", "text/turtle", ox.RdfFormat.TURTLE),
        ("application/ld+json", "", "application/ld+json", ox.RdfFormat.JSON_LD),
        ("application/n-triples", "", "application/n-triples", ox.RdfFormat.N_TRIPLES),
        ("*/*", "", "text/turtle", ox.RdfFormat.TURTLE),
        ("text/html", "?format=ttl", "text/turtle", ox.RdfFormat.TURTLE),
        ("text/turtle", "?format=jsonld", "application/ld+json", ox.RdfFormat.JSON_LD),
        ("text/turtle", "?format=nt", "application/n-triples", ox.RdfFormat.N_TRIPLES),
        ("application/rdf+xml;q=1, application/ld+json;q=0.5, text/turtle;q=0.4", "", "application/ld+json", ox.RdfFormat.JSON_LD),
    ],
)
def test_content_negotiation(served: Site, accept: str, query: str, media: str, fmt: ox.RdfFormat) -> None:
    work = served.base + WORK
    response = requests.get(work + query, headers={"Accept": accept}, timeout=60)
    assert response.status_code == 200 and response.headers["Content-Type"].split(";")[0] == media
    assert response.headers["Vary"] == "Accept"
    answer = parsed(response.content, fmt)
    reference = parsed(requests.get(work, headers={"Accept": "application/n-triples"}, timeout=60).content, ox.RdfFormat.N_TRIPLES)
    assert answer == reference


def test_html_by_accept_and_format(served: Site) -> None:
    work = served.base + WORK
    for response in (requests.get(work, headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"}, timeout=60), requests.get(work + "?format=html", timeout=60)):
        assert response.status_code == 200 and response.headers["Content-Type"].startswith("text/html")


def test_same_bytes_each_time(served: Site) -> None:
    work = served.base + WORK
    for accept in ("text/turtle", "application/ld+json", "text/html"):
        assert len({requests.get(work, headers={"Accept": accept}, timeout=60).content for _ in range(3)}) == 1


@pytest.mark.parametrize("path", ["work/doi/10.5555/nothing-here", "person/repec/pzz999", "record/ideas-html/nothing", "work/doi/10.5555/s12345-019-0007-1/author/99"])
def test_unknown_iris_404(served: Site, path: str) -> None:
    assert requests.get(served.base + path, headers={"Accept": "text/turtle"}, timeout=60).status_code == 404


def test_bad_format_and_unacceptable(served: Site) -> None:
    work = served.base + WORK
    assert requests.get(work + "?format=rdfxml", timeout=60).status_code == 400
    assert requests.get(work, headers={"Accept": "application/rdf+xml"}, timeout=60).status_code == 406


# -- the command and the store ------------------------------------------------------------------------


def test_load_while_serving(served: Site, tmp_path: Path) -> None:
    """The served store is open read-only, so a load into it works meanwhile, and queries see what it added."""
    extra = tmp_path / "extra.ttl"
    extra.write_text('<urn:rdfbib:work/doi/10.5555/extra> <http://schema.org/name> "An extra work" .\n', encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "rdfbib", "load", str(extra), "--store", str(served.location), "--base", "urn:rdfbib:"], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    ask = requests.get(served.sparql, params={"query": "ASK { <urn:rdfbib:work/doi/10.5555/extra> ?p ?o }"}, timeout=60)
    assert json.loads(ask.content)["boolean"] is True
    assert requests.get(served.base + WORK, timeout=60).status_code == 200
    drop = subprocess.run([sys.executable, "-m", "rdfbib", "drop", "--store", str(served.location), "--base", "urn:rdfbib:", "urn:rdfbib:file/extra.ttl"], capture_output=True, text=True, timeout=120)
    assert drop.returncode == 0, drop.stderr


def test_base_must_be_http(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "rdfbib", "serve", "--store", str(tmp_path), "--base", "urn:rdfbib:"], capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and "http(s)" in done.stderr


def test_missing_store(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "rdfbib", "serve", "--store", str(tmp_path / "none")], capture_output=True, text=True, timeout=60)
    assert done.returncode == 1 and "no store here" in done.stderr
