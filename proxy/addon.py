"""ChatVeil's addons, in the order they must run. Also a mitmproxy script:

    mitmdump -s proxy/addon.py --set chatveil_policy=policies/default.yaml

Order matters: the Redactor decides, the DecisionLogger records what it decided (and fails the
request closed if it cannot).
"""

from __future__ import annotations


def chatveil_addons() -> list:
    from proxy.file_permissions import FilePermissions
    from proxy.log_addon import DecisionLogger
    from proxy.redactor import Redactor
    from proxy.websocket_redactor import WebSocketRedactor

    redactor = Redactor()
    return [FilePermissions(), redactor, WebSocketRedactor(redactor), DecisionLogger()]


# mitmproxy's script loader looks for this module-level name.
addons = chatveil_addons()
