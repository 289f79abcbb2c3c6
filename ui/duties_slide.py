"""The display's duties slide as HTML: was this quarter's briefing held, the quarter's activities,
the idle committee members (by name only on a logged-in screen), and a ring per duty target. Built
from the display's own pieces (ui.slide_parts), so it looks like the other slides; every name from
the database is escaped."""

from __future__ import annotations

from html import escape

from core import briefing_duties
from core.charts import duty_gauges
from core.formatting import fmt_date, fmt_int
from core.quarters import quarter_label
from core.strings import t
from ui import slide_parts as parts


def slide_duties(slide: briefing_duties.DutySlide, *, names: bool = True) -> str:
    """The body of the display's duties slide, in the display's own HTML pieces.

    Left: was this quarter's briefing held, the quarter's activities, the idle committee members
    (their number, and their names only with `names`: a view-only link names no person).
    Right: a ring per duty target with its pace.
    """
    status = "ahead" if slide.briefing.held else "behind"
    held = (
        ", ".join(fmt_date(day) for day in slide.briefing.held_on)
        if slide.briefing.held
        else t("duties.slide_not_held_note", date=fmt_date(slide.briefing.end))
    )
    counts = slide.quarter_counts
    lines = [
        (t("count.trainings"), counts.trainings, t("count.trainees"), counts.trainees),
        (
            t("count.outreach_events"),
            counts.outreach_events,
            t("count.outreach_reach"),
            counts.outreach_reach,
        ),
        (t("count.surveys"), counts.surveys, None, None),
        (t("count.party_introductions"), counts.party_introductions, None, None),
        (t("count.party_cells"), counts.party_cells, None, None),
    ]
    rows = "".join(
        f'<tr><td>{escape(label)}</td><td class="num">{fmt_int(value)}</td>'
        f'<td class="bd-muted">{escape(f"{extra_label}: {fmt_int(extra)}" if extra_label else "")}'
        "</td></tr>"
        for label, value, extra_label, extra in lines
    )
    idle = ""
    if slide.idle_members:
        line = t("duties.slide_idle", n=fmt_int(len(slide.idle_members)))
        if names:
            line += ": " + ", ".join(slide.idle_members)
        idle = (
            f'<div class="bd-note" style="color:{parts.STATUS_COLOURS["near"]}">'
            f"{escape(line)}</div>"
        )
    left = (
        f'<div class="bd-card"><h3>{escape(t("duties.slide_title", period=quarter_label(slide.year, slide.quarter)))}</h3>'
        f'<div class="bd-big" style="color:{parts.STATUS_COLOURS[status]}">'
        f"{escape(t('duties.slide_held' if slide.briefing.held else 'duties.slide_not_held'))}</div>"
        f'<div class="bd-note">{escape(held)}</div>'
        f'<table class="bd-table" style="margin-top:auto">{rows}</table>{idle}</div>'
    )
    cards = []
    for gauge in duty_gauges(slide.targets):
        # Without a target the pill already says so.
        note = (
            "" if gauge.target is None else f"{t('duty.expected')}: {gauge.fmt_due(gauge.expected)}"
        )
        cards.append(
            f'<div class="bd-card bd-gauge"><h3>{escape(t(f"target.{gauge.key}"))}</h3>'
            f"{parts.gauge_ring(gauge)}<div>{parts.pill(gauge.status)}"
            f'<div class="bd-note">{escape(note)}</div></div></div>'
        )
    right = (
        '<div class="bd-stack" style="grid-template-columns:repeat(2,1fr);'
        f'grid-template-rows:repeat(2,1fr)">{"".join(cards)}</div>'
    )
    return f'<div class="bd-body bd-cols-even">{left}{right}</div>'
