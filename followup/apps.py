from django.apps import AppConfig

from rcm.lib.pagecache import watch_archive


class FollowupConfig(AppConfig):
    name = "followup"
    verbose_name = "Follow-up of decisions"

    def ready(self) -> None:
        watch_archive(self)
