"""Settings from the environment (prefix ``CHAINLENS_``); nothing connects at import time."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr
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
    # API keys (hashed); with none, the service is open and `chainlens serve` listens on loopback only.
    keys_file: Path = Path("chainlens-data/keys.json")
    # Mark the browser session cookie Secure even on requests that reached the service as plain http:
    # set it behind a TLS proxy whose forwarded headers uvicorn does not trust (otherwise the cookie is
    # Secure exactly when the request's scheme is https).
    secure_cookies: bool = False
    # Origins a browser may call the API from; none by default (CORS closed).
    cors_origins: list[str] = []
    # What one ledger upload (and `chainlens import`) may hold, checked while it is read: past a bound the
    # read stops and the upload is refused (413) before it costs more memory or time.
    max_upload_bytes: int = 50 * 1024 * 1024  # the uploaded files together (uploads only)
    max_upload_rows: int = 1_000_000  # rows after each header, blank ones too, over every list
    max_upload_sheets: int = 20  # lists: CSV files, or worksheets named after a list
    max_cell_chars: int = 32_767  # one cell (Excel's own limit); longer cells are refused (422)
    max_xlsx_uncompressed_bytes: int = 1024 * 1024 * 1024  # a workbook's parts together, decompressed
    # One workbook part other than a worksheet (shared strings, styles, images…), decompressed: openpyxl
    # reads those whole, while it streams worksheets.
    max_xlsx_part_bytes: int = 32 * 1024 * 1024
    max_zip_ratio: int = 100  # decompressed over compressed size of one part past 1 MiB (a zip bomb)
    # How many days after today an update may be dated (import `at`, `--date`): a later date would refuse
    # every update dated before it. 1 absorbs a client a time zone ahead; at most 7.
    future_days: int = Field(default=1, ge=0, le=7)
    # An undo that changes more rows than this, or an import that deletes more, must be confirmed with
    # confirm=<the count its dry run names>.
    confirm_rows: int = Field(default=50, ge=0)
    # A GeoJSON file of the deployment's own approved boundaries, drawn beneath the region map; none is
    # bundled (published maps of China need approval).
    basemap: Path | None = None
    # After a write through the API, compute the chains' standard answers in the background, so the first
    # request after it answers from the cache (service.warmup); and at start-up, when the service opens
    # its own store.
    warm_up: bool = True


@lru_cache
def get_settings() -> Settings:
    """The process-wide settings, read once from the environment."""
    return Settings()
