# SPDX-License-Identifier: MIT
"""The small chain in the three placements, written into a folder, for tests that run
`ketensim compare` on scenario files: today's placement, regional teams and one national
organisation, with the moved staff and the keys that separate them stated here (not taken
from the national scenarios, whose values may change)."""
import pathlib
import re
import shutil

REPO = pathlib.Path(__file__).resolve().parents[2]
SMALL = REPO / "scenarios" / "examples" / "small-chain.toml"

PLACEMENT = 'placement = "{placement}"\n'

MOVED = """
[expertise]
fte_from_vt_share = 0.55
[judgment]
fte_from_rvdk_share = 0.55
[team]
reintake_saved_hours_per_child = 4
[national]
travel_hours_per_child = 1
coordination_hours_per_child = 0.5
"""


def write_configurations(folder):
    """Writes small-baseline.toml, small-regional.toml and small-national.toml (their
    `name`s are the file stems) with the regions table beside them; returns the three paths."""
    folder = pathlib.Path(folder)
    shutil.copy(SMALL.parent / "regions-two.toml", folder)
    text = SMALL.read_text()
    paths = []
    for placement in ["baseline", "regional", "national"]:
        name = f"small-{placement}"
        body = re.sub(r'(?m)^name = ".*"$', f'name = "{name}"', text)
        if placement != "baseline":
            # The small chain has a [structure] table (its scale): the placement joins it.
            body = body.replace("[structure]\n", "[structure]\n" + PLACEMENT.format(placement=placement), 1)
            body += MOVED
        path = folder / f"{name}.toml"
        path.write_text(body)
        paths.append(path)
    return paths
