"""Composition of the order-handoff flow: settings -> adapters -> service -> batch processor.

Built once per Lambda execution environment (cold start) and cached (``sferp.lazy``). Tests and
the local runtime call ``set_dependencies`` with embedded adapters and moto clients instead.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any

from sferp.adapters.registry import build_erp, build_salesforce
from sferp.lazy import Lazy
from sferp.observability import logger, use_flow_dimensions
from sferp.order_handoff import names as handoff_names
from sferp.order_handoff.batch import OrderBatchProcessor
from sferp.order_handoff.service import OrderHandoffService
from sferp.order_handoff.state import KEY_PREFIX, OrderStateStore
from sferp.ports import SalesforceGateway, SalesOrderPort
from sferp.ports.coupling import CouplingStore
from sferp.ports.desired_state import DesiredStateStore
from sferp.ports.erp import CustomerPort
from sferp.ports.queues import DeadLetterQueue, QueueSender, RetryScheduler
from sferp.ports.state import IdempotencyGuard, RecordLock
from sferp.salesforce_writer import ChangeWriter
from sferp.settings import FlowMode, OrderHandoffSettings
from sferp.write_queue.sender import change_writer


@dataclass
class Dependencies:
    mode: FlowMode
    environment: str
    erp: SalesOrderPort
    salesforce: SalesforceGateway
    state: OrderStateStore
    guard: IdempotencyGuard
    lock: RecordLock
    dead_letters: DeadLetterQueue
    retries: RetryScheduler
    writes: DesiredStateStore  # the Salesforce writer's memory of the Orders' write-back fields
    max_lines: int = handoff_names.MAX_LINES_DEFAULT
    uncoupled_account: str = "reject"
    coupling: CouplingStore | None = None  # the customer flow's cross-reference, read only
    # The shared write queue when cdk.json turns it on for this flow: write-backs are batched across
    # invocations by the writer function (docs/salesforce_writer.md).
    write_queue: QueueSender | None = None

    def writer(self) -> ChangeWriter:
        return change_writer(self.write_queue, self.salesforce, self.writes)

    def processor(self) -> OrderBatchProcessor:
        service = OrderHandoffService(
            erp=self.erp,
            salesforce=self.salesforce,
            state=self.state,
            guard=self.guard,
            lock=self.lock,
            mode=self.mode,
            # Every ERP adapter is a full ErpGateway today; one without the customer role can
            # only run with "wait" or "reject".
            customers=self.erp if isinstance(self.erp, CustomerPort) else None,
            uncoupled_account=self.uncoupled_account,
            coupling=self.coupling,
        )
        return OrderBatchProcessor(
            service=service,
            salesforce=self.salesforce,
            dead_letters=self.dead_letters,
            retries=self.retries,
            mode=self.mode,
            record_written_back=self.state.record_written_back,
            writer=self.writer(),
            max_lines=self.max_lines,
        )


def build_dependencies(
    settings: OrderHandoffSettings,
    *,
    boto_session: Any | None = None,
    erp: SalesOrderPort | None = None,
    salesforce: SalesforceGateway | None = None,
) -> Dependencies:
    """The stores and queues from the settings; the adapters from the registry unless given
    (the local runtime and the tests pass embedded ones)."""
    import boto3

    from sferp.adapters.aws.coupling import coupling_store_for_table
    from sferp.adapters.aws.desired_state import DynamoDesiredState
    from sferp.adapters.aws.idempotency import PowertoolsIdempotencyGuard
    from sferp.adapters.aws.lock import DynamoRecordLock
    from sferp.adapters.aws.sqs import SqsDeadLetterQueue, SqsStandardSender, SqsVisibilityRetryScheduler
    from sferp.adapters.aws.version_guard import DynamoVersionGuard

    session = boto_session or boto3.session.Session()
    dynamodb = session.client("dynamodb")
    sqs = session.client("sqs")
    table = settings.order_state_table
    return Dependencies(
        mode=settings.flow_mode,
        environment=settings.environment,
        erp=erp or build_erp(settings),
        salesforce=salesforce or build_salesforce(settings),
        state=OrderStateStore(
            DynamoVersionGuard(
                table,
                dynamodb,
                key_prefix=KEY_PREFIX,
                partition_key=handoff_names.ORDER_STATE_PARTITION_KEY,
                ttl_attribute=handoff_names.ORDER_STATE_TTL_ATTRIBUTE,
                marks=("written_back_version",),
            )
        ),
        guard=PowertoolsIdempotencyGuard(
            table,
            dynamodb,
            key_prefix="order-handoff",
            partition_key=handoff_names.ORDER_STATE_PARTITION_KEY,
            ttl_attribute=handoff_names.ORDER_STATE_TTL_ATTRIBUTE,
            expires_after_s=handoff_names.IDEMPOTENCY_TTL_S,
        ),
        lock=DynamoRecordLock(
            table,
            dynamodb,
            key_prefix=KEY_PREFIX,
            partition_key=handoff_names.ORDER_STATE_PARTITION_KEY,
            ttl_attribute=handoff_names.ORDER_STATE_TTL_ATTRIBUTE,
        ),
        dead_letters=SqsDeadLetterQueue(settings.dlq_url, sqs),
        retries=SqsVisibilityRetryScheduler(sqs),
        writes=DynamoDesiredState(
            table,
            dynamodb,
            key_prefix=handoff_names.WRITES_PREFIX,
            partition_key=handoff_names.ORDER_STATE_PARTITION_KEY,
            ttl_attribute=handoff_names.ORDER_STATE_TTL_ATTRIBUTE,
        ),
        max_lines=settings.max_lines,
        uncoupled_account=settings.uncoupled_account,
        coupling=coupling_store_for_table(settings.coupling_table, dynamodb),
        write_queue=SqsStandardSender(settings.write_queue_url, sqs) if settings.write_queue_url else None,
    )


def _from_environment() -> Dependencies:
    settings = OrderHandoffSettings.from_env()
    dependencies = build_dependencies(settings)
    logger.info(
        "order handoff configured", extra={"mode": settings.flow_mode.value, "erp": settings.erp_adapter}
    )
    return dependencies


def _installed(dependencies: Dependencies) -> None:
    _processor.set(None)
    use_flow_dimensions(environment=dependencies.environment, flow=handoff_names.FLOW_ORDER_HANDOFF)


_dependencies: Lazy[Dependencies] = Lazy(_from_environment, on_set=_installed)
_processor: Lazy[OrderBatchProcessor] = Lazy(lambda: _dependencies.get().processor())


def set_dependencies(dependencies: Dependencies | None) -> None:
    """Install (or with None, forget) the dependencies; the next invocation uses them."""
    _dependencies.set(dependencies)
    _processor.set(None)


def get_dependencies() -> Dependencies:
    return _dependencies.get()


def get_processor() -> OrderBatchProcessor:
    return _processor.get()


def in_lambda() -> bool:
    return "AWS_LAMBDA_FUNCTION_NAME" in os.environ
