"""PR Sieve: triage low-effort, AI-generated pull requests with explainable signals."""

__version__ = "0.1.0"
