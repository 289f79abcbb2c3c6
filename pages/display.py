"""Màn hình giao ban: the briefing display, full-screen, for the projector at the quarterly meeting."""

from __future__ import annotations

from ui import auth, briefing

auth.require_role("viewer")
briefing.show(allow_exit=True)
