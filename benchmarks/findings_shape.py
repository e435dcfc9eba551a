"""The benchmark's second shape: a register in its first years, where most files carry findings.

`generate.py --shape findings` writes the same records as the default shape, then passes each
file through `perturb`, which, drawing from a random stream of its own per file (so the output
is deterministic for N and seed), gives

- projects: an exchange rate a year older than the application (rate-stale, once per amount in
  EUR: one to three warnings), and/or the notice left out (notice-missing) or given after the
  application was submitted (notice-late);
- organisations: the EU-network contact ended (contact-missing), besides the report-missing
  warnings the draft reports below give their committee;
- reports: four in five of them drafts (`submitted: null`: draft-report);
- errors on a few files: an unknown currency in 2 % of the projects (invalid-currency), an
  unknown activity kind in 1 % of the reports (invalid-value).

The practice records of data/practice are written to both shapes (`generate.py`); in this
shape the rate's age is judged from 2000 (`practice`).

Reports get 5-20 activities (the generator is told so); names of committees, people and
activities come from reference_data.py as in the default shape, with å, ä and ö.
"""

from __future__ import annotations

import random
import re
from datetime import date, timedelta

ACTIVITIES = (5, 20)

_RATE_DATE = re.compile(r"(exchange_rate: \{rate: [0-9.]+, date: )(\d{4})(-\d\d-\d\d)")
_NOTICE = re.compile(
    r"^notices:\n  (?:eu_network|ks_information): \{date: (\d{4}-\d\d-\d\d)[^\n]*\}$", re.M
)
_SUBMITTED = re.compile(r"^  submitted: (\d{4}-\d\d-\d\d)$", re.M)


def perturb(rel: str, text: str, seed: int) -> str:
    """The file at `rel` (relative to the data root) as the findings shape has it."""
    rng = random.Random(f"{seed}-findings-{rel}")
    kind = rel.split("/", 1)[0]
    if kind == "projects":
        return _project(text, rng)
    if kind == "organisations":
        return _organisation(text, rng)
    if kind == "reports":
        return _report(text, rng)
    return text


def practice(name: str, text: str) -> str:
    """A practice record of data/practice as the findings shape has it: the rate's age is
    judged from the first generated application on (2000), so that the stale rates above
    are warned about in every year, not only from the practice's own date (2016)."""
    if name == "rate-max-age":
        return re.sub(r"^applies_from: .*$", "applies_from: 2000-01-01", text, flags=re.M)
    return text


def _project(text: str, rng: random.Random) -> str:
    if "exchange_rate:" in text and rng.random() < 0.9:
        text = _RATE_DATE.sub(lambda m: f"{m[1]}{int(m[2]) - 1}{m[3]}", text)
    draw = rng.random()
    notice = _NOTICE.search(text)
    submitted = _SUBMITTED.search(text)
    if notice and draw < 0.45:
        text = text[: notice.start()] + "notices: {}" + text[notice.end() :]
    elif notice and submitted and draw < 0.6:
        late = (date.fromisoformat(submitted[1]) + timedelta(days=3)).isoformat()
        text = text[: notice.start(1)] + late + text[notice.end(1) :]
    if rng.random() < 0.02:
        text = re.sub(r"currency: (EUR|SEK)$", "currency: KRONOR", text, count=1, flags=re.M)
    return text


def _organisation(text: str, rng: random.Random) -> str:
    if rng.random() < 0.6:  # the current contact (the one line ending `to: null}`) left
        text = re.sub(r"^(  - \{name: .*, to: )null\}$", r"\g<1>2026-06-30}", text, flags=re.M)
    return text


def _report(text: str, rng: random.Random) -> str:
    if rng.random() < 0.8:
        text = re.sub(r"^submitted: \d{4}-\d\d-\d\d$", "submitted: null", text, count=1, flags=re.M)
    if rng.random() < 0.01:
        text = text.replace("    kind: ", "    kind: okänd-", 1)
    return text
