"""Inventory lookup: the real-time availability API Salesforce calls while reps quote.

API Gateway (IAM) -> ``functions/inventory_lookup/handler.py`` -> ``api`` (Powertools REST
resolver, validation, OpenAPI) -> ``service`` (cache, time budget, circuit breaker, stale
fallback) -> ``ErpGateway.get_availability`` (one batched call for all misses of a request).
"""
