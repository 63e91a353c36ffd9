"""Storage: the port, the query registry and one adapter per engine."""
