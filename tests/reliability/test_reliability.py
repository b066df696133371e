"""The short reliability suite, in CI. The long one: ``python -m tests.reliability --long``."""

import pytest

from tests.reliability.suite import AREAS, OWN_TEST_FILE


@pytest.mark.parametrize("area", [a for a in AREAS if a not in OWN_TEST_FILE])
def test_area(area):
    rows = AREAS[area](False)
    assert rows
    bad = [f"{r.tried}: {r.happened}" for r in rows if not r.ok]
    assert not bad, bad
