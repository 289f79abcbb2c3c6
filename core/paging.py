"""One page of a search's results, counted and cut in SQL."""

from __future__ import annotations

import math
from dataclasses import dataclass

from sqlmodel import Session

DEFAULT_PAGE_SIZE = 50
MAX_PAGE_SIZE = 500


@dataclass(frozen=True)
class Page:
    rows: list[dict]
    total: int
    page: int
    page_size: int

    @property
    def pages(self) -> int:
        return max(1, math.ceil(self.total / self.page_size))


def page_bounds(page: int, page_size: int) -> tuple[int, int]:
    page_size = max(1, min(int(page_size), MAX_PAGE_SIZE))
    return max(1, int(page)), page_size


def run_page(session: Session, query, count_query, page: int, page_size: int) -> Page:
    """`query` cut to the page asked for (the last one if past the end), with `count_query`'s total."""
    page, page_size = page_bounds(page, page_size)
    total = int(session.exec(count_query).one())
    last = max(1, math.ceil(total / page_size))
    page = min(page, last)
    rows = session.exec(query.limit(page_size).offset((page - 1) * page_size)).all()
    return Page([row._asdict() for row in rows], total, page, page_size)
