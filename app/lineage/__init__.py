"""Lineage for web clients: the versions of a resolution, what they cite and what cites them.

`queries` loads the SPARQL files of `queries/`, `service` turns their rows into the response
models of `models`, `cache` keeps answers per store generation, `rdf` gives them as RDF,
`drawing` draws a lineage as SVG and `pages` renders the HTML pages.
"""
