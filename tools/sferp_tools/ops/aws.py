"""What every ``sferp ops`` command shares: the boto3 session, the deployed resource names, and
one clear line for each way an AWS call can fail."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, Final

from sferp import names
from sferp.errors import SferpError
from sferp.order_handoff import names as handoff_names

# Physical names from the same modules the stack reads (sferp.names.resource_name(env, suffix) =
# "sferp-<env>-<suffix>"). The keys are what operators type after ``--queue``.
QUEUE_SUFFIXES: Final = {
    "processing": handoff_names.DLQ,  # the processing DLQ
    "delivery": handoff_names.DELIVERY_DLQ,  # the route's delivery DLQ
    "queue": handoff_names.QUEUE,  # the processing DLQ's source
    "buffer": handoff_names.BUFFER,  # the delivery DLQ's source
}
ARCHIVE_SUFFIX: Final = handoff_names.ROUTE
RULE_SUFFIX: Final = handoff_names.ROUTE

_NOT_FOUND_CODES: Final = frozenset(
    {"AWS.SimpleQueueService.NonExistentQueue", "QueueDoesNotExist", "ResourceNotFoundException"}
)
_DENIED_CODES: Final = frozenset(
    {
        "AccessDenied",
        "AccessDeniedException",
        "AuthorizationError",
        "KMS.AccessDeniedException",
        "KmsAccessDenied",
        "KMS.DisabledException",
    }
)
_CREDENTIAL_CODES: Final = frozenset(
    {"ExpiredToken", "ExpiredTokenException", "InvalidClientTokenId", "UnrecognizedClientException"}
)


class OpsError(SferpError):
    """An operator command cannot do what was asked; the message is the one line they read."""


def resource_name(env: str, suffix: str) -> str:
    return names.resource_name(env, suffix)


def session(*, region: str | None, profile: str | None) -> Any:
    """A boto3 session for the operator's profile and region (their usual AWS configuration
    when neither is given)."""
    import boto3
    from botocore.exceptions import ProfileNotFound

    # botocore reads AWS_DEFAULT_REGION and the profile's region but not AWS_REGION, the variable
    # Lambda and most other SDKs set and the one an operator is most likely to have exported.
    region = region or os.environ.get("AWS_REGION") or None
    try:
        return boto3.session.Session(profile_name=profile, region_name=region)
    except ProfileNotFound as exc:
        raise OpsError(f"AWS profile {profile!r} not found in the AWS config") from exc


def client(boto_session: Any, service: str) -> Any:
    from botocore.exceptions import NoRegionError

    try:
        return boto_session.client(service)
    except NoRegionError as exc:
        raise OpsError(
            "no AWS region: pass --region, set AWS_REGION (or AWS_DEFAULT_REGION), or give your AWS profile one"
        ) from exc


def describe_aws_error(exc: Exception, *, what: str) -> str:
    """One line for an AWS failure, naming the resource and the fix where there is one."""
    from botocore.exceptions import ClientError, EndpointConnectionError, NoCredentialsError

    if isinstance(exc, NoCredentialsError):
        return "no AWS credentials found: pass --profile or configure credentials"
    if isinstance(exc, EndpointConnectionError):
        return f"cannot reach the AWS endpoint for {what}: {exc}"
    if isinstance(exc, ClientError):
        error = exc.response.get("Error", {})
        code = str(error.get("Code", ""))
        message = str(error.get("Message", "")).strip()
        operation = exc.operation_name
        if code in _NOT_FOUND_CODES:
            return f"{what} not found ({message or code})"
        if code in _DENIED_CODES or "AccessDenied" in code:
            return f"no permission for {operation} on {what}: {message or code}"
        if code in _CREDENTIAL_CODES:
            return f"AWS rejected the credentials ({code}): refresh them or pass another --profile"
        return f"{operation} on {what} failed: {code}: {message}"
    return f"{what}: {type(exc).__name__}: {exc}"


@contextmanager
def aws_call(what: str) -> Iterator[None]:
    """Turn a boto3 failure inside the block into an ``OpsError`` naming ``what``."""
    from botocore.exceptions import BotoCoreError, ClientError

    try:
        yield
    except (ClientError, BotoCoreError) as exc:
        raise OpsError(describe_aws_error(exc, what=what)) from exc
