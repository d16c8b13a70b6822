from django.apps import AppConfig

from rcm.lib.pagecache import watch_archive


class DeclarationsConfig(AppConfig):
    name = "declarations"
    verbose_name = "Conferences and declarations"

    def ready(self) -> None:
        from declarations.access import guard
        from declarations.models import Conference, Declaration, Paragraph, Participation

        guard(Conference, Participation, Declaration, Paragraph)
        watch_archive(self)
