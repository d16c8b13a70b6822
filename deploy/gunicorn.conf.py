"""gunicorn's settings for RCM Tracker in production (docs/deploy.md).

systemd starts `gunicorn -c deploy/gunicorn.conf.py rcm.wsgi` (deploy/systemd/rcm.service) on the socket
that deploy/systemd/rcm.socket listens on, which nginx alone may open; gunicorn takes that socket and
ignores `bind`. Run by hand, it listens where `--bind` says (127.0.0.1:8000 by default).
"""

import multiprocessing
import os

# Sync workers: each serves one request at a time, and nginx buffers slow clients' uploads and downloads,
# so a worker is busy only while Django is. A PDF rendered cold keeps one core busy for a second or two,
# hence two per core and one more, gunicorn's own advice; WEB_CONCURRENCY overrides it.
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))

# The app is loaded once, in the master, with its URLconf (every view module: about 0.8 s) and each
# language's translations, and every worker is forked from it ready. Otherwise each worker loaded them on
# its first request, after every restart and every max_requests replacement: with 2 workers, the first /
# took 1.1-3.2 s and a first /health/ on the other worker 1.9-3.5 s; preloaded, 0.13-0.33 s and 6 ms.
# It is safe because loading opens no database connection, file, socket or thread (the master holds only
# its listening socket and logs): Django connects to PostgreSQL and Redis on a request's first query, the
# caches are reached only by a request, WeasyPrint and its fonts load on a PDF's first render, and the
# apps' ready() only connect signals. The code is then the master's: a HUP (systemctl reload) starts fresh
# workers on the same code, and new code needs systemctl restart (docs/deploy.md).
preload_app = True


def when_ready(server) -> None:
    """In the master, once the app is loaded: what each worker would otherwise load on its first request."""
    from django.conf import settings
    from django.urls import get_resolver
    from django.utils import translation

    get_resolver().resolve("/")  # imports the URLconf, hence every view, and fills the resolver
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            translation.gettext("Decisions")


# A request still running after 30 s is killed and its worker replaced: the largest import the limits
# allow takes a third of that (bench/import.py), so only a stuck request gets there. nginx waits a little
# longer (proxy_read_timeout 35s), so that it is gunicorn that ends it, and says so in its log.
timeout = 30
graceful_timeout = 30

# WeasyPrint's memory grows with the largest PDF a worker has rendered: a worker is replaced after about
# a thousand requests (spread, so that they are not all replaced at once).
max_requests = 1000
max_requests_jitter = 100

# The proxy says which requests came over HTTPS with X-Forwarded-Proto alone, as Django reads it
# (SECURE_PROXY_SSL_HEADER): gunicorn's other two headers, which nginx does not set but a client could,
# would otherwise make gunicorn refuse a request whose headers disagree. Trusted from nginx over the unix
# socket, and from the addresses in FORWARDED_ALLOW_IPS when the proxy connects over TCP from another
# machine (docs/deploy.md, "More than one app server").
secure_scheme_headers = {"X-FORWARDED-PROTO": "https"}
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")

# No control socket (gunicornc, new in gunicorn 25): systemctl reload and restart do what it would, and
# it would be one more socket to secure, made in the home folder of whoever starts gunicorn.
control_socket_disable = True

# Logs: files in /var/log/rcm when systemd made that folder (LogsDirectory=rcm sets LOGS_DIRECTORY),
# rotated by deploy/logrotate/rcm; the console otherwise. What Django logs goes to the error log.
_logs = os.environ.get("LOGS_DIRECTORY")
accesslog = f"{_logs}/access.log" if _logs else "-"
errorlog = f"{_logs}/error.log" if _logs else "-"
capture_output = True
# The client's address is the last one nginx appended to X-Forwarded-For (rcm.lib.signin.client_address
# reads the same); the connection's own address is nginx's. The time taken is in milliseconds.
access_log_format = '%({x-forwarded-for}i)s - %(t)s "%(r)s" %(s)s %(B)s %(M)sms "%(f)s" "%(a)s"'
