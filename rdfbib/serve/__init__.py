"""``rdfbib serve``: a store as a small linked-data site (SPARQL endpoint, dereferenceable IRIs, HTML pages).

Needs the optional extra ``rdfbib[serve]`` (Starlette, Uvicorn, Jinja2).
"""
