"""Records kept by hand: find, page through, edit, delete and restore members, enterprises and
grassroots unions; a member's movements; founding and dissolving unions.

Every write here takes the acting user and refuses a viewer (`core.access.require`), cleans its
input with the importer's own cell parsers (so a form and a file accept the same values), runs in the
caller's session as one transaction and saves through `core.versioning`: a save made on an older
version than the one stored is refused with what changed meanwhile (`StaleEdit`), never written
over. Member movements go through `core.membership`; this package checks the role, the dates and
the version around them.

    search       filters, pages of results, choice lists, a member's history
    cleaning     form input cleaned as an imported row would be
    members      writes of a member (details, movements, delete, restore)
    enterprises  writes of an enterprise
    unions       writes of a union (found, correct, dissolve, delete, restore)
    saving       the checks and the save the writers share
    errors       RecordError, InvalidInput

The pages call `records.<function>`; the names below are that surface.
"""

from core.records.cleaning import (
    ENTERPRISE_FIELDS,
    FOREIGN_WORKER_FIELDS,
    MEMBER_FIELDS,
    NOTES_MAX,
    UNION_FIELDS,
    clean_enterprise,
    clean_member,
    clean_union,
)
from core.records.enterprises import (
    add_enterprise,
    delete_enterprise,
    restore_enterprise,
    update_enterprise,
)
from core.records.errors import InvalidInput, RecordError
from core.records.members import (
    admit_member,
    correct_event,
    delete_member,
    readmit_member,
    record_departure,
    restore_member,
    transfer_member,
    update_member,
    void_event,
)
from core.records.search import (
    EnterpriseFilter,
    EventRow,
    MemberFilter,
    UnionFilter,
    birth_text,
    enterprise_choices,
    get_member,
    member_history,
    search_enterprises,
    search_members,
    search_unions,
    union_choices,
    union_name,
    unit_choices,
)
from core.records.unions import (
    active_member_count,
    delete_union,
    dissolve_union,
    found_union,
    record_dissolution_departures,
    restore_union,
    update_union,
)

__all__ = [
    "ENTERPRISE_FIELDS",
    "FOREIGN_WORKER_FIELDS",
    "MEMBER_FIELDS",
    "NOTES_MAX",
    "UNION_FIELDS",
    "EnterpriseFilter",
    "EventRow",
    "InvalidInput",
    "MemberFilter",
    "RecordError",
    "UnionFilter",
    "active_member_count",
    "add_enterprise",
    "admit_member",
    "birth_text",
    "clean_enterprise",
    "clean_member",
    "clean_union",
    "correct_event",
    "delete_enterprise",
    "delete_member",
    "delete_union",
    "dissolve_union",
    "enterprise_choices",
    "found_union",
    "get_member",
    "member_history",
    "readmit_member",
    "record_departure",
    "record_dissolution_departures",
    "restore_enterprise",
    "restore_member",
    "restore_union",
    "search_enterprises",
    "search_members",
    "search_unions",
    "transfer_member",
    "union_choices",
    "union_name",
    "unit_choices",
    "update_enterprise",
    "update_member",
    "update_union",
    "void_event",
]
