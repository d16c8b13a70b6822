from django.core.management.base import BaseCommand

from declarations.roles import ensure_roles
from rcm.front.seed import seed_load


class Command(BaseCommand):
    help = "Load the reference data and the XVII declaration; records already present are left as they are."

    def handle(self, *args, **options) -> None:
        ensure_roles()  # a role's permissions follow the code, also in an existing database
        report = seed_load()
        if report.created:
            self.stdout.write(f"Seed loaded: {len(report.created)} records created.")
        else:
            self.stdout.write("Seed already loaded: nothing changed.")
