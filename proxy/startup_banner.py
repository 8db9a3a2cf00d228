"""Prints, once the proxy listens, what a user needs: where it is, what it inspects, the CA."""

from __future__ import annotations

import os

from mitmproxy import ctx


class StartupBanner:
    def running(self) -> None:
        redactor = ctx.master.addons.get("redactor")
        server = ctx.master.addons.get("proxyserver")
        addresses = ", ".join(f"{a[0]}:{a[1]}" for a in server.listen_addrs()) if server else "?"
        policy = redactor.policy if redactor else None
        confdir = os.path.expanduser(ctx.options.confdir)
        lines = [
            f"ChatVeil is listening on {addresses}",
            f"  policy:    {policy.name} ({policy.source})" if policy else "  policy:    (none)",
            f"  inspects:  {', '.join(policy.hosts)}" if policy else "",
            "  every other host is passed through without decryption",
            f"  CA certificate: {os.path.join(confdir, 'mitmproxy-ca-cert.pem')} (trust it to let ChatVeil read "
            "chat traffic; or browse to http://mitm.it through the proxy)",
            f"  redaction log:  {ctx.master.addons.get('decisionlogger').log.path}",
            _dashboard_line(),
        ]
        print("\n".join(line for line in lines if line), flush=True)


def _dashboard_line() -> str:
    dashboard = ctx.master.addons.get("dashboard")
    url = getattr(dashboard, "url", None)
    return f"  dashboard:      {url} (this address is your key to it: do not share it)" if url else ""
