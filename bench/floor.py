"""The floor of bench/load.py: the least a Django page can cost, served by the same gunicorn settings.

A Django project in one file, with only SecurityMiddleware and CommonMiddleware and one view returning a
short page, no database, no template:

    .venv/bin/python -m gunicorn --chdir bench floor:application
"""

import secrets

import django
from django.conf import settings
from django.core.wsgi import get_wsgi_application
from django.http import HttpResponse
from django.urls import path


def floor(request):
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("", floor)]

settings.configure(
    DEBUG=False,
    SECRET_KEY=secrets.token_urlsafe(40),
    ALLOWED_HOSTS=["127.0.0.1", "localhost"],
    ROOT_URLCONF=__name__,
    MIDDLEWARE=["django.middleware.security.SecurityMiddleware", "django.middleware.common.CommonMiddleware"],
    INSTALLED_APPS=[],
    DATABASES={},
    USE_I18N=False,
)
django.setup()
application = get_wsgi_application()
