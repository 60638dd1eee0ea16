"""Composition of the writer function: settings -> the Salesforce adapter, the desired-state
table, the queue and DLQ -> ``WriteQueueProcessor``.

Built once per execution environment (cold start) and cached (``sferp.lazy``); tests and the
local runtime call ``set_dependencies`` with the embedded org and moto clients instead.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any

from sferp.adapters.registry import build_salesforce
from sferp.lazy import Lazy
from sferp.observability import logger, use_flow_dimensions
from sferp.ports import SalesforceGateway
from sferp.ports.desired_state import DesiredStateStore
from sferp.ports.queues import DeadLetterQueue, QueueSender
from sferp.salesforce_writer import SalesforceWriter
from sferp.write_queue import names as queue_names
from sferp.write_queue.processor import WriteQueueProcessor
from sferp.write_queue.settings import WriteQueueSettings


@dataclass
class Dependencies:
    environment: str
    salesforce: SalesforceGateway
    writes: DesiredStateStore  # the desired state of every record written through the queue
    queue: QueueSender  # the write queue itself: deferred changes go back on it
    dead_letters: DeadLetterQueue

    def processor(self) -> WriteQueueProcessor:
        return WriteQueueProcessor(
            writer=SalesforceWriter(self.salesforce, state=self.writes, dead_letters=self.dead_letters),
            queue=self.queue,
            dead_letters=self.dead_letters,
        )


def build_dependencies(
    settings: WriteQueueSettings,
    *,
    boto_session: Any | None = None,
    salesforce: SalesforceGateway | None = None,
) -> Dependencies:
    import boto3

    from sferp.adapters.aws.desired_state import DynamoDesiredState
    from sferp.adapters.aws.sqs import SqsDeadLetterQueue, SqsStandardSender

    session = boto_session or boto3.session.Session()
    sqs = session.client("sqs")
    return Dependencies(
        environment=settings.environment,
        salesforce=salesforce or build_salesforce(settings),
        writes=DynamoDesiredState(
            settings.state_table,
            session.client("dynamodb"),
            key_prefix=queue_names.WRITES_PREFIX,
            partition_key=queue_names.PARTITION_KEY,
            ttl_attribute=queue_names.TTL_ATTRIBUTE,
        ),
        queue=SqsStandardSender(settings.queue_url, sqs),
        dead_letters=SqsDeadLetterQueue(settings.dlq_url, sqs),
    )


def _from_environment() -> Dependencies:
    settings = WriteQueueSettings.from_env()
    logger.info("salesforce writer configured", extra={"salesforce": settings.salesforce_adapter})
    return build_dependencies(settings)


def _installed(dependencies: Dependencies) -> None:
    _processor.set(None)
    use_flow_dimensions(environment=dependencies.environment, flow=queue_names.FLOW_SALESFORCE_WRITER)


_dependencies: Lazy[Dependencies] = Lazy(_from_environment, on_set=_installed)
_processor: Lazy[WriteQueueProcessor] = Lazy(lambda: _dependencies.get().processor())


def set_dependencies(dependencies: Dependencies | None) -> None:
    _dependencies.set(dependencies)
    _processor.set(None)


def get_dependencies() -> Dependencies:
    return _dependencies.get()


def get_processor() -> WriteQueueProcessor:
    return _processor.get()


def in_lambda() -> bool:
    return "AWS_LAMBDA_FUNCTION_NAME" in os.environ
