"""RDF stage: the knowledge graph built as triples from the registry and the read documents."""
