"""CloudFormation stacks: each composes constructs and owns tags, cdk-nag and cross-construct wiring."""
