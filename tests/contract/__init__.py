"""Contract suites: one set of promises per port, run against every adapter."""
