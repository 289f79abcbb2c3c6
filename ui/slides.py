"""The briefing display's slides as HTML: one frame (title, the "as of" line, page dots) around each
slide's body, sized in units of the screen (`--u` is 1 % of a 16:9 frame's width), so the same slide
is right at 1920×1080 and at 1280×720.

Every text from the database (unit and enterprise names) goes through `html.escape`; numbers are
formatted here; charts arrive as SVG rendered from Altair (core.briefing_charts) and scale as vectors.
"""

from __future__ import annotations

import datetime as dt
from html import escape

from core import briefing_charts as bc
from core import charts, pace
from core.briefing import LEADERS, SLIDES, BriefingFigures
from core.formatting import fmt_date, fmt_datetime, fmt_int, fmt_pct, fmt_signed, fmt_target
from core.models import TargetKey
from core.quarters import quarter_label, quarter_short
from core.ranking import Ranking
from core.strings import t
from ui.duties_slide import slide_duties
from ui.slide_parts import (
    CSS,
    STATUS_COLOURS,
    THEME,
    change_arrow,
    delta_text,
    gauge_ring,
    pill,
    svg_block,
)

__all__ = ["CSS", "STATUS_COLOURS", "chart_svgs", "frame", "message", "offline_banner"]

TOP_UNITS_SHOWN = 4
PROSPECTS_SHOWN = 8

# ---------------------------------------------------------------- slides


def slide_targets(f: BriefingFigures) -> str:
    cards = []
    for gauge in charts.gauges(f.progress):
        if gauge.target is None:
            note = t("briefing.no_target")
        elif gauge.is_percent:
            note = t("briefing.target_level", value=gauge.fmt(gauge.target))
        else:
            note = t(
                "briefing.due_by",
                date=fmt_date(f.as_of),
                value=gauge.fmt_due(gauge.expected),
            )
        cards.append(
            f'<div class="bd-card bd-gauge"><h3>{escape(t(f"briefing.gauge.{gauge.key}"))}</h3>'
            f"{gauge_ring(gauge)}<div>{pill(gauge.status)}"
            f'<div class="bd-note">{escape(note)}</div></div></div>'
        )
    return f'<div class="bd-body bd-gauges">{"".join(cards)}</div>'


def kpi(label: str, value: str, detail: str = "", small: str = "") -> str:
    small_html = f" <small>{escape(small)}</small>" if small else ""
    detail_html = f'<div class="detail">{escape(detail)}</div>' if detail else ""
    return (
        f'<div class="bd-card bd-kpi"><div class="label">{escape(label)}</div>'
        f'<div class="value">{escape(value)}{small_html}</div>{detail_html}</div>'
    )


def slide_monthly(f: BriefingFigures, svgs: dict[str, str]) -> str:
    p = f.progress
    target = p.targets.get(TargetKey.net_growth.value)
    projected = p.projection.get(TargetKey.net_growth.value)
    year_over = f.as_of >= dt.date(f.year, 12, 31)
    right = "".join(
        [
            kpi(
                t("briefing.kpi.net_growth"),
                fmt_int(p.net_growth),
                small=t("briefing.of_target", value=fmt_target(target)) if target else "",
                detail=t(
                    "briefing.share_of_target",
                    value=fmt_pct(pace.share_of_target(p.net_growth, target)),
                ),
            ),
            kpi(
                t("briefing.kpi.admissions"),
                fmt_int(p.admissions),
                detail=t(
                    "briefing.kpi.transfers",
                    transfers_in=fmt_int(p.transfers_in),
                    transfers_out=fmt_int(p.transfers_out),
                ),
            ),
            kpi(t("briefing.kpi.departures"), fmt_int(p.departures)),
            kpi(
                t("briefing.kpi.result" if year_over else "briefing.kpi.projection"),
                fmt_int(projected),
                detail=(
                    t("briefing.vs_target", value=fmt_signed(round(projected - target)))
                    if projected is not None and target
                    else ""
                ),
            ),
        ]
    )
    return (
        '<div class="bd-body bd-cols">'
        f'<div class="bd-card"><h3>{escape(t("briefing.monthly.chart"))}</h3>'
        f"{svg_block(svgs['monthly'])}</div>"
        f'<div class="bd-stack" style="grid-template-rows:repeat(4,1fr)">{right}</div></div>'
    )


def slide_workers_month(f: BriefingFigures, svgs: dict[str, str]) -> str:
    c = f.campaign
    net = charts.Gauge(
        key=TargetKey.workers_month_net_growth.value,
        actual=c.net,
        target=c.net_target,
        expected=c.net_expected,
    )
    unions = charts.Gauge(
        key=TargetKey.workers_month_new_unions.value,
        actual=c.new_unions,
        target=c.unions_target,
        expected=c.unions_expected,
    )
    if c.as_of < c.start:
        state = t("briefing.wm.not_started", date=fmt_date(c.start))
    elif c.as_of < c.end:
        state = t("briefing.wm.running", date=fmt_date(c.as_of))
    else:
        state = t("briefing.wm.over")
    top = "".join(
        f'<tr><td class="cut">{escape(unit.name or t("briefing.unassigned"))}</td>'
        f'<td class="num">{escape(fmt_signed(unit.net))}</td>'
        f'<td class="num">{escape(fmt_int(unit.new_unions))}</td></tr>'
        for unit in c.top_units[:TOP_UNITS_SHOWN]
    )
    top_table = (
        f'<table class="bd-table compact"><tr><th>{escape(t("briefing.wm.top_units"))}</th>'
        f'<th class="num">{escape(t("briefing.col.net"))}</th>'
        f'<th class="num">{escape(t("briefing.col.new_unions"))}</th></tr>{top}</table>'
        if top
        else ""
    )
    rings = (
        '<div class="bd-rings">'
        + "".join(
            f'<div style="text-align:center"><h3>{escape(t(f"briefing.wm.gauge.{g.key}"))}</h3>'
            f'{gauge_ring(g, big=True)}<div style="margin-top:var(--u)">{pill(g.status)}</div></div>'
            for g in (net, unions)
        )
        + "</div>"
    )
    window = t("briefing.wm.window", start=fmt_date(c.start), end=fmt_date(c.end))
    return (
        '<div class="bd-body" style="grid-template-columns: 1fr 1.3fr">'
        '<div class="bd-card" style="justify-content:space-between">'
        f'<div class="bd-note" style="margin:0">{escape(window)} · {escape(state)}</div>'
        f"{rings}</div>"
        '<div class="bd-stack" style="grid-template-rows: 1.7fr 1fr">'
        f'<div class="bd-card"><h3>{escape(t("briefing.wm.chart"))}</h3>'
        f"{svg_block(svgs['workers_month'])}</div>"
        f'<div class="bd-card">{top_table}</div></div></div>'
    )


def leaderboard(result: Ranking, limit: int = LEADERS) -> str:
    rows = result.rows[:limit]
    if not rows:
        return f'<div class="bd-muted">{escape(t("ranking.empty"))}</div>'
    with_targets = any(row.pct_net_growth is not None for row in rows)
    top = max([100.0] + [row.pct_net_growth or 0.0 for row in rows]) if with_targets else 0
    top_net = max([1] + [abs(row.net_growth) for row in rows])
    lines = []
    for row in rows:
        if with_targets and row.pct_net_growth is not None:
            width = 100 * max(row.pct_net_growth, 0) / top
            status = row.status
            value = fmt_pct(row.pct_net_growth)
        else:
            width = 100 * max(row.net_growth, 0) / top_net
            status = "none"
            value = fmt_signed(row.net_growth)
        medal = {1: " gold", 2: " silver", 3: " bronze"}.get(row.rank, "")
        lines.append(
            f'<div class="bd-row"><span class="bd-rank{medal}">{row.rank}</span>'
            f'<span class="bd-name">{escape(row.name)}</span>'
            f'<span class="bd-bar"><i style="width:{width:.1f}%;--c:{STATUS_COLOURS[status]}">'
            f"</i></span>"
            f'<span class="bd-val">{escape(value)}</span>{change_arrow(row.rank_change)}</div>'
        )
    return f'<div class="bd-rows">{"".join(lines)}</div>'


def board_title(key: str, result: Ranking) -> str:
    """'Xã, thị trấn — % chỉ tiêu thực tăng được giao', or '— thực tăng' where none was allocated."""
    with_targets = any(row.pct_net_growth is not None for row in result.rows[:LEADERS])
    return (
        t(key) + " — " + t("briefing.ranking.by_pct" if with_targets else "briefing.ranking.by_net")
    )


def slide_ranking(f: BriefingFigures) -> str:
    return (
        '<div class="bd-body bd-cols-even">'
        f'<div class="bd-card"><h3>{escape(board_title("briefing.ranking.communes", f.communes))}</h3>'
        f"{leaderboard(f.communes)}</div>"
        f'<div class="bd-card"><h3>{escape(board_title("briefing.ranking.clusters", f.clusters))}</h3>'
        f"{leaderboard(f.clusters)}</div></div>"
    )


def slide_organising(f: BriefingFigures) -> str:
    total = sum(f.pipeline.values())
    top = max([1, *f.pipeline.values()])
    stages = "".join(
        f'<div class="bd-row bd-stage">'
        f'<span class="bd-name">{escape(t(f"stage.{stage}") if stage else t("organising.stage.none"))}</span>'
        f'<span class="bd-bar"><i style="width:{100 * count / top:.1f}%;--c:{THEME.actual}"></i></span>'
        f'<span class="bd-val">{escape(fmt_int(count))}</span></div>'
        for stage, count in f.pipeline.items()
    )
    rows = "".join(
        f'<tr><td class="cut">{escape(card.name)}</td><td class="cut">{escape(card.commune)}</td>'
        f'<td class="num">{escape(fmt_int(card.worker_count))}</td>'
        f"<td>{escape(t(f'stage.{card.stage}') if card.stage else t('organising.stage.none'))}</td>"
        f'<td class="num">{escape(fmt_int(card.days_in_stage))}</td></tr>'
        for card in f.top_prospects[:PROSPECTS_SHOWN]
    )
    table = (
        '<table class="bd-table fixed"><tr>'
        f'<th style="width:40%">{escape(t("organising.col.name"))}</th>'
        f'<th style="width:19%">{escape(t("organising.col.commune"))}</th>'
        f'<th class="num" style="width:10%">{escape(t("briefing.col.workers"))}</th>'
        f'<th style="width:21%">{escape(t("organising.col.stage"))}</th>'
        f'<th class="num" style="width:10%">{escape(t("briefing.col.days"))}</th></tr>{rows}</table>'
        if rows
        else f'<div class="bd-muted">{escape(t("briefing.organising.none"))}</div>'
    )
    return (
        '<div class="bd-body" style="grid-template-columns: 1fr 1.75fr">'
        '<div class="bd-card">'
        f"<h3>{escape(t('briefing.organising.prospects'))}</h3>"
        f'<div style="display:flex;align-items:baseline;gap:var(--u)"><span class="bd-big">'
        f"{escape(fmt_int(total))}</span>"
        f'<span class="bd-muted" style="font-size:calc(1.5*var(--u))">'
        f"{escape(t('briefing.organising.enterprises'))}</span></div>"
        f'<h3 style="margin-top:calc(1.2*var(--u))">{escape(t("organising.pipeline"))}</h3>'
        f'<div class="bd-rows">{stages}</div></div>'
        f'<div class="bd-card"><h3>{escape(t("briefing.organising.largest"))}</h3>{table}</div>'
        "</div>"
    )


def slide_quarters(f: BriefingFigures, svgs: dict[str, str]) -> str:
    this, before = f.this_quarter, f.previous_quarter
    if this is None:
        return f'<div class="bd-body"><div class="bd-muted">{escape(t("briefing.quarters.none"))}</div></div>'
    this_name = quarter_short(this.quarter)
    before_name = quarter_short(before.quarter) if before else "–"
    lines = []
    for key, attribute, more_is_better in (
        ("briefing.series.admitted", "admissions", True),
        ("briefing.series.departures", "departures", False),
        ("briefing.quarters.transfers_in", "transfers_in", True),
        ("briefing.quarters.transfers_out", "transfers_out", False),
        ("briefing.series.net", "net_growth", True),
        ("briefing.col.new_unions", "new_unions", True),
    ):
        now = getattr(this, attribute)
        then = getattr(before, attribute) if before else None
        strong = ' class="strong"' if attribute == "net_growth" else ""
        lines.append(
            f"<tr{strong}><td>{escape(t(key))}</td>"
            f'<td class="num">{escape(fmt_int(then))}</td>'
            f'<td class="num">{escape(fmt_int(now))}</td>'
            f'<td class="num">{delta_text(now - then, more_is_better=more_is_better) if then is not None else "–"}</td></tr>'
        )
    table = (
        f'<table class="bd-table"><tr><th></th><th class="num">{escape(before_name)}</th>'
        f'<th class="num">{escape(this_name)}</th>'
        f'<th class="num">{escape(t("briefing.quarters.change"))}</th></tr>{"".join(lines)}</table>'
    )
    cumulative = t(
        "briefing.quarters.cumulative",
        value=fmt_int(this.cumulative_net_growth),
        date=fmt_date(this.end),
    )
    return (
        '<div class="bd-body" style="grid-template-columns: 1.5fr 1fr">'
        f'<div class="bd-card"><h3>{escape(t("briefing.quarters.chart", year=f.year))}</h3>'
        f"{svg_block(svgs['quarters'])}</div>"
        f'<div class="bd-card"><h3>{escape(t("briefing.quarters.table", this=this_name, before=before_name))}</h3>'
        f'{table}<div class="bd-note" style="margin-top:auto">{escape(cumulative)}</div></div></div>'
    )


def chart_svgs(f: BriefingFigures, slide: str) -> dict[str, str]:
    """The SVGs a slide needs (rendered once per data version and kept by the caller's cache)."""
    if slide == "monthly":
        chart = bc.cumulative_chart(
            f.months,
            THEME,
            year=f.year,
            as_of=f.as_of,
            target=f.progress.targets.get(TargetKey.net_growth.value),
        )
        return {"monthly": bc.to_svg(chart, THEME)}
    if slide == "workers_month":
        c = f.campaign
        chart = bc.workers_month_chart(c.days, THEME, start=c.start, end=c.end, target=c.net_target)
        return {"workers_month": bc.to_svg(chart, THEME)}
    if slide == "quarters":
        chart = bc.quarters_chart(
            f.quarters, THEME, highlight=f.quarters[-1].quarter if f.quarters else None
        )
        return {"quarters": bc.to_svg(chart, THEME)}
    return {}


def body(f: BriefingFigures, slide: str, svgs: dict[str, str], *, names: bool = True) -> str:
    """One slide's body; without `names`, no person is named (a view-only link shows figures)."""
    if slide == "targets":
        return slide_targets(f)
    if slide == "duties" and f.duty_slide is not None:
        return slide_duties(f.duty_slide, names=names)
    if slide == "monthly":
        return slide_monthly(f, svgs)
    if slide == "workers_month":
        return slide_workers_month(f, svgs)
    if slide == "ranking":
        return slide_ranking(f)
    if slide == "organising":
        return slide_organising(f)
    return slide_quarters(f, svgs)


def frame(
    f: BriefingFigures,
    slide: str,
    svgs: dict[str, str],
    *,
    federation: str,
    refreshed_at: dt.datetime,
    footer_note: str,
    names: bool = True,
) -> str:
    """One whole slide: title, the "as of" line, the body, the page dots. Without `names` (a screen
    opened with a view-only link) the slides show figures and name no person."""
    index = SLIDES.index(slide)
    period = quarter_label(f.year, f.quarter)
    dots = "".join(
        f'<span class="bd-dot{" on" if i == index else ""}"></span>' for i in range(len(SLIDES))
    )
    return (
        f'<div class="bd" data-slide="{slide}">'
        '<div class="bd-head"><div>'
        f'<div class="bd-kicker">{escape(federation)} · {escape(t("briefing.kicker", period=period))}</div>'
        f'<h1 class="bd-title">{escape(t(f"briefing.slide.{slide}", year=f.year))}</h1></div>'
        f'<div class="bd-asof">{escape(t("briefing.figures_to", date=fmt_date(f.as_of)))}'
        f'<b data-testid="display-as-of">{escape(t("briefing.as_of", time=fmt_datetime(refreshed_at)))}</b></div>'
        "</div>"
        f"{body(f, slide, svgs, names=names)}"
        f'<div class="bd-foot"><div class="bd-dots">{dots}</div>'
        f"<span>{escape(t('briefing.page', n=index + 1, total=len(SLIDES)))}</span>"
        f"<span>{escape(footer_note)}</span></div>"
        "</div>"
    )


def offline_banner(text: str) -> str:
    """A line over the last slide while the database cannot be reached."""
    return f'<div class="bd-offline">{escape(text)}</div>'


def message(text: str, detail: str = "") -> str:
    small = f"<small>{escape(detail)}</small>" if detail else ""
    return f'<div class="bd-message"><div>{escape(text)}{small}</div></div>'
