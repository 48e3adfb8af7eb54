"""The knowledge graph of ITU resolutions: reading, RDF, store, validation and service."""
