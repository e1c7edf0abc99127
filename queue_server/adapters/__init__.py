"""Adapters: SQLAlchemy persistence and the event fan-out."""
