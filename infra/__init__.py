"""The sferp CDK app: composition root (app.py), typed config, stacks and constructs."""
