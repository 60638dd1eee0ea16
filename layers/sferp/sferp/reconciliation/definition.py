"""The reconciliation state machine (Amazon States Language), built in ONE place.

``infra/constructs/reconciliation.py`` deploys exactly this dict and ``sferp local reconciliation run``
runs exactly this dict in moto's interpreter, so what runs locally is what is deployed.

Shape: Extract -> (already succeeded? -> Done) -> Compare (Distributed Map over the S3 partition
manifest; the same definition for 10 or 1,000 partitions) -> Resolve -> Apply -> Report ->
AdvanceWatermark -> Done. Every task catches ``States.ALL`` into RecordFailure -> Failed, so a
failed run is recorded and never advances the watermark. Every task reads the run date from
``$$.Execution.Input`` so a rerun (a new execution, same run date) addresses the same run.
"""

from __future__ import annotations

from typing import Any

from sferp.reconciliation import names as reconcile_names

TASK_EXTRACT = "extract"
TASK_COMPARE = "compare"
TASK_RESOLVE = "resolve"
TASK_APPLY = "apply"
TASK_REPORT = "report"
TASK_WATERMARK = "advance_watermark"
TASK_FAILURE = "record_failure"
# Not states of the machine: an operator's ``sferp ops reconciliation review`` invokes the task
# function with these to apply a decision, or to write again the fixes a target refused.
TASK_APPLY_DECISION = "apply_decision"
TASK_RETRY_FIXES = "retry_fixes"
TASKS = (TASK_EXTRACT, TASK_COMPARE, TASK_RESOLVE, TASK_APPLY, TASK_REPORT, TASK_WATERMARK, TASK_FAILURE)

_LAMBDA_INVOKE = "arn:aws:states:::lambda:invoke"


def _retry(interval_s: int, attempts: int) -> list[dict[str, Any]]:
    return [
        {
            "ErrorEquals": list(reconcile_names.RECONCILE_RETRY_ERRORS),
            "IntervalSeconds": interval_s,
            "MaxAttempts": attempts,
            "BackoffRate": 2.0,
            "JitterStrategy": "FULL",
        }
    ]


def _task(
    function_arn: str,
    task: str,
    *,
    next_state: str | None,
    result_path: str | None,
    retry: list[dict[str, Any]],
    catch: bool = True,
    extra: dict[str, Any] | None = None,
) -> dict[str, Any]:
    payload: dict[str, Any] = {
        "task": task,
        "input.$": "$$.Execution.Input",
        "execution.$": "$$.Execution.Name",
    }
    payload.update(extra or {})
    state: dict[str, Any] = {
        "Type": "Task",
        "Resource": _LAMBDA_INVOKE,
        "Parameters": {"FunctionName": function_arn, "Payload": payload},
        # Only the handler's answer; the Lambda envelope (status code, headers) is noise.
        "ResultSelector": {"value.$": "$.Payload"},
        "ResultPath": result_path,
        "Retry": retry,
    }
    if catch:
        state["Catch"] = [{"ErrorEquals": ["States.ALL"], "ResultPath": "$.error", "Next": "RecordFailure"}]
    if next_state is None:
        state["End"] = True
    else:
        state["Next"] = next_state
    return state


def state_machine_definition(
    function_arn: str,
    *,
    max_concurrency: int = reconcile_names.RECONCILE_MAX_CONCURRENCY,
    retry_interval_s: int = reconcile_names.RECONCILE_RETRY_INTERVAL_S,
    retry_attempts: int = reconcile_names.RECONCILE_RETRY_ATTEMPTS,
    quota_pause_interval_s: int = reconcile_names.RECONCILE_QUOTA_PAUSE_INTERVAL_S,
    timeout_s: int | None = None,
) -> dict[str, Any]:
    """The ASL document. ``function_arn`` is the task function (a CDK token at synth).

    ``timeout_s``: the execution's TimeoutSeconds (the deployed stack sets it, so a hung run ends
    as TimedOut and alarms instead of running for the STANDARD maximum of a year)."""
    retry = _retry(retry_interval_s, retry_attempts)
    compare_task = _task(
        function_arn, TASK_COMPARE, next_state=None, result_path=None, retry=retry, catch=False
    )
    # The item is the manifest entry itself (run date, entity, partition, S3 keys); the child
    # result is written to S3 by the task and nothing flows back through the Map's output, so
    # 1,000 partitions never approach the 256 KiB state payload limit.
    compare_task["Parameters"]["Payload"] = {"task": TASK_COMPARE, "item.$": "$"}
    compare_task["ResultSelector"] = {"partition.$": "$.Payload.partition"}
    document: dict[str, Any] = {
        "Comment": "sferp nightly reconciliation: Salesforce <-> ERP drift found, resolved, fixed, reported",
        "StartAt": "Extract",
        "States": {
            "Extract": _task(
                function_arn, TASK_EXTRACT, next_state="AlreadyDone", result_path="$.extract", retry=retry
            ),
            "AlreadyDone": {
                "Type": "Choice",
                "Choices": [
                    {"Variable": "$.extract.value.already_succeeded", "BooleanEquals": True, "Next": "Done"}
                ],
                "Default": "Compare",
            },
            "Compare": {
                "Type": "Map",
                "ItemReader": {
                    "Resource": "arn:aws:states:::s3:getObject",
                    "ReaderConfig": {"InputType": "JSON"},
                    "Parameters": {
                        "Bucket.$": "$.extract.value.manifest_bucket",
                        "Key.$": "$.extract.value.manifest_key",
                    },
                },
                "ItemProcessor": {
                    "ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                    "StartAt": "ComparePartition",
                    "States": {"ComparePartition": compare_task},
                },
                "MaxConcurrency": max_concurrency,
                # No ToleratedFailurePercentage: the default (0) fails the Map on any failed
                # partition, since a missing partition would hide drift.
                "ResultPath": None,
                "Catch": [{"ErrorEquals": ["States.ALL"], "ResultPath": "$.error", "Next": "RecordFailure"}],
                "Next": "Resolve",
            },
            "Resolve": _task(
                function_arn, TASK_RESOLVE, next_state="Apply", result_path="$.resolve", retry=retry
            ),
            # Near the org's API limit the apply pauses: the first matching Retry entry wins, so the
            # pause (long, steady) is listed before the general one.
            "Apply": _task(
                function_arn,
                TASK_APPLY,
                next_state="Report",
                result_path="$.apply",
                retry=[
                    {
                        "ErrorEquals": [reconcile_names.RECONCILE_QUOTA_PAUSE_ERROR],
                        "IntervalSeconds": quota_pause_interval_s,
                        "MaxAttempts": reconcile_names.RECONCILE_QUOTA_PAUSE_ATTEMPTS,
                        "BackoffRate": 1.0,
                    },
                    *retry,
                ],
            ),
            "Report": _task(
                function_arn, TASK_REPORT, next_state="AdvanceWatermark", result_path="$.report", retry=retry
            ),
            "AdvanceWatermark": _task(
                function_arn, TASK_WATERMARK, next_state="Done", result_path="$.watermark", retry=retry
            ),
            "Done": {"Type": "Succeed"},
            "RecordFailure": _task(
                function_arn,
                TASK_FAILURE,
                next_state="Failed",
                result_path="$.failure",
                retry=retry,
                catch=False,
                extra={"error.$": "$.error"},
            ),
            "Failed": {
                "Type": "Fail",
                "Error": "ReconciliationFailed",
                "Cause": "see the RecordFailure step and the run ledger",
            },
        },
    }
    if timeout_s is not None:
        document["TimeoutSeconds"] = timeout_s
    return document


def execution_name(run_date: str) -> str:
    """One name per run date: StartExecution refuses a second execution with it."""
    return f"{reconcile_names.RECONCILE_EXECUTION_PREFIX}{run_date}"
