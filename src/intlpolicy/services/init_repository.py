"""`init`: a new records repository, from this project's data (`malmo`) or from examples.

The repository is built in a hidden folder beside DIR and moved into place when it is whole,
so a failure leaves nothing half-made. Then `git init` and a first commit, when git is there;
without git (or without a git identity) the folder is still complete and the result says why
there is no commit.
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Final

from intlpolicy.editing.atomic import move_folder_into_place, os_cause, write_atomically
from intlpolicy.errors import Refused
from intlpolicy.loading.git_process import GitError, run_git
from intlpolicy.loading.store import load_data_root
from intlpolicy.models import KINDS
from intlpolicy.routing import policy_in_force
from intlpolicy.services.init_examples import example_records
from intlpolicy.services.init_files import repository_files
from intlpolicy.services.schema import write_schemas
from intlpolicy.vocabulary import InitBase

COMMIT_MESSAGE: Final = "Nytt förråd för poster om internationellt arbete (intlpolicy init)"
KEEP: Final = ".gitkeep"  # git keeps no empty folder; the loader skips hidden files


class InitRefused(Refused):
    """The repository was not made: DIR is taken, or it could not be written."""


@dataclass(frozen=True, slots=True)
class InitResult:
    target: Path
    base: InitBase
    records: list[str]  # the records' paths in data/
    commit: str | None  # the first commit's id, or None with `git_problem` saying why
    git_problem: str | None


def packaged_data() -> Path:
    """This project's data root: inside the installed package; in a checkout, data/."""
    installed = Path(str(resources.files("intlpolicy"))) / "data"
    if installed.is_dir():
        return installed
    return Path(__file__).resolve().parents[3] / "data"


def malmo_records(today: date) -> dict[str, bytes]:
    """The policy in force today, the organisations and the practice, as the files hold them."""
    base = packaged_data()
    loaded = load_data_root(base).records
    current = policy_in_force(loaded.policies.values(), today)
    files: dict[str, bytes] = {}
    for key, source in loaded.sources.items():
        if key[0] in ("organisation", "practice") or (current and key == ("policy", current.id)):
            files[source.rel] = (base / source.rel).read_bytes()
    return files


def init_repository(target: Path, base: InitBase, today: date) -> InitResult:
    _check_target(target)
    if base == "malmo":
        records = malmo_records(today)
    else:
        records = {rel: text.encode("utf-8") for rel, text in example_records(today).items()}
    parent = target.absolute().parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
        building = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=parent))
        try:
            _write(building, base, records)
            move_folder_into_place(building, target)
        finally:
            shutil.rmtree(building, ignore_errors=True)  # gone once moved
    except OSError as error:
        raise InitRefused("init-not-written", path=target, cause=os_cause(error)) from None
    commit, problem = _first_commit(target)
    return InitResult(target, base, sorted(records), commit, problem)


def _check_target(target: Path) -> None:
    if target.is_symlink() or (target.exists() and not target.is_dir()):
        raise InitRefused("init-not-a-folder", path=target)
    if target.is_dir() and any(target.iterdir()):
        raise InitRefused("init-not-empty", path=target)


def _write(top: Path, base: InitBase, records: dict[str, bytes]) -> None:
    files = {f"data/{rel}": raw for rel, raw in records.items()}
    for kind in KINDS:  # git keeps no empty folder
        if not any(rel.startswith(f"data/{kind.folder}/") for rel in files):
            files[f"data/{kind.folder}/{KEEP}"] = b""
    files.update({rel: text.encode("utf-8") for rel, text in repository_files(base).items()})
    for rel, raw in files.items():
        path = top.joinpath(*rel.split("/"))
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(path, raw, overwrite=False)
    write_schemas(top / "schemas")


def _first_commit(top: Path) -> tuple[str | None, str | None]:
    """`git init` and a commit of everything: (commit id, None) or (None, why not)."""
    try:
        run_git(top, "init", "-q", "-b", "main", action="skapa förrådet")
        run_git(top, "add", "-A", action="lägga till filerna")
        run_git(top, "commit", "-q", "-m", COMMIT_MESSAGE, action="göra den första commiten")
        commit = run_git(top, "rev-parse", "--short", "HEAD").decode("ascii").strip()
    except GitError as refused:
        return None, refused.message
    return commit, None
