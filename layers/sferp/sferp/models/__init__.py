"""Contracts: events in, documents out. Pydantic models, no I/O."""
