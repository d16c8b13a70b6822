from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.http import HttpRequest
from django.utils.translation import gettext_lazy


class SuperuserAdminSite(admin.AdminSite):
    """Django's admin, for superusers only: it is the fallback, the staff screens are the tool."""

    site_header = gettext_lazy("RCM Tracker administration")
    site_title = gettext_lazy("RCM Tracker admin")

    def has_permission(self, request: HttpRequest) -> bool:
        return request.user.is_active and request.user.is_superuser


class SuperuserAdminConfig(AdminConfig):
    default_site = "rcm.lib.admin_site.SuperuserAdminSite"
