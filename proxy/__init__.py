"""ChatVeil: a local mitmproxy addon that keeps personal details out of chat messages sent to AI services."""

__version__ = "0.1.0"
