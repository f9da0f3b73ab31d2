"""System checks for settings that are each fine alone but wrong together."""

from django.conf import settings
from django.core import checks


@checks.register(checks.Tags.security)
def proxy_addresses(app_configs, **kwargs):
    """Behind the TLS proxy every request comes from the proxy's address unless the
    app is told how many proxies append to X-Forwarded-For: then every reader shares
    one comment rate limit and every stored address is the proxy's."""
    if getattr(settings, "BEHIND_TLS_PROXY", False) and not settings.NUM_PROXIES:
        return [
            checks.Warning(
                "BEHIND_TLS_PROXY is on but NUM_PROXIES is 0: every reader will have the "
                "proxy's address (one comment rate limit for the whole site).",
                hint="Set NUM_PROXIES=1 for the nginx recipe in deploy/ (one proxy).",
                id="doggydiary.W001",
            )
        ]
    return []


@checks.register(checks.Tags.security, deploy=True)
def public_address(app_configs, **kwargs):
    """Without SITE_URL, canonical links, feeds, the sitemap, robots.txt and the
    moderators' emails are built from the request's Host header."""
    if not settings.DEBUG and not settings.SITE_URL:
        return [
            checks.Error(
                "SITE_URL is not set: public links would come from the request's Host.",
                hint="Set SITE_URL to the public address, e.g. https://doggydiary.example.",
                id="doggydiary.E001",
            )
        ]
    return []
