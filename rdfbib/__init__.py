"""rdfbib: scholarly bibliographic pages to schema.org + BIBO linked data.

The pipeline, one function a step::

    page = load_page("page.html")             # bytes -> text (charset handled once)
    reader = detect(page)                      # which reader fits
    record = reader.read(page)                 # -> Record (plain dataclasses)
    dataset = to_dataset([record])             # -> rdflib.Dataset, one named graph per record
    data = serialize(dataset, "turtle")        # -> bytes

or all at once: ``convert("page.html")`` and ``extract("page.html")``. Names are imported lazily,
so ``import rdfbib`` (and ``rdfbib --help``) stays fast.
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

_EXPORTS = {
    "Affiliation": "rdfbib.model",
    "Author": "rdfbib.model",
    "Container": "rdfbib.model",
    "DecodeError": "rdfbib.errors",
    "FORMATS": "rdfbib.formats",
    "File": "rdfbib.model",
    "Format": "rdfbib.formats",
    "FormatError": "rdfbib.errors",
    "InternalError": "rdfbib.errors",
    "Mapper": "rdfbib.mapping",
    "OutputError": "rdfbib.errors",
    "Page": "rdfbib.page",
    "Pages": "rdfbib.model",
    "PartialDate": "rdfbib.model",
    "Raw": "rdfbib.pipeline",
    "RdfbibError": "rdfbib.errors",
    "Reader": "rdfbib.readers",
    "ReaderError": "rdfbib.errors",
    "Record": "rdfbib.model",
    "Result": "rdfbib.pipeline",
    "SettingError": "rdfbib.errors",
    "SourceError": "rdfbib.errors",
    "StoreError": "rdfbib.errors",
    "Subject": "rdfbib.model",
    "UnsupportedPageError": "rdfbib.errors",
    "Work": "rdfbib.model",
    "all_readers": "rdfbib.readers",
    "convert": "rdfbib.pipeline",
    "convert_batch": "rdfbib.pipeline",
    "detect": "rdfbib.readers",
    "extract": "rdfbib.pipeline",
    "get_format": "rdfbib.formats",
    "get_reader": "rdfbib.readers:get",
    "load_page": "rdfbib.pipeline",
    "open_writer": "rdfbib.formats",
    "serialize": "rdfbib.formats",
    "to_dataset": "rdfbib.pipeline",
}

__all__ = sorted([*_EXPORTS, "__version__"])


def __getattr__(name: str) -> Any:
    try:
        target = _EXPORTS[name]
    except KeyError:
        raise AttributeError(f"module 'rdfbib' has no attribute {name!r}") from None
    module, _, attr = target.partition(":")
    value = getattr(importlib.import_module(module), attr or name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__
