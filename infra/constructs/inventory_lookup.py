"""Inventory lookup: REST API (IAM auth on every method) -> Lambda -> DynamoDB cache + breaker
state, with stage throttling, access logs, optional WAF, and the inventory alarms."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from aws_cdk import Duration, Stack
from aws_cdk import aws_apigateway as apigateway
from aws_cdk import aws_cloudwatch as cloudwatch
from aws_cdk import aws_iam as iam
from aws_cdk import aws_logs as logs
from aws_cdk import aws_scheduler as scheduler
from aws_cdk import aws_sns as sns
from aws_cdk import aws_sqs as sqs
from aws_cdk import aws_wafv2 as wafv2
from constructs import Construct

from infra.config import InventoryConfig
from infra.constructs import constants
from infra.constructs.alarms import AlarmSpec, runbook_alarm
from infra.constructs.functions import sferp_function
from infra.constructs.nag import acknowledge
from infra.constructs.queues import terminal_dlq
from infra.constructs.schedules import schedule_role, scheduled_invoke
from infra.constructs.shared import Shared
from infra.constructs.tables import encrypted_table
from sferp import names
from sferp.inventory_lookup import names as inventory_names

# The cache read/write and the Powertools breaker (GetItem, conditional PutItem, UpdateItem).
_TABLE_ACTIONS = (
    "dynamodb:BatchGetItem",
    "dynamodb:BatchWriteItem",
    "dynamodb:GetItem",
    "dynamodb:PutItem",
    "dynamodb:UpdateItem",
)
# A warm-up that starts later than the next one is pointless: Scheduler retries an invoke that
# failed (throttled, function busy) a few times within one interval, then dead-letters it.
WARMUP_RETRY_ATTEMPTS = 2


class InventoryLookup(Construct):
    """POST /availability and GET /availability/{sku} for Salesforce (SigV4 via a Named Credential)."""

    def __init__(
        self, scope: Construct, construct_id: str, *, shared: Shared, config: InventoryConfig, code_dir: Path
    ) -> None:
        super().__init__(scope, construct_id)
        env_name = shared.env_name
        key = shared.key
        self._env_name = env_name
        self.alarm_specs: list[AlarmSpec] = []

        # --- Cache + breaker state ------------------------------------------------------------
        self.table = encrypted_table(
            self,
            "Table",
            spec=inventory_names.TABLE_SPEC,
            env_name=env_name,
            key=key,
            removal_policy=shared.removal_policy,
        )

        # --- Function ------------------------------------------------------------------------
        built = sferp_function(
            self,
            "",
            shared=shared,
            name=names.resource_name(env_name, inventory_names.FUNCTION),
            description="Inventory lookup: availability per plant and SKU (cache, budget, breaker)",
            role_description=f"sferp {env_name} inventory lookup function (least privilege)",
            code_dir=code_dir,
            handler="handler.lambda_handler",
            memory_mb=inventory_names.INVENTORY_FUNCTION_MEMORY_MB,
            timeout_s=inventory_names.INVENTORY_FUNCTION_TIMEOUT_S,
            statements=[iam.PolicyStatement(actions=list(_TABLE_ACTIONS), resources=[self.table.table_arn])],
            uses_erp=True,
            environment={
                # off | shadow | live per environment (cdk.json); off answers 503.
                inventory_names.ENV_INVENTORY_MODE: config.mode,
                inventory_names.ENV_INVENTORY_TABLE: self.table.table_name,
                inventory_names.ENV_INVENTORY_BUDGET_MS: str(config.budget_ms),
                inventory_names.ENV_INVENTORY_FRESH_TTL_S: str(config.cache_fresh_ttl_s),
                inventory_names.ENV_INVENTORY_MAX_STALE_AGE_S: str(config.max_stale_age_s),
                inventory_names.ENV_INVENTORY_WARM_MAX_SKUS: str(config.warm_max_skus),
            },
        )
        self.function, self.role, self.log_group = built.function, built.role, built.log_group
        removal_policy = shared.removal_policy
        log_retention = shared.log_retention
        invoker_principal_arns = config.invoker_principal_arns
        throttling_rate_limit = config.throttling_rate_limit
        throttling_burst_limit = config.throttling_burst_limit
        waf_enabled = config.waf_enabled

        # --- API -----------------------------------------------------------------------------
        self.access_log_group = logs.LogGroup(
            self,
            "AccessLogs",
            log_group_name=f"/aws/apigateway/{names.resource_name(env_name, inventory_names.API_LOGS)}",
            retention=log_retention,
            encryption_key=key,
            removal_policy=removal_policy,
        )
        # Salesforce calls with temporary credentials: its external credential (AWS SigV4, STS
        # variant) assumes this role with the base credential it holds, which may do nothing else
        # (docs/salesforce_setup.md). The base principals are cdk.json's invoker_principal_arns;
        # without any, principals of this account that their own IAM policy lets assume it.
        invoker_name = names.resource_name(env_name, inventory_names.INVOKER_ROLE)
        self.invoker_role = iam.Role(
            self,
            "InvokerRole",
            role_name=invoker_name,
            assumed_by=(
                iam.CompositePrincipal(*(iam.ArnPrincipal(arn) for arn in invoker_principal_arns))
                if invoker_principal_arns
                else iam.AccountRootPrincipal()
            ),
            max_session_duration=Duration.hours(1),
            description=f"sferp {env_name}: Salesforce's temporary identity for the inventory API",
        )
        invoker_arn = Stack.of(self).format_arn(
            service="iam", region="", resource="role", resource_name=invoker_name
        )
        # Resource policy: the invoker role may invoke; every other principal is denied outright,
        # also the account's own users (API Gateway would admit a same-account caller whose IAM
        # policy allows it), so a long-lived key cannot call the API directly.
        policy = iam.PolicyDocument(
            statements=[
                iam.PolicyStatement(
                    sid="SalesforceInvokes",
                    principals=[iam.ArnPrincipal(invoker_arn)],
                    actions=["execute-api:Invoke"],
                    resources=["execute-api:/*"],
                ),
                iam.PolicyStatement(
                    sid="NobodyElse",
                    effect=iam.Effect.DENY,
                    principals=[iam.AnyPrincipal()],
                    actions=["execute-api:Invoke"],
                    resources=["execute-api:/*"],
                    conditions={"ArnNotEquals": {"aws:PrincipalArn": invoker_arn}},
                ),
            ]
        )
        self.api = apigateway.RestApi(
            self,
            "Api",
            rest_api_name=names.resource_name(env_name, inventory_names.API),
            description="sferp inventory availability for Salesforce (AWS SigV4)",
            endpoint_types=[apigateway.EndpointType.REGIONAL],
            policy=policy,
            cloud_watch_role=False,
            default_method_options=apigateway.MethodOptions(
                authorization_type=apigateway.AuthorizationType.IAM
            ),
            deploy_options=apigateway.StageOptions(
                stage_name=env_name,
                throttling_rate_limit=throttling_rate_limit,  # requests per second
                throttling_burst_limit=throttling_burst_limit,  # requests
                tracing_enabled=True,
                metrics_enabled=True,
                access_log_destination=apigateway.LogGroupLogDestination(self.access_log_group),
                access_log_format=apigateway.AccessLogFormat.json_with_standard_fields(
                    caller=True,
                    http_method=True,
                    ip=True,
                    protocol=True,
                    request_time=True,
                    resource_path=True,
                    response_length=True,
                    status=True,
                    user=True,
                ),
            ),
        )
        # API Gateway rejects a GET without ?plant= before the function runs; bodies are validated
        # field by field in the function (Pydantic), which names the field in its 422.
        validator = self.api.add_request_validator(
            "RequestValidator", validate_request_parameters=True, validate_request_body=True
        )
        integration = apigateway.LambdaIntegration(self.function, proxy=True)
        availability = self.api.root.add_resource(inventory_names.INVENTORY_PATH.strip("/"))
        availability.add_method("POST", integration, request_validator=validator)
        availability.add_resource("{sku}").add_method(
            "GET",
            integration,
            request_validator=validator,
            request_parameters={"method.request.path.sku": True, "method.request.querystring.plant": True},
        )
        self.stage = self.api.deployment_stage

        self.web_acl: wafv2.CfnWebACL | None = None
        if waf_enabled:
            self.web_acl = self._web_acl(env_name, config.waf_rate_limit)

        self.warmup_dlq: sqs.Queue | None = None
        self._warmup_live = False
        self.warmup_schedules: list[scheduler.CfnSchedule] = []
        if config.warm_plants:
            self._warmup(shared, mode=config.mode, plants=config.warm_plants, rate_minutes=config.warm_rate)

        self._alarms(shared.topics)
        self._acknowledge_findings(waf_enabled)

    # --- cache warm-up (EventBridge Scheduler -> this function) ---------------------------------
    def _warmup(self, shared: Shared, *, mode: str, plants: Sequence[str], rate_minutes: int) -> None:
        env_name = shared.env_name
        # "A warm-up was not delivered": invokes Scheduler gave up on (throttled, no permission).
        # Standard: Scheduler refuses FIFO.
        self.warmup_dlq = terminal_dlq(
            self,
            "WarmupDeadLetterQueue",
            shared=shared,
            name=names.resource_name(env_name, inventory_names.WARMUP_DLQ),
            what="dead-letter queue of the inventory warm-up",
            runbook="docs/runbooks/inventory_lookup-warmup-failed.md",
            nag_rules=("AwsSolutions-SQS3", "Serverless-SQSRedrivePolicy"),
        )
        interval = Duration.minutes(rate_minutes)
        # No Lambda-side retry and no function-side DLQ: the warm-up does not raise for ERP or cache
        # trouble (it stops, logs why, and the next run retries), so an error is a broken event or a
        # bug that a retry would only repeat. The function role gets no SQS permission for it; a run
        # that does not warm shows in the InventoryWarmupStalled alarm (live mode) instead.
        self.function.configure_async_invoke(
            retry_attempts=0, max_event_age=Duration.seconds(max(60, int(interval.to_seconds())))
        )
        self._warmup_live = mode == "live"

        self.schedule_role = schedule_role(
            self,
            "WarmupScheduleRole",
            shared=shared,
            target=self.function,
            dead_letter_queue=self.warmup_dlq,
            description=f"sferp {env_name} inventory warm-up schedules (invoke the inventory function only)",
        )
        unit = "minute" if rate_minutes == 1 else "minutes"  # Scheduler rejects "rate(1 minutes)"
        for plant in plants:
            self.warmup_schedules.append(
                scheduled_invoke(
                    self,
                    f"WarmupSchedule{plant}",
                    name=names.resource_name(env_name, inventory_names.warmup_schedule(plant)),
                    description=f"Inventory cache warm-up of plant {plant} (refresh-ahead of the product master)",
                    expression=f"rate({rate_minutes} {unit})",
                    # off/shadow: deployed but never fires (the function would skip it anyway).
                    enabled=mode == "live",
                    target=self.function,
                    role=self.schedule_role,
                    # sferp.inventory_lookup.warmup.warmup_event(plant): the handler routes it by "sferp".
                    payload={
                        inventory_names.INVENTORY_WARMUP_EVENT_KEY: inventory_names.INVENTORY_WARMUP_EVENT_VALUE,
                        "plant": plant,
                    },
                    retry_attempts=WARMUP_RETRY_ATTEMPTS,
                    max_event_age_s=max(60, int(interval.to_seconds())),
                    dead_letter_queue=self.warmup_dlq,
                )
            )

    def _web_acl(self, env_name: str, rate_limit: int) -> wafv2.CfnWebACL:
        def visibility(name: str) -> wafv2.CfnWebACL.VisibilityConfigProperty:
            return wafv2.CfnWebACL.VisibilityConfigProperty(
                cloud_watch_metrics_enabled=True, metric_name=name, sampled_requests_enabled=True
            )

        acl = wafv2.CfnWebACL(
            self,
            "WebAcl",
            name=names.resource_name(env_name, inventory_names.API_LOGS),
            scope="REGIONAL",
            default_action=wafv2.CfnWebACL.DefaultActionProperty(allow={}),
            visibility_config=visibility("sferp-inventory-api"),
            rules=[
                wafv2.CfnWebACL.RuleProperty(
                    name="AWSManagedRulesCommonRuleSet",
                    priority=0,
                    override_action=wafv2.CfnWebACL.OverrideActionProperty(none={}),
                    statement=wafv2.CfnWebACL.StatementProperty(
                        managed_rule_group_statement=wafv2.CfnWebACL.ManagedRuleGroupStatementProperty(
                            vendor_name="AWS", name="AWSManagedRulesCommonRuleSet"
                        )
                    ),
                    visibility_config=visibility("common-rule-set"),
                ),
                wafv2.CfnWebACL.RuleProperty(
                    # Requests per 5 minutes per source IP: Salesforce egresses from a few IPs.
                    name="RateLimitPerIp",
                    priority=1,
                    action=wafv2.CfnWebACL.RuleActionProperty(block={}),
                    statement=wafv2.CfnWebACL.StatementProperty(
                        rate_based_statement=wafv2.CfnWebACL.RateBasedStatementProperty(
                            limit=rate_limit, aggregate_key_type="IP"
                        )
                    ),
                    visibility_config=visibility("rate-limit"),
                ),
            ],
        )
        wafv2.CfnWebACLAssociation(
            self, "WebAclAssociation", resource_arn=self.stage.stage_arn, web_acl_arn=acl.attr_arn
        )
        return acl

    def _alarms(self, topics: Mapping[str, sns.ITopic]) -> None:
        five_minutes = Duration.seconds(constants.RATE_ALARM_PERIOD_S)
        dims = names.metric_dimensions(self._env_name, inventory_names.FLOW_INVENTORY_LOOKUP)

        def own(metric_name: str, statistic: str = "Sum") -> cloudwatch.Metric:
            return cloudwatch.Metric(
                namespace=names.METRICS_NAMESPACE,
                metric_name=metric_name,
                dimensions_map=dims,
                statistic=statistic,
                period=five_minutes,
            )

        self._alarm(
            topics,
            "InventoryLatencyP99",
            runbook="inventory_lookup-latency",
            severity="critical",
            summary=f"Inventory API p99 latency > {constants.INVENTORY_LATENCY_P99_MS} ms (what Salesforce waits).",
            metric=self.api.metric_latency(period=five_minutes, statistic="p99"),
            threshold=constants.INVENTORY_LATENCY_P99_MS,
        )
        self._alarm(
            topics,
            "Inventory5xxRate",
            runbook="inventory_lookup-5xx",
            severity="critical",
            summary=f"Inventory API 5xx > {constants.INVENTORY_5XX_RATE_PCT:g} % of requests.",
            metric=cloudwatch.MathExpression(
                expression="IF(requests > 0, 100 * errors / requests, 0)",
                using_metrics={
                    "errors": self.api.metric_server_error(period=five_minutes, statistic="Sum"),
                    "requests": self.api.metric_count(period=five_minutes, statistic="Sum"),
                },
                label="5xx rate (%)",
                period=five_minutes,
            ),
            threshold=constants.INVENTORY_5XX_RATE_PCT,
        )
        self._alarm(
            topics,
            "InventoryCacheHitRatioLow",
            runbook="inventory_lookup-cache-hit-ratio",
            severity="warning",
            summary=f"Inventory cache hit ratio < {constants.INVENTORY_CACHE_HIT_RATIO_MIN_PCT:g} % (ERP load rises).",
            metric=cloudwatch.MathExpression(
                # Quiet periods (few items) say nothing about the cache: count them as healthy.
                expression=f"IF(hits + misses >= {constants.INVENTORY_CACHE_RATIO_MIN_ITEMS}, "
                "100 * hits / (hits + misses), 100)",
                using_metrics={
                    "hits": own(inventory_names.METRIC_INVENTORY_CACHE_HITS),
                    "misses": own(inventory_names.METRIC_INVENTORY_CACHE_MISSES),
                },
                label="Cache hit ratio (%)",
                period=five_minutes,
            ),
            threshold=constants.INVENTORY_CACHE_HIT_RATIO_MIN_PCT,
            comparison=cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD,
        )
        self._alarm(
            topics,
            "InventoryStaleAnswers",
            runbook="inventory_lookup-stale-answers",
            severity="warning",
            summary=f"> {constants.INVENTORY_STALE_ANSWERS_MAX} stale or unavailable inventory answers in 5 min.",
            metric=cloudwatch.MathExpression(
                expression="stale + unavailable",
                using_metrics={
                    "stale": own(inventory_names.METRIC_INVENTORY_STALE_ANSWERS),
                    "unavailable": own(inventory_names.METRIC_INVENTORY_UNAVAILABLE_ANSWERS),
                },
                label="Degraded answers",
                period=five_minutes,
            ),
            threshold=constants.INVENTORY_STALE_ANSWERS_MAX,
        )
        self._alarm(
            topics,
            "InventoryBreakerOpened",
            runbook="inventory_lookup-breaker-open",
            severity="warning",
            summary="The ERP circuit breaker of the inventory lookup opened (answers come from the stale cache).",
            metric=own(inventory_names.METRIC_INVENTORY_BREAKER_OPENED),
            threshold=0,
        )
        if self.warmup_dlq is not None and self._warmup_live:
            self._alarm(
                topics,
                "InventoryWarmupStalled",
                runbook="inventory_lookup-warmup-failed",
                severity="warning",
                summary="No inventory cache warm-up wrote a SKU in 15 minutes (lookups pay first-sight ERP calls).",
                metric=own(inventory_names.METRIC_INVENTORY_WARMUP_SKUS),
                threshold=1,
                comparison=cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD,
                # No data = no warm-up ran at all (the schedules fire every few minutes in live).
                treat_missing=cloudwatch.TreatMissingData.BREACHING,
            )
        if self.warmup_dlq is not None:
            self._alarm(
                topics,
                "InventoryWarmupDlqNotEmpty",
                runbook="inventory_lookup-warmup-failed",
                severity="warning",
                summary="An inventory cache warm-up did not run (scheduler or function failures are in its DLQ).",
                metric=self.warmup_dlq.metric_approximate_number_of_messages_visible(
                    period=Duration.seconds(constants.ALARM_PERIOD_S), statistic="Maximum"
                ),
                threshold=0,
                # One message is enough: it does not go away by itself.
                evaluation_periods=1,
                datapoints_to_alarm=1,
            )

    def _alarm(self, topics: Mapping[str, sns.ITopic], construct_id: str, **settings: Any) -> None:
        # API alarms judge rates over several periods, not one bad minute.
        settings.setdefault("evaluation_periods", constants.RATE_ALARM_EVALUATION_PERIODS)
        settings.setdefault("datapoints_to_alarm", constants.RATE_ALARM_DATAPOINTS)
        self.alarm_specs.append(
            runbook_alarm(self, construct_id, env_name=self._env_name, topics=topics, **settings)
        )

    def _acknowledge_findings(self, waf_enabled: bool) -> None:
        if self.warmup_dlq is None:
            acknowledge(
                self.function,
                "Serverless-LambdaDLQ",
                "API Gateway invokes the function synchronously; a failed request is answered (5xx) to the "
                "caller, so an asynchronous-invocation DLQ would never receive anything.",
            )
        else:
            reason = (
                "API Gateway invokes it synchronously (failures answer the caller). The warm-up schedule's "
                "asynchronous invocations do not raise for ERP or cache trouble (they stop and the next run "
                "retries); Scheduler's failed invokes go to the warm-up DLQ and a run that warms nothing "
                "raises InventoryWarmupStalled, so the function role needs no SQS permission."
            )
            acknowledge(self.function, "Serverless-LambdaDLQ", reason)
            acknowledge(
                self.function.node.find_child("EventInvokeConfig"),
                "Serverless-LambdaAsyncFailureDestination",
                reason,
            )
        acknowledge(
            self.api,
            "AwsSolutions-COG4",
            "Salesforce calls with AWS SigV4 (Named Credential + External Credential); IAM authorization on "
            "every method is the authorizer. There are no end users, so no Cognito user pool.",
        )
        acknowledge(
            self.api,
            "AwsSolutions-APIG6",
            "Execution logging needs the account-wide API Gateway CloudWatch role (cloud_watch_role is off by "
            "project policy); access logs on the stage and the function's structured logs cover each request.",
        )
        if not waf_enabled:
            acknowledge(
                self.api,
                "AwsSolutions-APIG3",
                "WAF is optional per environment (cdk.json inventory.waf_enabled): every method needs a valid "
                "SigV4 signature from an allowed principal, and stage throttling caps the rate.",
            )
