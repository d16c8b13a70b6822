from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FrontConfig(AppConfig):
    name = "rcm.front"
    label = "front"
    verbose_name = _("Pages and commands that span the archive")

    def ready(self) -> None:
        from rcm.front.prerender import watch_writes

        watch_writes()
