"""The SPARQL service: guard a query, negotiate its format, run it time-bounded in a worker.

- `app.sparql.guard.check_query`: refuses SERVICE, updates, deep nesting; reads FROM/prologue.
- `app.sparql.formats`: the media-type tables and content negotiation.
- `app.sparql.executor.run_query(executor, query, accept, default_graphs, named_graphs)`:
  `(body, media_type)`, the one entry point for `/sparql`, the named queries and the CLI.
- `app.sparql.worker`: the worker process (kept import-light; nothing is imported here so that
  `python -m app.sparql.worker` starts cleanly).

Errors are `app.sparql.errors.SparqlError`s: an HTTP status, an error title and a detail.
"""
