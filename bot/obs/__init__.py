"""Observability: Prometheus metrics, ops routes (health/readiness) and structured logging."""
