"""The headline figures as plain lines, for the command line."""

from __future__ import annotations

from core.formatting import fmt_date, fmt_int, fmt_pct
from core.metrics import Progress
from core.strings import t


def progress_lines(p: Progress) -> list[str]:
    def target(key: str, pct: bool = False) -> str:
        value = p.targets.get(key)
        if value is None:
            return ""
        return " / " + (fmt_pct(value) if pct else fmt_int(value))

    return [
        t(
            "progress.heading",
            year=p.year,
            unit=p.unit or t("common.whole_federation"),
            date=fmt_date(p.as_of),
        ),
        f"{t('progress.net_growth')}: {fmt_int(p.net_growth)}{target('net_growth')}",
        f"{t('progress.admissions')}: {fmt_int(p.admissions)}",
        f"{t('progress.departures')}: {fmt_int(p.departures)}",
        f"{t('progress.new_unions')}: {fmt_int(p.new_unions)}{target('new_unions')}",
        f"{t('progress.wm_net_growth')}: {fmt_int(p.workers_month_net_growth)}"
        f"{target('workers_month_net_growth')}",
        f"{t('progress.wm_new_unions')}: {fmt_int(p.workers_month_new_unions)}"
        f"{target('workers_month_new_unions')}",
        f"{t('progress.coverage')}: {fmt_pct(p.non_state_coverage_pct)}"
        f"{target('non_state_coverage_pct', True)}",
        f"{t('progress.union_share')}: {fmt_pct(p.enterprises_20plus_with_union_pct)}"
        f"{target('enterprises_20plus_with_union_pct', True)}",
        f"{t('progress.prospects')}: {fmt_int(p.prospects)}",
    ]
