"""Data package: the application profile, SHACL shapes and JSON-LD context, installed with rdfbib."""
