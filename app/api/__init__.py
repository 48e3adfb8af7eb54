"""The HTTP service: a thin FastAPI app around routers, one per resource."""
