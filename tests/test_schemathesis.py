"""schemathesis against the live app's OpenAPI description: no input gives a 5xx.

Each operation gets a bounded number of generated requests, valid and invalid,
sent over HTTP to a real ``according serve`` (the whole file runs in about a minute).
"""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error

pytestmark = pytest.mark.slow

OPERATIONS = [
    ("POST", "/api/analyze"),
    ("POST", "/api/compare"),
    ("GET", "/api/stories"),
    ("GET", "/api/stories/{story_id}/trace"),
    ("GET", "/api/health"),
    ("GET", "/api/articles"),
    ("GET", "/api/articles/{article_id}"),
]
# They write to the session's shared store (other tests count its stories). POST's input
# is ArticleIn, the same model and checks as POST /api/analyze, generated above; DELETE's
# id is parsed as GET /api/articles/{article_id}'s is (tests/test_web_store_api.py).
NOT_GENERATED = {("POST", "/api/articles"), ("DELETE", "/api/articles/{article_id}")}
EXAMPLES = 12


@pytest.fixture(scope="module")
def api_schema(live_url):
    """The OpenAPI description of the session's live server (tests/conftest.py)."""
    return schemathesis.openapi.from_url(live_url + "/openapi.json")


def test_every_operation_is_covered(api_schema):
    found = {(op.ok().method.upper(), op.ok().path) for op in api_schema.get_all_operations()}
    assert found == set(OPERATIONS) | NOT_GENERATED


# Negative (schema-violating) requests only where the schema constrains something to violate.
NEGATABLE = {"/api/analyze", "/api/compare", "/api/stories", "/api/articles"}
CASES = [(m, p, GenerationMode.POSITIVE) for m, p in OPERATIONS] + [
    (m, p, GenerationMode.NEGATIVE) for m, p in OPERATIONS if p in NEGATABLE
]


@pytest.mark.parametrize(("method", "path", "mode"), CASES)
def test_no_server_errors(api_schema, method, path, mode):
    operation = api_schema[path][method]
    statuses: list[int] = []

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    def check(case):
        response = case.call_and_validate(checks=[not_a_server_error], timeout=60)
        statuses.append(response.status_code)

    check()
    assert statuses, "schemathesis sent no request"
    assert max(statuses) < 500
