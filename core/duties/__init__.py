"""The plan's other duties (parts III and IV): activities, the organising network, the Party.

Writes (`activities`, `network`, `party`): each checks the acting user's role (a viewer changes
nothing), runs in the caller's session (one transaction) and goes through the one versioned save
(`core.versioning`): a stale edit is refused, every change is audited and bumps the data version.
Nothing is deleted: `deleted_at` hides a record. Figures (`figures`): counts of each duty per
quarter, briefings held, idle committee members, the duty targets and the report's rows.
"""

from core.duties.activities import (
    ActivityIn,
    activities,
    activity_people,
    record_activity,
    update_activity,
)
from core.duties.common import (
    DELETABLE,
    DutyError,
    delete_record,
    enterprise_labels,
    find_enterprise,
    unit_names,
)
from core.duties.figures import (
    REPORT_COUNTS,
    BriefingStatus,
    DutyCounts,
    ReportRow,
    briefing_status,
    duty_actuals,
    expected_duties,
    idle_committee_members,
    other_targets,
    quarterly_counts,
    quarters_ended,
    report_rows,
    year_counts,
)
from core.duties.network import (
    PersonIn,
    add_person,
    assign_officer,
    network,
    prospects_by_officer,
    prospects_of_officer,
    replace_person,
    update_person,
)
from core.duties.party import (
    PartyCellIn,
    PartyIntroductionIn,
    party_cells,
    party_introductions,
    record_party_cell,
    record_party_introduction,
    update_party_introduction,
)

__all__ = [
    "DELETABLE",
    "REPORT_COUNTS",
    "ActivityIn",
    "BriefingStatus",
    "DutyCounts",
    "DutyError",
    "PartyCellIn",
    "PartyIntroductionIn",
    "PersonIn",
    "ReportRow",
    "activities",
    "activity_people",
    "add_person",
    "assign_officer",
    "briefing_status",
    "delete_record",
    "duty_actuals",
    "enterprise_labels",
    "expected_duties",
    "find_enterprise",
    "idle_committee_members",
    "network",
    "other_targets",
    "party_cells",
    "party_introductions",
    "prospects_by_officer",
    "prospects_of_officer",
    "quarterly_counts",
    "quarters_ended",
    "record_activity",
    "record_party_cell",
    "record_party_introduction",
    "replace_person",
    "report_rows",
    "unit_names",
    "update_activity",
    "update_party_introduction",
    "update_person",
    "year_counts",
]
