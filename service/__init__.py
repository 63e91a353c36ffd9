"""chainlens: a knowledge-graph explorer for industrial chains."""

__version__ = "0.1.0"
