"""The local dashboard: a page on 127.0.0.1 showing what ChatVeil did, and the held `ask` messages."""

from proxy.dashboard.addon import Dashboard

__all__ = ["Dashboard"]
