"""The progress bar: only on a terminal, never in CI or for machine output."""

from __future__ import annotations

import io

import pytest

from intlpolicy.cli import progress


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch) -> _Terminal:
    # pytest puts its own sys.stderr back when the test body starts, so the terminal is
    # installed through the module under test, which reads `sys` at call time.
    stream = _Terminal()
    monkeypatch.setattr(progress, "sys", _Sys(stream))
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    return stream


class _Sys:
    def __init__(self, stderr: io.StringIO) -> None:
        self.stderr = stderr


def test_wanted_on_a_terminal_for_people(terminal: _Terminal) -> None:
    assert progress.wanted(machine_output=False)
    assert not progress.wanted(machine_output=True)


@pytest.mark.parametrize("variable", ["CI", "GITHUB_ACTIONS"])
def test_never_in_ci(terminal: _Terminal, monkeypatch: pytest.MonkeyPatch, variable: str) -> None:
    monkeypatch.setenv(variable, "true")
    assert not progress.wanted(machine_output=False)


def test_not_when_stderr_is_piped(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(progress, "sys", _Sys(io.StringIO()))
    monkeypatch.delenv("CI", raising=False)
    assert not progress.wanted(machine_output=False)


def test_disabled_gives_no_callback() -> None:
    with progress.progress_bar(False) as callback:
        assert callback is None


def test_small_work_draws_nothing(terminal: _Terminal) -> None:
    with progress.progress_bar(True) as callback:
        assert callback is not None
        callback(10, progress.MIN_FILES - 1)
    assert terminal.getvalue() == ""


def test_large_work_draws_a_bar_with_a_count(terminal: _Terminal) -> None:
    total = progress.MIN_FILES * 2
    with progress.progress_bar(True, "Läser poster") as callback:
        assert callback is not None
        callback(total // 2, total)
        callback(total // 2, total)
    drawn = terminal.getvalue()
    assert "Läser poster" in drawn
    assert f"{total}/{total}" in drawn
