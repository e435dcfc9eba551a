"""The files around the records that `init` writes: hooks, CI jobs, editor settings, README.

The CI jobs install intlpolicy from `TOOL_REPOSITORY` at this version's tag: an address to
replace with the tool's real one (the README that `init` writes says so), as in docs/ci.md.
"""

from __future__ import annotations

import json
from typing import Final

from intlpolicy import __version__
from intlpolicy.models import KINDS
from intlpolicy.services.schema import schema_file_name

TOOL_REPOSITORY: Final = "https://example.org/malmo/intlpolicy.git"
INSTALL: Final = f'pip install "intlpolicy @ git+{TOOL_REPOSITORY}@v{__version__}"'

# The commands the hooks and CI jobs run, from the repository's top folder.
VALIDATE: Final = "intlpolicy validate --data data"
FMT_CHECK: Final = "intlpolicy fmt --check --data data"

PRE_COMMIT: Final = f"""\
# Kontroll av posterna före varje commit. En gång per klon:
#   pip install pre-commit && pre-commit install
# Krokarna kör den intlpolicy som är installerad (language: system).
repos:
  - repo: local
    hooks:
      - id: intlpolicy-validate
        name: intlpolicy validate
        entry: {VALIDATE}
        language: system
        pass_filenames: false
        files: ^data/
      - id: intlpolicy-fmt
        name: intlpolicy fmt --check
        entry: {FMT_CHECK}
        language: system
        pass_filenames: false
        files: ^data/
"""

GITHUB_WORKFLOW: Final = f"""\
# Kontroll av posterna i GitHub Actions: fel ger rött, varningar visas vid raderna.
name: records
on:
  push:
    branches: [main]
  pull_request:

jobs:
  validate:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-python@v5
        with:
          python-version: "3.12"
      # Byt adressen mot intlpolicys förråd.
      - run: {INSTALL}
      - run: {VALIDATE}
      - run: {FMT_CHECK}
      # Schemana för editorn ska höra till samma version av intlpolicy.
      - run: intlpolicy schema --output schemas && git diff --exit-code -- schemas/
"""

GITLAB_CI: Final = f"""\
# Kontroll av posterna i GitLab CI: fynden som textrader i jobbets logg.
validate-records:
  image: python:3.12-slim
  before_script:
    # Byt adressen mot intlpolicys förråd.
    - {INSTALL}
  script:
    - {VALIDATE} --format text
    - {FMT_CHECK}
"""

README: Final = """\
# Poster om internationellt arbete

Det här förrådet håller kommunens poster om sitt internationella arbete: policyn,
organisationerna, projekten och EU-ansökningarna, nämndernas årliga redovisningar, nätverken
och vänorterna. Posterna är YAML-filer i `data/`, en fil per post; git sparar varje ändring.
Verktyget `intlpolicy` kontrollerar dem och skapar redovisningarna.

Förrådet skapades med `intlpolicy init --from {base}`.{examples}

## Mapparna

- `data/policy/` policyns versioner, `data/organisations/` nämnder och bolag,
  `data/projects/` projekt och EU-ansökningar, `data/reports/<år>/` nämndernas redovisningar,
  `data/networks/` nätverk, `data/twin-cities/` vänorter, `data/practice/` kommunens
  tillämpning av policyn, `data/compiled-reports/` den samlade redovisningens beslut.
- `schemas/` scheman för editorn (`intlpolicy schema --output schemas`).

## Varje dag

```sh
intlpolicy validate        # kontrollera alla poster: 0 fel = grönt
intlpolicy fmt --check     # samma layout i alla filer (intlpolicy fmt rättar den)
intlpolicy new project     # en ny post med förklaring till varje fält
```

Kontrollen körs också före varje commit (`pip install pre-commit && pre-commit install`, se
`.pre-commit-config.yaml`) och i CI (`.github/workflows/records.yml`, `.gitlab-ci.yml`; byt
där adressen {repository} mot intlpolicys förråd). Med VS Code och YAML-tillägget (Red Hat)
fyller editorn i fälten och markerar fel medan du skriver (`.vscode/settings.json`).

När intlpolicy uppdateras och postformatet har en ny version läses de äldre posterna ändå;
`validate` varnar då `schema-outdated` och `intlpolicy migrate` uppgraderar filerna.
"""

EXAMPLES_NOTE: Final = (
    "\n\nPosterna med `example: true` är exempel på varje slags post: ersätt dem med "
    "kommunens egna\n(`validate` varnar när en verklig post hänvisar till ett exempel)."
)


def readme(base: str) -> str:
    examples = EXAMPLES_NOTE if base == "blank" else ""
    return README.format(base=base, examples=examples, repository=TOOL_REPOSITORY)


def vscode_settings() -> str:
    """`.vscode/settings.json`: every record folder mapped to its exported schema."""
    schemas = {}
    for kind in KINDS:
        pattern = "data/reports/*/*.yaml" if kind.name == "report" else f"data/{kind.folder}/*.yaml"
        schemas[f"./schemas/{schema_file_name(kind)}"] = pattern
    return json.dumps({"yaml.schemas": schemas}, ensure_ascii=False, indent=2) + "\n"


def repository_files(base: str) -> dict[str, str]:
    """The files beside `data/` by their path in the new repository."""
    return {
        ".pre-commit-config.yaml": PRE_COMMIT,
        ".github/workflows/records.yml": GITHUB_WORKFLOW,
        ".gitlab-ci.yml": GITLAB_CI,
        ".vscode/settings.json": vscode_settings(),
        "README.md": readme(base),
    }
