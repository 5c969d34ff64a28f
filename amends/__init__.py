"""Amends: an open-source complaint desk that turns every complaint into a recovery."""

__version__ = "0.1.0"
