"""Finding the communes, towns and unions a file names, as offices write them: 'xã Vĩnh Am' and
'Vĩnh Am' are one commune, 'CĐCS Công ty TNHH May Minh Phát' and 'May Minh Phát' one union.
Reads the database, writes nothing.
"""

from __future__ import annotations

import datetime as dt
import re

from sqlmodel import Session, select

from core.importing.headers import plain
from core.models import GrassrootsUnion, OrgUnit

_UNIT_PREFIX = re.compile(r"^(xa|thi tran|phuong|huyen|tt)\s+")
_UNION_PREFIX = re.compile(r"^(cong doan co so|cdcs|cd co so|cong doan|nghiep doan co so|ndcs)\s+")
_COMPANY_PREFIX = re.compile(
    r"^(cong ty|cty)( (tnhh|trach nhiem huu han|co phan|cp))?( (mot|hai) thanh vien| mtv)?\s+"
)


def unit_key(name: str) -> str:
    key = re.sub(r"\bcu$", "", plain(name)).strip()
    return _UNIT_PREFIX.sub("", key)


def union_key(name: str) -> str:
    """'CĐCS Công ty TNHH May Minh Phát' and 'May Minh Phát' name the same union."""
    return _COMPANY_PREFIX.sub("", _UNION_PREFIX.sub("", plain(name)))


class UnitFinder:
    """Communes/towns (or clusters/blocks) by name as files write them: 'Vĩnh Am', 'xã Vĩnh Am'."""

    def __init__(self, session: Session, kinds: tuple[str, ...], on: dt.date) -> None:
        self.by_key: dict[str, list[OrgUnit]] = {}
        self.by_name: dict[str, OrgUnit] = {}
        units = session.exec(
            select(OrgUnit).where(OrgUnit.deleted_at.is_(None), OrgUnit.kind.in_(kinds))
        ).all()
        for unit in units:
            self.by_key.setdefault(unit_key(unit.name), []).append(unit)
            self.by_name[plain(unit.name)] = unit
        self.on = on

    def find(self, name: str | None) -> OrgUnit | None:
        if not name:
            return None
        if plain(name) in self.by_name:  # 'Xã Vĩnh Hải (cũ)' is not today's 'Xã Vĩnh Hải'
            return self.by_name[plain(name)]
        units = self.by_key.get(unit_key(name), [])
        if not units:
            return None

        def current(unit: OrgUnit) -> bool:
            return (unit.valid_from is None or unit.valid_from <= self.on) and (
                unit.valid_to is None or unit.valid_to > self.on
            )

        # A name that is both an old commune and a new one means the one that exists today.
        return sorted(units, key=lambda u: (not current(u), "(cũ)" in u.name, u.id))[0]


class UnionFinder:
    def __init__(self, session: Session) -> None:
        self.by_key: dict[str, list[tuple[int, str]]] = {}
        rows = session.exec(
            select(GrassrootsUnion.id, GrassrootsUnion.name, GrassrootsUnion.dissolved_on).where(
                GrassrootsUnion.deleted_at.is_(None)
            )
        ).all()
        for union_id, name, _dissolved in rows:
            self.by_key.setdefault(union_key(name), []).append((union_id, name))
        self.names = {union_id: name for union_id, name, _dissolved in rows}
        self.dissolved_on = {union_id: dissolved for union_id, _name, dissolved in rows}
        self._found: dict[str, list[int]] = {}

    def find(self, name: str) -> list[int]:
        if name not in self._found:  # a list names the same few unions on every row
            self._found[name] = [union_id for union_id, _ in self.by_key.get(union_key(name), [])]
        return self._found[name]
