from django.apps import AppConfig

from rcm.lib.pagecache import watch_archive


class DecisionsConfig(AppConfig):
    name = "decisions"

    def ready(self) -> None:
        from decisions.models import Decision, Link, Mention
        from declarations.access import guard

        guard(Decision, Mention, Link)
        watch_archive(self)
