"""Customer master data, Salesforce Account <-> ERP customer (issue 12; partly built)."""
