"""E-mail addresses, validated against the bundled Public Suffix List snapshot."""

from __future__ import annotations

import tldextract
from presidio_analyzer.predefined_recognizers import EmailRecognizer

# Presidio's EmailRecognizer calls `tldextract.extract`, whose default extractor downloads the
# Public Suffix List on first use. `suffix_list_urls=()` makes it use the snapshot shipped inside
# the tldextract package, and `cache_dir=None` keeps it from writing a cache file: no network,
# no disk.
_OFFLINE_EXTRACT = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)


class OfflineEmailRecognizer(EmailRecognizer):
    def validate_result(self, pattern_text: str) -> bool:
        return _OFFLINE_EXTRACT(pattern_text.rsplit("@", 1)[-1]).suffix != ""
