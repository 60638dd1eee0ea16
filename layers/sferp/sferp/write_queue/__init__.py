"""The Salesforce write queue: flows hand their record changes to a standard SQS queue, and one
writer function takes what arrived in a batching window and writes it through
``sferp.salesforce_writer`` (the cross-invocation batching of issue 13)."""
