"""Consistency checks for the regions data table scenarios/regions/netherlands.toml.

Run with: /usr/bin/python3 -m pytest tests/python/test_regions_table.py
Needs Python 3.11+ (tomllib in the standard library).
"""

import re
import tomllib
from collections import Counter
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
TABLE = REPO / "scenarios" / "regions" / "netherlands.toml"

REGION_KEYS = {
    "name",
    "code",
    "landsdeel",
    "vt_region",
    "rvdk_area",
    "gi_area",
    "youth_population",
    "population_source",
}
LANDSDELEN = {"West", "Zuid", "Oost", "Noord"}
CODE_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
NATIONAL_YOUTH_2020 = 3_400_000  # inhabitants aged 0-17, about (figures.md / CBS)

# VT reports received in 2020 by landsdeel (figures.md, CBS StatLine 84852NED).
VT_REPORTS_2020 = {"West": 68_495, "Zuid": 27_570, "Oost": 20_700, "Noord": 10_645}


@pytest.fixture(scope="module")
def table():
    with TABLE.open("rb") as f:
        return tomllib.load(f)


def names(entries):
    return [e["name"] for e in entries]


def test_header(table):
    assert table["format_version"] == 1
    assert table["kind"] == "regions"
    assert table["population_year"] == 2020
    assert isinstance(table["description"], str) and table["description"]
    assert isinstance(table["sources"], list) and table["sources"]
    assert all(isinstance(s, str) and s for s in table["sources"])


def test_area_tables(table):
    assert set(names(table["landsdeel"])) == LANDSDELEN
    assert len(table["landsdeel"]) == 4
    # 26 Veilig Thuis organisations (figures.md), 10 RvdK areas (Staatsblad 2020-357).
    assert len(table["vt_region"]) == 26
    assert len(table["rvdk_area"]) == 10
    # About 12 regional GIs; the national ones are not areas.
    assert 8 <= len(table["gi_area"]) <= 14
    for gi in names(table["gi_area"]):
        assert "Schrikker" not in gi and "Leger des Heils" not in gi and "Nidos" not in gi
    for key in ("landsdeel", "vt_region", "rvdk_area", "gi_area"):
        dupes = [n for n, c in Counter(names(table[key])).items() if c > 1]
        assert not dupes, f"duplicate {key} names: {dupes}"
    for vt in table["vt_region"]:
        assert vt["landsdeel"] in LANDSDELEN, vt


def test_regions_shape(table):
    regions = table["region"]
    assert len(regions) == 42
    for r in regions:
        assert set(r) == REGION_KEYS, f"{r.get('name')}: keys {sorted(r)}"
        assert isinstance(r["youth_population"], int) and r["youth_population"] > 0
        assert r["population_source"] in {"CBS", "estimate"}
        assert CODE_RE.match(r["code"]), r["code"]
    codes = Counter(r["code"] for r in regions)
    assert not [c for c, n in codes.items() if n > 1], "region codes must be unique"
    rnames = Counter(r["name"] for r in regions)
    assert not [c for c, n in rnames.items() if n > 1], "region names must be unique"


@pytest.mark.parametrize("key", ["landsdeel", "vt_region", "rvdk_area", "gi_area"])
def test_references_resolve_and_every_area_used(table, key):
    defined = set(names(table[key]))
    used = {r[key] for r in table["region"]}
    assert used <= defined, f"undefined {key}: {sorted(used - defined)}"
    assert defined <= used, f"unused {key}: {sorted(defined - used)}"


def test_region_landsdeel_matches_its_vt_region(table):
    vt_ld = {vt["name"]: vt["landsdeel"] for vt in table["vt_region"]}
    for r in table["region"]:
        assert r["landsdeel"] == vt_ld[r["vt_region"]], r["name"]


def test_population_total(table):
    total = sum(r["youth_population"] for r in table["region"])
    assert abs(total / NATIONAL_YOUTH_2020 - 1) < 0.05, total


def test_landsdeel_shares_plausible(table):
    """Youth-population share per landsdeel lies within 10 points of its VT report share.

    This is a sanity check of the membership, not a calibration target: report rates
    per child differ between landsdelen (see the comment block in the table).
    """
    total = sum(r["youth_population"] for r in table["region"])
    reports = sum(VT_REPORTS_2020.values())
    for ld, n in VT_REPORTS_2020.items():
        pop = sum(r["youth_population"] for r in table["region"] if r["landsdeel"] == ld)
        assert abs(pop / total - n / reports) < 0.10, ld
