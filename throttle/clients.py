"""Who is asking: the key a request's limits are counted under."""

import ipaddress

from django.conf import settings


def client_address(request) -> str:
    """Return the address of the client of ``request``.

    Behind a reverse proxy (``DJANGO_BEHIND_PROXY``) that is the last address of
    ``X-Forwarded-For``, which the proxy itself appended; anything before it was
    written by the client and proves nothing. Otherwise the peer address.
    """
    address = request.META.get("REMOTE_ADDR", "")
    if getattr(settings, "BEHIND_PROXY", False):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded.strip():
            address = forwarded.split(",")[-1].strip()
    return address


def client_key(request) -> str:
    """Return the key one client's requests are counted under: its IPv4 address, or its IPv6 /64
    network (one host usually has a whole /64 to pick addresses from)."""
    try:
        ip = ipaddress.ip_address(client_address(request))
    except ValueError:
        return "unknown"
    if ip.version == 6:
        if ip.ipv4_mapped:
            return str(ip.ipv4_mapped)
        return str(ipaddress.ip_network(f"{ip}/64", strict=False))
    return str(ip)
