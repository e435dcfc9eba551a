"""`notice`: record the notice a committee gave under the EU funding routine, in the project's
`notices` (`eu_network: {date}` or `ks_information: {date, diary_number}`).

The notice is recorded as given: a committee may inform KS although the route is the
EU-nätverket (the near-threshold advice). What the routine required of the project is
returned beside the edit, so the command can say when the two differ.
"""

from __future__ import annotations

from dataclasses import dataclass

from ruamel.yaml.comments import CommentedMap

from intlpolicy.editing.node_edits import set_in_model_order, update_mapping
from intlpolicy.loading.selection import (
    load_organisation,
    load_policies,
    load_practice,
)
from intlpolicy.models import Project
from intlpolicy.models.practice import Practice
from intlpolicy.models.project import EuNetworkNotice, KsNotice, Notices
from intlpolicy.routing import decide_recorded_project
from intlpolicy.services.edits import EditResult
from intlpolicy.services.record_edits import (
    EditTarget,
    edit_record,
    not_in_future,
    one_line_errors,
    project_path,
)
from intlpolicy.vocabulary import Route


@dataclass(frozen=True, slots=True)
class NoticeResult:
    edit: EditResult
    recorded: Route  # the notice written
    required: Route | None  # what the routine requires of the project (None: nothing)
    previous: EuNetworkNotice | KsNotice | None = None  # the notice of that kind it replaced


@one_line_errors()
def record_notice(
    target: EditTarget, reference: str, notice: EuNetworkNotice | KsNotice
) -> NoticeResult:
    not_in_future(notice.date, target.today, "--date")
    project, path = project_path(target, reference)
    route: Route = "ks_information" if isinstance(notice, KsNotice) else "eu_network"
    values = notice.model_dump(mode="python")

    def change(data: CommentedMap) -> None:
        notices = data.get("notices")
        if not isinstance(notices, CommentedMap):
            set_in_model_order(data, "notices", {route: values}, Project)
        elif isinstance(notices.get(route), CommentedMap):
            update_mapping(notices[route], values)
        else:
            set_in_model_order(notices, route, values, Notices)

    required = _required(target, project)  # before writing: its records can refuse too
    options = {"notices": f"--date {notice.date.isoformat()}"}
    if isinstance(notice, KsNotice):
        options[f"notices.{route}.diary_number"] = f"--diary-number {notice.diary_number}"
    previous = getattr(project.notices, route)
    return NoticeResult(edit_record(target, path, change, options), route, required, previous)


def _required(target: EditTarget, project: Project) -> Route | None:
    root, shown = target.root, target.display_root
    organisation = load_organisation(root, shown, project.organisation)
    practice = Practice.of(load_practice(root, shown))
    policies = load_policies(root, shown)
    decision = decide_recorded_project(project, organisation, policies, target.today, practice)
    return decision.notice.required if decision.notice is not None else None
