"""The HTTP API: routers per resource, dependencies, and the one error mapping."""
