"""ChatVeil's addons, in the order they must run. Also a mitmproxy script:

    mitmdump -s proxy/addon.py --set chatveil_policy=policies/default.yaml

Order matters: the Redactor decides, the DecisionLogger records what it decided (and fails the
request closed if it cannot).
"""

from __future__ import annotations


def chatveil_addons() -> list:
    from proxy.canary import Canary
    from proxy.dashboard import Dashboard
    from proxy.file_permissions import FilePermissions
    from proxy.log_addon import DecisionLogger
    from proxy.notifications import WarningNotifier
    from proxy.pac_file import PacServer
    from proxy.redactor import Redactor
    from proxy.response_restorer import ResponseRestorer
    from proxy.tls_watch import TlsWatch
    from proxy.websocket_redactor import WebSocketRedactor

    redactor = Redactor()
    decision_logger = DecisionLogger()
    # The Dashboard and WarningNotifier only read what the Redactor decided; the Redactor finds
    # the Dashboard's AskQueue by name to hold `ask` messages. The Canary answers its self-test
    # host with what the Redactor and DecisionLogger let through, so it comes after them.
    return [FilePermissions(), redactor, WebSocketRedactor(redactor, decision_logger), decision_logger, Dashboard(), WarningNotifier(),
            PacServer(), TlsWatch(), Canary(), ResponseRestorer(redactor)]


# mitmproxy's script loader looks for this module-level name.
addons = chatveil_addons()
