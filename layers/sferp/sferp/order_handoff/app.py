"""Composition of the order-handoff flow: settings -> adapters -> service -> batch processor.

Built once per Lambda execution environment (cold start) and cached. Tests and the local
runtime call ``set_dependencies`` with embedded adapters and moto clients instead.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any

from sferp import wiring
from sferp.observability import logger, use_flow_dimensions
from sferp.order_handoff.batch import OrderBatchProcessor, RetryScheduler, SqsVisibilityRetryScheduler
from sferp.order_handoff.dead_letter import DeadLetterQueue, SqsDeadLetterQueue
from sferp.order_handoff.service import OrderHandoffService
from sferp.order_handoff.state import (
    DynamoOrderStateStore,
    IdempotencyGuard,
    OrderStateStore,
    PowertoolsIdempotencyGuard,
)
from sferp.ports import ErpGateway, SalesforceGateway
from sferp.settings import ErpConnectionSettings, FlowMode, OrderHandoffSettings


@dataclass
class Dependencies:
    mode: FlowMode
    environment: str
    erp: ErpGateway
    salesforce: SalesforceGateway
    state: OrderStateStore
    guard: IdempotencyGuard
    dead_letters: DeadLetterQueue
    retries: RetryScheduler

    def processor(self) -> OrderBatchProcessor:
        service = OrderHandoffService(
            erp=self.erp, salesforce=self.salesforce, state=self.state, guard=self.guard, mode=self.mode
        )
        return OrderBatchProcessor(
            service=service,
            salesforce=self.salesforce,
            dead_letters=self.dead_letters,
            retries=self.retries,
            mode=self.mode,
            record_written_back=self.state.record_written_back,
        )


_dependencies: Dependencies | None = None
_processor: OrderBatchProcessor | None = None


def build_erp(settings: ErpConnectionSettings) -> ErpGateway:
    if settings.erp_adapter == "odata":
        # Only where it is used: requests and the adapter stay out of embedded cold starts.
        from sferp.adapters.erp_odata import ODataErpGateway
        from sferp.adapters.erp_odata_mapping import ODataErpConfig, ServicePaths

        # The settings validator guarantees these for the odata adapter.
        assert settings.erp_base_url and settings.erp_odata_version and settings.erp_secret_arn
        config = ODataErpConfig(
            base_url=settings.erp_base_url,
            odata_version=settings.erp_odata_version,
            services=(
                ServicePaths.single(settings.erp_service_path)
                if settings.erp_service_path
                else ServicePaths()
            ),
            sap_client=settings.erp_sap_client,
            read_timeout_s=settings.erp_timeout_s,
        )
        return ODataErpGateway.from_secret(config, settings.erp_secret_arn)
    from sferp.adapters.erp_embedded import EmbeddedErp

    # The embedded ERP in the cloud is for dev smoke tests only: its SQLite file lives and dies
    # with the execution environment.
    return EmbeddedErp("/tmp/sferp-embedded-erp.sqlite")  # noqa: S108 - Lambda's only writable path


def build_salesforce(settings: OrderHandoffSettings) -> SalesforceGateway:
    if settings.salesforce_adapter == "simple_salesforce":
        # simple-salesforce (and zeep under it) is imported here, not at module import: it is the
        # largest share of the cold start and only this adapter needs it.
        from sferp.adapters.salesforce_simple import SalesforceSimpleGateway

        return SalesforceSimpleGateway.from_secret(settings.salesforce_secret_arn or "")
    from sferp.adapters.salesforce_embedded import EmbeddedSalesforceOrg

    return EmbeddedSalesforceOrg()


def build_dependencies(settings: OrderHandoffSettings, *, boto_session: Any | None = None) -> Dependencies:
    import boto3

    session = boto_session or boto3.session.Session()
    dynamodb = session.client("dynamodb")
    sqs = session.client("sqs")
    return Dependencies(
        mode=settings.flow_mode,
        environment=settings.environment,
        erp=build_erp(settings),
        salesforce=build_salesforce(settings),
        state=DynamoOrderStateStore(settings.order_state_table, dynamodb),
        guard=PowertoolsIdempotencyGuard(settings.order_state_table, dynamodb),
        dead_letters=SqsDeadLetterQueue(settings.dlq_url, sqs),
        retries=SqsVisibilityRetryScheduler(sqs),
    )


def set_dependencies(dependencies: Dependencies | None) -> None:
    """Install (or with None, forget) the dependencies; the next invocation uses them."""
    global _dependencies, _processor
    _dependencies = dependencies
    _processor = None
    if dependencies is not None:
        use_flow_dimensions(environment=dependencies.environment, flow=wiring.FLOW_ORDER_HANDOFF)


def get_dependencies() -> Dependencies:
    if _dependencies is None:
        settings = OrderHandoffSettings.from_env()
        set_dependencies(build_dependencies(settings))
        logger.info(
            "order handoff configured", extra={"mode": settings.flow_mode.value, "erp": settings.erp_adapter}
        )
    assert _dependencies is not None
    return _dependencies


def get_processor() -> OrderBatchProcessor:
    global _processor
    if _processor is None:
        _processor = get_dependencies().processor()
    return _processor


def in_lambda() -> bool:
    return "AWS_LAMBDA_FUNCTION_NAME" in os.environ
