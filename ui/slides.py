"""The briefing display's slides as HTML: one frame (title, the "as of" line, page dots) around each
slide's body, sized in units of the screen (`--u` is 1 % of a 16:9 frame's width), so the same slide
is right at 1920×1080 and at 1280×720.

Every text from the database (unit and enterprise names) goes through `html.escape`; numbers are
formatted here; charts arrive as SVG rendered from Altair (core.briefing_charts) and scale as vectors.
"""

from __future__ import annotations

import base64
import datetime as dt
from html import escape

from core import briefing_charts as bc
from core import charts
from core.briefing import LEADERS, SLIDES, BriefingFigures
from core.formatting import fmt_date, fmt_int, fmt_number, fmt_pct, fmt_signed
from core.models import TargetKey
from core.quarters import quarter_label, quarter_short
from core.ranking import Ranking
from core.strings import t

THEME = bc.PROJECTOR
BACKGROUND = "#0B1320"
TOP_UNITS_SHOWN = 4
PROSPECTS_SHOWN = 8
STATUS_COLOURS = THEME.status


def u(value: float) -> str:
    """A length in screen units."""
    return f"calc({value}*var(--u))"


CSS = f"""
<style>
:root {{ --u: min(1vw, 1.7778vh); }}
html, body, [data-testid="stApp"], [data-testid="stAppViewContainer"], [data-testid="stMain"] {{
  background: {BACKGROUND} !important; overflow: hidden !important;
}}
header[data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"],
[data-testid="stStatusWidget"], [data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
[data-testid="stSidebarNav"], [data-testid="stBottom"], footer, #MainMenu {{ display: none !important; }}
[data-testid="stMainBlockContainer"], .block-container {{
  padding: 0 !important; max-width: none !important;
}}
[data-testid="stMain"] [data-testid="stVerticalBlock"] {{ gap: 0 !important; }}
[data-stale="true"], .stale-element {{ opacity: 1 !important; transition: none !important; }}
.bd {{
  position: relative; box-sizing: border-box; width: 100vw; height: 100vh; overflow: hidden;
  padding: {u(2.2)} {u(3)} {u(1.2)}; display: flex; flex-direction: column;
  color: {THEME.text}; font-family: "Source Sans", "Noto Sans", "DejaVu Sans", sans-serif;
  background: radial-gradient(ellipse at 20% 0%, #15233A 0%, {BACKGROUND} 60%);
  line-height: 1.15;
}}
.bd * {{ box-sizing: border-box; }}
.bd-head {{
  display: flex; justify-content: space-between; align-items: flex-end; gap: {u(2)};
  padding-bottom: {u(1)}; border-bottom: {u(0.15)} solid #24344D;
}}
.bd-kicker {{ font-size: {u(1.35)}; color: #9FB0C8; letter-spacing: 0.06em; text-transform: uppercase; }}
.bd-title {{ font-size: {u(3.2)}; font-weight: 700; margin: {u(0.3)} 0 0; line-height: 1.05; }}
.bd-asof {{ text-align: right; font-size: {u(1.4)}; color: #B8C2D3; white-space: nowrap; }}
.bd-asof b {{ display: block; font-size: {u(2)}; color: #FFFFFF; font-weight: 700; margin-top: {u(0.2)}; }}
.bd-body {{ flex: 1; min-height: 0; padding: {u(1.6)} 0 {u(1)}; display: grid; gap: {u(1.6)}; }}
.bd-foot {{
  display: flex; align-items: center; gap: {u(1.5)}; height: {u(3)};
  font-size: {u(1.2)}; color: #8D9BB2;
}}
.bd-dots {{ display: flex; gap: {u(0.6)}; }}
.bd-dot {{ width: {u(0.9)}; height: {u(0.9)}; border-radius: 50%; background: #2A3A55; }}
.bd-dot.on {{ background: {THEME.actual}; }}
.bd-card {{
  background: rgba(22, 34, 54, 0.92); border: {u(0.1)} solid #22324B; border-radius: {u(1)};
  padding: {u(1.2)} {u(1.5)}; min-height: 0; min-width: 0; display: flex; flex-direction: column;
}}
.bd-card h3 {{ font-size: {u(1.7)}; font-weight: 600; margin: 0 0 {u(0.6)}; color: #DCE4F0; }}
.bd-muted {{ color: #A9B6CA; }}
.bd-svg {{ flex: 1; min-height: 0; display: flex; align-items: center; justify-content: center; }}
.bd-svg img {{ width: 100%; height: 100%; object-fit: contain; }}
/* gauges */
.bd-gauges {{ grid-template-columns: repeat(3, 1fr); grid-template-rows: repeat(2, 1fr); }}
.bd-gauge {{ align-items: center; justify-content: space-between; text-align: center; }}
.bd-gauge h3 {{ font-size: {u(1.75)}; margin: 0; }}
/* a gauge's ring takes the height its card has left (and stays round) */
.bd-gauge .bd-ring {{
  flex: 1 1 0; min-height: 0; width: auto; height: auto; aspect-ratio: 1 / 1;
  max-width: {u(13)}; max-height: {u(13)}; margin: {u(0.5)} auto;
}}
.bd-ring {{
  position: relative; width: {u(13)}; height: {u(13)}; border-radius: 50%; flex: none;
  background: conic-gradient(var(--c) calc(var(--p) * 1%), #26344A 0);
  display: grid; place-items: center;
}}
.bd-ring::before {{
  content: ""; position: absolute; inset: {u(1.3)}; border-radius: 50%; background: #142033;
}}
.bd-ring .bd-pace {{ position: absolute; inset: {u(-0.5)}; transform: rotate(calc(var(--pace) * 3.6deg)); }}
.bd-ring .bd-pace::after {{
  content: ""; position: absolute; left: 50%; top: 0; width: {u(0.32)}; height: {u(2.4)};
  margin-left: {u(-0.16)}; background: #F1F5F9; border-radius: {u(0.2)};
}}
.bd-ring-text {{ position: relative; display: flex; flex-direction: column; align-items: center; }}
.bd-ring-value {{ font-size: {u(2.9)}; font-weight: 700; letter-spacing: -0.02em; white-space: nowrap; }}
.bd-ring-target {{ font-size: {u(1.5)}; color: #A9B6CA; margin-top: {u(0.1)}; }}
.bd-ring.big {{ width: {u(17)}; height: {u(17)}; margin: 0 auto; }}
.bd-rings {{ flex: 1; display: flex; justify-content: space-around; align-items: center; gap: {u(1)}; }}
.bd-rings h3 {{ white-space: nowrap; font-size: {u(1.65)}; margin-bottom: {u(1)}; }}
.bd-ring.big::before {{ inset: {u(1.9)}; }}
.bd-ring.big .bd-ring-value {{ font-size: {u(4.4)}; }}
.bd-ring.big .bd-ring-target {{ font-size: {u(1.9)}; }}
.bd-pill {{
  display: inline-block; padding: {u(0.2)} {u(0.9)}; border-radius: {u(2)};
  font-size: {u(1.35)}; font-weight: 700; color: #0B1320; background: var(--c);
}}
.bd-note {{ font-size: {u(1.3)}; color: #A9B6CA; margin-top: {u(0.35)}; }}
/* two columns */
.bd-cols {{ grid-template-columns: 2.1fr 1fr; }}
.bd-cols-even {{ grid-template-columns: 1fr 1fr; }}
.bd-stack {{ display: grid; gap: {u(1.2)}; min-height: 0; }}
.bd-kpi {{ justify-content: center; }}
.bd-kpi .label {{ font-size: {u(1.5)}; color: #A9B6CA; }}
.bd-kpi .value {{ font-size: {u(4)}; font-weight: 700; margin-top: {u(0.2)}; }}
.bd-kpi .value small {{ font-size: {u(1.8)}; color: #A9B6CA; font-weight: 600; }}
.bd-kpi .detail {{ font-size: {u(1.3)}; color: #A9B6CA; margin-top: {u(0.2)}; }}
/* leader boards and bars */
.bd-rows {{ display: flex; flex-direction: column; gap: {u(0.55)}; flex: 1; min-height: 0; }}
.bd-row {{
  display: grid; grid-template-columns: {u(3)} minmax(0, 2.7fr) minmax(0, 1fr) {u(7.5)} {u(3.8)};
  align-items: center; gap: {u(0.9)}; font-size: {u(1.75)}; min-height: 0; flex: 1; max-height: {u(4)};
}}
.bd-rank {{
  width: {u(2.8)}; height: {u(2.8)}; border-radius: 50%; display: grid; place-items: center;
  background: #22324B; font-weight: 700; font-size: {u(1.5)};
}}
.bd-rank.gold {{ background: #F5C542; color: #1B1300; }}
.bd-rank.silver {{ background: #CBD5E1; color: #0F172A; }}
.bd-rank.bronze {{ background: #D08B52; color: #1B0E00; }}
.bd-name {{ white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }}
.bd-bar {{ height: {u(1.5)}; background: #1F2D44; border-radius: {u(0.8)}; position: relative; overflow: hidden; }}
.bd-bar i {{ position: absolute; left: 0; top: 0; bottom: 0; border-radius: {u(0.8)}; background: var(--c); }}
.bd-val {{ text-align: right; font-weight: 700; white-space: nowrap; }}
.bd-chg {{ text-align: right; font-size: {u(1.45)}; font-weight: 700; white-space: nowrap; }}
.bd-up {{ color: {STATUS_COLOURS["ahead"]}; }}
.bd-down {{ color: {STATUS_COLOURS["behind"]}; }}
.bd-same {{ color: #7F8DA6; }}
.bd-stage {{ grid-template-columns: minmax(0, 2.3fr) minmax(0, 1fr) {u(4)}; }}
/* tables */
.bd-table {{ width: 100%; border-collapse: collapse; font-size: {u(1.6)}; }}
.bd-table th {{
  text-align: left; font-weight: 600; color: #A9B6CA; font-size: {u(1.3)};
  padding: {u(0.4)} {u(0.6)}; border-bottom: {u(0.12)} solid #2A3A55;
}}
.bd-table td {{
  padding: {u(0.55)} {u(0.6)}; border-bottom: {u(0.08)} solid #1E2B40; white-space: nowrap;
}}
.bd-table.compact {{ font-size: {u(1.5)}; }}
.bd-table.fixed {{ table-layout: fixed; }}
.bd-table.fixed td {{ overflow: hidden; text-overflow: ellipsis; }}
.bd-table.compact td {{ padding: {u(0.35)} {u(0.6)}; }}
.bd-table .num {{ text-align: right; white-space: nowrap; }}
.bd-table .cut {{ max-width: {u(22)}; overflow: hidden; text-overflow: ellipsis; }}
.bd-table th {{ white-space: nowrap; }}
.bd-table tr.strong td {{ font-weight: 700; font-size: {u(1.9)}; }}
.bd-big {{ font-size: {u(6.5)}; font-weight: 700; line-height: 1; }}
.bd-message {{
  height: 100vh; display: grid; place-items: center; text-align: center; padding: {u(6)};
  color: {THEME.text}; font-family: "Source Sans", sans-serif; font-size: {u(2.6)};
  background: {BACKGROUND};
}}
.bd-message small {{ display: block; font-size: {u(1.6)}; color: #A9B6CA; margin-top: {u(1.2)}; }}
.bd-offline {{
  position: fixed; left: 50%; top: {u(1)}; transform: translateX(-50%); z-index: 999991;
  background: {STATUS_COLOURS["behind"]}; color: #0B1320; font-weight: 700;
  font-family: "Source Sans", sans-serif; font-size: {u(1.5)};
  padding: {u(0.4)} {u(1.4)}; border-radius: {u(2)};
}}
/* the controls float over the footer, on the right */
.st-key-display_controls {{
  position: fixed !important; right: {u(2.6)}; bottom: {u(0.7)}; z-index: 999990;
  width: auto !important; gap: {u(0.5)} !important; align-items: center; opacity: 0.75;
}}
.st-key-display_controls:hover {{ opacity: 1; }}
.st-key-display_controls button {{
  background: #16233A !important; color: #C8D3E3 !important; border: 1px solid #2A3A55 !important;
  min-height: {u(2.4)} !important; padding: 0 {u(0.9)} !important; font-size: {u(1.2)} !important;
}}
.st-key-display_controls button p {{ font-size: {u(1.2)} !important; }}
.st-key-display_controls .stSelectbox [role="group"] {{
  background: #16233A !important; border: 1px solid #2A3A55 !important; min-height: {u(2.4)} !important;
}}
.st-key-display_controls .stSelectbox input, .st-key-display_controls .stSelectbox button {{
  background: transparent !important; color: #C8D3E3 !important; font-size: {u(1.2)} !important;
}}
.st-key-display_controls [data-testid="stElementContainer"] {{ width: auto !important; }}
.st-key-display_controls .stSelectbox {{ width: {u(13)} !important; }}
</style>
"""


# ---------------------------------------------------------------- pieces


def svg_block(svg: str) -> str:
    """An SVG from vl-convert as an image that scales to fill its box (as a data URI: the page
    keeps no markup of it, and the image keeps its own fonts and proportions)."""
    encoded = base64.b64encode(svg.encode("utf-8")).decode("ascii")
    return f'<div class="bd-svg"><img alt="" src="data:image/svg+xml;base64,{encoded}"></div>'


def ring(
    value_text: str,
    target_text: str,
    *,
    share: float | None,
    pace: float | None,
    status: str,
    big: bool = False,
) -> str:
    pct = 0.0 if share is None else min(max(share, 0.0), 100.0)
    pace_mark = (
        f'<span class="bd-pace" style="--pace:{min(max(pace, 0.0), 100.0):.2f}"></span>'
        if pace is not None
        else ""
    )
    return (
        f'<div class="bd-ring{" big" if big else ""}" '
        f'style="--p:{pct:.2f};--c:{STATUS_COLOURS[status]}">{pace_mark}'
        f'<div class="bd-ring-text"><span class="bd-ring-value">{escape(value_text)}</span>'
        f'<span class="bd-ring-target">{escape(target_text)}</span></div></div>'
    )


def gauge_ring(gauge: charts.Gauge, *, big: bool = False) -> str:
    share = gauge.share_of_target
    if share is None and gauge.is_percent and gauge.actual is not None:
        share = gauge.actual
    pace = None
    if gauge.expected is not None and gauge.target:
        pace = 100 * gauge.expected / gauge.target
    target = t("briefing.of_target", value=gauge.fmt(gauge.target)) if gauge.target else ""
    return ring(
        gauge.fmt(gauge.actual), target, share=share, pace=pace, status=gauge.status, big=big
    )


def pill(status: str) -> str:
    return (
        f'<span class="bd-pill" style="--c:{STATUS_COLOURS[status]}">'
        f"{escape(t(f'briefing.status.{status}'))}</span>"
    )


def change_arrow(change: int) -> str:
    if change > 0:
        return f'<span class="bd-chg bd-up">▲ {change}</span>'
    if change < 0:
        return f'<span class="bd-chg bd-down">▼ {-change}</span>'
    return '<span class="bd-chg bd-same">=</span>'


def delta_text(value: int, *, more_is_better: bool = True) -> str:
    good, bad = ("bd-up", "bd-down") if more_is_better else ("bd-down", "bd-up")
    css = good if value > 0 else bad if value < 0 else "bd-same"
    return f'<span class="{css}">{escape(fmt_signed(value))}</span>'


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
                value=fmt_number(gauge.expected, 0),
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
                small=t("briefing.of_target", value=fmt_int(target)) if target else "",
                detail=t("briefing.share_of_target", value=fmt_pct(_share(p.net_growth, target))),
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
    p = f.progress
    net = charts.Gauge(
        key=TargetKey.workers_month_net_growth.value,
        actual=c.net,
        target=c.net_target,
        expected=p.expected_by_today.get(TargetKey.workers_month_net_growth.value),
    )
    unions = charts.Gauge(
        key=TargetKey.workers_month_new_unions.value,
        actual=c.new_unions,
        target=c.unions_target,
        expected=p.expected_by_today.get(TargetKey.workers_month_new_unions.value),
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
    pace = 100 * _year_share(result.as_of)
    top = max([100.0] + [row.pct_net_growth or 0.0 for row in rows]) if with_targets else 0
    top_net = max([1] + [abs(row.net_growth) for row in rows])
    lines = []
    for row in rows:
        if with_targets and row.pct_net_growth is not None:
            width = 100 * max(row.pct_net_growth, 0) / top
            status = charts.pace_status(row.pct_net_growth, pace)
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


def body(f: BriefingFigures, slide: str, svgs: dict[str, str]) -> str:
    if slide == "targets":
        return slide_targets(f)
    if slide == "duties" and f.duty_slide is not None:
        from ui.duties_slide import slide_duties  # it builds on this module's pieces

        return slide_duties(f.duty_slide)
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
) -> str:
    """One whole slide: title, the "as of" line, the body, the page dots."""
    index = SLIDES.index(slide)
    period = quarter_label(f.year, f.quarter)
    dots = "".join(
        f'<span class="bd-dot{" on" if i == index else ""}"></span>' for i in range(len(SLIDES))
    )
    from core.formatting import fmt_datetime

    return (
        f'<div class="bd" data-slide="{slide}">'
        '<div class="bd-head"><div>'
        f'<div class="bd-kicker">{escape(federation)} · {escape(t("briefing.kicker", period=period))}</div>'
        f'<h1 class="bd-title">{escape(t(f"briefing.slide.{slide}", year=f.year))}</h1></div>'
        f'<div class="bd-asof">{escape(t("briefing.figures_to", date=fmt_date(f.as_of)))}'
        f'<b data-testid="display-as-of">{escape(t("briefing.as_of", time=fmt_datetime(refreshed_at)))}</b></div>'
        "</div>"
        f"{body(f, slide, svgs)}"
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


def _share(value: float, target: float | None) -> float | None:
    return round(100 * value / target, 1) if target else None


def _year_share(on: dt.date) -> float:
    from core.metrics import share_elapsed

    return share_elapsed(dt.date(on.year, 1, 1), dt.date(on.year, 12, 31), on)
