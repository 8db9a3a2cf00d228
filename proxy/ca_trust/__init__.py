"""Getting ChatVeil's CA trusted (and untrusted) by the stores browsers and apps consult."""

from proxy.ca_trust.certificate import CaCertificate, ensure_ca, existing_ca
from proxy.ca_trust.stores import (
    ArchStore,
    DebianStore,
    FedoraStore,
    MacLoginKeychain,
    NssDatabase,
    TrustStore,
    WindowsUserRoot,
    bundle_contains,
    system_bundle_paths,
    trust_stores,
)

__all__ = [
    "ArchStore", "CaCertificate", "DebianStore", "FedoraStore", "MacLoginKeychain", "NssDatabase", "TrustStore",
    "WindowsUserRoot", "bundle_contains", "ensure_ca", "existing_ca", "system_bundle_paths", "trust_stores",
]
