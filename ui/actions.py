"""The one error path of every page action: a refusal from core/ is shown in the user's language,
a database failure becomes one line (its detail goes to the log), and no traceback reaches a page.

    with actions.attempt() as outcome:
        with db.session_scope() as session:
            duties.add_activity(session, ...)
    if outcome.ok:
        st.rerun()

or, for a function: `result, refused = actions.run_action(fn, ...)`.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TypeVar

import streamlit as st
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError, SQLAlchemyError

from core.errors import CatalogueError
from core.strings import t

log = logging.getLogger(__name__)

T = TypeVar("T")

REFUSED_ICON = ":material/block:"


def refusal_message(error: CatalogueError | SQLAlchemyError) -> str:
    """What the user reads about an error the action helper catches."""
    if isinstance(error, CatalogueError):
        return error.message()
    log.error("database error in a page action: %s", error, exc_info=error)
    unreachable = isinstance(error, OperationalError | InterfaceError) or (
        isinstance(error, DBAPIError) and error.connection_invalidated
    )
    return t("common.db_unavailable" if unreachable else "common.db_error")


@dataclass
class Outcome:
    """How an attempted action ended; `message` is set when it was refused or failed."""

    message: str | None = None

    @property
    def ok(self) -> bool:
        return self.message is None


@contextlib.contextmanager
def attempt(*, show: bool = True) -> Iterator[Outcome]:
    """Run the block; a CatalogueError or database error ends it and is shown (unless `show` is
    False, for callers that place the message themselves). Streamlit's own rerun and stop pass."""
    outcome = Outcome()
    try:
        yield outcome
    except (CatalogueError, SQLAlchemyError) as error:
        outcome.message = refusal_message(error)
        if show:
            st.error(outcome.message, icon=REFUSED_ICON)


def run_action(fn: Callable[..., T], /, *args, **kwargs) -> tuple[T | None, str | None]:
    """`fn(*args, **kwargs)`: (result, None), or (None, why it failed) without showing it."""
    with attempt(show=False) as outcome:
        return fn(*args, **kwargs), None
    return None, outcome.message
