from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from rcm.lib.pagecache import watch_archive


class FollowupConfig(AppConfig):
    name = "followup"
    verbose_name = _("Follow-up of decisions")

    def ready(self) -> None:
        watch_archive(self)
