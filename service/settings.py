"""Settings from the environment (prefix ``CHAINLENS_``); nothing connects at import time."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """Where the graph lives and how the service runs."""

    model_config = SettingsConfigDict(env_prefix="CHAINLENS_", extra="ignore")

    backend: Literal["embedded", "neo4j"] = "embedded"
    embedded_path: Path = Path("chainlens-data/graph.lbdb")
    neo4j_uri: str = "bolt://127.0.0.1:7687"
    neo4j_user: str = "neo4j"
    neo4j_password: SecretStr = SecretStr("")
    neo4j_database: str | None = None
    neo4j_timeout_s: float = 10.0
    # Recruitment score weights by part name, e.g. CHAINLENS_RECRUITMENT_WEIGHTS='{"distance": 20}';
    # parts not named keep their documented defaults.
    recruitment_weights: dict[str, float] = {}


@lru_cache
def get_settings() -> Settings:
    """The process-wide settings, read once from the environment."""
    return Settings()
