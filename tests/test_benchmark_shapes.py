"""The benchmark's findings shape (issue 14, point 4) is what its name says: most files carry
one to three warnings, some carry errors, reports have 5-20 activities and names contain
å, ä and ö; the generator shape has no errors. A change of the checks or of the practice
that silently empties the shape would make the benchmark's figures meaningless."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import yaml

from conftest import generated_root, invoke


def _validate(root: Path) -> dict[str, list[dict[str, object]]]:
    result = invoke("validate", "--no-cache", "--format", "json", "--data", root)
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def test_the_findings_shape_has_warnings_on_most_files_and_some_errors(tmp_path: Path) -> None:
    root = generated_root(tmp_path / "data", 400, "findings")
    files = [path for path in root.rglob("*.yaml") if path.parent.name != "practice"]
    found = _validate(root)
    per_file = Counter(str(warning["file"]) for warning in found["warnings"])
    assert len(per_file) > len(files) / 2, f"{len(per_file)} of {len(files)} files warned"
    few = sum(1 for count in per_file.values() if count <= 3)
    assert few > 0.9 * len(per_file), per_file.most_common(3)
    assert 0 < len({error["file"] for error in found["errors"]}) < len(files) / 20
    activities = [
        len(yaml.safe_load(path.read_text(encoding="utf-8"))["activities"])
        for path in root.glob("reports/*/*.yaml")
    ]
    assert activities and min(activities) >= 5 and max(activities) <= 20
    assert max(activities) > 10
    text = "".join(path.read_text(encoding="utf-8") for path in files)
    assert all(letter in text for letter in "åäö")


def test_the_generator_shape_has_no_errors(tmp_path: Path) -> None:
    root = generated_root(tmp_path / "data", 400)
    found = _validate(root)
    assert found["errors"] == []
