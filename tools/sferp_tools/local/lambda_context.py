"""A Lambda context for in-process invocations."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field


@dataclass
class LocalLambdaContext:
    function_name: str
    memory_limit_in_mb: int = 512
    function_version: str = "$LATEST"
    region: str = "us-east-1"
    aws_request_id: str = field(default_factory=lambda: str(uuid.uuid4()))
    log_group_name: str = "/aws/lambda/local"
    log_stream_name: str = "local"

    @property
    def invoked_function_arn(self) -> str:
        return f"arn:aws:lambda:{self.region}:123456789012:function:{self.function_name}"

    def get_remaining_time_in_millis(self) -> int:
        # The runtime plays SQS's visibility timeout (6 x the function timeout) as virtual time:
        # a message is redelivered only after the invocation that held it has timed out. Powertools
        # Idempotency sets in-progress expiry = now + remaining time, so a remaining time of ~0
        # models "by the time the retry arrives, the crashed invocation's deadline has passed".
        return 1
