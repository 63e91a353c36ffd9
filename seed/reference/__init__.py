"""Reference code lists (regions, GB/T 4754-2017 industry classes, HS 2022 products)."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources


@dataclass(frozen=True)
class RegionRef:
    code: str
    name: str
    level: str  # province | city | county | township
    parent: str | None


def _rows(name: str) -> list[dict[str, str]]:
    text = resources.files(__package__).joinpath(name).read_text(encoding="utf-8")
    return list(csv.DictReader(io.StringIO(text)))


@lru_cache
def regions() -> dict[str, RegionRef]:
    """Every division: provinces, cities, counties, and Changchun's township-level units."""
    out: dict[str, RegionRef] = {}
    for r in _rows("provinces.csv"):
        out[r["code"]] = RegionRef(r["code"], r["name"], "province", None)
    for r in _rows("cities.csv"):
        out[r["code"]] = RegionRef(r["code"], r["name"], "city", r["provinceCode"])
    for r in _rows("areas.csv"):
        out[r["code"]] = RegionRef(r["code"], r["name"], "county", r["cityCode"])
    for r in _rows("changchun_2201.csv"):
        out[r["code"]] = RegionRef(r["code"], r["name"], r["level"], r["parent"] or None)
    return out


@lru_cache
def industry_codes() -> dict[str, str]:
    return {r["code"]: r["name"] for r in _rows("gbt4754_2017_classes.csv")}


@lru_cache
def hs_codes() -> dict[str, str]:
    return {r["hscode"]: r["description"] for r in _rows("hs2022.csv")}


def vocabulary(name: str) -> Mapping[str, object]:
    """A reference vocabulary by the name graph_schema uses (``region``, ``industry``, ``hs``)."""
    tables: dict[str, Callable[[], Mapping[str, object]]] = {
        "region": regions,
        "industry": industry_codes,
        "hs": hs_codes,
    }
    return tables[name]()


@dataclass(frozen=True)
class Centroid:
    code: str
    name: str
    lon: float
    lat: float
    source: str


@lru_cache
def centroids() -> dict[str, Centroid]:
    """A point per region that the region map places (provinces, Jilin's cities, Changchun's county-level
    units, Lüyuan's township-level units), with where each point comes from (region_centroids.csv)."""
    return {
        r["code"]: Centroid(r["code"], r["name"], float(r["lon"]), float(r["lat"]), r["source"])
        for r in _rows("region_centroids.csv")
    }
