"""The Salesforce write queue locally: its queue, DLQ and desired-state table in moto from the
specs (``sferp.write_queue.names``, the ones ``infra/constructs/write_queue.py`` builds from), and
an event source mapping that hands the real ``functions/salesforce_writer/handler.py`` everything
visible, up to the batch size, as Lambda does at the end of a batching window."""

from __future__ import annotations

from collections import Counter
from typing import Any

from sferp import names
from sferp.salesforce_writer import WriteOutcome
from sferp.write_queue import names as queue_names
from sferp_tools.local.harness import EventSourceMapping, QueueRef, create_queue, create_table, queues_empty


class LocalWriteQueue:
    """The writer function inside a running local stack (the same moto session and org)."""

    def __init__(
        self, *, session: Any, org: Any, environment: str = "local", region: str = "us-east-1"
    ) -> None:
        from sferp.write_queue import app
        from sferp.write_queue.settings import WriteQueueSettings
        from sferp_tools.local.harness import load_handler

        self._sqs = session.client("sqs", region_name=region)
        self.queue: QueueRef = create_queue(self._sqs, queue_names.QUEUE_SPEC, environment)
        self.dlq_url = self._sqs.get_queue_url(QueueName=queue_names.DLQ_SPEC.name(environment))["QueueUrl"]
        self.table = create_table(
            session.client("dynamodb", region_name=region), queue_names.STATE_TABLE_SPEC, environment
        )
        settings = WriteQueueSettings.from_env(
            {
                names.ENV_ENVIRONMENT: environment,
                names.ENV_SALESFORCE_ADAPTER: "embedded",
                queue_names.ENV_STATE_TABLE: self.table,
                queue_names.ENV_QUEUE_URL: self.queue.url,
                queue_names.ENV_DLQ_URL: self.dlq_url,
            }
        )
        app.set_dependencies(app.build_dependencies(settings, boto_session=session, salesforce=org))
        self._app = app
        self._esm = EventSourceMapping(
            sqs=self._sqs,
            queue=self.queue,
            handler=load_handler("salesforce_writer").lambda_handler,
            function_name=names.resource_name(environment, queue_names.FUNCTION),
            region=region,
            batch_size=queue_names.BATCH_SIZE,
        )
        self.counts: Counter[str] = Counter()
        self.rejections: list[str] = []  # Salesforce's reasons, as the write DLQ keeps them

    @property
    def invocations(self) -> int:
        return self._esm.invocations

    @property
    def metrics(self) -> dict[str, list[float]]:
        return self._esm.metrics

    def close(self) -> None:
        self._app.set_dependencies(None)

    def step(self) -> int:
        """One batching window's invocation; the messages it took."""
        batch = self._esm.poll()
        if batch is None:
            return 0
        outcome = self._app.get_processor().last_outcome
        for result in outcome.results:
            self.counts[result.outcome.value] += 1
        self.counts["messages_retried"] += len(batch.failed)
        self.counts["messages_unreadable"] += len(outcome.dead_letters)
        self.rejections += [
            f"{r.change.sobject} {r.change.key}: {r.error_code}: {r.message}"
            for r in outcome.results
            if r.outcome is WriteOutcome.REJECTED
        ]
        return len(batch.messages)

    def drain(self, *, max_rounds: int = 1000) -> None:
        for _ in range(max_rounds):
            if not self.step() and self.idle():
                return
        raise RuntimeError(f"the write queue did not drain after {max_rounds} rounds")

    def idle(self) -> bool:
        return queues_empty(self._sqs, [self.queue.url])
