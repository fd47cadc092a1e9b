"""Practice Hub: a cross-lingual catalogue of equality and integration practices."""

__version__ = "0.1.0"
