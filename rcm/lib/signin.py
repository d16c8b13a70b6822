"""Sign-in throttling with django-axes: the client's address behind the proxy, and a limit per address."""

import ipaddress

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum
from django.http import HttpRequest

# Failed sign-ins from one address, whatever the usernames, after which that address waits out the
# cool-off too: five per account and address stop guessing one password, not trying many accounts.
ADDRESS_FAILURE_LIMIT = 20


def client_address(request: HttpRequest) -> str | None:
    """The address of the client (AXES_CLIENT_IP_CALLABLE).

    Behind the TLS-terminating proxy (SECURE_PROXY_SSL_HEADER_ENABLED) every connection comes from the
    proxy, which appends the address it was connected from to X-Forwarded-For: that last entry is the
    client's, and whatever comes before it is what the client sent and may be forged. Without a proxy the
    header is anyone's to write, and only the connection's address is trusted.
    """
    connection = request.META.get("REMOTE_ADDR")  # None for requests made in code (force_login)
    if not settings.SECURE_PROXY_SSL_HEADER:
        return connection
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").rsplit(",", 1)[-1].strip()
    try:
        return str(ipaddress.ip_address(forwarded))
    except ValueError:
        return connection


class AddressLimitedHandler(AxesDatabaseHandler):
    """Axes' own handler (a lock per account and address), which also locks an address that failed
    ADDRESS_FAILURE_LIMIT times in the cool-off, whatever the usernames. Axes has one failure limit for
    all its lockout parameters, so the address's own, higher limit is checked here (AXES_HANDLER)."""

    def is_locked(self, request: HttpRequest, credentials: dict | None = None) -> bool:
        return super().is_locked(request, credentials) or self.address_failures(request) >= ADDRESS_FAILURE_LIMIT

    def address_failures(self, request: HttpRequest) -> int:
        attempts = AccessAttempt.objects.filter(
            ip_address=request.axes_ip_address, attempt_time__gte=get_cool_off_threshold(request)
        )
        return attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0
