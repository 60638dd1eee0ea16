"""One CloudWatch dashboard per environment, ``sferp-<env>``: a technical view (per flow:
throughput and outcomes, queues, lag, ERP latency, the inventory cache and breaker, Salesforce API
usage) and a business view (orders handed off per hour, handoff time, reconciliation drift and
review backlog), with every alarm of the stack in an alarm status widget.

Every ``sferp`` metric a widget shows is one the code publishes:
``tests/infra/test_dashboard.py`` checks each against the metric names the handlers pass to
``metrics.add_metric`` (or, for the relay check's per-relay metrics, ``single_metric``). Event
Relay health is on it where the environment has a relay. The quote-to-cash view shows the stages the ERP status flow measures (ERP order -> shipped -> invoiced);
activation -> ERP order is the order handoff's end-to-end lag.
"""

from __future__ import annotations

from collections.abc import Sequence

from aws_cdk import Duration
from aws_cdk import aws_cloudwatch as cloudwatch
from aws_cdk import aws_sqs as sqs
from constructs import Construct

from infra.constructs.alarms import AlarmSpec, flow_metric
from infra.constructs.relay_health import relay_metric
from sferp import names
from sferp.customer_sync import names as sync_names
from sferp.erp_status import names as status_names
from sferp.inventory_lookup import names as inventory_names
from sferp.order_handoff import names as handoff_names
from sferp.reconciliation import names as reconcile_names
from sferp.relay_health import names as relay_names
from sferp.salesforce_writer import METRIC_WRITER_REJECTED, METRIC_WRITER_SUPERSEDED, METRIC_WRITER_WRITTEN
from sferp.write_queue import names as queue_names

_FIVE_MINUTES = Duration.minutes(5)
_HOUR = Duration.hours(1)
_WIDTH = 8  # three widgets a row on the 24-column grid


class SferpDashboard(Construct):
    def __init__(
        self,
        scope: Construct,
        construct_id: str,
        *,
        env_name: str,
        order_queue: sqs.IQueue,
        customer_queue: sqs.IQueue,
        status_queue: sqs.IQueue,
        write_queue: sqs.IQueue,
        alarms: Sequence[AlarmSpec],
        relays: Sequence[str] = (),
    ) -> None:
        super().__init__(scope, construct_id)
        self._env = env_name

        def flow(
            name: str,
            flow_id: str,
            statistic: str = "Sum",
            period: Duration = _FIVE_MINUTES,
            label: str | None = None,
        ) -> cloudwatch.Metric:
            metric = flow_metric(env_name, flow_id, name, period=period, statistic=statistic)
            return metric.with_(label=label or name)

        def graph(
            title: str, left: Sequence[cloudwatch.IMetric], right: Sequence[cloudwatch.IMetric] = ()
        ) -> cloudwatch.GraphWidget:
            return cloudwatch.GraphWidget(
                title=title, left=list(left), right=list(right), width=_WIDTH, height=6
            )

        def queue_flow(
            flow_id: str, title: str, queue: sqs.IQueue, dead_lettered: str
        ) -> tuple[cloudwatch.GraphWidget, cloudwatch.GraphWidget]:
            """A queue-driven flow's record outcomes and its main queue."""
            minute = Duration.minutes(1)
            return (
                graph(
                    f"{title}: records",
                    [
                        flow(names.METRIC_RECORDS_RECEIVED, flow_id),
                        flow(names.METRIC_RECORDS_FAILED, flow_id),
                        flow(dead_lettered, flow_id),
                    ],
                ),
                graph(
                    f"{title}: queue",
                    [
                        queue.metric_approximate_number_of_messages_visible(
                            period=minute, statistic="Maximum", label="visible"
                        )
                    ],
                    [
                        queue.metric_approximate_age_of_oldest_message(
                            period=minute, statistic="Maximum", label="oldest (s)"
                        )
                    ],
                ),
            )

        def relay(name: str, relay_name: str, statistic: str) -> cloudwatch.Metric:
            metric = relay_metric(env_name, relay_name, name, statistic=statistic, period=_FIVE_MINUTES)
            return metric.with_(label=f"{relay_name} {name}")

        oh, cs = handoff_names.FLOW_ORDER_HANDOFF, sync_names.FLOW_CUSTOMER_SYNC
        sw = queue_names.FLOW_SALESFORCE_WRITER
        es = status_names.FLOW_ERP_STATUS
        inv, rec = inventory_names.FLOW_INVENTORY_LOOKUP, reconcile_names.FLOW_RECONCILIATION
        technical: list[cloudwatch.IWidget] = [
            cloudwatch.TextWidget(
                markdown=f"# sferp {env_name} — technical view\nRunbooks: docs/runbooks/, alarms: docs/operations.md",
                width=24,
                height=2,
            ),
            *queue_flow(oh, "Order handoff", order_queue, handoff_names.METRIC_DEAD_LETTERED),
            graph(
                "Order handoff: lag and ERP latency (ms)",
                [
                    flow(handoff_names.METRIC_END_TO_END_LAG_MS, oh, "p50", label="end-to-end p50"),
                    flow(handoff_names.METRIC_END_TO_END_LAG_MS, oh, "p95", label="end-to-end p95"),
                ],
                [flow(handoff_names.METRIC_ERP_LATENCY_MS, oh, "p95", label="ERP p95")],
            ),
            *queue_flow(cs, "Customer flow", customer_queue, sync_names.METRIC_DEAD_LETTERED),
            graph(
                "Salesforce API usage (% of the daily limit)",
                [
                    flow(names.METRIC_SALESFORCE_API_USAGE_PCT, oh, "Maximum", label="order handoff"),
                    flow(names.METRIC_SALESFORCE_API_USAGE_PCT, cs, "Maximum", label="customer flow"),
                    flow(names.METRIC_SALESFORCE_API_USAGE_PCT, es, "Maximum", label="erp status"),
                    flow(names.METRIC_SALESFORCE_API_USAGE_PCT, sw, "Maximum", label="salesforce writer"),
                ],
            ),
            *queue_flow(es, "ERP status", status_queue, status_names.METRIC_DEAD_LETTERED),
            graph(
                "ERP status: statuses written, polled, unlinked, unmapped",
                [
                    flow(status_names.METRIC_STATUSES_WRITTEN, es),
                    flow(status_names.METRIC_POLLED, es),
                ],
                [flow(status_names.METRIC_UNLINKED, es), flow(status_names.METRIC_UNMAPPED, es)],
            ),
            *queue_flow(sw, "Salesforce writer (write queue)", write_queue, queue_names.METRIC_DEAD_LETTERED),
            graph(
                "Salesforce writer: changes received, written, superseded, requeued, rejected",
                [
                    flow(queue_names.METRIC_CHANGES_RECEIVED, sw),
                    flow(METRIC_WRITER_WRITTEN, sw),
                    flow(METRIC_WRITER_SUPERSEDED, sw),
                ],
                [flow(queue_names.METRIC_CHANGES_REQUEUED, sw), flow(METRIC_WRITER_REJECTED, sw)],
            ),
            *(
                [
                    graph(
                        "Event Relay: running (1) and minutes since the last relayed event",
                        [relay(relay_names.METRIC_RUNNING, r, "Minimum") for r in relays],
                        [relay(relay_names.METRIC_SILENT_MIN, r, "Maximum") for r in relays],
                    ),
                    graph(
                        "Event Relay: errors and silences (silent while Salesforce published)",
                        [relay(relay_names.METRIC_ERROR, r, "Maximum") for r in relays],
                        [relay(relay_names.METRIC_SILENT, r, "Maximum") for r in relays],
                    ),
                ]
                if relays
                else []
            ),
            graph(
                "Inventory: cache and ERP",
                [
                    flow(inventory_names.METRIC_INVENTORY_CACHE_HITS, inv),
                    flow(inventory_names.METRIC_INVENTORY_CACHE_MISSES, inv),
                ],
                [
                    flow(inventory_names.METRIC_INVENTORY_ERP_FAILURES, inv),
                    flow(inventory_names.METRIC_INVENTORY_BREAKER_OPENED, inv),
                ],
            ),
            graph(
                "Inventory: latency (ms) and degraded answers",
                [flow(inventory_names.METRIC_INVENTORY_LATENCY_MS, inv, "p99", label="p99")],
                [
                    flow(inventory_names.METRIC_INVENTORY_STALE_ANSWERS, inv),
                    flow(inventory_names.METRIC_INVENTORY_UNAVAILABLE_ANSWERS, inv),
                ],
            ),
        ]
        business: list[cloudwatch.IWidget] = [
            cloudwatch.TextWidget(markdown=f"# sferp {env_name} — business view", width=24, height=1),
            graph(
                "Orders handed off per hour",
                [
                    flow(handoff_names.METRIC_ORDERS_HANDED_OFF, oh, period=_HOUR),
                    flow(handoff_names.METRIC_ORDERS_CANCELLED, oh, period=_HOUR),
                ],
            ),
            graph(
                "Handoff time, activation to ERP order (ms)",
                [
                    flow(handoff_names.METRIC_END_TO_END_LAG_MS, oh, "p50", _HOUR, "p50"),
                    flow(handoff_names.METRIC_END_TO_END_LAG_MS, oh, "p95", _HOUR, "p95"),
                ],
            ),
            graph(
                "Quote-to-cash: ERP order to shipped, shipped to invoiced (s)",
                [
                    flow(status_names.METRIC_TO_SHIPPED_S, es, "p50", _HOUR, "to shipped p50"),
                    flow(status_names.METRIC_TO_SHIPPED_S, es, "p95", _HOUR, "to shipped p95"),
                    flow(status_names.METRIC_TO_INVOICED_S, es, "p50", _HOUR, "to invoiced p50"),
                    flow(status_names.METRIC_TO_INVOICED_S, es, "p95", _HOUR, "to invoiced p95"),
                ],
            ),
            graph(
                "Reconciliation: drift per run and review backlog",
                [
                    flow(reconcile_names.METRIC_RECONCILE_DRIFT, rec, period=Duration.days(1)),
                    flow(reconcile_names.METRIC_RECONCILE_FIXED, rec, period=Duration.days(1)),
                ],
                [flow(reconcile_names.METRIC_RECONCILE_REVIEW, rec, period=Duration.days(1))],
            ),
        ]
        status = cloudwatch.AlarmStatusWidget(
            title="Every alarm of the environment",
            alarms=[spec.alarm for spec in alarms if spec.alarm is not None],
            width=24,
            height=6,
        )
        self.dashboard = cloudwatch.Dashboard(
            self,
            "Dashboard",
            dashboard_name=f"sferp-{env_name}",
            widgets=[
                [status],
                [technical[0]],
                # three widgets a row
                *[technical[i : i + 3] for i in range(1, len(technical), 3)],
                [business[0]],
                *[business[i : i + 3] for i in range(1, len(business), 3)],
            ],
        )
