"""Shared test setup. Nothing in the suite may reach AWS, Salesforce or an ERP."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]

# Dummy credentials and a region before boto3 is imported anywhere, so a test that forgets
# mock_aws fails on moto-less endpoints with bad credentials instead of touching a real account.
os.environ.update(
    {
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_SECURITY_TOKEN": "testing",
        "AWS_SESSION_TOKEN": "testing",
        "AWS_DEFAULT_REGION": "us-east-1",
        "AWS_REGION": "us-east-1",
        "POWERTOOLS_TRACE_DISABLED": "true",
        "POWERTOOLS_SERVICE_NAME": "sferp",
        "POWERTOOLS_METRICS_NAMESPACE": "sferp",
        "JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION": "1",
        "JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION": "20",  # a list of majors, not a flag
    }
)
os.environ.pop("AWS_PROFILE", None)

if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))


@pytest.fixture
def repo_root() -> Path:
    return REPO_ROOT


@pytest.fixture(autouse=True)
def _fresh_powertools_parameter_providers():
    """Powertools caches one provider per kind (with the boto3 client and region of the moment it
    was made) for the whole process; each test starts without one, as a cold Lambda would."""
    from aws_lambda_powertools.utilities.parameters.constants import DEFAULT_PROVIDERS

    DEFAULT_PROVIDERS.clear()
    yield
    DEFAULT_PROVIDERS.clear()
