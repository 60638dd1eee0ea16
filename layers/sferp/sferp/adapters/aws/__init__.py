"""AWS adapters of the shared kernel (boto3 only here and in each flow's ``aws`` module):
the DynamoDB version guard, Powertools Idempotency on DynamoDB, the SQS dead-letter queue and
retry back-off, and the S3 artifact store. Clients are typed with the boto3 stubs (dev only)."""
