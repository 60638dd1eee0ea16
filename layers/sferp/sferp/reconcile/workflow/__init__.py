"""The nightly reconciliation workflow: Step Functions definition, task logic and stores.

``definition`` builds the state machine (the CDK construct and the local runner use the same
function), ``tasks`` holds the logic of every step, ``stores`` the S3 artifacts, the run ledger
with the watermark, and the review queue; ``app`` composes them for the Lambda handler.
See docs/reconciliation.md ("The workflow").
"""
