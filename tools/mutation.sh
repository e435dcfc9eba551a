#!/usr/bin/env bash
# Mutation testing of the EU funding rule, the checks and the money (docs/development.md).
# A manual run of a few minutes, not part of .ci/run. Needs `pip install -e '.[test,mutation]'`.
# Configuration (files, test selection): [tool.mutmut] in pyproject.toml.
set -euo pipefail
cd "$(dirname "$0")/.."

# The mutants that count: all of routing.py and checks/, the money formatting of swedish.py
# and the money arithmetic of models/common.py (Money.in_sek, exact_product).
scope=(
    'intlpolicy.routing.*'
    'intlpolicy.checks.*'
    'intlpolicy.swedish.x_format_*'
    'intlpolicy.models.common.x*in_sek__mutmut_*'
    'intlpolicy.models.common.x_exact_product__mutmut_*'
)

rm -rf mutants # a fresh run every time: no result is reused from an older test suite
echo "mutmut run: a few minutes on 2 cores ..." >&2
mutmut run --max-children "${MUTATION_JOBS:-2}" "${scope[@]}" >/dev/null

# One line per module, then every mutant that was not killed.
mutmut results --all true | python3 -c '
import re, sys
from collections import Counter, defaultdict
in_scope = re.compile(
    r"intlpolicy\.(routing|checks)\.|intlpolicy\.swedish\.x_format_"
    r"|intlpolicy\.models\.common\.x(ǁMoneyǁin_sek|_exact_product)__"
)
counts: dict[str, Counter[str]] = defaultdict(Counter)
left = []
for line in sys.stdin:
    name, _, status = line.strip().rpartition(": ")
    if in_scope.match(name):
        counts[re.sub(r"\.x[_ǁ].*$", "", name)][status] += 1
        if status != "killed":
            left.append(f"{status:9} {name}")
columns = ("killed", "survived", "timeout", "no tests")
print("module".ljust(28) + "".join(c.rjust(10) for c in columns) + "total".rjust(8))
for module, count in sorted(counts.items()) + [("all", sum(counts.values(), Counter()))]:
    print(f"{module:28}" + "".join(f"{count[c]:10}" for c in columns) + f"{count.total():8}")
if left:
    print("\nNot killed (see one with: mutmut show NAME):", *left, sep="\n  ")
'
