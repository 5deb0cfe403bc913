"""Administrative division codes (行政区划代码) and the codes that replaced older ones."""

import csv
from dataclasses import dataclass
from pathlib import Path

# Codes retired by boundary changes, mapped to the division that carries on.
LEGACY_DIVISION_CODES = {
    "361121": "361104",  # 上饶县 became 广信区 in 2019
    "361122": "361103",  # 广丰县 became 广丰区
}

DEMO_DIVISIONS_CSV = Path(__file__).parent / "demo" / "data" / "shangrao-divisions.csv"


def current_division_code(code: str) -> str:
    """Return the division code in force today for `code`, which may be a retired one."""
    code = code.strip()
    return LEGACY_DIVISION_CODES.get(code, code)


@dataclass(frozen=True)
class Division:
    code: str
    name: str
    kind: str
    slug: str
    parent_code: str


def read_divisions(path: Path = DEMO_DIVISIONS_CSV) -> list[Division]:
    """Read a division list (code,name,kind,slug,parent), parents before children."""
    with path.open(encoding="utf-8", newline="") as handle:
        return [
            Division(row["code"], row["name"], row["kind"], row["slug"], row["parent"] or "")
            for row in csv.DictReader(handle)
        ]
