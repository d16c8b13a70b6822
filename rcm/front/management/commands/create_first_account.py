import secrets

from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from rcm.lib.commands import LocalizedCommand


class Command(LocalizedCommand):
    help = gettext_lazy(
        "On a database with no account yet, create the staff account 'admin' with a freshly generated "
        "password and print it once; with any account present, do nothing."
    )

    def handle(self, *args, **options) -> None:
        User = get_user_model()
        if User.objects.exists():
            return
        password = secrets.token_urlsafe(12)
        User.objects.create_superuser("admin", email="", password=password)
        self.stdout.write(
            self.style.SUCCESS(
                "\n"
                + _(
                    "First staff account created. Its password is shown this once: sign in at /accounts/login/,\n"
                    "then change it at /accounts/password/. Create the others with: make adduser NAME=... ROLE=editor"
                )
                + "\n"
                + _("    user: %(user)s    password: %(password)s") % {"user": "admin", "password": password}
                + "\n"
            )
        )
