"""Reading resolution texts into the document model, with resolved references."""
