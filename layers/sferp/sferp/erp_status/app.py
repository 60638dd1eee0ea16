"""Composition of the ERP status flow: settings -> adapters -> service -> poller and batch processor.

Built once per execution environment (cold start) and cached (``sferp.lazy``); tests and the
local runtime call ``set_dependencies`` with embedded adapters and moto clients instead.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from sferp.adapters.registry import build_erp, build_salesforce
from sferp.erp_status import names as status_names
from sferp.erp_status.batch import ErpStatusBatchProcessor
from sferp.erp_status.poller import ErpOrderPoller
from sferp.erp_status.products import ErpProductPoller
from sferp.erp_status.service import ErpStatusService
from sferp.erp_status.settings import ErpStatusSettings
from sferp.lazy import Lazy
from sferp.observability import logger, use_flow_dimensions
from sferp.ports import SalesforceGateway
from sferp.ports.desired_state import DesiredStateStore
from sferp.ports.queues import DeadLetterQueue, MessageSender, QueueSender
from sferp.ports.state import VersionGuard
from sferp.salesforce_writer import ChangeWriter, SalesforceWriter
from sferp.settings import FlowMode
from sferp.write_queue.sender import change_writer


@dataclass
class Dependencies:
    mode: FlowMode
    environment: str
    erp: Any  # SalesOrderChangesPort and ProductPort
    salesforce: SalesforceGateway
    applied: VersionGuard
    writes: DesiredStateStore  # the Salesforce writer's memory of the Orders' ERP fields
    queue: MessageSender
    dead_letters: DeadLetterQueue
    poll_lookback: timedelta = timedelta(minutes=status_names.POLL_LOOKBACK_MIN)
    price_sync: bool = False
    # The write queue (sferp.write_queue) when the environment has it: the Orders' changes go there.
    # The products poll keeps its own writer: it needs Salesforce's answers (the new entries' Ids)
    # in the same run, and one poll's changes are one batch already.
    write_queue: QueueSender | None = None

    def order_writer(self) -> ChangeWriter:
        return change_writer(self.write_queue, self.salesforce, self.writes)

    def product_poller(self) -> ErpProductPoller:
        return ErpProductPoller(
            erp=self.erp,
            salesforce=self.salesforce,
            writer=SalesforceWriter(self.salesforce, state=self.writes),
            applied=self.applied,
            dead_letters=self.dead_letters,
            mode=self.mode,
            price_sync=self.price_sync,
            lookback=self.poll_lookback,
        )

    def poller(self) -> ErpOrderPoller:
        return ErpOrderPoller(
            erp=self.erp, queue=self.queue, applied=self.applied, mode=self.mode, lookback=self.poll_lookback
        )

    def processor(self) -> ErpStatusBatchProcessor:
        return ErpStatusBatchProcessor(
            erp=self.erp,
            service=ErpStatusService(applied=self.applied),
            writer=self.order_writer(),
            dead_letters=self.dead_letters,
            mode=self.mode,
        )


def build_dependencies(
    settings: ErpStatusSettings,
    *,
    boto_session: Any | None = None,
    erp: Any | None = None,
    salesforce: SalesforceGateway | None = None,
) -> Dependencies:
    import boto3

    from sferp.adapters.aws.desired_state import DynamoDesiredState
    from sferp.adapters.aws.sqs import SqsDeadLetterQueue, SqsFifoSender, SqsStandardSender
    from sferp.adapters.aws.version_guard import DynamoVersionGuard

    session = boto_session or boto3.session.Session()
    dynamodb = session.client("dynamodb")
    sqs = session.client("sqs")
    table = settings.state_table
    pk, ttl = status_names.PARTITION_KEY, status_names.TTL_ATTRIBUTE
    return Dependencies(
        mode=settings.flow_mode,
        environment=settings.environment,
        erp=erp or build_erp(settings),
        salesforce=salesforce or build_salesforce(settings),
        applied=DynamoVersionGuard(table, dynamodb, key_prefix="", partition_key=pk, ttl_attribute=ttl),
        writes=DynamoDesiredState(
            table, dynamodb, key_prefix=status_names.WRITES_PREFIX, partition_key=pk, ttl_attribute=ttl
        ),
        queue=SqsFifoSender(settings.queue_url, sqs, batch_size=status_names.SQS_SEND_BATCH),
        dead_letters=SqsDeadLetterQueue(settings.dlq_url, sqs),
        poll_lookback=timedelta(minutes=settings.poll_lookback_min),
        price_sync=settings.price_sync,
        write_queue=SqsStandardSender(settings.write_queue_url, sqs) if settings.write_queue_url else None,
    )


def _from_environment() -> Dependencies:
    settings = ErpStatusSettings.from_env()
    dependencies = build_dependencies(settings)
    logger.info(
        "erp status configured", extra={"mode": settings.flow_mode.value, "erp": settings.erp_adapter}
    )
    return dependencies


def _installed(dependencies: Dependencies) -> None:
    _processor.set(None)
    use_flow_dimensions(environment=dependencies.environment, flow=status_names.FLOW_ERP_STATUS)


_dependencies: Lazy[Dependencies] = Lazy(_from_environment, on_set=_installed)
_processor: Lazy[ErpStatusBatchProcessor] = Lazy(lambda: _dependencies.get().processor())


def set_dependencies(dependencies: Dependencies | None) -> None:
    _dependencies.set(dependencies)
    _processor.set(None)


def get_dependencies() -> Dependencies:
    return _dependencies.get()


def get_processor() -> ErpStatusBatchProcessor:
    return _processor.get()


def in_lambda() -> bool:
    return "AWS_LAMBDA_FUNCTION_NAME" in os.environ
