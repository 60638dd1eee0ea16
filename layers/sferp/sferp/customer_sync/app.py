"""Composition of the customer flow: settings -> adapters -> service -> batch processor.

Built once per execution environment (cold start) and cached (``sferp.lazy``); tests and the
local runtime call ``set_dependencies`` with embedded adapters and moto clients instead.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from sferp.adapters.registry import build_erp, build_salesforce
from sferp.customer_sync import names as sync_names
from sferp.customer_sync.batch import CustomerBatchProcessor
from sferp.customer_sync.erp_poller import ErpCustomerPoller
from sferp.customer_sync.service import CustomerSyncService
from sferp.customer_sync.settings import CustomerSyncSettings
from sferp.lazy import Lazy
from sferp.observability import logger, use_flow_dimensions
from sferp.ports import SalesforceGateway
from sferp.ports.coupling import CouplingStore
from sferp.ports.desired_state import DesiredStateStore
from sferp.ports.erp import CustomerPort
from sferp.ports.queues import DeadLetterQueue, QueueSender
from sferp.ports.reconciliation import ReconciliationTrigger
from sferp.ports.state import IdempotencyGuard, RecordLock, VersionGuard
from sferp.salesforce_writer import ChangeWriter
from sferp.settings import FlowMode
from sferp.write_queue.sender import change_writer


@dataclass
class Dependencies:
    mode: FlowMode
    environment: str
    erp: CustomerPort
    salesforce: SalesforceGateway
    coupling: CouplingStore
    applied: VersionGuard
    guard: IdempotencyGuard
    lock: RecordLock
    dead_letters: DeadLetterQueue
    writes: DesiredStateStore  # the Salesforce writer's memory of the Accounts' status fields
    integration_user_id: str
    on_account_delete: str = "block"
    reconciliation: ReconciliationTrigger | None = None
    erp_poll_lookback: timedelta = timedelta(minutes=sync_names.ERP_POLL_LOOKBACK_MIN)
    # The shared write queue where cdk.json turns it on (flows.customer_sync.write_queue): the
    # Accounts' changes of the batches and of the ERP poll go there, so one desired-state store (the
    # writer function's) orders every version of an Account's fields.
    write_queue: QueueSender | None = None

    def writer(self) -> ChangeWriter:
        return change_writer(self.write_queue, self.salesforce, self.writes)

    def poller(self) -> ErpCustomerPoller:
        return ErpCustomerPoller(
            erp=self.erp,
            salesforce=self.salesforce,
            coupling=self.coupling,
            applied=self.applied,
            mode=self.mode,
            dead_letters=self.dead_letters,
            writer=self.writer(),
            lookback=self.erp_poll_lookback,
        )

    def processor(self) -> CustomerBatchProcessor:
        service = CustomerSyncService(
            erp=self.erp,
            salesforce=self.salesforce,
            coupling=self.coupling,
            applied=self.applied,
            guard=self.guard,
            lock=self.lock,
            mode=self.mode,
            integration_user_id=self.integration_user_id,
            on_account_delete=self.on_account_delete,
        )
        return CustomerBatchProcessor(
            service=service,
            salesforce=self.salesforce,
            dead_letters=self.dead_letters,
            mode=self.mode,
            reconciliation=self.reconciliation,
            writer=self.writer(),
            erp_poller=self.poller(),
        )


def build_dependencies(
    settings: CustomerSyncSettings,
    *,
    boto_session: Any | None = None,
    erp: CustomerPort | None = None,
    salesforce: SalesforceGateway | None = None,
) -> Dependencies:
    import boto3

    from sferp.adapters.aws.coupling import DynamoCouplingStore
    from sferp.adapters.aws.desired_state import DynamoDesiredState
    from sferp.adapters.aws.idempotency import PowertoolsIdempotencyGuard
    from sferp.adapters.aws.lock import DynamoRecordLock
    from sferp.adapters.aws.sqs import SqsDeadLetterQueue, SqsStandardSender
    from sferp.adapters.aws.stepfunctions import StepFunctionsReconciliationTrigger
    from sferp.adapters.aws.version_guard import DynamoVersionGuard

    session = boto_session or boto3.session.Session()
    dynamodb = session.client("dynamodb")
    table = settings.state_table
    pk, ttl = sync_names.PARTITION_KEY, sync_names.TTL_ATTRIBUTE
    return Dependencies(
        mode=settings.flow_mode,
        environment=settings.environment,
        erp=erp or build_erp(settings),
        salesforce=salesforce or build_salesforce(settings),
        coupling=DynamoCouplingStore(
            table, dynamodb, key_prefix=sync_names.COUPLING_PREFIX, partition_key=sync_names.PARTITION_KEY
        ),
        applied=DynamoVersionGuard(
            table, dynamodb, key_prefix=sync_names.APPLIED_PREFIX, partition_key=pk, ttl_attribute=ttl
        ),
        guard=PowertoolsIdempotencyGuard(
            table,
            dynamodb,
            key_prefix=sync_names.IDEMPOTENCY_PREFIX,
            expires_after_s=sync_names.IDEMPOTENCY_TTL_S,
            partition_key=pk,
            ttl_attribute=ttl,
        ),
        lock=DynamoRecordLock(table, dynamodb, key_prefix="lease#", partition_key=pk, ttl_attribute=ttl),
        dead_letters=SqsDeadLetterQueue(settings.dlq_url, session.client("sqs")),
        writes=DynamoDesiredState(
            table, dynamodb, key_prefix=sync_names.WRITES_PREFIX, partition_key=pk, ttl_attribute=ttl
        ),
        integration_user_id=settings.integration_user_id,
        on_account_delete=settings.on_account_delete,
        reconciliation=(
            StepFunctionsReconciliationTrigger(
                session.client("stepfunctions"), settings.reconciliation_state_machine_arn
            )
            if settings.reconciliation_state_machine_arn
            else None
        ),
        erp_poll_lookback=timedelta(minutes=settings.erp_poll_lookback_min),
        write_queue=SqsStandardSender(settings.write_queue_url, session.client("sqs"))
        if settings.write_queue_url
        else None,
    )


def _from_environment() -> Dependencies:
    settings = CustomerSyncSettings.from_env()
    dependencies = build_dependencies(settings)
    logger.info(
        "customer sync configured", extra={"mode": settings.flow_mode.value, "erp": settings.erp_adapter}
    )
    return dependencies


def _installed(dependencies: Dependencies) -> None:
    _processor.set(None)
    use_flow_dimensions(environment=dependencies.environment, flow=sync_names.FLOW_CUSTOMER_SYNC)


_dependencies: Lazy[Dependencies] = Lazy(_from_environment, on_set=_installed)
_processor: Lazy[CustomerBatchProcessor] = Lazy(lambda: _dependencies.get().processor())


def set_dependencies(dependencies: Dependencies | None) -> None:
    _dependencies.set(dependencies)
    _processor.set(None)


def get_dependencies() -> Dependencies:
    return _dependencies.get()


def get_processor() -> CustomerBatchProcessor:
    return _processor.get()


def in_lambda() -> bool:
    return "AWS_LAMBDA_FUNCTION_NAME" in os.environ
