"""Deterministic demo data: the Vĩnh Bảo district (default) or a city-sized data set for benchmarks.

`seed` writes the membership world (`seed.py`), drawing its places and people from `names.py`
and loading the rows in bulk (`bulk.py`), then a year of the plan's other duties through the duty
writers (`duties.py`).
"""

from core.demo.bulk import analyze
from core.demo.names import GIVEN_MALE, MIDDLE_MALE, SURNAMES, person
from core.demo.seed import CITY, DISTRICT, SCALES, YEAR, Scale, is_empty, seed

__all__ = [
    "CITY",
    "DISTRICT",
    "GIVEN_MALE",
    "MIDDLE_MALE",
    "SCALES",
    "SURNAMES",
    "YEAR",
    "Scale",
    "analyze",
    "is_empty",
    "person",
    "seed",
]
