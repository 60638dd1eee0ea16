"""The operator's AWS session: where the region comes from, and the message when there is none."""

from __future__ import annotations

import pytest
from sferp_tools.ops import aws


@pytest.fixture
def no_aws_config(monkeypatch: pytest.MonkeyPatch, tmp_path):
    for name in ("AWS_REGION", "AWS_DEFAULT_REGION", "AWS_PROFILE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "config"))  # empty: no profile region
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "credentials"))


def test_aws_region_is_honoured_as_the_message_says(no_aws_config, monkeypatch: pytest.MonkeyPatch) -> None:
    # Given only AWS_REGION set (botocore itself reads AWS_DEFAULT_REGION only)
    monkeypatch.setenv("AWS_REGION", "eu-west-1")
    # When an operator command builds its client without --region
    client = aws.client(aws.session(region=None, profile=None), "sqs")
    # Then the client is in that region
    assert client.meta.region_name == "eu-west-1"


def test_region_flag_wins_over_the_environment(no_aws_config, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AWS_REGION", "eu-west-1")
    assert aws.client(aws.session(region="us-east-1", profile=None), "sqs").meta.region_name == "us-east-1"


def test_aws_default_region_still_works(no_aws_config, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AWS_DEFAULT_REGION", "ap-southeast-2")
    assert aws.client(aws.session(region=None, profile=None), "sqs").meta.region_name == "ap-southeast-2"


def test_no_region_anywhere_is_one_line_naming_every_way_to_give_one(no_aws_config) -> None:
    with pytest.raises(aws.OpsError) as caught:
        aws.client(aws.session(region=None, profile=None), "sqs")
    message = str(caught.value)
    assert "\n" not in message
    assert "--region" in message and "AWS_REGION" in message and "AWS_DEFAULT_REGION" in message
