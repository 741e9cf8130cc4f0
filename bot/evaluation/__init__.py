"""Evaluation: the fixed split and protocol of ``../shared/data/README.md``."""
