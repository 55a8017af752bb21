"""rdfbib: scholarly bibliographic pages to schema.org + BIBO linked data."""

from __future__ import annotations

__version__ = "0.1.0"
