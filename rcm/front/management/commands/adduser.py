import getpass
from pathlib import Path

from django.contrib.auth import get_user_model, password_validation
from django.core.exceptions import ValidationError
from django.core.management.base import CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from declarations.roles import ROLES, ensure_roles
from rcm.lib.commands import LocalizedCommand


class Command(LocalizedCommand):
    help = gettext_lazy(
        "Create an account with a role: editor, publisher or delegate. Asks for the password unless given a file."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("name", help=gettext_lazy("the name to sign in with"))
        parser.add_argument("--role", required=True, choices=sorted(ROLES))
        parser.add_argument("--email", default="")
        parser.add_argument(
            "--password-file", type=Path, help=gettext_lazy("read the password from the first line of this file")
        )

    def handle(self, *args, name: str, role: str, email: str, password_file: Path | None, **options) -> None:
        User = get_user_model()
        try:
            User._meta.get_field(User.USERNAME_FIELD).clean(name, None)
        except ValidationError as error:
            raise CommandError(
                _("Not a usable name %(name)r: %(problems)s") % {"name": name, "problems": " ".join(error.messages)}
            ) from None
        if User.objects.filter(username=name).exists():
            raise CommandError(_("An account named %(name)r exists already.") % {"name": name})
        password = self._password(password_file)
        user = User(username=name, email=email)
        try:
            password_validation.validate_password(password, user)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        user.set_password(password)
        user.save()
        user.groups.add(ensure_roles()[role])
        self.stdout.write(self.style.SUCCESS(_("Created %(name)s as %(role)s.") % {"name": name, "role": role}))

    def _password(self, password_file: Path | None) -> str:
        if password_file:
            try:
                lines = password_file.read_text(encoding="utf-8").splitlines()
            except OSError as error:
                raise CommandError(
                    _("Cannot read %(file)s: %(problem)s.") % {"file": password_file, "problem": error.strerror}
                ) from None
            if not lines or not lines[0]:
                raise CommandError(
                    _("%(file)s is empty: its first line must be the password.") % {"file": password_file}
                )
            return lines[0]
        password = getpass.getpass(_("Password: "))
        if password != getpass.getpass(_("Password again: ")):
            raise CommandError(_("The two passwords differ; nothing was created."))
        return password
