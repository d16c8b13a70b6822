from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from declarations.roles import ensure_roles
from rcm.front.seed import seed_load
from rcm.lib.commands import LocalizedCommand


class Command(LocalizedCommand):
    help = gettext_lazy(
        "Load the reference data and the XVII declaration; records already present are left as they are."
    )

    def handle(self, *args, **options) -> None:
        ensure_roles()  # a role's permissions follow the code, also in an existing database
        report = seed_load()
        if report.created:
            self.stdout.write(
                ngettext(
                    "Seed loaded: %(count)s record created.",
                    "Seed loaded: %(count)s records created.",
                    len(report.created),
                )
                % {"count": len(report.created)}
            )
        else:
            self.stdout.write(_("Seed already loaded: nothing changed."))
