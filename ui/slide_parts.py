"""The pieces every slide of the briefing display is built from: the style sheet (sized in units of
the screen: `--u` is 1 % of a 16:9 frame's width), rings, pills, arrows and embedded charts.

Shared by the slides (ui.slides) and the duties slide (ui.duties_slide), which import this module and
never each other. Every text passed in is escaped here.
"""

from __future__ import annotations

import base64
from html import escape

from core import briefing_charts as bc
from core import charts
from core.formatting import fmt_signed
from core.strings import t

THEME = bc.PROJECTOR
BACKGROUND = "#0B1320"
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
