"""``sferp ops ...``: the commands operators run when an alarm pages them.

Each runbook in ``docs/runbooks/`` names the command that does its remedy: inspect and redrive a
dead-letter queue (``dlq.py``), replay a time window from the EventBridge archive (``replay.py``),
follow, rerun and read a reconciliation run (``reconcile.py``), resolve review items (``review.py``).
They talk to a deployed stack through boto3 with the operator's own credentials; nothing here
runs inside a Lambda function.
"""
